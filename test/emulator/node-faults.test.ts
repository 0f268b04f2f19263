// Issue 5's fault-injection suite, widened by issue 12: 1,000 creates while AddInvoice calls
// fail in the ways that hurt (commit then 500, commit then dropped connection, commit then the
// answer cut after its headers or mid-body, 500 before commit, 503/429 + Retry-After,
// time-outs, isError as a string), the recovery look-ups meet answers that prove nothing,
// stale keys are answered with HTTP 500, and a quarter of the items each download the PDF or
// wait for the final state. Every item must end issued or as an error carrying its number, no
// invoice may be stored twice, no issued invoice may be reported as an error, and each item's
// outcome must match what the emulator stored. Figures are printed for the closing note.
import { performance } from 'perf_hooks';

import { sampleBody, visibleText } from '../unit/helpers/runNode';
import type { Emulator, FaultRule } from './index';
import { DEMO_USER, ENDPOINTS, startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

const N = 1000;
const numberOf = (i: number) => `FT2026-${String(i + 1).padStart(5, '0')}`;

const createFaults: FaultRule[] = [
	{ endpoint: 'addInvoice', kind: 'commitThen500', rate: 0.02 },
	{ endpoint: 'addInvoice', kind: 'commitThenReset', rate: 0.02 },
	{ endpoint: 'addInvoice', kind: 'commitThenCutHeaders', rate: 0.015 },
	{ endpoint: 'addInvoice', kind: 'commitThenCutBody', rate: 0.015 },
	{ endpoint: 'addInvoice', kind: '500', rate: 0.02 },
	{ endpoint: 'addInvoice', kind: '503', rate: 0.015, retryAfterSec: 0 },
	{ endpoint: 'addInvoice', kind: '429', rate: 0.015, retryAfterSec: 0 },
	{ endpoint: 'addInvoice', kind: 'timeout', rate: 0.01 },
	{ endpoint: 'addInvoice', kind: 'isErrorString', rate: 0.03 },
	// The look-ups made after a lost answer fail sometimes too, or answer nothing that proves
	// anything; they are safe to ask again.
	{ endpoint: 'state', kind: '500', rate: 0.03 },
	{ endpoint: 'state', kind: 'reset', rate: 0.02 },
	{ endpoint: 'state', kind: 'answerEmptyArray', rate: 0.01 },
	{ endpoint: 'state', kind: 'answerNull', rate: 0.01 },
	{ endpoint: 'state', kind: 'answerEmptyObject', rate: 0.01 },
	{ endpoint: 'state', kind: 'answerNotFoundOk', rate: 0.01 },
	{ endpoint: 'state', kind: 'answerStatusError', rate: 0.01 },
	{ endpoint: 'state', kind: 'answerOtherInvoice', rate: 0.01 },
	{ endpoint: 'state', kind: 'isErrorString', rate: 0.03 },
	// Download PDF meets failures that outlast its budget: they must stay data on the item.
	{ endpoint: 'pdf', kind: '500', rate: 0.05 }, // a read: n8n logs in again and resends, so most ride it out
	{ endpoint: 'pdf', kind: 'answerNull', rate: 0.03 }, // not a PDF: a pdfError on the issued item
	{ endpoint: 'pdf', kind: 'isErrorString', rate: 0.03 },
];

/** A quarter of the items download the PDF, another quarter waits for the final state. */
const optionsFor = (i: number) => ({
	timeout: 1,
	maxRetries: 6,
	...(i % 4 === 1 ? { downloadPdf: true, pdfWait: 2 } : {}),
	...(i % 4 === 2 ? { waitForFinalState: true, waitTimeout: 3, pollInterval: 0.2 } : {}),
});

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({
		seed: 20261125,
		keyTtlMs: 2500,
		staleKeyStatus: 500,
		faults: { rules: createFaults },
	});
});
afterAll(async () => await emulator.close());

