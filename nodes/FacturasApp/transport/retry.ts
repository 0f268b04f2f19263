// Backoff arithmetic only; which failures may be retried is decided in http.ts and client.ts.

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

/**
 * Exponential backoff with full jitter (a random wait between 0 and the exponential cap),
 * so many items failing together do not retry in lockstep. A server's Retry-After wins.
 */
export function retryDelayMs(
	retryNumber: number,
	policy: RetryPolicy,
	retryAfterMs?: number,
	random: () => number = Math.random,
): number {
	// Callers check retryAfterTooLong first; the cap here only guards against a caller that did not.
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
	const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
	return Math.floor(random() * cap);
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
