// Issue 12, case by case against the emulator over real loopback HTTP (n8n's own axios client):
// answers cut after their headers or mid-body, post-create problems as data, look-ups that
// prove nothing, a stop mid-create, stale keys answered with 500, isError as a string.
import { failureFromError } from '../../nodes/FacturasApp/transport/failure';
import { httpRequest } from '../unit/helpers/fakeContext';
import { runNode, sampleBody } from '../unit/helpers/runNode';
import type { Emulator, FaultAction } from './index';
import { startEmulator } from './index';
import { emulatorCredentials, runAgainst } from './nodeHelpers';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ seed: 12 });
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const FAST = { timeout: 2, maxRetries: 3 };
const create = (
	numbers: string[] | string,
	options: Record<string, unknown> = FAST,
	extra: Record<string, unknown> = {},
) => ({
	resource: 'invoice',
	operation: 'create',
	inputMode: 'json',
	invoiceJson: (i: number) =>
		JSON.stringify(sampleBody(Array.isArray(numbers) ? numbers[i] : numbers)),
	options,
	...extra,
});
const commitsOf = (n: string) => emulator.counters.commits[n] ?? 0;

describe('a failure after the request may have reached FacturasApp is ambiguous: look up first', () => {
	it.each(['commitThenCutHeaders', 'commitThenCutBody'] as const)(
		'n8n\'s HTTP client surfaces %s as a lost connection, not as "HTTP 200"',
		async (kind) => {
			// Straight from n8n's request function against the emulator, no node code in between.
			emulator.faults.set([{ endpoint: 'login', script: [kind] }]);
			const error = await httpRequest({
				method: 'POST',
				url: `${emulator.url}/ApiGateway/AppSecurity/ApiKey`,
				body: { User: 'demo@facturasapp.local', Password: 'demo-password' },
				json: false,
				encoding: 'arraybuffer',
				returnFullResponse: true,
				timeout: 2000,
			}).then(
				() => undefined,
				(e: unknown) => e,
			);
			expect(error).toBeDefined();
			const failure = failureFromError(error);
			expect(failure.kind).toBe('network');
			expect(failure.message).toContain('cut off after its HTTP 200 headers');
		},
	);

	it.each([
		'commitThenCutHeaders',
		'commitThenCutBody',
		'commitThenReset',
		'commitThen500',
		'timeout',
	] as FaultAction[])(
		'%s on AddInvoice: looked up before anything else, issued exactly once',
		async (kind) => {
			emulator.faults.set([{ endpoint: 'addInvoice', script: [kind] }]);
			const result = await runAgainst(
				emulator,
				create('FA2026-0001', { timeout: 1, maxRetries: 3 }),
			);
			expect(result.error).toBeUndefined();
			// A time-out here never stored the invoice: the look-up says so and it is sent again.
			const stored = kind !== 'timeout';
			expect(result.output![0].json).toMatchObject({
				invoiceNumber: 'FA2026-0001',
				recovered: stored,
			});
			expect(commitsOf('FA2026-0001')).toBe(1);
			expect(emulator.counters.calls.addInvoice).toBe(stored ? 1 : 2);
			expect(emulator.counters.calls.state).toBe(1);
		},
	);
});