it(`${N} creates under ~15 % faults, hostile look-ups and stale keys answered 500: 0 duplicates, 0 lost, outcomes match the store`, async () => {
	const started = performance.now();
	const result = await runAgainst(
		emulator,
		{
			resource: 'invoice',
			operation: 'create',
			inputMode: 'json',
			invoiceJson: (i: number) => JSON.stringify(sampleBody(numberOf(i))),
			options: optionsFor,
		},
		N,
		{ continueOnFail: true },
	);
	const wallSeconds = (performance.now() - started) / 1000;
	for (const o of result.output ?? [])
		if (o.json.error) process.stdout.write(`[fault suite] error item: ${JSON.stringify(o.json)}\n`);
	expect(result.error).toBeUndefined();
	const output = result.output!;
	expect(output).toHaveLength(N);

	const stored = emulator.invoices;
	const { counters } = emulator;
	const duplicates = Object.values(counters.commits).filter((n) => n > 1).length;
	let issued = 0;
	let recovered = 0;
	let errors = 0;
	let mismatches = 0;
	let issuedAsErrors = 0;
	const post = { pdfs: 0, pdfErrors: 0, finalStates: 0, stateErrors: 0 };
	output.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json.invoiceNumber).toBe(numberOf(i)); // order kept, number always carried
		const isStored = stored.has(numberOf(i));
		if (item.json.error === undefined) {
			issued++;
			if (item.json.recovered) recovered++;
			if (!isStored) mismatches++;
			if (item.binary?.data?.mimeType === 'application/pdf') post.pdfs++;
			if (typeof item.json.pdfError === 'string') post.pdfErrors++;
			if (i % 4 === 1)
				expect(Boolean(item.binary) !== (typeof item.json.pdfError === 'string')).toBe(true);
			if (item.json.finalState === true) post.finalStates++;
			if (i % 4 === 2) expect(typeof item.json.finalState).toBe('boolean');
			if (item.json.stateError !== undefined) post.stateErrors++;
		} else {
			errors++;
			if (isStored) {
				mismatches++; // reported as failed although it was issued: "lost" to the user
				issuedAsErrors++;
			}
		}
	});
	const foreign = [...stored.keys()].filter((n) => !/^FT2026-\d{5}$/.test(n)).length;

	const faults = counters.faults.addInvoice;
	const calls = ENDPOINTS.map((e) => `${e} ${counters.calls[e]}`).join(', ');
	process.stdout.write(
		`\n[fault suite] ${N} creates in ${wallSeconds.toFixed(1)} s: issued ${issued} (recovered ${recovered}), errors ${errors}, ` +
			`issued-but-reported-as-errors ${issuedAsErrors}, duplicates ${duplicates}, lost/mismatched ${mismatches}\n` +
			`[fault suite] after create: PDFs ${post.pdfs}, pdfError ${post.pdfErrors}, finalState true ${post.finalStates}, stateError ${post.stateErrors}\n` +
			`[fault suite] calls: ${calls} (AddInvoice ${counters.calls.addInvoice - N} beyond one per invoice); ` +
			`log-ins ${counters.loginsOk}, stale-key 500s ${counters.staleKey500}, 401s ${counters.unauthorized}\n` +
			`[fault suite] faults injected: AddInvoice ${JSON.stringify(faults)}, state ${JSON.stringify(counters.faults.state)}, pdf ${JSON.stringify(counters.faults.pdf)}\n`,
	);

	expect(duplicates).toBe(0);
	expect(issuedAsErrors).toBe(0);
	expect(mismatches).toBe(0);
	expect(foreign).toBe(0);
	expect(stored.size).toBe(issued);
	expect(errors).toBe(0); // 6 retries make a permanent failure here vanishingly unlikely
	// The faults really happened (a suite that injects nothing proves nothing).
	expect((faults.commitThen500 ?? 0) + (faults.commitThenReset ?? 0)).toBeGreaterThan(20);
	expect((faults.commitThenCutHeaders ?? 0) + (faults.commitThenCutBody ?? 0)).toBeGreaterThan(10);
	expect(faults.isErrorString ?? 0).toBeGreaterThan(10);
	expect(faults.timeout ?? 0).toBeGreaterThan(2);
	const hostile = Object.entries(counters.faults.state)
		.filter(([k]) => k.startsWith('answer'))
		.reduce((a, [, n]) => a + (n ?? 0), 0);
	expect(hostile).toBeGreaterThan(2);
	expect(recovered).toBeGreaterThan(30);
	expect(counters.loginsOk).toBeGreaterThan(1); // keys expired and were renewed
	expect(counters.staleKey500).toBeGreaterThan(0); // ...and answered 500 when stale
	expect(post.pdfs + post.pdfErrors).toBe(N / 4);
	expect(post.pdfErrors).toBeGreaterThan(0); // PDF failures happened and stayed data
	expect(post.finalStates).toBeGreaterThan(0);

	const text = visibleText(result);
	expect(text).not.toContain(DEMO_USER.password);
	for (const key of emulator.issuedKeys()) expect(text).not.toContain(key);
}, 240_000);

