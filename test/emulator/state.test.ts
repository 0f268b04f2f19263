// GetInvoiceStateByNumber (progression, AEAT outcome rule, overrides). GetConsecutives: consecutives.test.ts.
import { isValidSpanishId, outcomeForCustomer, startEmulator, type Emulator } from './index';
import { call, envelopeOf, login, paths, SAMPLE_TOTALS, sampleInvoiceBody } from './helpers';

let emu: Emulator;
let key: string;
beforeAll(async () => {
	emu = await startEmulator({
		series: [
			{ prefix: 'FA2026-', lastNumber: 41, isDefault: true },
			{ prefix: 'R', lastNumber: 0 },
		],
	});
});
afterAll(() => emu.close());
beforeEach(async () => {
	emu.reset();
	key = await login(emu);
});

async function create(number: string, identification?: string): Promise<void> {
	const body = sampleInvoiceBody(number, { identification });
	expect(envelopeOf(await call(emu, 'POST', paths.add, { key, body })).isError).toBe(false);
}

async function stateOf(number: string): Promise<Record<string, unknown>> {
	const env = envelopeOf(await call(emu, 'GET', paths.state(number), { key }));
	expect(env.isError).toBe(false);
	return env.toolObject as Record<string, unknown>;
}

describe('GetInvoiceStateByNumber', () => {
	it('reports an unknown number as a business error', async () => {
		const env = envelopeOf(await call(emu, 'GET', paths.state('NOPE 7'), { key }));
		expect(env).toEqual({
			id: 0,
			isError: true,
			messages: 'No se ha encontrado la factura NOPE 7',
			toolObject: null,
		});
	});

	it('answers Correcto with CSV, registration time and the AEAT QR URL', async () => {
		await create('FA2026-0042');
		const state = await stateOf('FA2026-0042');
		expect(state).toEqual({
			invoiceNumber: 'FA2026-0042',
			state: 'Correcto',
			csv: expect.stringMatching(/^[A-Z0-9]{16}$/),
			registeredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			qrUrl: expect.any(String),
		});
		const qr = new URL(state.qrUrl as string);
		expect(qr.origin + qr.pathname).toBe('https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR');
		expect(Object.fromEntries(qr.searchParams)).toEqual({
			nif: 'B12345674',
			numserie: 'FA2026-0042',
			fecha: '15-03-2026',
			importe: SAMPLE_TOTALS.total.toFixed(2),
		});
	});

	it('stays Pendiente until stateDelayMs has passed', async () => {
		// Ten minutes on the emulator's clock: no busy machine gets there on its own; the test
		// moves the clock instead of sleeping.
		emu.setConfig({ stateDelayMs: 600_000 });
		await create('FA2026-0043');
		const pending = await stateOf('FA2026-0043');
		expect(pending.state).toBe('Pendiente');
		expect(pending.csv).toBeUndefined();
		expect(emu.invoices.get('FA2026-0043')!.state).toBe('Pendiente');
		emu.advanceClock(599_000);
		expect((await stateOf('FA2026-0043')).state).toBe('Pendiente');
		emu.advanceClock(1_000);
		expect((await stateOf('FA2026-0043')).state).toBe('Correcto');
	});

	it('rejects a customer NIF with a wrong control letter (Incorrecto, no CSV)', async () => {
		await create('FA2026-0044', '12345678A');
		const state = await stateOf('FA2026-0044');
		expect(state).toMatchObject({ state: 'Incorrecto', aeatCode: '4107' });
		expect(state.aeatDescription).toMatch(/carácter de control/);
		expect(state.csv).toBeUndefined();
	});

	it('accepts with errors a well-formed NIF that is not in the census (999…)', async () => {
		await create('FA2026-0045', '99999999R');
		const state = await stateOf('FA2026-0045');
		expect(state).toMatchObject({
			state: 'AceptadoConErrores',
			aeatCode: '2011',
			csv: expect.any(String),
		});
	});

	it('applies setStateOutcome, also when set before the invoice exists', async () => {
		emu.setStateOutcome('FA2026-0046', {
			state: 'Incorrecto',
			code: '1100',
			description: 'Forzado',
		});
		await create('FA2026-0046');
		expect(await stateOf('FA2026-0046')).toMatchObject({
			state: 'Incorrecto',
			aeatCode: '1100',
			aeatDescription: 'Forzado',
		});
		emu.setStateOutcome('FA2026-0046', { state: 'AceptadoConErrores' });
		expect(await stateOf('FA2026-0046')).toMatchObject({
			state: 'AceptadoConErrores',
			aeatCode: expect.any(String),
		});
		expect(() => emu.setStateOutcome('X', { state: 'Bien' as never })).toThrow(/state must be/);
	});

	it('decodes the number from one path segment and never lets it escape', async () => {
		await create('A/B 1');
		expect((await stateOf('A/B 1')).invoiceNumber).toBe('A/B 1');
		// Unencoded "/" makes a different path: 404, not a lookup of "A/B 1".
		const raw = await call(emu, 'GET', paths.state('A').replace(/A$/, 'A/B%201'), { key });
		expect(raw.status).toBe(404);
		const dotted = envelopeOf(await call(emu, 'GET', paths.state('../AddInvoice'), { key }));
		expect(dotted.messages).toBe('No se ha encontrado la factura ../AddInvoice');
	});
});

describe('Spanish tax id check', () => {
	it.each([
		'12345678Z',
		'00000000T',
		'X1234567L',
		'Y1234567X',
		'Z1234567R',
		'B12345674',
		'Q2826000H',
		'ES12345678Z',
		'12.345.678-z',
	])('accepts %s', (id) => expect(isValidSpanishId(id)).toBe(true));
	it.each([
		'12345678A',
		'X1234567A',
		'B12345675',
		'B1234567D',
		'Q2826000A',
		'Q28260008',
		'1234567Z',
		'hello',
	])('rejects %s', (id) => expect(isValidSpanishId(id)).toBe(false));

	it('does not judge foreign documents or missing ids', () => {
		expect(
			outcomeForCustomer({ identificationType: '03', identification: '12345678A' }).state,
		).toBe('Correcto');
		expect(outcomeForCustomer({ identification: 'FR12345678901' }).state).toBe('Correcto');
		expect(outcomeForCustomer(undefined).state).toBe('Correcto');
	});
});
