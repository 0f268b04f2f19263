// GetConsecutives over HTTP: by default exactly the [seen] answer of facturasapp-api.md §12,
// counters moved on by stored invoices; the [unknown] forms only when configured.
import { CONSECUTIVES_FORMS, startEmulator, type Emulator } from './index';
import { call, envelopeOf, login, paths, sampleInvoiceBody } from './helpers';

// The contract's example, character for character.
const CONTRACT_ANSWER =
	'{"facturasDeAlta":[{"prefijo":"FACT","consecutivoActual":5,"isDefault":true},{"prefijo":"REC","consecutivoActual":12,"isDefault":false}]}';

let emu: Emulator;
let key: string;
beforeAll(async () => {
	emu = await startEmulator({
		series: [
			{ prefix: 'FACT', lastNumber: 5, isDefault: true },
			{ prefix: 'REC', lastNumber: 12 },
		],
	});
});
afterAll(() => emu.close());
beforeEach(async () => {
	emu.reset();
	key = await login(emu);
});

async function create(number: string): Promise<void> {
	expect(
		envelopeOf(await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody(number) }))
			.isError,
	).toBe(false);
}
const consecutives = () => call(emu, 'GET', paths.consecutives, { key });

it('answers exactly the seen body of the contract, no envelope', async () => {
	const answer = await consecutives();
	expect(answer.status).toBe(200);
	expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
	expect(answer.text).toBe(CONTRACT_ANSWER);
});

it('moves consecutivoActual on when an invoice is stored, per series, and keeps the order', async () => {
	for (const n of ['FACT0006', 'FACT0007', 'REC0013']) await create(n);
	expect((await consecutives()).json).toEqual({
		facturasDeAlta: [
			{ prefijo: 'FACT', consecutivoActual: 7, isDefault: true },
			{ prefijo: 'REC', consecutivoActual: 13, isDefault: false },
		],
	});
	// A refused create (duplicate) moves nothing.
	expect(
		envelopeOf(await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody('FACT0007') }))
			.isError,
	).toBe(true);
	expect((await consecutives()).json).toMatchObject({
		facturasDeAlta: [{ consecutivoActual: 7 }, { consecutivoActual: 13 }],
	});
});

it('a number outside every series starts one of its own; reset goes back to the seeds', async () => {
	for (const n of ['B-2026/001', 'NODIGITS', 'FACTX9']) await create(n);
	expect((await consecutives()).json).toEqual({
		facturasDeAlta: [
			{ prefijo: 'FACT', consecutivoActual: 5, isDefault: true },
			{ prefijo: 'REC', consecutivoActual: 12, isDefault: false },
			{ prefijo: 'B-2026/', consecutivoActual: 1, isDefault: false },
			{ prefijo: 'FACTX', consecutivoActual: 9, isDefault: false },
		],
	});
	emu.reset();
	key = await login(emu);
	expect((await consecutives()).text).toBe(CONTRACT_ANSWER);
});

it('the longest matching prefix takes the number ("FA" and "FA2026")', async () => {
	const other = await startEmulator({
		series: [
			{ prefix: 'FA', lastNumber: 1 },
			{ prefix: 'FA2026', lastNumber: 1, isDefault: true },
		],
	});
	try {
		const k = await login(other);
		await call(other, 'POST', paths.add, { key: k, body: sampleInvoiceBody('FA20260002') });
		expect((await call(other, 'GET', paths.consecutives, { key: k })).json).toEqual({
			facturasDeAlta: [
				{ prefijo: 'FA', consecutivoActual: 1, isDefault: false },
				{ prefijo: 'FA2026', consecutivoActual: 2, isDefault: true },
			],
		});
	} finally {
		await other.close();
	}
});

it('by default one series FA2026-, last number 0, default', async () => {
	const plain = await startEmulator();
	try {
		const k = await login(plain);
		expect((await call(plain, 'GET', paths.consecutives, { key: k })).text).toBe(
			'{"facturasDeAlta":[{"prefijo":"FA2026-","consecutivoActual":0,"isDefault":true}]}',
		);
	} finally {
		await plain.close();
	}
});

describe('[unknown] forms, only when configured', () => {
	afterEach(() => emu.setConfig({ consecutivesForm: 'seen' }));

	it('lists the forms', () => expect(CONSECUTIVES_FORMS).toEqual(['seen', 'envelope', 'lists']));

	it('envelope: the seen object as toolObject', async () => {
		emu.setConfig({ consecutivesForm: 'envelope' });
		const env = envelopeOf(await consecutives());
		expect(env).toEqual({
			id: 0,
			messages: null,
			isError: false,
			toolObject: JSON.parse(CONTRACT_ANSWER),
		});
	});

	it('lists: another list with its own default, before facturasDeAlta', async () => {
		emu.setConfig({ consecutivesForm: 'lists' });
		const body = (await consecutives()).json as Record<string, unknown>;
		expect(Object.keys(body)).toEqual(['facturasRectificativas', 'facturasDeAlta']);
		expect(body.facturasDeAlta).toEqual(JSON.parse(CONTRACT_ANSWER).facturasDeAlta);
	});

	it('refuses a form it does not know', () => {
		expect(() => emu.setConfig({ consecutivesForm: 'xml' as never })).toThrow(
			'consecutivesForm must be seen, envelope, lists',
		);
	});
});
