import nock from 'nock';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	BASE,
	KEY,
	KEY2,
	LOGIN,
	runNode,
	sampleBody,
	SERVICES,
	visibleText,
} from '../helpers/runNode';
import { DEMO_CREDENTIALS } from '../helpers/fakeContext';

const FAST = { maxRetries: 2, timeout: 2 };

function create(body: unknown = sampleBody(), options: Record<string, unknown> = FAST) {
	return {
		resource: 'invoice',
		operation: 'create',
		inputMode: 'json',
		invoiceJson: JSON.stringify(body),
		options,
	};
}
const read = (operation: string, invoiceNumber: unknown, extra: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation,
	invoiceNumber,
	binaryPropertyName: 'data',
	options: FAST,
	...extra,
});

function login(key = KEY) {
	return nock(BASE).post(LOGIN).reply(200, [key]);
}
/** GetConsecutives: FacturasApp's counter of series FA2026- (Enter It checks the number is next). */
function series(last = 0) {
	return nock(BASE)
		.get(`${SERVICES}/GetConsecutives`)
		.reply(200, {
			facturasDeAlta: [{ prefijo: 'FA2026-', consecutivoActual: last, isDefault: true }],
		});
}
const ok = (id: number) => ({ id, messages: null, isError: false, toolObject: null });
const refused = (messages: string) => ({ id: 0, messages, isError: true, toolObject: null });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Create', () => {
	it('logs in once, sends the body with X-API-KEY and returns id, messages and raw', async () => {
		login();
		series();
		const add = nock(BASE, { reqheaders: { 'X-API-KEY': KEY } })
			.post(`${SERVICES}/AddInvoice`, (body) => body.invoiceNumber === 'FA2026-0001')
			.reply(200, ok(501));
		const result = await runNode({ params: create() });
		expect(result.error).toBeUndefined();
		expect(add.isDone()).toBe(true);
		expect(result.fake.logins).toBe(1);
		expect(result.output).toHaveLength(1);
		expect(result.output![0].json).toMatchObject({
			invoiceNumber: 'FA2026-0001',
			id: 501,
			recovered: false,
		});
		expect(result.output![0].json.raw).toMatchObject({ response: ok(501) });
		// FacturasApp's messages once, inside its answer: not repeated beside it.
		expect(result.output![0].json).not.toHaveProperty('messages');
		expect(result.output![0].pairedItem).toEqual({ item: 0 });
	});

	it("HTTP 200 with isError: true is an error carrying FacturasApp's message, never retried", async () => {
		login();
		series();
		const add = nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.once()
			.reply(200, refused('La suscripción no está activa'));
		const result = await runNode({ params: create() });
		expect(add.isDone()).toBe(true);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toBe(
			'FacturasApp refused to issue invoice FA2026-0001: La suscripción no está activa',
		);
		expect(result.error!.description).toContain('Nothing was issued');
	});

	it('with continueOnFail the refusal becomes an error item carrying the number', async () => {
		login();
		series();
		nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.reply(200, refused('Ya existe una factura con el número FA2026-0001'));
		const result = await runNode({ params: create(), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({
			invoiceNumber: 'FA2026-0001',
			error: expect.stringContaining('Ya existe'),
		});
		expect(result.output![0].pairedItem).toEqual({ item: 0 });
	});

	it('a 400 is final and says to check the input', async () => {
		login();
		series();
		nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.once()
			.reply(400, { message: 'invoiceDate inválida' });
		const result = await runNode({ params: create() });
		expect(result.error!.message).toContain('as malformed (HTTP 400)');
		expect(result.error!.description).toContain('invoiceDate inválida');
	});

	it('a 401 makes n8n log in again and resend; the run succeeds', async () => {
		login(KEY);
		series();
		nock(BASE, { reqheaders: { 'X-API-KEY': KEY } })
			.post(`${SERVICES}/AddInvoice`)
			.reply(401, 'expired');
		login(KEY2);
		nock(BASE, { reqheaders: { 'X-API-KEY': KEY2 } })
			.post(`${SERVICES}/AddInvoice`)
			.reply(200, ok(7));
		const result = await runNode({ params: create() });
		expect(result.error).toBeUndefined();
		expect(result.fake.logins).toBe(2);
		expect(result.output![0].json.id).toBe(7);
	});

	it('a 500 after sending: the number is looked up and, when found, not sent again', async () => {
		login();
		series();
		const add = nock(BASE).post(`${SERVICES}/AddInvoice`).once().reply(500, 'boom');
		nock(BASE)
			.get(`${SERVICES}/GetInvoiceStateByNumber/FA2026-0001`)
			.reply(200, { id: 1, messages: null, isError: false, toolObject: { state: 'Pendiente' } });
		const result = await runNode({ params: create() });
		expect(add.isDone()).toBe(true);
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({ invoiceNumber: 'FA2026-0001', recovered: true });
	});

	it('a 500 before storing: the lookup says not found, so it is sent again once', async () => {
		login();
		series();
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(500, 'boom');
		nock(BASE)
			.get(`${SERVICES}/GetInvoiceStateByNumber/FA2026-0001`)
			.reply(200, refused('No se ha encontrado la factura FA2026-0001'));
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, ok(9));
		const result = await runNode({ params: create() });
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({ id: 9, recovered: false });
	});

	it('a lost answer whose lookup also fails is an error that warns against re-running blindly', async () => {
		login();
		series();
		nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		nock(BASE).get(`${SERVICES}/GetInvoiceStateByNumber/FA2026-0001`).times(3).reply(500, 'down');
		const result = await runNode({ params: create() });
		expect(result.error!.message).toContain('connection to FacturasApp was lost');
		expect(result.error!.description).toContain('not known whether invoice FA2026-0001 was issued');
	});

	it('a 429 was not processed: it is sent again without a lookup', async () => {
		login();
		series();
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(429, 'slow down', { 'Retry-After': '0' });
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, ok(3));
		const result = await runNode({ params: create() });
		expect(result.output![0].json).toMatchObject({ id: 3, recovered: false });
	});

	it('an invalid body is refused before any HTTP call, naming every problem', async () => {
		const body = { ...sampleBody(), contacts: [] as unknown[], sumTotalTotal: 1 };
		const result = await runNode({ params: create(body) });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error!.message).toMatch(/^Invoice FA2026-0001 has \d+ problems/);
		expect(result.error!.description).toContain('contacts');
		expect(result.error!.description).toContain('sumTotalTotal');
		expect(result.fake.requests).toHaveLength(0);
		expect(result.fake.logins).toBe(0);
	});

	it('invalid JSON text is a clear error', async () => {
		const result = await runNode({ params: { ...create(), invoiceJson: '{"invoiceNumber": ' } });
		expect(result.error!.message).toContain('Invoice (JSON) is not valid JSON');
	});

	it('a batch with continueOnFail: every item ends issued or as an error with its number, in order', async () => {
		login();
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, ok(1));
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, refused('Cliente bloqueado'));
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, ok(3));
		const numbers = ['FA2026-0001', 'FA2026-0002', 'FA2026-0003'];
		// The numbering check off: with it, 0003 after a refused 0002 is a gap (numberIsNext.test.ts).
		const result = await runNode({
			params: {
				...create(undefined, { ...FAST, checkNumberIsNext: false }),
				invoiceJson: (i: number) => JSON.stringify(sampleBody(numbers[i])),
			},
			items: numbers.map(() => ({ json: {} })),
			continueOnFail: true,
		});
		expect(
			result.output!.map((o) => [o.json.invoiceNumber, o.json.id ?? o.json.error, o.pairedItem]),
		).toEqual([
			['FA2026-0001', 1, { item: 0 }],
			['FA2026-0002', expect.stringContaining('Cliente bloqueado'), { item: 1 }],
			['FA2026-0003', 3, { item: 2 }],
		]);
		expect(result.fake.logins).toBe(1);
	});

	it('without continueOnFail a failing item stops the run and the error says what was already issued', async () => {
		login();
		series();
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, ok(1));
		nock(BASE).post(`${SERVICES}/AddInvoice`).reply(200, refused('Cliente bloqueado'));
		const numbers = ['FA2026-0001', 'FA2026-0002', 'FA2026-0003'];
		const result = await runNode({
			params: { ...create(), invoiceJson: (i: number) => JSON.stringify(sampleBody(numbers[i])) },
			items: numbers.map(() => ({ json: {} })),
		});
		expect(result.error!.message).toContain('Cliente bloqueado');
		expect(result.error!.description).toContain('item 1 issued as FA2026-0001');
		// One series read (the numbering check), then two creates: the third item is never sent.
		expect(result.fake.requests.map((r) => r.url.split('/').pop())).toEqual([
			'GetConsecutives',
			'AddInvoice',
			'AddInvoice',
		]);
	});
});

