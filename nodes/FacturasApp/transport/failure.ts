// A failed call described as data, so the retry policy can reason about it before it becomes
// an n8n error. `sent` is false only when the request certainly never reached the server.
import { parseRetryAfter } from './retry';

export type FailureKind =
	| 'http' // the server answered with an error status
	| 'business' // HTTP 200 with isError: true
	| 'timeout' // no answer in time: the request may have been applied
	| 'network' // connection dropped after sending: may have been applied
	| 'refused' // could not connect: certainly not applied
	| 'cancelled' // the execution was stopped
	| 'login' // the credential's log-in failed (its message is already user-facing)
	| 'redirect' // a 3xx: never followed (the key would go with it), the Base URL needs fixing
	| 'tooLarge' // the answer exceeded the size cap: it was cut off, its content is unknown
	| 'unexpected'; // an answer whose shape we cannot use

export interface Failure {
	kind: FailureKind;
	statusCode?: number;
	code?: string;
	message: string;
	retryAfterMs?: number;
	/** The body the server sent (parsed JSON or text), for the user to inspect. */
	raw?: unknown;
	bodyText?: string;
	/** For 'redirect': the host the answer pointed to (never the full URL: it may carry a token). */
	location?: string;
	/** For 'tooLarge': the cap, in bytes. */
	limit?: number;
}

const TIMEOUT_CODES = new Set([
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'UND_ERR_HEADERS_TIMEOUT',
]);
const REFUSED_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const NETWORK_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ERR_NETWORK',
	'UND_ERR_SOCKET',
	'ERR_STREAM_PREMATURE_CLOSE',
]);

interface ErrorLike {
	name?: string;
	message?: string;
	code?: string;
	httpCode?: string | null;
	cause?: ErrorLike;
	response?: {
		status?: number;
		statusCode?: number;
		headers?: Record<string, unknown>;
		data?: unknown;
	};
}

function bufferText(data: unknown): string | undefined {
	if (data === undefined || data === null) return undefined;
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
	return typeof data === 'string' ? data : JSON.stringify(data);
}

export const LOGIN_ERROR_NAME = 'FacturasAppLoginError';
const BOUND_ERROR_NAME = 'FacturasAppBoundError';

/** The host a redirect points to, resolved against the request URL; never its path or query. */
export function redirectHost(location: unknown, requestUrl: string): string {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value.trim() === '') return 'an address it did not give';
	try {
		return new URL(value.trim(), requestUrl).host || 'an address without a host';
	} catch {
		return 'an address that is not a valid URL';
	}
}

/** Reads what n8n's request helpers throw (a NodeApiError around an AxiosError) into a Failure. */
export function failureFromError(error: unknown): Failure {
	const outer = (error ?? {}) as ErrorLike;
	const chain: ErrorLike[] = [];
	for (let e: ErrorLike | undefined = outer; e && chain.length < 5; e = e.cause) chain.push(e);
	const login = chain.find((e) => e.name === LOGIN_ERROR_NAME);
	if (login) return { kind: 'login', message: login.message ?? 'log-in failed' };
	const bound = chain.find((e) => e.name === BOUND_ERROR_NAME) as
		| (ErrorLike & { bound?: string; limit?: number })
		| undefined;
	if (bound?.bound === 'size')
		return { kind: 'tooLarge', message: bound.message ?? 'answer too large', limit: bound.limit };
	if (bound)
		return { kind: 'timeout', code: 'ETIMEDOUT', message: bound.message ?? 'no answer in time' };

	const withResponse = chain.find(
		(e) => e.response && (e.response.status ?? e.response.statusCode),
	);
	if (withResponse?.response) {
		const { response } = withResponse;
		const statusCode = Number(response.status ?? response.statusCode);
		if (statusCode < 400) {
			// A success status in a thrown error: the headers came, the body never arrived whole
			// (axios: "stream has been aborted"). The server may well have done the work.
			const code =
				chain.map((e) => e.code).find((c) => typeof c === 'string' && c !== '') ?? 'ERR_BODY_CUT';
			return {
				kind: 'network',
				code,
				statusCode,
				message: `the answer was cut off after its HTTP ${statusCode} headers`,
			};
		}
		return {
			kind: 'http',
			statusCode,
			message: `HTTP ${statusCode}`,
			retryAfterMs: parseRetryAfter(response.headers?.['retry-after']),
			bodyText: bufferText(response.data),
		};
	}
	const code = chain.map((e) => e.code).find((c) => typeof c === 'string' && c !== '');
	const text = chain.map((e) => e.message ?? '').join(' ');
	// Only n8n's abort signal makes a cancellation; a socket "aborted" is a lost connection.
	if (
		code === 'ERR_CANCELED' ||
		chain.some((e) => e.name === 'CanceledError' || e.name === 'AbortError')
	) {
		return { kind: 'cancelled', code, message: 'the execution was stopped' };
	}
	if ((code && TIMEOUT_CODES.has(code)) || /timeout/i.test(text)) {
		return { kind: 'timeout', code, message: 'no answer in time' };
	}
	if (code && REFUSED_CODES.has(code))
		return { kind: 'refused', code, message: `could not connect (${code})` };
	if ((code && NETWORK_CODES.has(code)) || /socket hang up|network/i.test(text)) {
		return {
			kind: 'network',
			code: code ?? 'ECONNRESET',
			message: `the connection was lost (${code ?? 'socket hang up'})`,
		};
	}
	// Unknown errors are treated as "may have been sent": the safe assumption for a create.
	return { kind: 'network', code, message: outer.message ?? 'unknown error' };
}

/** What n8n's stop looks like when a wait, not a call, noticed it. */
export const STOPPED: Failure = { kind: 'cancelled', message: 'the execution was stopped' };

/** The statuses that say "not now": worth asking again (every loop reads this one list). */
export const TRANSIENT_STATUSES: readonly number[] = [429, 502, 503, 504];

/** Transient: worth retrying for a call that is safe to repeat (reads, look-ups, the log-in). */
export function isTransient(f: Failure): boolean {
	if (f.kind === 'timeout' || f.kind === 'network' || f.kind === 'refused') return true;
	return f.kind === 'http' && TRANSIENT_STATUSES.includes(f.statusCode ?? 0);
}

/** Certainly not applied by the server: a create may be sent again without looking first. */
export function wasNotProcessed(f: Failure): boolean {
	if (f.kind === 'refused') return true;
	if (f.kind !== 'http') return false;
	return f.statusCode === 429 || (f.statusCode === 503 && f.retryAfterMs !== undefined);
}

/** Possibly applied: a create must be looked up before it is sent again. */
export function isAmbiguous(f: Failure): boolean {
	if (f.kind === 'timeout' || f.kind === 'network' || f.kind === 'tooLarge') return true;
	return f.kind === 'http' && (f.statusCode ?? 0) >= 500 && !wasNotProcessed(f);
}

// Statuses that refuse a request as it was sent: nothing was stored.
const REFUSED_AS_SENT = new Set([400, 401, 403, 404, 405, 411, 413, 414, 415, 422, 431]);

/** For Create: could FacturasApp have stored the invoice although this call failed? */
export function mayHaveIssued(f: Failure): boolean {
	if (wasNotProcessed(f) || f.kind === 'refused' || f.kind === 'login' || f.kind === 'business')
		return false;
	return !(f.kind === 'http' && REFUSED_AS_SENT.has(f.statusCode ?? 0));
}
