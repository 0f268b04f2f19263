// AddInvoice: success, business errors (HTTP 200 + isError), malformed bodies, storage.
import { startEmulator, type Emulator } from './index';
import { call, envelopeOf, login, paths, sampleInvoiceBody } from './helpers';

let emu: Emulator;
let key: string;
beforeAll(async () => {
	emu = await startEmulator({
		users: [
			{ user: 'demo@facturasapp.local', password: 'demo-password' },
			{ user: 'lapsed@facturasapp.local', password: 'pw', subscriptionActive: false },
		],
	});
});
afterAll(() => emu.close());
beforeEach(async () => {
	emu.reset();
	key = await login(emu);
});

describe('AddInvoice', () => {
	it('stores a valid invoice and answers the envelope with its id', async () => {
		const body = sampleInvoiceBody('FA2026-0001');
		const env = envelopeOf(await call(emu, 'POST', paths.add, { key, body }));
		expect(env).toEqual({
			id: 1,
			messages: 'Factura creada correctamente',
			isError: false,
			toolObject: null,
		});
		const stored = emu.invoices.get('FA2026-0001')!;
		expect(stored).toMatchObject({ id: 1, invoiceNumber: 'FA2026-0001', state: 'Correcto' });
		expect(stored.body).toEqual(JSON.parse(JSON.stringify(body)));
		expect(stored.createdAt).toBeLessThanOrEqual(Date.now());
		expect(emu.counters.invoicesStored).toBe(1);
		expect(emu.counters.commits).toEqual({ 'FA2026-0001': 1 });
	});

	it('gives consecutive ids', async () => {
		for (const n of ['A1', 'A2', 'A3']) {
			await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody(n) });
		}
		expect([...emu.invoices.values()].map((i) => i.id)).toEqual([1, 2, 3]);
	});

	it('rejects a duplicate number with HTTP 200 + isError and stores nothing new', async () => {
		await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody('FA2026-0001') });
		const env = envelopeOf(
			await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody('FA2026-0001') }),
		);
		expect(env.isError).toBe(true);
		expect(env.messages).toBe('Ya existe una factura con el número FA2026-0001');
		expect(env.toolObject).toBeNull();
		expect(emu.counters.createAttempts).toEqual({ 'FA2026-0001': 2 });
		expect(emu.counters.commits).toEqual({ 'FA2026-0001': 1 });
		expect(emu.invoices.size).toBe(1);
	});

	it('rejects any invoice of a user whose subscription is not active', async () => {
		const lapsed = await login(emu, { user: 'lapsed@facturasapp.local', password: 'pw' });
		const env = envelopeOf(
			await call(emu, 'POST', paths.add, { key: lapsed, body: sampleInvoiceBody('X1') }),
		);
		expect(env.isError).toBe(true);
		expect(env.messages).toMatch(/^La suscripción no está activa/);
		expect(emu.invoices.size).toBe(0);
	});

	it('answers 400 for malformed JSON, an empty body or a non-object', async () => {
		expect(
			(await call(emu, 'POST', paths.add, { key, rawBody: '{"invoiceNumber": "X",' })).status,
		).toBe(400);
		expect((await call(emu, 'POST', paths.add, { key })).status).toBe(400);
		expect(
			(await call(emu, 'POST', paths.add, { key, body: [sampleInvoiceBody('X')] })).status,
		).toBe(400);
		expect((await call(emu, 'POST', paths.add, { key, body: 'X' })).status).toBe(400);
		expect(emu.invoices.size).toBe(0);
	});

	it('answers 413 for a body over 1 MB', async () => {
		const body = { ...sampleInvoiceBody('BIG1'), textObservations: 'x'.repeat(1024 * 1024) };
		expect((await call(emu, 'POST', paths.add, { key, body })).status).toBe(413);
	});

	it('does not store an invoice the real validator rejects', async () => {
		// A body with only a number: whatever the validator's details, it must not pass.
		const env = envelopeOf(
			await call(emu, 'POST', paths.add, { key, body: { invoiceNumber: 'BAD-1' } }),
		);
		expect(env.isError).toBe(true);
		expect(env.messages).toMatch(/^La factura no es válida/);
		expect(env.id).toBe(0);
		expect(emu.invoices.size).toBe(0);
	});
});
