// Every wait a call makes goes through the one retry and the one poll loop (transport/retry.ts):
// the node run against nock with n8n-workflow's sleep recorded instead of slept.
import nock from 'nock';

import { BASE, KEY, LOGIN, runNode, sampleBody, SERVICES } from '../helpers/runNode';

const waits: number[] = [];
let onWait: (() => void) | undefined;
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async (ms: number) => {
		waits.push(ms);
		onWait?.();
	},
}));

const STATE = `${SERVICES}/GetInvoiceStateByNumber/FA2026-0001`;
const FAST = { maxRetries: 2, timeout: 2 };
const state = (toolObject: unknown) => ({ id: 1, messages: null, isError: false, toolObject });
const ok = (id: number) => ({ id, messages: null, isError: false, toolObject: null });
const read = (operation: string, options: Record<string, unknown> = FAST) => ({
	resource: 'invoice',
	operation,
	invoiceNumber: 'FA2026-0001',
	binaryPropertyName: 'data',
	options,
});
const create = (options: Record<string, unknown> = FAST) => ({
	resource: 'invoice',
	operation: 'create',
	inputMode: 'json',
	invoiceJson: JSON.stringify(sampleBody()),
	options,
});

beforeEach(() => {
	waits.length = 0;
	onWait = undefined;
	nock.cleanAll();
	nock(BASE).post(LOGIN).reply(200, [KEY]);
	// Create's numbering check reads the series first (no wait of its own): FA2026- at 0.
	nock(BASE)
		.get(`${SERVICES}/GetConsecutives`)
		.optionally()
		.reply(200, {
			facturasDeAlta: [{ prefijo: 'FA2026-', consecutivoActual: 0, isDefault: true }],
		});
});
afterAll(() => nock.restore());

describe('reads retry transient answers by the one rule', () => {
	it('Retry-After is waited for as given; without it the backoff (full jitter under 300 ms, then 600 ms)', async () => {
		const scope = nock(BASE)
			.get(STATE)
			.reply(503, 'busy', { 'Retry-After': '2' })
			.get(STATE)
			.reply(502, 'bad gateway')
			.get(STATE)
			.reply(200, state({ invoiceNumber: 'FA2026-0001', state: 'Correcto' }));
		const result = await runNode({ params: read('getState') });
		expect(result.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(waits).toHaveLength(2);
		expect(waits[0]).toBe(2000);
		expect(waits[1]).toBeGreaterThanOrEqual(0);
		expect(waits[1]).toBeLessThan(600);
	});

	it('Max Retries bounds the attempts: 1 + 2 calls, 2 waits, then the error', async () => {
		const scope = nock(BASE).get(STATE).times(3).reply(504, 'timeout');
		const extra = nock(BASE)
			.get(STATE)
			.reply(200, state({ state: 'Correcto' }));
		const result = await runNode({ params: read('getState') });
		expect(scope.isDone()).toBe(true);
		expect(extra.isDone()).toBe(false);
		expect(result.error!.message).toContain('HTTP 504');
		expect(waits).toHaveLength(2);
	});

	it('a Retry-After beyond the cap is not waited for: one call, no wait', async () => {
		const scope = nock(BASE).get(STATE).reply(429, 'later', { 'Retry-After': '3600' });
		const result = await runNode({ params: read('getState') });
		expect(scope.isDone()).toBe(true);
		expect(result.error!.message).toContain('3600 s');
		expect(waits).toEqual([]);
	});

	it('the log-in retries its transient statuses the same way', async () => {
		nock.cleanAll();
		nock(BASE).post(LOGIN).reply(503, 'busy', { 'Retry-After': '1' }).post(LOGIN).reply(200, [KEY]);
		nock(BASE)
			.get(STATE)
			.reply(200, state({ state: 'Correcto' }));
		const result = await runNode({ params: read('getState') });
		expect(result.error).toBeUndefined();
		expect(waits).toEqual([1000]);
	});
});

describe('Create', () => {
	it('a 429 with Retry-After is sent again after exactly that wait, with no look-up', async () => {
		const add = nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.reply(429, 'slow down', { 'Retry-After': '1' })
			.post(`${SERVICES}/AddInvoice`)
			.reply(200, ok(7));
		const result = await runNode({ params: create() });
		expect(add.isDone()).toBe(true);
		expect(result.output![0].json).toMatchObject({ id: 7, recovered: false, attempts: 2 });
		expect(waits).toEqual([1000]);
	});

	it('stopped during the wait after a 429: not sent again, and the error says it may have been issued', async () => {
		const stop = new AbortController();
		onWait = () => stop.abort();
		const add = nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.reply(429, 'slow down', { 'Retry-After': '1' });
		const again = nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, ok(7));
		const result = await runNode({ params: create(), cancelSignal: stop.signal });
		expect(add.isDone()).toBe(true);
		expect(again.isDone()).toBe(false);
		expect(result.error!.message).toBe(
			'Stopped while issuing invoice FA2026-0001: it may have been issued',
		);
		expect(waits).toEqual([1000]);
	});

	it('an ambiguous failure waits by the backoff, then looks the number up instead of resending', async () => {
		const add = nock(BASE).post(`${SERVICES}/AddInvoice`).reply(500, 'boom');
		const lookUp = nock(BASE)
			.get(STATE)
			.reply(200, state({ invoiceNumber: 'FA2026-0001', state: 'Pendiente' }));
		const result = await runNode({ params: create() });
		expect(add.isDone() && lookUp.isDone()).toBe(true);
		expect(result.output![0].json).toMatchObject({ recovered: true, attempts: 1 });
		expect(waits).toHaveLength(1);
		expect(waits[0]).toBeLessThan(300);
	});
});

describe('polls', () => {
	const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
	const notReady = { id: 0, messages: 'El PDF aún no está disponible', isError: true };

	it('Get PDF asks again after 0.25, 0.5 and 1 s while the PDF is not ready', async () => {
		const scope = nock(BASE)
			.post(`${SERVICES}/PDFInvoice`)
			.query(true)
			.times(3)
			.reply(200, notReady)
			.post(`${SERVICES}/PDFInvoice`)
			.query(true)
			.reply(200, pdf, { 'Content-Type': 'application/pdf' });
		const result = await runNode({ params: read('getPdf', { ...FAST, pdfWait: 30 }) });
		expect(scope.isDone()).toBe(true);
		expect(result.output![0].json.fileSize).toBe(pdf.length);
		expect(waits).toEqual([250, 500, 1000]);
	});

	it('Get PDF without a wait asks once', async () => {
		nock(BASE).post(`${SERVICES}/PDFInvoice`).query(true).reply(200, notReady);
		const result = await runNode({ params: read('getPdf') });
		expect(result.error!.message).toContain('no está disponible');
		expect(waits).toEqual([]);
	});

	it('Wait for Final State asks at the Poll Interval until the state is final', async () => {
		nock(BASE)
			.get(STATE)
			.times(2)
			.reply(200, state({ state: 'Pendiente' }))
			.get(STATE)
			.reply(200, state({ state: 'Correcto' }));
		const result = await runNode({
			params: read('getState', { ...FAST, waitForFinalState: true, pollInterval: 3 }),
		});
		expect(result.output![0].json.summary).toMatchObject({ outcome: 'accepted' });
		expect(waits).toEqual([3000, 3000]);
	});
});