it('safe calls (Get State, Get PDF) ride out transient faults within the retry budget', async () => {
	emulator.reset();
	const numbers = Array.from({ length: 5 }, (_, i) => numberOf(i));
	await runAgainst(
		emulator,
		{
			resource: 'invoice',
			operation: 'create',
			inputMode: 'json',
			invoiceJson: (i: number) => JSON.stringify(sampleBody(numbers[i])),
			options: { timeout: 2 },
		},
		numbers.length,
	);
	emulator.faults.set([
		{ endpoint: 'state', kind: '503', rate: 0.15, retryAfterSec: 0 },
		{ endpoint: 'state', kind: 'reset', rate: 0.1 },
		{ endpoint: 'pdf', kind: '429', rate: 0.15, retryAfterSec: 0 },
		{ endpoint: 'pdf', kind: 'timeout', rate: 0.05 },
	]);
	const items = 100;
	const read = (operation: string) =>
		runAgainst(
			emulator,
			{
				resource: 'invoice',
				operation,
				invoiceNumber: (i: number) => numbers[i % numbers.length],
				binaryPropertyName: 'data',
				options: { timeout: 1, maxRetries: 8, concurrency: 10 },
			},
			items,
		);
	const [states, pdfs] = [await read('getState'), await read('getPdf')];
	expect(states.error).toBeUndefined();
	expect(pdfs.error).toBeUndefined();
	expect(
		states.output!.every((o, i) => o.json.invoiceNumber === numbers[i % 5] && o.json.summary),
	).toBe(true);
	expect(pdfs.output!.every((o) => o.binary?.data?.mimeType === 'application/pdf')).toBe(true);
	const f = emulator.counters.faults;
	process.stdout.write(
		`[fault suite] safe reads: ${items} states + ${items} PDFs ok; faults state ${JSON.stringify(f.state)}, pdf ${JSON.stringify(f.pdf)}\n`,
	);
	expect((f.state['503'] ?? 0) + (f.state.reset ?? 0)).toBeGreaterThan(5);
	expect((f.pdf['429'] ?? 0) + (f.pdf.timeout ?? 0)).toBeGreaterThan(5);
	emulator.faults.clear();
}, 120_000);

it('numbers that try to leave their path segment never reach another endpoint', async () => {
	emulator.reset();
	const evil = [
		'../AppSecurity/ApiKey',
		'a/b',
		'%2e%2e',
		'..%2fAddInvoice',
		'x\r\nX-API-KEY: y',
		'..',
	];
	for (const operation of ['getState', 'getPdf']) {
		const result = await runAgainst(
			emulator,
			{
				resource: 'invoice',
				operation,
				invoiceNumber: (i: number) => evil[i],
				binaryPropertyName: 'data',
				options: {},
			},
			evil.length,
			{ continueOnFail: true },
		);
		expect(result.output!.map((o) => String(o.json.error))).toEqual(
			evil.map(() => expect.stringMatching(/^Invoice Number /)),
		);
	}
	const { calls, notFound } = emulator.counters;
	expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(0);
	expect(notFound).toBe(0);
});
