// What Create and Get State put on their items (issue 19 "Output", issue 16 point 6 aeatQrUrl,
// issue 19 "AI agents"). Expected values are computed by hand here, not by the builder.
import nock from 'nock';

import { FacturasApp } from '../../../nodes/FacturasApp/FacturasApp.node';

import { buildDraft } from '../invoice/helpers';
import { BASE, KEY, LOGIN, runNode, sampleBody, SERVICES } from '../helpers/runNode';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getToolDescriptionForNode } = require('n8n-workflow/dist/cjs/node-helpers.js') as {
	getToolDescriptionForNode: (node: unknown, nodeType: unknown) => string;
};

// The numbering check (is the number the next of its series?) has its own tests: off here.
const FAST = { maxRetries: 0, timeout: 2, checkNumberIsNext: false };
const ISSUER = { issuerNif: '89890001K', invoicingMode: 'verifactu' };
const ok = (id: number) => ({ id, messages: 'Factura creada', isError: false, toolObject: null });

const create = (body: unknown, options: Record<string, unknown> = FAST) => ({
	resource: 'invoice',
	operation: 'create',
	inputMode: 'json',
	invoiceJson: JSON.stringify(body),
	options,
});
const getState = (invoiceNumber: string) => ({
	resource: 'invoice',
	operation: 'getState',
	invoiceNumber,
	options: FAST,
});

/** AEAT's example invoice: 12345678&G33 of 01-01-2024, 241.40 (199.50 + 21 % IVA = 41.895 → 41.90). */
const aeatExample = () =>
	buildDraft({
		number: '12345678&G33',
		date: '2024-01-01',
		time: '10:00',
		customer: { name: 'Cliente SL', identificationType: '02', identification: 'B12345674' },
		lines: [{ description: 'Servicio', quantity: 1, unitPrice: '199.50', taxRate: 21 }],
	});
const AEAT_EXAMPLE_URL =
	'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4';

