// Series → Get Many and Create's Next in Series through the node, against nock answering
// GetConsecutives exactly as seen in FacturasApp's public client (facturasapp-api.md §12).
import nock from 'nock';

import { BASE, KEY, LOGIN, runNode, sampleBody, SERVICES } from '../helpers/runNode';

const SEEN_TEXT =
	'{"facturasDeAlta":[{"prefijo":"FACT","consecutivoActual":5,"isDefault":true},{"prefijo":"REC","consecutivoActual":12,"isDefault":false}]}';
const ok = (id: number) => ({ id, messages: null, isError: false, toolObject: null });
const FAST = { maxRetries: 0, timeout: 2 };

const consecutives = (body: string | object = SEEN_TEXT) =>
	nock(BASE, { reqheaders: { 'X-API-KEY': KEY } })
		.get(`${SERVICES}/GetConsecutives`)
		.reply(200, body, { 'Content-Type': 'application/json' });
const next = (seriesPrefix: string) => ({
	resource: 'invoice',
	operation: 'create',
	numbering: 'next',
	seriesPrefix,
	inputMode: 'json',
	invoiceJson: JSON.stringify(sampleBody('placeholder-1')),
	options: FAST,
});
/** Accepts AddInvoice calls, recording the numbers sent. */
function addInvoice(sent: Array<{ invoiceNumber: string; currentNumber: number }>, times = 1) {
	return nock(BASE)
		.post(`${SERVICES}/AddInvoice`)
		.times(times)
		.reply(200, (_uri, body) => {
			const { invoiceNumber, currentNumber } = body as {
				invoiceNumber: string;
				currentNumber: number;
			};
			sent.push({ invoiceNumber, currentNumber });
			return ok(sent.length);
		});
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => nock(BASE).post(LOGIN).reply(200, [KEY]));
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Series → Get Many on the seen answer', () => {
	it('one item per series: prefix, last number, next number, default flag, raw entry', async () => {
		const scope = consecutives();
		const result = await runNode({
			params: { resource: 'series', operation: 'getAll', options: FAST },
		});
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(result.output!.map((o) => o.json)).toEqual([
			{
				prefix: 'FACT',
				lastNumber: 5,
				nextNumber: 6,
				nextInvoiceNumber: 'FACT0006',
				isDefault: true,
				list: 'facturasDeAlta',
				raw: { prefijo: 'FACT', consecutivoActual: 5, isDefault: true },
			},
			{
				prefix: 'REC',
				lastNumber: 12,
				nextNumber: 13,
				nextInvoiceNumber: 'REC0013',
				isDefault: false,
				list: 'facturasDeAlta',
				raw: { prefijo: 'REC', consecutivoActual: 12, isDefault: false },
			},
		]);
	});

	it('an answer it cannot read is handed over untouched', async () => {
		consecutives({ something: 'else' });
		const result = await runNode({
			params: { resource: 'series', operation: 'getAll', options: FAST },
		});
		expect(result.output!.map((o) => o.json)).toEqual([
			{ series: { something: 'else' }, note: expect.stringContaining('No series could be read') },
		]);
	});
});

describe('Create with Next in Series on the seen answer', () => {
	it('issues FACT0006 after FACT/5, then FACT0007 for the next item, reading the series once', async () => {
		const scope = consecutives();
		const sent: Array<{ invoiceNumber: string; currentNumber: number }> = [];
		addInvoice(sent, 2);
		const result = await runNode({ params: next('FACT'), items: [{ json: {} }, { json: {} }] });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(sent).toEqual([
			{ invoiceNumber: 'FACT0006', currentNumber: 6 },
			{ invoiceNumber: 'FACT0007', currentNumber: 7 },
		]);
		expect(result.output!.map((o) => o.json.invoiceNumber)).toEqual(['FACT0006', 'FACT0007']);
	});

	it.each([
		['', 'FACT0006'], // empty Series: the isDefault one
		['REC', 'REC0013'],
	])('Series "%s" → %s', async (prefix, expected) => {
		consecutives();
		const sent: Array<{ invoiceNumber: string; currentNumber: number }> = [];
		addInvoice(sent);
		const result = await runNode({ params: next(prefix) });
		expect(result.error).toBeUndefined();
		expect(sent.map((s) => s.invoiceNumber)).toEqual([expected]);
	});

	it('an empty Series with no isDefault takes the first series', async () => {
		consecutives({
			facturasDeAlta: [
				{ prefijo: 'A_', consecutivoActual: 9, isDefault: false },
				{ prefijo: 'B_', consecutivoActual: 1, isDefault: false },
			],
		});
		const sent: Array<{ invoiceNumber: string; currentNumber: number }> = [];
		addInvoice(sent);
		await runNode({ params: next('') });
		expect(sent).toEqual([{ invoiceNumber: 'A_0010', currentNumber: 10 }]);
	});

	it('width rule: consecutivoActual 12345 gives FACT12346, a prefix with "_" is kept as is', async () => {
		consecutives({
			facturasDeAlta: [
				{ prefijo: 'Bill_', consecutivoActual: 7, isDefault: false },
				{ prefijo: 'FACT', consecutivoActual: 12345, isDefault: true },
			],
		});
		const sent: Array<{ invoiceNumber: string; currentNumber: number }> = [];
		addInvoice(sent, 2);
		const result = await runNode({ params: next('FACT'), items: [{ json: {} }, { json: {} }] });
		expect(result.error).toBeUndefined();
		expect(sent.map((s) => s.invoiceNumber)).toEqual(['FACT12346', 'FACT12347']);

		consecutives({
			facturasDeAlta: [{ prefijo: 'Bill_', consecutivoActual: 7, isDefault: false }],
		});
		nock(BASE).post(LOGIN).reply(200, [KEY]);
		addInvoice(sent);
		await runNode({ params: next('Bill_') });
		expect(sent.at(-1)).toEqual({ invoiceNumber: 'Bill_0008', currentNumber: 8 });
	});

	it('a series without a readable last number, and no series at all, are clear errors before any AddInvoice', async () => {
		consecutives({ facturasDeAlta: [{ prefijo: 'FACT', isDefault: true }] });
		const add = nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, ok(1));
		const noLast = await runNode({ params: next('') });
		expect(noLast.error!.message).toBe(
			'Series: FacturasApp did not give the last number of series "FACT"',
		);

		nock(BASE).post(LOGIN).reply(200, [KEY]);
		consecutives({ facturasDeAlta: [] });
		const none = await runNode({ params: next('FACT') });
		expect(none.error!.message).toBe('Series: FacturasApp listed no series');
		expect(add.isDone()).toBe(false);
	});
});
