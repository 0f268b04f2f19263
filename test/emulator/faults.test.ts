// Fault injection: every kind, rate and script modes, counters, close() with a hanging request.
import { startEmulator, type Emulator } from './index';
import { call, envelopeOf, fetchError, login, paths, sampleInvoiceBody, until } from './helpers';

let emu: Emulator;
let key: string;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(async () => {
	emu.reset();
	key = await login(emu);
});

const add = (n: string, signal?: AbortSignal) =>
	call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody(n), signal });

/** Which came first: a `ms` timer started just before the request, or its answer. */
async function orderOf(ms: number, request: () => Promise<unknown>): Promise<string[]> {
	const events: string[] = [];
	const timer = new Promise<void>((resolve) =>
		setTimeout(() => resolve(void events.push(`${ms} ms timer`)), ms),
	);
	const value = await request();
	events.push(`answer ${String(value)}`);
	await timer;
	return events;
}

describe('fault kinds', () => {
	// No clock is read here (a busy machine stretches any measured time). The emulator runs in
	// this process, so its latency is a timer on the same event loop as the test's own timers:
	// a test timer started before the request, shorter than the latency, always fires first,
	// and never-ending latencies show what else is not held up.
	it('latency delays the answer of that endpoint only', async () => {
		emu.faults.set([{ endpoint: 'consecutives', kind: 'latency', ms: 600_000 }]);
		const held = new AbortController();
		let heldSettled = false;
		// fetchError handles the rejection at once, so a failed expectation below leaves no stray one.
		const slow = fetchError(
			call(emu, 'GET', paths.consecutives, { key, signal: held.signal }),
		).finally(() => (heldSettled = true));
		await until(() => emu.counters.faults.consecutives?.latency === 1);
		// Another endpoint answers while the delayed one is still held.
		expect((await call(emu, 'GET', paths.state('X'), { key })).status).toBe(200);
		expect(heldSettled).toBe(false);
		expect(emu.counters.faults.state).toEqual({});
		held.abort();
		expect((await slow).name).toBe('AbortError');
		expect(emu.counters.faults.consecutives).toEqual({ latency: 1 });
	});

	it('latency answers normally once it has passed', async () => {
		emu.faults.set([{ endpoint: 'consecutives', kind: 'latency', ms: 250 }]);
		expect(
			await orderOf(200, () => call(emu, 'GET', paths.consecutives, { key }).then((r) => r.status)),
		).toEqual(['200 ms timer', 'answer 200']);
		expect(emu.counters.faults.consecutives).toEqual({ latency: 1 });
	});

	it('global latency delays every endpoint', async () => {
		emu.faults.set({ latencyMs: 200 });
		expect(await orderOf(150, () => login(emu).then(() => 'key'))).toEqual([
			'150 ms timer',
			'answer key',
		]);
		expect(
			await orderOf(150, () => call(emu, 'GET', paths.state('X'), { key }).then((r) => r.status)),
		).toEqual(['150 ms timer', 'answer 200']);
		expect(emu.counters.faults.login).toEqual({ latency: 1 });
		expect(emu.counters.faults.state).toEqual({ latency: 1 });
	});

	it('500 answers before any effect', async () => {
		emu.faults.set([{ endpoint: 'addInvoice', kind: '500' }]);
		const res = await add('F1');
		expect(res.status).toBe(500);
		expect(res.json).toEqual({ message: expect.any(String) });
		expect(emu.invoices.size).toBe(0);
		expect(emu.counters.createAttempts).toEqual({});
	});

	it('503 and 429 carry Retry-After', async () => {
		emu.faults.set([
			{ endpoint: 'state', kind: '503', retryAfterSec: 3 },
			{ endpoint: 'pdf', kind: '429' },
		]);
		const unavailable = await call(emu, 'GET', paths.state('F1'), { key });
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers.get('retry-after')).toBe('3');
		const busy = await call(emu, 'POST', paths.pdf('F1'), { key });
		expect(busy.status).toBe(429);
		expect(busy.headers.get('retry-after')).toBe('1');
	});

	it('reset destroys the connection before any effect', async () => {
		emu.faults.set([{ endpoint: 'addInvoice', kind: 'reset' }]);
		const error = await fetchError(add('F1'));
		expect(error).toMatchObject({
			message: 'fetch failed',
			causeCode: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/),
		});
		expect(emu.invoices.size).toBe(0);
		expect(emu.counters.faults.addInvoice).toEqual({ reset: 1 });
	});

	it('timeout never answers; the client gives up', async () => {
		emu.faults.set([{ endpoint: 'addInvoice', kind: 'timeout' }]);
		const error = await fetchError(add('F1', AbortSignal.timeout(300)));
		expect(error.name).toBe('TimeoutError');
		expect(emu.invoices.size).toBe(0);
	});

	it('commitThen500 stores the invoice and still answers 500; a blind retry meets the duplicate', async () => {
		emu.faults.set([{ endpoint: 'addInvoice', script: ['commitThen500'] }]);
		expect((await add('F1')).status).toBe(500);
		expect(emu.invoices.has('F1')).toBe(true);
		const retry = envelopeOf(await add('F1'));
		expect(retry.isError).toBe(true);
		expect(retry.messages).toMatch(/Ya existe/);
		expect(emu.counters.commits).toEqual({ F1: 1 });
		expect(emu.counters.createAttempts).toEqual({ F1: 2 });
	});

	it('commitThenReset stores the invoice and destroys the connection', async () => {
		emu.faults.set([{ endpoint: 'addInvoice', kind: 'commitThenReset' }]);
		expect((await fetchError(add('F1'))).message).toBe('fetch failed');
		expect(emu.invoices.has('F1')).toBe(true);
		expect(emu.counters.commits).toEqual({ F1: 1 });
		expect(emu.counters.faults.addInvoice).toEqual({ commitThenReset: 1 });
	});

	it('commitThen500 on log-in issues a key the client never sees', async () => {
		emu.faults.set([{ endpoint: 'login', script: ['commitThen500'] }]);
		const res = await call(emu, 'POST', paths.login, {
			body: { User: 'demo@facturasapp.local', Password: 'demo-password' },
		});
		expect(res.status).toBe(500);
		expect(emu.counters.loginsOk).toBe(2);
	});
});