describe('Get State', () => {
	it("returns the envelope's toolObject as state, with a summary of what it found", async () => {
		login();
		const toolObject = { invoiceNumber: 'RA02', state: 'Correcto', csv: 'A-XYZ123', other: 1 };
		nock(BASE)
			.get(`${SERVICES}/GetInvoiceStateByNumber/RA02`)
			.reply(200, { id: 0, messages: null, isError: false, toolObject });
		const result = await runNode({ params: read('getState', 'RA02') });
		expect(result.output![0].json).toEqual({
			invoiceNumber: 'RA02',
			state: toolObject,
			summary: { status: 'Correcto', outcome: 'accepted', final: true, csv: 'A-XYZ123' },
		});
	});

	it('returns a body without envelope as it is, and invents nothing', async () => {
		login();
		nock(BASE).get(`${SERVICES}/GetInvoiceStateByNumber/25`).reply(200, { foo: 'bar' });
		const result = await runNode({ params: read('getState', '25') });
		expect(result.output![0].json).toEqual({
			invoiceNumber: '25',
			state: { foo: 'bar' },
			summary: {},
		});
	});

	it('URL-encodes the number in the path', async () => {
		login();
		const scope = nock(BASE)
			.get(`${SERVICES}/GetInvoiceStateByNumber/FA%2026%20A%23%3F`)
			.reply(200, { isError: false, toolObject: 'Correcto' });
		const result = await runNode({ params: read('getState', 'FA 26 A#?') });
		expect(scope.isDone()).toBe(true);
		expect(result.output![0].json.summary).toMatchObject({ status: 'Correcto', final: true });
	});

	it('retries a 503 (a read is safe to repeat)', async () => {
		login();
		nock(BASE)
			.get(`${SERVICES}/GetInvoiceStateByNumber/RA02`)
			.reply(503, '', { 'Retry-After': '0' });
		nock(BASE)
			.get(`${SERVICES}/GetInvoiceStateByNumber/RA02`)
			.reply(200, { isError: false, toolObject: { state: 'Pendiente' } });
		const result = await runNode({ params: read('getState', 'RA02') });
		expect(result.output![0].json.summary).toMatchObject({ outcome: 'pending', final: false });
	});

	it.each([
		'../AppSecurity/ApiKey',
		'a/b',
		'%2e%2e',
		'..',
		'',
		' FA1',
		'x'.repeat(51),
		'a\nb',
		'a\\b',
	])('refuses the number %j before any HTTP call', async (number) => {
		const result = await runNode({ params: read('getState', number) });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error!.message).toMatch(/^Invoice Number /);
		expect(result.fake.requests).toHaveLength(0);
	});
});

