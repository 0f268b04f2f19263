// The router knows no operation: every operation the node offers is one self-describing module,
// each execution gets its own run context, and a failed item is described by its operation.
import nock from 'nock';
import type { INodeProperties } from 'n8n-workflow';

import { FacturasApp } from '../../../nodes/FacturasApp/FacturasApp.node';
import { operations } from '../../../nodes/FacturasApp/actions/router';
import { BASE, KEY, LOGIN, runNode, sampleBody, SERVICES } from '../helpers/runNode';

const properties = new FacturasApp().description.properties;
const FAST = { maxRetries: 0, timeout: 2 };

/** [resource, operation] for every operation the node's Operation dropdowns offer. */
function offered(): Array<[string, string]> {
	const resources = properties.find((p) => p.name === 'resource')!.options as Array<{
		value: string;
	}>;
	return resources.flatMap(({ value: resource }) =>
		properties
			.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource)
			.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => [resource, o.value])),
	) as Array<[string, string]>;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('operations', () => {
	it('every operation offered has its module under the same value, and every module is offered', () => {
		const modules = Object.entries(operations).flatMap(([resource, ops]) =>
			Object.keys(ops).map((operation) => [resource, operation]),
		);
		expect(offered().sort()).toEqual(modules.sort());
	});

	it("each operation's parameters show only for its resource and operation", () => {
		for (const [resource, ops] of Object.entries(operations)) {
			for (const [operation, op] of Object.entries(ops)) {
				expect(op.description.length).toBeGreaterThan(0);
				for (const p of op.description as INodeProperties[]) {
					expect([p.name, p.displayOptions?.show?.resource]).toEqual([p.name, [resource]]);
					expect([p.name, p.displayOptions?.show?.operation]).toEqual([p.name, [operation]]);
				}
			}
		}
	});

	it('Create runs one item at a time whatever the options; reads take the Concurrency option', () => {
		expect(operations.invoice.create.concurrency({ concurrency: 7 })).toBe(1);
		expect(operations.invoice.getState.concurrency({ concurrency: 7 })).toBe(7);
		expect(operations.invoice.getPdf.concurrency({})).toBe(5);
	});
});

describe('run context', () => {
	const consecutives = (last: number) =>
		nock(BASE, { reqheaders: { 'X-API-KEY': KEY } })
			.get(`${SERVICES}/GetConsecutives`)
			.reply(200, {
				facturasDeAlta: [{ prefijo: 'RUN', consecutivoActual: last, isDefault: true }],
			});

	it('each execution reads the series counter afresh: nothing of one run reaches the next', async () => {
		const sent: string[] = [];
		nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.times(2)
			.reply(200, (_uri, body) => {
				sent.push((body as { invoiceNumber: string }).invoiceNumber);
				return { id: sent.length, messages: null, isError: false, toolObject: null };
			});
		const params = {
			resource: 'invoice',
			operation: 'create',
			numbering: 'next',
			seriesPrefix: 'RUN',
			inputMode: 'json',
			invoiceJson: JSON.stringify(sampleBody('placeholder-1')),
			options: FAST,
		};
		for (const last of [5, 9]) {
			nock(BASE).post(LOGIN).reply(200, [KEY]);
			const read = consecutives(last);
			const result = await runNode({ params });
			expect(result.error).toBeUndefined();
			expect(read.isDone()).toBe(true);
		}
		// The second execution took its number from its own read (9), not from the first run's.
		expect(sent).toEqual(['RUN0006', 'RUN0010']);
	});
});

describe('failed items are described by their operation', () => {
	it('Get State: a number refused before any call still names the item', async () => {
		const result = await runNode({
			params: { resource: 'invoice', operation: 'getState', invoiceNumber: 'FA/1', options: FAST },
			continueOnFail: true,
		});
		expect(result.output!.map((o) => o.json)).toEqual([
			expect.objectContaining({
				invoiceNumber: 'FA/1',
				error: expect.stringContaining('Invoice Number contains "/"'),
			}),
		]);
	});

	it('Create with Next in Series: an item that got no number carries none', async () => {
		nock(BASE).post(LOGIN).reply(200, [KEY]);
		nock(BASE).get(`${SERVICES}/GetConsecutives`).reply(200, { facturasDeAlta: [] });
		const result = await runNode({
			params: {
				resource: 'invoice',
				operation: 'create',
				numbering: 'next',
				seriesPrefix: 'NONE',
				invoiceNumber: 'FA2026-0009',
				inputMode: 'json',
				invoiceJson: JSON.stringify(sampleBody('FA2026-0009')),
				options: FAST,
			},
			continueOnFail: true,
		});
		const [item] = result.output!.map((o) => o.json);
		expect(item.error).toContain('Series');
		expect(item).not.toHaveProperty('invoiceNumber');
	});
});
