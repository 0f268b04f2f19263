// Every wait of the transport in one place: the backoff rule, and the two loops built on it.
// - `retry` repeats a call whose failure is worth repeating, within Max Retries, honouring
//   Retry-After; which failures those are is the caller's (failure.ts, client.ts) business.
// - `poll` asks again until an answer is final or a deadline passes (a PDF not ready yet, an
//   invoice the AEAT has not decided on).
// Both check n8n's stop signal before each wait and end there, with the last result.
import { sleep } from 'n8n-workflow';

export interface RetryPolicy {
	/** Retries after the first attempt (0 = no retry). */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the call fails at once and names the wait. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 300,
	maxDelayMs: 8_000,
	maxRetryAfterMs: 60_000,
};

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (Array.isArray(value)) value = value[0];
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The backoff rule: the wait before the n-th retry doubles from `baseMs`, up to `maxMs`. */
export function backoffCap(n: number, baseMs: number, maxMs: number): number {
	return Math.min(maxMs, baseMs * 2 ** Math.max(0, n - 1));
}

/**
 * The wait before the n-th retry: full jitter (a random wait between 0 and the backoff cap), so
 * many items failing together do not retry in lockstep. A server's Retry-After wins.
 */
export function retryDelayMs(
	retryNumber: number,
	policy: RetryPolicy,
	retryAfterMs?: number,
	random: () => number = Math.random,
): number {
	// Callers check retryAfterTooLong first; the cap here only guards against a caller that did not.
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
	return Math.floor(random() * backoffCap(retryNumber, policy.baseDelayMs, policy.maxDelayMs));
}

/** Whether the server asked for a longer wait than this node will do (then fail at once, naming it). */
export function retryAfterTooLong(retryAfterMs: number | undefined, policy: RetryPolicy): boolean {
	return retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs;
}

/** "3600 s (1 h)": a wait in words, for messages. */
export function describeWait(ms: number): string {
	const s = Math.round(ms / 1000);
	if (s >= 3600) return `${s} s (${Math.round((s / 3600) * 10) / 10} h)`;
	if (s >= 120) return `${s} s (${Math.round(s / 60)} min)`;
	return `${s} s`;
}

/** What the loops need from the world; tests replace the clock, the wait and the dice. */
export interface Waiting {
	/** n8n's stop signal, checked before each wait. */
	stopped?: () => boolean;
	wait?: (ms: number) => Promise<void>;
	random?: () => number;
	now?: () => number;
}

/** One attempt's verdict: `done` ends the loop with its value; `again` asks for another attempt. */
export type Attempt<T> =
	| { done: T }
	| {
			/** Returned as the result when no attempt is left. */
			again: T;
			/** The server's Retry-After for this failure. */
			retryAfterMs?: number;
			/** The attempt already waited (before a look-up): the next one goes at once. */
			waited?: boolean;
	  };

export interface Retried<T> {
	value: T;
	/** Attempts made, the first one included. */
	attempts: number;
	/** `done`, or why the last `again` was returned: no retry left, a too long Retry-After, a stop. */
	stop: 'done' | 'limit' | 'waitTooLong' | 'stopped';
}

/** The one retry loop: up to 1 + policy.maxRetries attempts, the backoff rule between them. */
export async function retry<T>(
	attempt: (n: number) => Promise<Attempt<T>>,
	policy: RetryPolicy,
	world: Waiting = {},
): Promise<Retried<T>> {
	const { wait = sleep, random = Math.random } = world;
	for (let n = 1; ; n++) {
		const result = await attempt(n);
		if ('done' in result) return { value: result.done, attempts: n, stop: 'done' };
		const { again: value, retryAfterMs } = result;
		if (retryAfterTooLong(retryAfterMs, policy)) return { value, attempts: n, stop: 'waitTooLong' };
		if (n > policy.maxRetries) return { value, attempts: n, stop: 'limit' };
		if (world.stopped?.()) return { value, attempts: n, stop: 'stopped' };
		if (!result.waited) await wait(retryDelayMs(n, policy, retryAfterMs, random));
	}
}

/** The wait before one look-up (the same rule as between retries, without Retry-After). */
export async function backoff(n: number, policy: RetryPolicy, world: Waiting = {}): Promise<void> {
	const { wait = sleep, random = Math.random } = world;
	await wait(retryDelayMs(n, policy, undefined, random));
}

export interface PollSchedule {
	/** How long to keep asking, counted from the first ask. */
	timeoutMs: number;
	/** The first wait; each later one doubles, up to maxIntervalMs (the same value: a fixed interval). */
	intervalMs: number;
	maxIntervalMs?: number;
}

/** One answer's verdict: `done` (final) ends the poll; `again` (not yet) asks once more. */
export type Ask<T> = { done: T } | { again: T };

export interface Polled<T> {
	value: T;
	asks: number;
	/** `done`, or why a not-final answer was returned: the deadline passed, or a stop. */
	stop: 'done' | 'deadline' | 'stopped';
}

/**
 * The one poll loop. Waits are cut short at the deadline, where one last ask is made, so a
 * "still pending after 120 s" really is after 120 s.
 */
export async function poll<T>(
	ask: (n: number) => Promise<Ask<T>>,
	schedule: PollSchedule,
	world: Waiting = {},
): Promise<Polled<T>> {
	const { wait = sleep, now = Date.now } = world;
	const deadline = now() + schedule.timeoutMs;
	const maxMs = Math.max(schedule.intervalMs, schedule.maxIntervalMs ?? schedule.intervalMs);
	for (let n = 1; ; n++) {
		const result = await ask(n);
		if ('done' in result) return { value: result.done, asks: n, stop: 'done' };
		const left = deadline - now();
		if (left <= 0) return { value: result.again, asks: n, stop: 'deadline' };
		if (world.stopped?.()) return { value: result.again, asks: n, stop: 'stopped' };
		await wait(Math.min(left, backoffCap(n, schedule.intervalMs, maxMs)));
	}
}
