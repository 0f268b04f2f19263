// The transport's two loops (retry and poll) on their own, with a fake clock and recorded
// waits, then through the node with nock: every wait of a call goes through them.
import type { RetryPolicy } from '../../../nodes/FacturasApp/transport/retry';
import { backoff, poll, retry } from '../../../nodes/FacturasApp/transport/retry';

const policy = (over: Partial<RetryPolicy> = {}): RetryPolicy => ({
	maxRetries: 4,
	baseDelayMs: 100,
	maxDelayMs: 500,
	maxRetryAfterMs: 60_000,
	...over,
});

/** A world whose waits are recorded and move a fake clock; nothing really sleeps. */
function world(stoppedAfterWaits = Infinity) {
	let now = 0;
	const waits: number[] = [];
	return {
		waits,
		at: () => now,
		now: () => now,
		wait: async (ms: number) => {
			waits.push(ms);
			now += ms;
		},
		stopped: () => waits.length >= stoppedAfterWaits,
	};
}

describe('retry', () => {
	it('backs off exponentially with full jitter, capped, and stops after 1 + maxRetries attempts', async () => {
		const w = world();
		const seen: number[] = [];
		const result = await retry(
			async (n) => {
				seen.push(n);
				return { again: `failure ${n}` };
			},
			policy(),
			{ ...w, random: () => 0.5 },
		);
		expect(seen).toEqual([1, 2, 3, 4, 5]);
		// caps 100, 200, 400, 500 (maxDelayMs); half of each with random() = 0.5
		expect(w.waits).toEqual([50, 100, 200, 250]);
		expect(result).toEqual({ value: 'failure 5', attempts: 5, stop: 'limit' });
	});

	it('the jitter stays below the cap', async () => {
		const w = world();
		await retry(async () => ({ again: 0 }), policy(), { ...w, random: () => 0.999999 });
		expect(w.waits).toEqual([99, 199, 399, 499]);
	});

	it('ends with the value of the attempt that is done, after waiting only between attempts', async () => {
		const w = world();
		const result = await retry<string>(
			async (n) => (n === 3 ? { done: 'issued' } : { again: 'busy' }),
			policy(),
			{ ...w, random: () => 1 - Number.EPSILON },
		);
		expect(result).toEqual({ value: 'issued', attempts: 3, stop: 'done' });
		expect(w.waits).toHaveLength(2);
	});

	it("a server's Retry-After wins over the backoff", async () => {
		const w = world();
		await retry(
			async (n) => (n < 3 ? { again: n, retryAfterMs: n * 1500 } : { done: n }),
			policy(),
			w,
		);
		expect(w.waits).toEqual([1500, 3000]);
	});

	it('a Retry-After longer than maxRetryAfterMs is not waited for: it ends at once', async () => {
		const w = world();
		const result = await retry(
			async () => ({ again: 'slow down', retryAfterMs: 3_600_000 }),
			policy(),
			w,
		);
		expect(result).toEqual({ value: 'slow down', attempts: 1, stop: 'waitTooLong' });
		expect(w.waits).toEqual([]);
	});

	it('maxRetries 0 means one attempt and no wait', async () => {
		const w = world();
		let calls = 0;
		const result = await retry(
			async () => {
				calls++;
				return { again: 'x' };
			},
			policy({ maxRetries: 0 }),
			w,
		);
		expect(calls).toBe(1);
		expect(result.stop).toBe('limit');
		expect(w.waits).toEqual([]);
	});

	it("n8n's stop signal ends it before the next wait, with the last result", async () => {
		const w = world(2);
		let calls = 0;
		const result = await retry(
			async () => {
				calls++;
				return { again: `try ${calls}` };
			},
			policy(),
			w,
		);
		expect(result).toEqual({ value: 'try 3', attempts: 3, stop: 'stopped' });
		expect(calls).toBe(3);
		expect(w.waits).toHaveLength(2);
	});

	it('an attempt that already waited (before a look-up) is followed at once', async () => {
		const w = world();
		await retry(async (n) => (n < 3 ? { again: n, waited: true } : { done: n }), policy(), w);
		expect(w.waits).toEqual([]);
	});

	it('an attempt that throws ends the loop with that error', async () => {
		const w = world();
		let calls = 0;
		await expect(
			retry(
				async () => {
					calls++;
					throw new Error('refused for good');
				},
				policy(),
				w,
			),
		).rejects.toThrow('refused for good');
		expect(calls).toBe(1);
	});

	it('backoff() waits by the same rule as between retries', async () => {
		const w = world();
		for (const n of [1, 2, 3, 4, 5]) await backoff(n, policy(), { ...w, random: () => 0.5 });
		expect(w.waits).toEqual([50, 100, 200, 250, 250]);
	});
});

describe('poll', () => {
	it('doubles its interval up to the maximum and makes its last ask at the deadline', async () => {
		const w = world();
		const askedAt: number[] = [];
		const result = await poll(
			async () => {
				askedAt.push(w.at());
				return { again: 'not ready' };
			},
			{ timeoutMs: 1000, intervalMs: 250, maxIntervalMs: 2000 },
			w,
		);
		expect(w.waits).toEqual([250, 500, 250]);
		expect(askedAt).toEqual([0, 250, 750, 1000]);
		expect(result).toEqual({ value: 'not ready', asks: 4, stop: 'deadline' });
	});

	it('the interval stops growing at maxIntervalMs', async () => {
		const w = world();
		await poll(
			async () => ({ again: 0 }),
			{ timeoutMs: 9750, intervalMs: 250, maxIntervalMs: 2000 },
			w,
		);
		expect(w.waits).toEqual([250, 500, 1000, 2000, 2000, 2000, 2000]);
	});

	it('without maxIntervalMs the interval is fixed', async () => {
		const w = world();
		const result = await poll(async () => ({ again: 0 }), { timeoutMs: 1000, intervalMs: 300 }, w);
		expect(w.waits).toEqual([300, 300, 300, 100]);
		expect(result.asks).toBe(5);
	});

	it('a final answer ends it at once', async () => {
		const w = world();
		const result = await poll<string>(
			async (n) => (n === 2 ? { done: 'Correcto' } : { again: 'Pendiente' }),
			{ timeoutMs: 60_000, intervalMs: 5000 },
			w,
		);
		expect(result).toEqual({ value: 'Correcto', asks: 2, stop: 'done' });
		expect(w.waits).toEqual([5000]);
	});

	it('a time-out of 0 asks once and does not wait', async () => {
		const w = world();
		const result = await poll(async () => ({ again: 'no' }), { timeoutMs: 0, intervalMs: 250 }, w);
		expect(result).toEqual({ value: 'no', asks: 1, stop: 'deadline' });
		expect(w.waits).toEqual([]);
	});

	it("n8n's stop signal ends it before the next wait", async () => {
		const w = world(1);
		const result = await poll(
			async () => ({ again: 'Pendiente' }),
			{ timeoutMs: 60_000, intervalMs: 5000 },
			w,
		);
		expect(result).toEqual({ value: 'Pendiente', asks: 2, stop: 'stopped' });
		expect(w.waits).toEqual([5000]);
	});
});