describe('Get PDF', () => {
	const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

	it('decodes base64 from the envelope into binary data named <number>.pdf', async () => {
		login();
		const scope = nock(BASE)
			.post(`${SERVICES}/PDFInvoice`)
			.query({ invoiceNumber: 'FA2026-0001' })
			.reply(200, { id: 0, messages: null, isError: false, toolObject: pdf.toString('base64') });
		const result = await runNode({ params: read('getPdf', 'FA2026-0001') });
		expect(scope.isDone()).toBe(true);
		const [item] = result.output!;
		expect(item.json).toEqual({
			invoiceNumber: 'FA2026-0001',
			fileName: 'FA2026-0001.pdf',
			fileSize: pdf.length,
		});
		expect(item.binary!.data).toMatchObject({
			fileName: 'FA2026-0001.pdf',
			mimeType: 'application/pdf',
		});
		expect(Buffer.from(item.binary!.data.data, 'base64').equals(pdf)).toBe(true);
	});

	it('accepts raw PDF bytes, and honours the field and file name options', async () => {
		login();
		nock(BASE)
			.post(`${SERVICES}/PDFInvoice`)
			.query(true)
			.reply(200, pdf, { 'Content-Type': 'application/pdf' });
		const result = await runNode({
			params: read('getPdf', 'RA02', {
				binaryPropertyName: 'factura',
				options: { ...FAST, fileName: 'mi-factura.pdf' },
			}),
		});
		expect(result.output![0].binary!.factura).toMatchObject({
			fileName: 'mi-factura.pdf',
			mimeType: 'application/pdf',
		});
	});

	it.each([
		['HTML', '<html>Mantenimiento</html>', 'neither a PDF nor a FacturasApp answer'],
		[
			'base64 of something else',
			JSON.stringify({ isError: false, toolObject: Buffer.from('hello').toString('base64') }),
			'not a PDF',
		],
		[
			'an envelope without PDF',
			JSON.stringify({ isError: false, toolObject: null }),
			'no PDF in toolObject',
		],
		['a refusal', JSON.stringify(refused('Factura no encontrada')), 'Factura no encontrada'],
	])('a body that is %s is an error saying what came back', async (_name, body, expected) => {
		login();
		nock(BASE).post(`${SERVICES}/PDFInvoice`).query(true).reply(200, body);
		const result = await runNode({ params: read('getPdf', 'RA02') });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error!.message).toContain(expected);
	});

	it('runs items concurrently but returns them in input order', async () => {
		login();
		const numbers = ['A1', 'A2', 'A3', 'A4'];
		numbers.forEach((n, i) => {
			nock(BASE)
				.post(`${SERVICES}/PDFInvoice`)
				.query({ invoiceNumber: n })
				.delay(40 - i * 10)
				.reply(200, pdf);
		});
		const result = await runNode({
			params: read('getPdf', (i: number) => numbers[i], { options: { ...FAST, concurrency: 4 } }),
			items: numbers.map(() => ({ json: {} })),
		});
		expect(result.error).toBeUndefined();
		expect(result.output!.map((o) => [o.json.invoiceNumber, o.pairedItem])).toEqual(
			numbers.map((n, i) => [n, { item: i }]),
		);
	});
});

describe('secrets', () => {
	it('neither the password nor the key appears in any output or error', async () => {
		const texts: string[] = [];
		nock(BASE).post(LOGIN).reply(401, `wrong ${DEMO_CREDENTIALS.password}`);
		texts.push(visibleText(await runNode({ params: create() })));
		login();
		nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.reply(200, refused(`no ${KEY}`));
		texts.push(visibleText(await runNode({ params: create(), continueOnFail: true })));
		login();
		nock(BASE)
			.post(`${SERVICES}/PDFInvoice`)
			.query(true)
			.reply(500, `trace: X-API-KEY=${KEY} pw=${DEMO_CREDENTIALS.password}`);
		texts.push(visibleText(await runNode({ params: read('getPdf', 'A1') })));
		for (const text of texts) {
			expect(text).not.toContain(DEMO_CREDENTIALS.password);
			expect(text).not.toContain(KEY);
		}
		expect(texts[0]).toContain('FacturasApp rejected the user or password');
	});
});
