// The node against the emulator over real HTTP: create → state → PDF, key expiry, PDF forms.
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const createParams = (numbers: string[], options: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation: 'create',
	inputMode: 'json',
	invoiceJson: (i: number) => JSON.stringify(sampleBody(numbers[i])),
	options: { timeout: 5, ...options },
});
const readParams = (
	operation: string,
	numbers: string[],
	options: Record<string, unknown> = {},
) => ({
	resource: 'invoice',
	operation,
	invoiceNumber: (i: number) => numbers[i],
	binaryPropertyName: 'data',
	options: { timeout: 5, ...options },
});

describe('the node against the emulator', () => {
	it('creates three invoices, reads their state and downloads real PDFs, logging in once per run', async () => {
		const numbers = ['FA2026-0001', 'FA2026-0002', 'FA2026-0003'];
		const created = await runAgainst(emulator, createParams(numbers), 3);
		expect(created.error).toBeUndefined();
		expect(created.output!.map((o) => o.json.invoiceNumber)).toEqual(numbers);
		expect([...emulator.invoices.keys()].sort()).toEqual(numbers);

		const states = await runAgainst(emulator, readParams('getState', numbers), 3);
		expect(states.output!.map((o) => o.json.summary)).toEqual(
			numbers.map(() =>
				expect.objectContaining({ status: 'Correcto', outcome: 'accepted', final: true }),
			),
		);

		const pdfs = await runAgainst(emulator, readParams('getPdf', numbers, { concurrency: 3 }), 3);
		for (const [i, item] of pdfs.output!.entries()) {
			expect(item.binary!.data).toMatchObject({
				fileName: `${numbers[i]}.pdf`,
				mimeType: 'application/pdf',
			});
			const bytes = Buffer.from(item.binary!.data.data, 'base64');
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
			expect(bytes.toString('latin1')).toContain(numbers[i]);
		}
		expect(emulator.counters.loginsOk).toBe(3); // one per execution
	});

	it('a key that expires mid-run makes n8n log in again once, and the run succeeds', async () => {
		const numbers = ['FA2026-0001', 'FA2026-0002'];
		await runAgainst(emulator, createParams(numbers.slice(0, 1)), 1);
		const logins = emulator.counters.loginsOk;
		emulator.expireAllKeys();
		// A fresh run still holds the stored (now expired) key, like n8n's saved credential.
		const states = await runAgainst(emulator, readParams('getState', numbers.slice(0, 1)), 1, {
			credentials: { apiKey: 'expired-key-000000000000' },
		});
		expect(states.error).toBeUndefined();
		expect(emulator.counters.loginsOk).toBe(logins + 1);
	});

	it('accepts raw PDF bytes when the emulator answers the older way', async () => {
		emulator.setConfig({ pdfForm: 'raw' });
		await runAgainst(emulator, createParams(['RA02']), 1);
		const pdf = await runAgainst(emulator, readParams('getPdf', ['RA02']), 1);
		expect(pdf.error).toBeUndefined();
		expect(Buffer.from(pdf.output![0].binary!.data.data, 'base64').subarray(0, 5).toString()).toBe(
			'%PDF-',
		);
	});

	it('Create with Download PDF waits while the PDF is not ready yet', async () => {
		emulator.setConfig({ pdfReadyDelayMs: 600 });
		const result = await runAgainst(
			emulator,
			createParams(['FA2026-0001'], { downloadPdf: true, pdfWait: 10 }),
			1,
		);
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({
			fileName: 'FA2026-0001.pdf',
			binaryPropertyName: 'data',
		});
		expect(result.output![0].binary!.data.mimeType).toBe('application/pdf');
	});

	it('Wait for Final State polls until the AEAT decides; a rejection is an error with its code', async () => {
		emulator.setConfig({ stateDelayMs: 500 });
		emulator.setStateOutcome('FA2026-0002', {
			state: 'Incorrecto',
			code: '4107',
			description: 'El NIF no es válido',
		});
		const wait = { waitForFinalState: true, pollInterval: 0.2, waitTimeout: 10 };
		const ok = await runAgainst(emulator, createParams(['FA2026-0001'], wait), 1);
		expect(ok.output![0].json).toMatchObject({ outcome: 'accepted', finalState: true });

		const rejected = await runAgainst(emulator, createParams(['FA2026-0002'], wait), 1, {
			continueOnFail: true,
		});
		expect(rejected.output![0].json).toMatchObject({
			invoiceNumber: 'FA2026-0002',
			error: 'The tax authority rejected invoice FA2026-0002: 4107 El NIF no es válido',
		});

		const routed = await runAgainst(
			emulator,
			readParams('getState', ['FA2026-0002'], { ...wait, onRejected: 'output' }),
			1,
		);
		expect(routed.output![0].json).toMatchObject({
			rejected: true,
			summary: { outcome: 'rejected', aeatCode: '4107' },
		});
	});

	it('an inactive subscription is a business error, and nothing is stored', async () => {
		const inactive = await startEmulator({
			users: [{ user: 'baja@example.es', password: 'pw-123456', subscriptionActive: false }],
		});
		try {
			const result = await runAgainst(inactive, createParams(['FA2026-0001']), 1, {
				continueOnFail: true,
				credentials: { user: 'baja@example.es', password: 'pw-123456' },
			});
			expect(result.output![0].json.invoiceNumber).toBe('FA2026-0001');
			expect(String(result.output![0].json.error)).toMatch(
				/^FacturasApp refused to issue invoice FA2026-0001: La suscripción/,
			);
			expect(inactive.invoices.size).toBe(0);
		} finally {
			await inactive.close();
		}
	});

	it('a wrong password fails with a clear message and no secret', async () => {
		const result = await runAgainst(emulator, createParams(['FA2026-0001']), 1, {
			credentials: { password: 'wrong-password' },
		});
		expect(result.error!.message).toContain('FacturasApp rejected the user or password');
		expect(
			JSON.stringify({ m: result.error!.message, d: result.error!.description }),
		).not.toContain('wrong-password');
	});
});
