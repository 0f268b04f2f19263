// How AddInvoice reports validation issues, with validateInvoiceBody mocked so the test does
// not depend on the validator's rules (those are tested beside the validator).
import { startEmulator, type Emulator } from './index';
import { call, envelopeOf, login, paths, sampleInvoiceBody } from './helpers';

jest.mock('../../nodes/FacturasApp/invoice/validate', () => ({
	validateInvoiceBody: (body: { invoiceNumber?: string }) =>
		body.invoiceNumber === 'INVALID-1'
			? [
					{ path: 'products[0].quantity', message: 'must be an integer 1–999' },
					{ path: 'idPayment', message: 'is required' },
				]
			: [],
	formatIssues: (issues: Array<{ path: string; message: string }>) =>
		issues.map((i) => `${i.path}: ${i.message}`).join('\n'),
}));

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());

it('answers HTTP 200 + isError with a Spanish message and the formatted issues', async () => {
	const key = await login(emu);
	const env = envelopeOf(
		await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody('INVALID-1') }),
	);
	expect(env.isError).toBe(true);
	expect(env.id).toBe(0);
	expect(env.toolObject).toBeNull();
	expect(env.messages).toMatch(/^La factura no es válida/);
	expect(env.messages).toContain(
		'products[0].quantity: must be an integer 1–999\nidPayment: is required',
	);
	expect(emu.invoices.size).toBe(0);
	expect(emu.counters.createAttempts).toEqual({ 'INVALID-1': 1 });
	expect(emu.counters.commits).toEqual({});
});

it('refuses wrong totals even when the product validator lets them through (independent oracle)', async () => {
	const key = await login(emu);
	const body = { ...sampleInvoiceBody('WRONG-TOTALS'), sumTotalTotal: 1 };
	const env = envelopeOf(await call(emu, 'POST', paths.add, { key, body }));
	expect(env.isError).toBe(true);
	expect(env.messages).toMatch(/^Los importes no cuadran/);
	expect(env.messages).toContain('sumTotalTotal: oracle says');
	expect(emu.invoices.has('WRONG-TOTALS')).toBe(false);
});