describe('fault modes', () => {
	it('a script is consumed call by call, then the endpoint is normal again', async () => {
		emu.faults.set([
			{ endpoint: 'consecutives', script: ['ok', '500', '503', 'ok', '429'], retryAfterSec: 0 },
		]);
		const statuses: number[] = [];
		for (let i = 0; i < 7; i++)
			statuses.push((await call(emu, 'GET', paths.consecutives, { key })).status);
		expect(statuses).toEqual([200, 500, 503, 200, 429, 200, 200]);
		expect(emu.counters.faults.consecutives).toEqual({ 500: 1, 503: 1, 429: 1 });
		expect(emu.counters.calls.consecutives).toBe(7);
		expect(emu.faults.snapshot().rules).toEqual([
			{ endpoint: 'consecutives', script: [], retryAfterSec: 0 },
		]);
	});

	it('a rate draws from the seeded PRNG: same seed, same sequence', async () => {
		const run = async (seed: number) => {
			const other = await startEmulator({
				seed,
				faults: { rules: [{ endpoint: 'consecutives', kind: '500', rate: 0.3 }] },
			});
			try {
				const k = await login(other);
				const statuses: number[] = [];
				for (let i = 0; i < 40; i++)
					statuses.push((await call(other, 'GET', paths.consecutives, { key: k })).status);
				return statuses;
			} finally {
				await other.close();
			}
		};
		const first = await run(7);
		expect(await run(7)).toEqual(first);
		const failures = first.filter((s) => s === 500).length;
		expect(failures).toBeGreaterThan(2);
		expect(failures).toBeLessThan(25);
	});

	it('rate 0 never fires, rate 1 always does', async () => {
		emu.faults.set([
			{ endpoint: 'state', kind: '500', rate: 0 },
			{ endpoint: 'pdf', kind: '500', rate: 1 },
		]);
		for (let i = 0; i < 5; i++) {
			expect((await call(emu, 'GET', paths.state('X'), { key })).status).toBe(200);
			expect((await call(emu, 'POST', paths.pdf('X'), { key })).status).toBe(500);
		}
	});

	it('faults come before the key check', async () => {
		emu.faults.add({ endpoint: 'consecutives', kind: '503' });
		expect((await call(emu, 'GET', paths.consecutives)).status).toBe(503);
		emu.faults.clear();
		expect((await call(emu, 'GET', paths.consecutives)).status).toBe(401);
	});

	it('rejects nonsense configurations', () => {
		expect(() => emu.faults.set([{ endpoint: 'nope' as never, kind: '500' }])).toThrow(/endpoint/);
		expect(() => emu.faults.set([{ endpoint: 'pdf', kind: 'boom' as never }])).toThrow(/kind/);
		expect(() => emu.faults.set([{ endpoint: 'pdf', kind: '500', rate: 2 }])).toThrow(/rate/);
		expect(() => emu.faults.set([{ endpoint: 'pdf', kind: 'latency' }])).toThrow(/ms/);
		expect(() => emu.faults.set([{ endpoint: 'pdf', script: ['ok', 'latency' as never] }])).toThrow(
			/script/,
		);
	});
});

describe('close()', () => {
	// The hangs below last forever / ten minutes: close() resolving at all (jest's test timeout
	// fails it otherwise) and the request failing prove it cut them; no duration is asserted.
	it('terminates with a request left hanging by a timeout fault', async () => {
		const other = await startEmulator({
			faults: { rules: [{ endpoint: 'consecutives', kind: 'timeout' }] },
		});
		const pending = fetchError(call(other, 'GET', paths.consecutives));
		await until(() => other.counters.faults.consecutives?.timeout === 1); // the request is being held
		await other.close();
		expect((await pending).message).toBe('fetch failed');
	});

	it('terminates during an injected latency and can be called twice', async () => {
		const other = await startEmulator({ faults: { latencyMs: 600_000 } });
		const pending = fetchError(call(other, 'GET', paths.consecutives));
		await until(() => other.counters.faults.consecutives?.latency === 1);
		await Promise.all([other.close(), other.close()]);
		expect((await pending).message).toBe('fetch failed');
		expect(other.counters.calls.consecutives).toBe(1);
	});
});
