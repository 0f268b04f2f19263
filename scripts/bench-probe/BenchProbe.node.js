'use strict';
// Bench-only n8n node (scripts/bench-n8n.ts installs it next to ours in the bench's n8n; never
// shipped). Modes:
//   orders  makes `count` invoices from a JSON template, numbered `${prefix}0001`...
//   mark    records this process's CPU time and the emulator's peak of calls in flight
//   plain   the baseline: the same calls as our node, as plain this.helpers.httpRequest calls
//           (key fetched once, not timed), `concurrency` in flight, timed here. `variant` adds
//           what n8n itself costs any node like ours, to tell n8n's share from ours:
//             plain  the number / invoice taken from item.json, httpRequest;
//             auth   + httpRequestWithAuthentication with our credential type, passing the
//                    same credentialsDecrypted object every call (key already in it), as ours;
//                    for PDFs also the envelope decoded and the bytes handed to n8n's
//                    prepareBinaryData (every item's binary, as our output has): n8n's floor;
//             expr   plain, but the value read per item with getNodeParameter of `value`
//                    (={{ $json.number }} or ={{ $json.invoice }}): what n8n's expression
//                    engine costs a node that reads its parameters that way (ours does not,
//                    for plain field references: nodes/FacturasApp/readParam.ts).
const { performance } = require('perf_hooks');

const SERVICES = '/ApiGateway/ApiExternal/Invoice/api/InvoiceServices';
const cpuUs = () => {
	const u = process.cpuUsage();
	return u.user + u.system;
};

class BenchProbe {
	constructor() {
		const s = (name, type = 'string', def = '') => ({
			displayName: name,
			name,
			type,
			default: def,
		});
		this.description = {
			displayName: 'Bench Probe',
			name: 'benchProbe',
			group: ['transform'],
			version: 1,
			description: 'Bench only',
			defaults: { name: 'Bench Probe' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				s('mode'),
				s('url'),
				s('operation'),
				s('prefix'),
				s('marker'),
				s('template'),
				s('user'),
				s('password'),
				s('count', 'number', 0),
				s('concurrency', 'number', 1),
				s('variant', 'string', 'plain'),
				s('value'),
			],
		};
	}

	async execute() {
		const p = (name) => this.getNodeParameter(name, 0);
		const url = p('url');
		const items = this.getInputData();
		const peak = async () =>
			await this.helpers.httpRequest({ method: 'POST', url: `${url}/__emulator/peak`, json: true });
		const mode = p('mode');
		if (mode === 'orders') {
			const template = p('template');
			const marker = p('marker');
			return [
				Array.from({ length: p('count') }, (_, i) => {
					const number = `${p('prefix')}${String(i + 1).padStart(4, '0')}`;
					const invoice = JSON.parse(template.split(marker).join(number));
					invoice.currentNumber = i + 1; // the numeric part of the number, as FacturasApp wants
					return { json: { number, invoice }, pairedItem: { item: 0 } };
				}),
			];
		}
		if (mode === 'mark') {
			// CPU read last before the node under test and first after it.
			if (p('operation') === 'before') {
				const at = await peak();
				const mark = { cpuUs: cpuUs(), at };
				return [
					items.map((item, i) => ({
						json: i === 0 ? { ...item.json, benchMark: mark } : item.json,
						pairedItem: { item: i },
					})),
				];
			}
			const cpu = cpuUs();
			const at = await peak();
			return [
				[
					{
						json: {
							benchMark: { cpuUs: cpu, at },
							items: items.length,
							errors: items.filter((i) => i.json.error !== undefined).length,
						},
						pairedItem: { item: 0 },
					},
				],
			];
		}
		// plain
		const login = await this.helpers.httpRequest({
			method: 'POST',
			url: `${url}/ApiGateway/AppSecurity/ApiKey`,
			body: { User: p('user'), Password: p('password') },
			json: true,
		});
		const key = Array.isArray(login) ? login[0] : login;
		const operation = p('operation');
		const variant = p('variant');
		const decrypted = {
			id: 'benchProbeCred',
			name: 'bench probe',
			type: 'facturasAppApi',
			data: {
				environment: 'custom',
				baseUrl: url,
				user: p('user'),
				password: p('password'),
				apiKey: key,
			},
		};
		const valueOf = (i) =>
			variant === 'expr'
				? this.getNodeParameter('value', i)
				: operation === 'create'
					? items[i].json.invoice
					: items[i].json.number;
		const send = (options) =>
			variant === 'auth'
				? this.helpers.httpRequestWithAuthentication.call(this, 'facturasAppApi', options, {
						credentialsDecrypted: decrypted,
					})
				: this.helpers.httpRequest(options);
		const request = (value) => {
			const base = {
				headers:
					variant === 'auth'
						? { Accept: 'application/json' }
						: { 'X-API-KEY': key, Accept: 'application/json' },
				json: false,
				encoding: 'arraybuffer',
				returnFullResponse: true,
			};
			if (operation === 'create')
				return {
					...base,
					method: 'POST',
					url: `${url}${SERVICES}/AddInvoice`,
					body: value,
				};
			if (operation === 'getState')
				return {
					...base,
					method: 'GET',
					url: `${url}${SERVICES}/GetInvoiceStateByNumber/${encodeURIComponent(value)}`,
				};
			return {
				...base,
				method: 'POST',
				url: `${url}${SERVICES}/PDFInvoice`,
				qs: { invoiceNumber: value },
			};
		};
		await peak();
		const cpu = cpuUs();
		const t = performance.now();
		let next = 0;
		const binaries = [];
		await Promise.all(
			Array.from({ length: Math.max(1, p('concurrency')) }, async () => {
				while (next < items.length) {
					const response = await send(request(valueOf(next++)));
					if (variant === 'auth' && operation === 'getPdf') {
						const body = Buffer.from(response.body);
						const pdf =
							body.subarray(0, 5).toString('latin1') === '%PDF-'
								? body
								: Buffer.from(JSON.parse(body.toString('utf8')).toolObject, 'base64');
						binaries.push(await this.helpers.prepareBinaryData(pdf, 'x.pdf', 'application/pdf'));
					}
				}
			}),
		);
		const ms = performance.now() - t;
		const used = cpuUs() - cpu;
		const at = await peak();
		return [
			[
				{
					json: {
						ms,
						cpuUs: used,
						maxInFlight: at.maxInFlight,
						n: items.length,
						binaries: binaries.length,
					},
					pairedItem: { item: 0 },
				},
			],
		];
	}
}

module.exports = { BenchProbe };