function issue(number: string) {
	nock(BASE).post(LOGIN).reply(200, [KEY]);
	return nock(BASE)
		.post(`${SERVICES}/AddInvoice`, (body) => body.invoiceNumber === number)
		.reply(200, ok(501));
}
function stateAnswer(number: string, toolObject: unknown) {
	nock(BASE).post(LOGIN).reply(200, [KEY]);
	nock(BASE)
		.get(`${SERVICES}/GetInvoiceStateByNumber/${encodeURIComponent(number)}`)
		.reply(200, { id: 0, messages: null, isError: false, toolObject });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Create output', () => {
	it('puts what a next node maps first and flat: number, date, customer, amounts, currency', async () => {
		// 2 × 10.00 at IVA 21 %: base 20.00, tax 4.20, total 24.20.
		issue('FA2026-0001');
		const result = await runNode({ params: create(sampleBody('FA2026-0001')) });
		expect(result.error).toBeUndefined();
		const { json } = result.output![0];
		expect(Object.keys(json).slice(0, 10)).toEqual([
			'invoiceNumber',
			'issueDate',
			'customerName',
			'customerTaxId',
			'taxableBase',
			'tax',
			'total',
			'amountDue',
			'currency',
			'id',
		]);
		expect(json).toMatchObject({
			invoiceNumber: 'FA2026-0001',
			issueDate: '2026-11-20',
			customerName: 'Ferretería López SL',
			customerTaxId: 'B12345674',
			taxableBase: 20,
			tax: 4.2,
			total: 24.2,
			amountDue: 24.2,
			currency: 'EUR',
			id: 501,
		});
	});

	it('keeps the request and the answer under one raw key, and messages only once', async () => {
		issue('FA2026-0001');
		const body = sampleBody('FA2026-0001');
		const result = await runNode({ params: create(body) });
		const { json } = result.output![0];
		expect(json.raw).toEqual({ request: body, response: ok(501) });
		expect(Object.keys(json).at(-1)).toBe('raw');
		expect(JSON.stringify(json).match(/"messages"/g)).toHaveLength(1);
		expect(json).not.toHaveProperty('requestBody');
		expect(json).not.toHaveProperty('response');
	});

	it('an individual without a NIF has customerTaxId null, not a made-up one', async () => {
		const body = buildDraft({
			number: 'FA2026-0002',
			date: '2026-11-20',
			time: '10:00',
			customer: { name: 'Ana Pérez', personType: 'individual' },
			lines: [{ description: 'Taza', quantity: 1, unitPrice: '8.00', taxRate: 21 }],
		});
		issue('FA2026-0002');
		const result = await runNode({ params: create(body) });
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({
			customerName: 'Ana Pérez',
			customerTaxId: null,
			total: 9.68,
		});
	});

	it('IRPF withheld: total is the invoice total, amountDue what the customer pays', async () => {
		// 100.00 at IVA 21 % with IRPF 15 %: total 121.00, withheld 15.00, due 106.00.
		const body = buildDraft({
			number: 'FA2026-0003',
			date: '2026-11-20',
			time: '10:00',
			customer: { name: 'Cliente SL', identificationType: '02', identification: 'B12345674' },
			lines: [{ description: 'Asesoría', quantity: 1, unitPrice: '100.00', taxRate: 21, irpf: 15 }],
		});
		issue('FA2026-0003');
		const result = await runNode({ params: create(body) });
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({
			taxableBase: 100,
			tax: 21,
			total: 121,
			amountDue: 106,
		});
	});

	it("carries AEAT's own example verification URL when the credential has the issuer NIF", async () => {
		issue('12345678&G33');
		const result = await runNode({ params: create(aeatExample()), credentials: ISSUER });
		expect(result.error).toBeUndefined();
		expect(result.output![0].json.aeatQrUrl).toBe(AEAT_EXAMPLE_URL);
	});

	it.each([
		['test', 'verifactu', 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?'],
		['custom', 'verifactu', 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?'],
		['test', 'noVerifactu', 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?'],
		['production', 'verifactu', 'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?'],
		[
			'production',
			'noVerifactu',
			'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?',
		],
	])('environment %s, invoicing mode %s: %s', async (environment, invoicingMode, prefix) => {
		// The environment picks the FacturasApp host too: answer wherever the node sends.
		const host =
			environment === 'production'
				? 'https://www.facturasapp.com'
				: environment === 'test'
					? 'https://facturasapp-qa.cenet.ws'
					: BASE;
		nock(host).post(LOGIN).reply(200, [KEY]);
		nock(host).post(`${SERVICES}/AddInvoice`).reply(200, ok(7));
		const result = await runNode({
			params: create(aeatExample()),
			credentials: { ...ISSUER, environment, invoicingMode },
		});
		expect(result.error).toBeUndefined();
		const url = String(result.output![0].json.aeatQrUrl);
		expect(url.startsWith(prefix)).toBe(true);
		expect(url.slice(prefix.length)).toBe(AEAT_EXAMPLE_URL.split('?')[1]);
	});

	it.each([
		['FA+2026 7', 'FA%2B2026%207'],
		['A&B 0001', 'A%26B%200001'],
	])('encodes the number %s as %s in numserie', async (number, encoded) => {
		const body = { ...aeatExample(), invoiceNumber: number };
		issue(number);
		const result = await runNode({ params: create(body), credentials: ISSUER });
		expect(result.error).toBeUndefined();
		const url = String(result.output![0].json.aeatQrUrl);
		expect(url).toContain(`&numserie=${encoded}&`);
		expect(new URL(url).searchParams.get('numserie')).toBe(number);
	});

	it('has no aeatQrUrl (and no note) without an issuer NIF in the credential', async () => {
		issue('12345678&G33');
		const result = await runNode({ params: create(aeatExample()) });
		expect(result.output![0].json).not.toHaveProperty('aeatQrUrl');
		expect(result.output![0].json).not.toHaveProperty('aeatQrUrlNote');
	});

	it('explains a malformed issuer NIF instead of building a wrong URL', async () => {
		issue('12345678&G33');
		const result = await runNode({
			params: create(aeatExample()),
			credentials: { issuerNif: 'B123' },
		});
		expect(result.output![0].json).not.toHaveProperty('aeatQrUrl');
		expect(result.output![0].json.aeatQrUrlNote).toContain('not 9 letters or digits');
	});
});

describe('Get State output', () => {
	it('builds aeatQrUrl from the date and total the state answer carries', async () => {
		stateAnswer('12345678&G33', {
			state: 'Correcto',
			invoiceDate: '2024-01-01T12:00:00.000Z',
			sumTotalTotal: 241.4,
		});
		const result = await runNode({ params: getState('12345678&G33'), credentials: ISSUER });
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({
			invoiceNumber: '12345678&G33',
			summary: { outcome: 'accepted' },
			aeatQrUrl: AEAT_EXAMPLE_URL,
		});
	});

	it("reads date and total from a verification URL in FacturasApp's answer", async () => {
		stateAnswer('12345678&G33', {
			estado: 'Correcto',
			urlQR:
				'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.40',
		});
		const result = await runNode({ params: getState('12345678&G33'), credentials: ISSUER });
		expect(result.output![0].json.aeatQrUrl).toBe(AEAT_EXAMPLE_URL);
	});

	it('says why there is no URL when the answer has no date and total', async () => {
		stateAnswer('FA2026-0001', { state: 'Correcto', website: 'https://example.es/ValidarQR' });
		const result = await runNode({ params: getState('FA2026-0001'), credentials: ISSUER });
		const { json } = result.output![0];
		expect(json).not.toHaveProperty('aeatQrUrl');
		expect(json.aeatQrUrlNote).toContain('no issue date and total');
		expect(json.aeatQrUrlNote).toContain('Create output');
	});
});

describe('Get State as an AI agent tool', () => {
	const asTool = { type: 'n8n-nodes-facturasapp.facturasAppTool' };

	it('answers small and flat: number, state, rejected, AEAT code and message, aeatQrUrl', async () => {
		stateAnswer('FA2026-0003', {
			invoiceNumber: 'FA2026-0003',
			state: 'Incorrecto',
			aeatCode: '4107',
			aeatDescription: 'El NIF del destinatario no está identificado',
			invoiceDate: '2026-11-20',
			sumTotalTotal: 24.2,
			internal: { lots: 'of', other: ['fields'] },
		});
		const result = await runNode({
			params: getState('FA2026-0003'),
			credentials: ISSUER,
			node: asTool,
		});
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toEqual({
			invoiceNumber: 'FA2026-0003',
			status: 'Incorrecto',
			outcome: 'rejected',
			final: true,
			rejected: true,
			aeatCode: '4107',
			aeatDescription: 'El NIF del destinatario no está identificado',
			aeatQrUrl:
				'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=FA2026-0003&fecha=20-11-2026&importe=24.2',
		});
	});

	it('a pending invoice: rejected false, final false, nothing else invented', async () => {
		stateAnswer('FA2026-0004', { state: 'Pendiente' });
		const result = await runNode({ params: getState('FA2026-0004'), node: asTool });
		expect(result.output![0].json).toEqual({
			invoiceNumber: 'FA2026-0004',
			status: 'Pendiente',
			outcome: 'pending',
			final: false,
			rejected: false,
		});
	});

	it('as a plain node the same answer keeps summary and the raw state', async () => {
		stateAnswer('FA2026-0004', { state: 'Pendiente', extra: 1 });
		const result = await runNode({ params: getState('FA2026-0004') });
		expect(result.output![0].json).toEqual({
			invoiceNumber: 'FA2026-0004',
			summary: { status: 'Pendiente', outcome: 'pending', final: false },
			state: { state: 'Pendiente', extra: 1 },
		});
	});
});

describe('Get State and Get PDF described for an AI agent', () => {
	it("n8n's automatic tool descriptions name what the tool does and what it needs", () => {
		// n8n builds "<action> in FacturasApp" when the tool description is set automatically.
		const nodeType = new FacturasApp();
		const describe = (operation: string) =>
			getToolDescriptionForNode(
				{ parameters: { descriptionType: 'auto', resource: 'invoice', operation } },
				nodeType,
			);
		expect(describe('getState')).toBe(
			'Get the AEAT state of an invoice by its number in FacturasApp',
		);
		expect(describe('getPdf')).toBe('Get the PDF of an invoice by its number in FacturasApp');
	});
});