describe('after a successful create nothing fails the item', () => {
	it('PDF not ready within PDF Wait: issued, with its number and pdfError', async () => {
		emulator.setConfig({ pdfReadyDelayMs: 60_000 });
		const result = await runAgainst(
			emulator,
			create('FA2026-0001', { ...FAST, downloadPdf: true, pdfWait: 0.3 }),
		);
		expect(result.error).toBeUndefined();
		const { json, binary } = result.output![0];
		expect(json).toMatchObject({
			invoiceNumber: 'FA2026-0001',
			id: expect.any(Number),
			pdfError: expect.stringContaining('no está disponible'),
		});
		expect(json.pdfError).toContain('The invoice was issued');
		expect(binary).toBeUndefined();
		expect(emulator.counters.calls.pdf).toBeGreaterThan(1); // it did wait
	});

	it('Wait for Final State still pending at the deadline: issued, finalState false, stateError', async () => {
		emulator.setConfig({ stateDelayMs: 60_000 });
		const result = await runAgainst(
			emulator,
			create('FA2026-0001', {
				...FAST,
				waitForFinalState: true,
				waitTimeout: 1,
				pollInterval: 0.2,
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({
			invoiceNumber: 'FA2026-0001',
			finalState: false,
			stateError: expect.stringContaining('Still "Pendiente"'),
			outcome: 'pending',
		});
	});

	it('the state read failing (500 every time) with Next in Series: issued with its number, stateError, the series moves on', async () => {
		emulator.faults.set([{ endpoint: 'state', kind: '500' }]);
		const result = await runAgainst(
			emulator,
			create(
				'',
				{ ...FAST, maxRetries: 1, waitForFinalState: true, waitTimeout: 2, pollInterval: 0.2 },
				{ numbering: 'next', seriesPrefix: 'FA2026-' },
			),
			2,
		);
		expect(result.error).toBeUndefined();
		expect(
			result.output!.map((o) => [
				o.json.invoiceNumber,
				o.json.finalState,
				typeof o.json.stateError,
			]),
		).toEqual([
			['FA2026-0001', false, 'string'],
			['FA2026-0002', false, 'string'],
		]);
		expect([...emulator.invoices.keys()]).toEqual(['FA2026-0001', 'FA2026-0002']);
	});

	it('with everything fine the item says finalState true and carries the PDF', async () => {
		const result = await runAgainst(
			emulator,
			create('FA2026-0001', {
				...FAST,
				downloadPdf: true,
				waitForFinalState: true,
				pollInterval: 0.2,
			}),
		);
		expect(result.output![0].json).toMatchObject({
			finalState: true,
			outcome: 'accepted',
			fileName: 'FA2026-0001.pdf',
		});
		expect(result.output![0].json.pdfError).toBeUndefined();
		expect(result.output![0].json.stateError).toBeUndefined();
	});
});

describe('the recovery look-up needs positive evidence', () => {
	const hostile: FaultAction[] = [
		'answerEmptyArray',
		'answerNull',
		'answerEmptyObject',
		'answerNotFoundOk',
		'answerStatusError',
		'answerOtherInvoice',
	];

	it.each(hostile)(
		'%s is not "found": the item fails as not known, with its number, and nothing is resent',
		async (kind) => {
			// Another invoice exists, so answerOtherInvoice has a real one to show.
			await runAgainst(emulator, create('FA2026-0001'));
			emulator.faults.set([
				{ endpoint: 'addInvoice', script: ['500'] }, // not stored
				{ endpoint: 'state', kind },
			]);
			const result = await runAgainst(emulator, create('FA2026-0002'), 1, { continueOnFail: true });
			const { json } = result.output![0];
			expect(json.invoiceNumber).toBe('FA2026-0002');
			expect(json.recovered).toBeUndefined();
			expect(json.error).toMatch(/^Not known whether invoice FA2026-0002 was issued/);
			expect(json.errorDescription).toContain('Get State, number FA2026-0002');
			expect(emulator.counters.calls.addInvoice).toBe(2); // the first create and this one, never resent
			expect(emulator.invoices.has('FA2026-0002')).toBe(false);
			expect(emulator.counters.calls.state).toBe(FAST.maxRetries + 1); // asked again, within the budget
		},
	);

	it('with Next in Series, the series does not move on past a number whose outcome is not known', async () => {
		emulator.faults.set([
			{ endpoint: 'addInvoice', script: ['500'] },
			{ endpoint: 'state', kind: 'answerEmptyObject' },
		]);
		const result = await runAgainst(
			emulator,
			create('', FAST, { numbering: 'next', seriesPrefix: 'FA2026-' }),
			3,
			{ continueOnFail: true },
		);
		const out = result.output!.map((o) => o.json);
		expect(out[0]).toMatchObject({
			invoiceNumber: 'FA2026-0001',
			error: expect.stringMatching(/^Not known whether invoice FA2026-0001/),
		});
		for (const later of out.slice(1)) {
			expect(later.error).toContain('not continued after invoice FA2026-0001');
		}
		expect(emulator.counters.calls.addInvoice).toBe(1);
		expect(emulator.invoices.size).toBe(0);
	});

	it("Get State never passes another invoice's state off as this one's", async () => {
		await runAgainst(emulator, create(['FA2026-0001', 'FA2026-0002']), 2);
		emulator.faults.set([{ endpoint: 'state', script: ['answerOtherInvoice'] }]);
		const result = await runAgainst(
			emulator,
			{ resource: 'invoice', operation: 'getState', invoiceNumber: 'FA2026-0001', options: {} },
			1,
			{ continueOnFail: true },
		);
		expect(result.output![0].json.error).toContain(
			'the answer is about invoice FA2026-0002, not FA2026-0001',
		);
	});

	it('hostile answers for an invoice that was stored: asked again until it shows up, recovered once', async () => {
		emulator.faults.set([
			{ endpoint: 'addInvoice', script: ['commitThen500'] },
			{ endpoint: 'state', script: ['answerNotFoundOk', 'answerOtherInvoice', 'answerEmptyArray'] },
		]);
		const result = await runAgainst(emulator, create('FA2026-0001', { ...FAST, maxRetries: 4 }));
		expect(result.output![0].json).toMatchObject({ invoiceNumber: 'FA2026-0001', recovered: true });
		expect(emulator.counters.calls.state).toBe(4);
		expect(commitsOf('FA2026-0001')).toBe(1);
	});
});

describe('stopping the execution during a create', () => {
	it('the error says the invoice may have been issued and how to check; nothing more is sent', async () => {
		const stop = new AbortController();
		emulator.onHang = () => stop.abort();
		emulator.faults.set([{ endpoint: 'addInvoice', script: ['commitThenHang'] }]);
		try {
			const result = await runNode({
				params: create(['FA2026-0001', 'FA2026-0002'], { timeout: 30, maxRetries: 3 }),
				items: [{ json: {} }, { json: {} }],
				credentials: emulatorCredentials(emulator),
				cancelSignal: stop.signal,
			});
			expect(result.error).toBeDefined();
			expect(result.error!.message).toBe(
				'Stopped while issuing invoice FA2026-0001: it may have been issued',
			);
			expect(result.error!.description).toContain('Invoice → Get State, number FA2026-0001');
			expect(emulator.invoices.has('FA2026-0001')).toBe(true); // it was, indeed
			expect(emulator.counters.calls.addInvoice).toBe(1);
			expect(emulator.counters.calls.state).toBe(0);
		} finally {
			emulator.onHang = null;
		}
	});
	it('executions stopped mid-create, then handled as the error says (Get State, run the rest): every order invoiced once', async () => {
		emulator.faults.set([
			{ endpoint: 'addInvoice', kind: 'commitThenHang', rate: 0.03 },
			{ endpoint: 'addInvoice', kind: 'commitThenCutBody', rate: 0.02 },
		]);
		const numbers = Array.from(
			{ length: 200 },
			(_, i) => `FX2026-${String(i + 1).padStart(4, '0')}`,
		);
		let pending = numbers;
		let stops = 0;
		for (let run = 0; pending.length > 0 && run < 60; run++) {
			const stop = new AbortController();
			emulator.onHang = () => stop.abort();
			const batch = pending;
			const result = await runNode({
				params: create(batch, { timeout: 5, maxRetries: 3 }),
				items: batch.map(() => ({ json: {} })),
				credentials: emulatorCredentials(emulator),
				cancelSignal: stop.signal,
			});
			if (!result.error) {
				expect(result.output!.map((o) => o.json.invoiceNumber)).toEqual(batch);
				pending = [];
				break;
			}
			stops++;
			const stopped = /^Stopped while issuing invoice (\S+): it may have been issued$/.exec(
				result.error.message,
			)?.[1];
			expect(stopped).toBeDefined();
			expect(result.error.description).toContain(`Get State, number ${stopped}`);
			// What the error tells the user to do: look the number up, then run the rest.
			emulator.onHang = null;
			const state = await runAgainst(
				emulator,
				{ resource: 'invoice', operation: 'getState', invoiceNumber: stopped, options: {} },
				1,
				{ continueOnFail: true },
			);
			const issued = state.output![0].json.error === undefined;
			pending = batch.slice(batch.indexOf(stopped!) + (issued ? 1 : 0));
		}
		emulator.onHang = null;
		expect(pending).toEqual([]);
		expect(stops).toBeGreaterThan(0);
		expect([...emulator.invoices.keys()].sort()).toEqual(numbers);
		expect(Object.values(emulator.counters.commits).every((n) => n === 1)).toBe(true);
		process.stdout.write(
			`[exactly once] 200 creates, ${stops} executions stopped mid-create, ${emulator.counters.calls.addInvoice} AddInvoice calls, 0 duplicates\n`,
		);
	}, 120_000);
});

describe('a stale key answered with HTTP 500', () => {
	it('100 creates while keys go stale and answer 500: 100 invoices, 0 duplicates, fresh log-ins', async () => {
		emulator.setConfig({ staleKeyStatus: 500, keyTtlMs: 150 });
		emulator.faults.set([{ endpoint: 'addInvoice', kind: 'latency', ms: 5 }]);
		const numbers = Array.from(
			{ length: 100 },
			(_, i) => `FS2026-${String(i + 1).padStart(4, '0')}`,
		);
		const result = await runAgainst(
			emulator,
			create(numbers, { timeout: 2, maxRetries: 6 }),
			numbers.length,
			{ continueOnFail: true },
		);
		const errors = result.output!.filter((o) => o.json.error);
		expect(errors).toEqual([]);
		expect(emulator.invoices.size).toBe(100);
		expect(Object.values(emulator.counters.commits).every((n) => n === 1)).toBe(true);
		expect(emulator.counters.staleKey500).toBeGreaterThan(0);
		expect(emulator.counters.loginsOk).toBeGreaterThan(1);
		process.stdout.write(
			`[exactly once] stale-key 500s: ${emulator.counters.staleKey500}, log-ins ${emulator.counters.loginsOk}, AddInvoice calls ${emulator.counters.calls.addInvoice}, look-ups ${emulator.counters.calls.state}\n`,
		);
	}, 120_000);

	it('a read (Get State) logs in again once on the stale-key 500 and succeeds', async () => {
		await runAgainst(emulator, create('FA2026-0001'));
		emulator.setConfig({ staleKeyStatus: 500 });
		emulator.expireAllKeys();
		const before = emulator.counters.loginsOk;
		const result = await runAgainst(
			emulator,
			{
				resource: 'invoice',
				operation: 'getState',
				invoiceNumber: 'FA2026-0001',
				options: { maxRetries: 0 },
			},
			1,
			{
				credentials: { apiKey: emulator.issuedKeys().at(-1) },
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.output![0].json.summary).toMatchObject({ outcome: 'accepted' });
		expect(emulator.counters.loginsOk - before).toBe(1);
		expect(emulator.counters.staleKey500).toBe(1);
	});
});

describe('isError as a string', () => {
	it('"false" on AddInvoice is an issued invoice; "true" is a refusal', async () => {
		emulator.faults.set([{ endpoint: 'addInvoice', kind: 'isErrorString' }]);
		// The numbering check off: it would stop the repeated number before FacturasApp refuses it.
		const result = await runAgainst(
			emulator,
			create(['FA2026-0001', 'FA2026-0001'], { ...FAST, checkNumberIsNext: false }),
			2,
			{ continueOnFail: true },
		);
		expect(result.output![0].json).toMatchObject({
			invoiceNumber: 'FA2026-0001',
			recovered: false,
			raw: { response: { isError: false } },
		});
		expect(result.output![1].json.error).toContain('Ya existe');
		expect(emulator.counters.faults.addInvoice.isErrorString).toBe(2);
		expect(commitsOf('FA2026-0001')).toBe(1);
	});

	it('"false" on the PDF and state answers is read too', async () => {
		await runAgainst(emulator, create('FA2026-0001'));
		emulator.faults.set([
			{ endpoint: 'pdf', kind: 'isErrorString' },
			{ endpoint: 'state', kind: 'isErrorString' },
		]);
		const pdf = await runAgainst(emulator, {
			resource: 'invoice',
			operation: 'getPdf',
			invoiceNumber: 'FA2026-0001',
			binaryPropertyName: 'data',
			options: {},
		});
		expect(pdf.output![0].binary!.data.mimeType).toBe('application/pdf');
		const state = await runAgainst(emulator, {
			resource: 'invoice',
			operation: 'getState',
			invoiceNumber: 'FA2026-0001',
			options: {},
		});
		expect(state.output![0].json.summary).toMatchObject({ outcome: 'accepted' });
	});
});
