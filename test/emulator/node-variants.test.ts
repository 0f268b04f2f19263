// The node against every answer form of the emulator: the [seen] defaults and each [unknown]
// guess (variants.ts). The same user-level scenario must hold for all of them: series read,
// Next in Series, waiting for the AEAT, the PDF, an unknown number, a lost answer, a wrong password.
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from './index';
import { DEMO_USER, startEmulator } from './index';
import { runAgainst } from './nodeHelpers';
import { VARIANTS } from './variants';

const SERIES = [
	{ prefix: 'FACT', lastNumber: 5, isDefault: true },
	{ prefix: 'REC', lastNumber: 12 },
];
const json = () => JSON.stringify(sampleBody('placeholder-1'));
const createNext = (options: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation: 'create',
	numbering: 'next',
	seriesPrefix: '',
	inputMode: 'json',
	invoiceJson: json,
	options: { timeout: 5, maxRetries: 3, ...options },
});
const read = (operation: string, invoiceNumber: string, options: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation,
	invoiceNumber,
	binaryPropertyName: 'data',
	options: { timeout: 5, ...options },
});

describe.each(VARIANTS)('emulator answering $name', ({ options }) => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ ...options, series: SERIES });
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => {
		emulator.reset();
	});

	it('Series → Get Many, then Next in Series: FACT0006 and FACT0007, waited to their AEAT state, with PDFs', async () => {
		const list = await runAgainst(emulator, {
			resource: 'series',
			operation: 'getAll',
			options: {},
		});
		expect(list.error).toBeUndefined();
		expect(
			list
				.output!.slice(0, 2)
				.map((o) => [o.json.prefix, o.json.lastNumber, o.json.nextInvoiceNumber, o.json.isDefault]),
		).toEqual([
			['FACT', 5, 'FACT0006', true],
			['REC', 12, 'REC0013', false],
		]);

		emulator.setConfig({ stateDelayMs: 300, pdfReadyDelayMs: 200 });
		emulator.setStateOutcome('FACT0007', {
			state: 'Incorrecto',
			code: '4107',
			description: 'El NIF no es válido',
		});
		const created = await runAgainst(
			emulator,
			createNext({
				waitForFinalState: true,
				pollInterval: 0.2,
				waitTimeout: 30,
				onRejected: 'output',
				downloadPdf: true,
				pdfWait: 30,
			}),
			2,
		);
		expect(created.error).toBeUndefined();
		const [first, second] = created.output!;
		expect(first.json).toMatchObject({
			invoiceNumber: 'FACT0006',
			recovered: false,
			outcome: 'accepted',
			finalState: true,
		});
		expect(second.json).toMatchObject({
			invoiceNumber: 'FACT0007',
			rejected: true,
			outcome: 'rejected',
			finalState: true,
			aeatCode: '4107',
		});
		expect(typeof first.json.id === 'number' || typeof first.json.id === 'string').toBe(true);
		for (const item of created.output!) {
			expect(item.binary!.data).toMatchObject({ mimeType: 'application/pdf' });
			expect(Buffer.from(item.binary!.data.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		}
		expect([...emulator.invoices.keys()]).toEqual(['FACT0006', 'FACT0007']);
	});

	it('Get State: pending right after the create, final later, and an unknown number is an error naming it', async () => {
		emulator.setConfig({ stateDelayMs: 60_000 });
		expect((await runAgainst(emulator, createNext(), 1)).output![0].json.invoiceNumber).toBe(
			'FACT0006',
		);
		const pending = await runAgainst(emulator, read('getState', 'FACT0006'));
		expect(pending.output![0].json.summary).toMatchObject({ outcome: 'pending', final: false });

		emulator.setConfig({ stateDelayMs: 0 });
		const final = await runAgainst(emulator, read('getState', 'FACT0006'));
		expect(final.output![0].json.summary).toMatchObject({ outcome: 'accepted', final: true });

		const unknown = await runAgainst(emulator, read('getState', 'FACT9999'), 1, {
			continueOnFail: true,
		});
		expect(unknown.output![0].json).toMatchObject({
			invoiceNumber: 'FACT9999',
			error: expect.stringContaining('FACT9999'),
		});
		const pdf = await runAgainst(emulator, read('getPdf', 'FACT9999'), 1, { continueOnFail: true });
		expect(pdf.output![0].json).toMatchObject({
			invoiceNumber: 'FACT9999',
			error: expect.stringContaining('FACT9999'),
		});
	});

	it('a lost answer is looked up, never sent twice: stored-then-500 is recovered, 500-before-storing is sent again', async () => {
		emulator.faults.set([{ endpoint: 'addInvoice', script: ['commitThen500', '500'] }]);
		const result = await runAgainst(emulator, createNext(), 2);
		expect(result.error).toBeUndefined();
		expect(result.output!.map((o) => [o.json.invoiceNumber, o.json.recovered])).toEqual([
			['FACT0006', true],
			['FACT0007', false],
		]);
		expect(emulator.counters.commits).toEqual({ FACT0006: 1, FACT0007: 1 });
	});

	it('a wrong password is a clear error and nothing is sent', async () => {
		const result = await runAgainst(emulator, createNext(), 1, {
			credentials: { password: 'not-the-password' },
		});
		expect(result.error!.message).toContain('FacturasApp rejected the user or password');
		expect(
			JSON.stringify({ message: result.error!.message, description: result.error!.description }),
		).not.toContain('not-the-password');
		expect(emulator.counters.calls.addInvoice).toBe(0);
		expect(DEMO_USER.password).not.toBe('not-the-password');
	});
});
