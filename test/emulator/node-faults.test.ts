// Issue 5's fault-injection suite: 1,000 creates while ~10 % of AddInvoice calls fail in the
// ways that hurt (commit then 500, commit then dropped connection, 500 before commit,
// 503/429 + Retry-After, time-outs) and keys expire every few seconds. Every item must end
// issued or as an error carrying its number, no invoice may be stored twice, and each item's
// outcome must match what the emulator stored. Figures are printed for the closing note.
import { performance } from 'perf_hooks';

import { sampleBody, visibleText } from '../unit/helpers/runNode';
import type { Emulator, FaultRule } from './index';
import { DEMO_USER, startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

const N = 1000;
const numberOf = (i: number) => `FT2026-${String(i + 1).padStart(5, '0')}`;

const createFaults: FaultRule[] = [
	{ endpoint: 'addInvoice', kind: 'commitThen500', rate: 0.02 },
	{ endpoint: 'addInvoice', kind: 'commitThenReset', rate: 0.02 },
	{ endpoint: 'addInvoice', kind: '500', rate: 0.02 },
	{ endpoint: 'addInvoice', kind: '503', rate: 0.015, retryAfterSec: 0 },
	{ endpoint: 'addInvoice', kind: '429', rate: 0.015, retryAfterSec: 0 },
	{ endpoint: 'addInvoice', kind: 'timeout', rate: 0.01 },
	// The look-ups made after a lost answer fail sometimes too; they are safe to retry.
	{ endpoint: 'state', kind: '500', rate: 0.03 },
	{ endpoint: 'state', kind: 'reset', rate: 0.02 },
];

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ seed: 20261125, keyTtlMs: 2500, faults: { rules: createFaults } });
});
afterAll(async () => await emulator.close());

it(`${N} creates under ~10 % faults and expiring keys: 0 duplicates, 0 lost, outcomes match the store`, async () => {
	const started = performance.now();
	const result = await runAgainst(
		emulator,
		{
			resource: 'invoice',
			operation: 'create',
			inputMode: 'json',
			invoiceJson: (i: number) => JSON.stringify(sampleBody(numberOf(i))),
			options: { timeout: 1, maxRetries: 6 },
		},
		N,
		{ continueOnFail: true },
	);
	const wallSeconds = (performance.now() - started) / 1000;
	for (const o of result.output ?? []) if (o.json.error) process.stdout.write(`[fault suite] error item: ${JSON.stringify(o.json)}\n`);
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
	output.forEach((item, i) => {
		expect(item.pairedItem).toEqual({ item: i });
		expect(item.json.invoiceNumber).toBe(numberOf(i)); // order kept, number always carried
		const isStored = stored.has(numberOf(i));
		if (item.json.error === undefined) {
			issued++;
			if (item.json.recovered) recovered++;
			if (!isStored) mismatches++;
		} else {
			errors++;
			if (isStored) mismatches++; // reported as failed although it was issued: "lost" to the user
		}
	});
	const foreign = [...stored.keys()].filter((n) => !/^FT2026-\d{5}$/.test(n)).length;

	const faults = counters.faults.addInvoice;
	process.stdout.write(
		`\n[fault suite] ${N} creates in ${wallSeconds.toFixed(1)} s: issued ${issued} (recovered ${recovered}), errors ${errors}, ` +
			`duplicates ${duplicates}, lost/mismatched ${mismatches}\n` +
			`[fault suite] AddInvoice calls ${counters.calls.addInvoice} (${counters.calls.addInvoice - N} beyond one per invoice), ` +
			`state look-ups ${counters.calls.state}, log-ins ${counters.loginsOk}, 401s ${counters.unauthorized}\n` +
			`[fault suite] faults injected: AddInvoice ${JSON.stringify(faults)}, state ${JSON.stringify(counters.faults.state)}\n`,
	);

	expect(duplicates).toBe(0);
	expect(mismatches).toBe(0);
	expect(foreign).toBe(0);
	expect(stored.size).toBe(issued);
	expect(errors).toBe(0); // 6 retries make a permanent failure here vanishingly unlikely
	// The faults really happened (a suite that injects nothing proves nothing).
	expect((faults.commitThen500 ?? 0) + (faults.commitThenReset ?? 0)).toBeGreaterThan(20);
	expect(faults.timeout ?? 0).toBeGreaterThan(2);
	expect(recovered).toBeGreaterThan(20);
	expect(counters.loginsOk).toBeGreaterThan(1); // keys expired and were renewed

	const text = visibleText(result);
	expect(text).not.toContain(DEMO_USER.password);
	for (const key of emulator.issuedKeys()) expect(text).not.toContain(key);
}, 240_000);

it('safe calls (Get State, Get PDF) ride out transient faults within the retry budget', async () => {
	emulator.reset();
	const numbers = Array.from({ length: 5 }, (_, i) => numberOf(i));
	await runAgainst(emulator, {
		resource: 'invoice', operation: 'create', inputMode: 'json',
		invoiceJson: (i: number) => JSON.stringify(sampleBody(numbers[i])), options: { timeout: 2 },
	}, numbers.length);
	emulator.faults.set([
		{ endpoint: 'state', kind: '503', rate: 0.15, retryAfterSec: 0 },
		{ endpoint: 'state', kind: 'reset', rate: 0.1 },
		{ endpoint: 'pdf', kind: '429', rate: 0.15, retryAfterSec: 0 },
		{ endpoint: 'pdf', kind: 'timeout', rate: 0.05 },
	]);
	const items = 100;
	const read = (operation: string) => runAgainst(emulator, {
		resource: 'invoice', operation, invoiceNumber: (i: number) => numbers[i % numbers.length],
		binaryPropertyName: 'data', options: { timeout: 1, maxRetries: 8, concurrency: 10 },
	}, items);
	const [states, pdfs] = [await read('getState'), await read('getPdf')];
	expect(states.error).toBeUndefined();
	expect(pdfs.error).toBeUndefined();
	expect(states.output!.every((o, i) => o.json.invoiceNumber === numbers[i % 5] && o.json.summary)).toBe(true);
	expect(pdfs.output!.every((o) => o.binary?.data?.mimeType === 'application/pdf')).toBe(true);
	const f = emulator.counters.faults;
	process.stdout.write(`[fault suite] safe reads: ${items} states + ${items} PDFs ok; faults state ${JSON.stringify(f.state)}, pdf ${JSON.stringify(f.pdf)}\n`);
	expect((f.state['503'] ?? 0) + (f.state.reset ?? 0)).toBeGreaterThan(5);
	expect((f.pdf['429'] ?? 0) + (f.pdf.timeout ?? 0)).toBeGreaterThan(5);
	emulator.faults.clear();
}, 120_000);

it('numbers that try to leave their path segment never reach another endpoint', async () => {
	emulator.reset();
	const evil = ['../AppSecurity/ApiKey', 'a/b', '%2e%2e', '..%2fAddInvoice', 'x\r\nX-API-KEY: y', '..'];
	for (const operation of ['getState', 'getPdf']) {
		const result = await runAgainst(emulator, {
			resource: 'invoice', operation, invoiceNumber: (i: number) => evil[i], binaryPropertyName: 'data', options: {},
		}, evil.length, { continueOnFail: true });
		expect(result.output!.map((o) => String(o.json.error))).toEqual(evil.map(() => expect.stringMatching(/^Invoice Number /)));
	}
	const { calls, notFound } = emulator.counters;
	expect(Object.values(calls).reduce((a, b) => a + b, 0)).toBe(0);
	expect(notFound).toBe(0);
});
