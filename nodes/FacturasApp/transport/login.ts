// The credential's log-in (docs/facturasapp-api.md §2), bounded and shared.
// - The live service answers `["<key>"]`; older notes show a bare JSON string or plain text.
// - One log-in at a time per execution: n8n calls preAuthentication from every call that finds
//   no key, with the credential object the node passed as `credentialsDecrypted`; concurrent
//   calls on that object share one log-in, and a failed log-in fails the rest at once.
// - It honours the node's Request Timeout and Max Retries (registered for that object).
// - Redirects are never followed (the password would go with a 307/308).
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { displayUrl, resolveBaseUrl, urlSecrets } from './baseUrl';
import { boundedOptions, raceDeadline, readBody, tooSlow } from './body';
import type { Envelope } from './envelope';
import { clip, envelopeMessage, errorReportMessage, parseBody } from './envelope';
import type { Failure } from './failure';
import { failureFromError, isTransient, LOGIN_ERROR_NAME, redirectHost } from './failure';
import { PATHS } from './paths';
import { Redactor } from './redact';
import type { RetryPolicy } from './retry';
import {
	DEFAULT_RETRY_POLICY,
	describeWait,
	parseRetryAfter,
	retryAfterTooLong,
	retryDelayMs,
} from './retry';

/**
 * What a plausible key looks like: 16–4096 characters of letters, digits and . _ ~ + / = : -,
 * with a digit or one of those symbols unless it is at least 32 characters long. Words such as
 * "Unauthorized" or "Maintenance" are not keys.
 */
const KEY_CHARS = /^[A-Za-z0-9._~+/=:-]{16,4096}$/;
export function isPlausibleKey(text: string): boolean {
	return KEY_CHARS.test(text) && (/[0-9._~+/=:-]/.test(text) || text.length >= 32);
}

/** The log-in answer is a key, never a large document. */
const MAX_LOGIN_BODY = 64 * 1024;

export type LoginParse = { ok: true; apiKey: string } | { ok: false; problem: string };

/** Text that may be quoted in a message: it cannot be a key (it has spaces, or is a short word). */
function quotable(text: string): string | undefined {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length === 0 || flat.length > 200) return undefined;
	if (/\s/.test(flat) || /^[A-Za-z][A-Za-z' -]{0,30}$/.test(flat)) return flat;
	return undefined;
}

export function parseLoginBody(text: string): LoginParse {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') return { ok: false, problem: 'an empty body' };
	let candidate: unknown = trimmed;
	if (trimmed.startsWith('[') || trimmed.startsWith('"') || trimmed.startsWith('{')) {
		try {
			candidate = JSON.parse(trimmed);
		} catch {
			// Never quoted: a body cut mid-way may hold most of a key.
			return {
				ok: false,
				problem: `a body that is not valid JSON (${trimmed.length} characters, perhaps cut off)`,
			};
		}
	}
	if (Array.isArray(candidate)) {
		if (candidate.length !== 1)
			return {
				ok: false,
				problem: `a JSON array with ${candidate.length} elements instead of one key`,
			};
		candidate = candidate[0];
	}
	if (candidate && typeof candidate === 'object') {
		const record = candidate as Record<string, unknown>;
		const reason =
			typeof record.isError === 'boolean' && record.isError
				? envelopeMessage(record as unknown as Envelope)
				: (errorReportMessage(record) ?? envelopeMessage(record as unknown as Envelope));
		return {
			ok: false,
			problem:
				reason === 'no message given'
					? 'a JSON object of type object without a message'
					: `a refusal: "${reason}"`,
		};
	}
	if (typeof candidate !== 'string') {
		return {
			ok: false,
			problem: `JSON of type ${candidate === null ? 'null' : typeof candidate} instead of a key`,
		};
	}
	const apiKey = candidate.trim();
	if (!isPlausibleKey(apiKey)) {
		const shown = quotable(apiKey);
		// Otherwise do not show it: if it is a key in an odd format, it is still a secret.
		return {
			ok: false,
			problem:
				shown !== undefined
					? `text that is not an API key: "${shown}"`
					: `text that does not look like an API key (${apiKey.length} characters)`,
		};
	}
	return { ok: true, apiKey };
}

/** An error whose message is already meant for the user and holds no secret. */
export class LoginError extends Error {
	constructor(message: string) {
		super(message);
		this.name = LOGIN_ERROR_NAME;
	}
}

export interface LoginSettings {
	timeoutMs: number;
	policy: RetryPolicy;
}

const DEFAULT_LOGIN_SETTINGS: LoginSettings = { timeoutMs: 30_000, policy: DEFAULT_RETRY_POLICY };

interface LoginState {
	settings: LoginSettings;
	inFlight?: Promise<string>;
	failure?: LoginError;
	logins: number;
}

// Keyed by the credential object one execution reads once and hands to every call: n8n passes
// that same object to preAuthentication, so this is per execution and needs no clean-up.
const states = new WeakMap<object, LoginState>();

/** Called by the node's session: log-ins on this credential object follow these settings. */
export function registerLoginSettings(credentials: object, settings: LoginSettings): void {
	states.set(credentials, { settings, logins: 0 });
}

/** How many log-ins ran for this credential object (for tests and the bench). */
export function loginCount(credentials: object): number {
	return states.get(credentials)?.logins ?? 0;
}

/** The credential's preAuthentication: single-flight per execution, failures remembered. */
export async function logInShared(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	const state = states.get(credentials);
	if (!state) return await logIn(helper, credentials, DEFAULT_LOGIN_SETTINGS);
	// The same message for every remaining call of this execution, without a new log-in.
	if (state.failure) throw new LoginError(state.failure.message);
	if (!state.inFlight) {
		state.logins++;
		state.inFlight = logIn(helper, credentials, state.settings).then(
			(key) => {
				state.inFlight = undefined;
				return key;
			},
			(error: unknown) => {
				state.inFlight = undefined;
				const message = String((error as Error)?.message ?? error);
				state.failure = new LoginError(message);
				throw new LoginError(message);
			},
		);
	}
	return await state.inFlight;
}

/**
 * Logs in with user and password and returns the API key. Transient failures (network, 429,
 * 502–504) are retried with backoff within Max Retries: logging in twice is harmless. The
 * password is never part of an error: errors are rebuilt from scratch.
 */
export async function logIn(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	settings: LoginSettings = DEFAULT_LOGIN_SETTINGS,
): Promise<string> {
	let baseUrl = '';
	let urlProblem: string | undefined;
	try {
		baseUrl = resolveBaseUrl(credentials);
	} catch (error) {
		urlProblem = (error as Error).message;
	}
	// Thrown outside the catch: the message is ours, not a wrapped library error.
	if (urlProblem !== undefined) throw new LoginError(urlProblem);
	const user = String(credentials.user ?? '').trim();
	const password = String(credentials.password ?? '');
	if (!user || !password) {
		throw new LoginError('User and Password are required in the FacturasApp API credential');
	}
	const redactor = new Redactor([password, user, ...urlSecrets(baseUrl)]);
	const where = displayUrl(baseUrl);
	const fail = (message: string) => new LoginError(clip(redactor.text(message)));
	const { policy, timeoutMs } = settings;
	const url = `${baseUrl}${PATHS.login}`;
	for (let attempt = 0; ; attempt++) {
		let statusCode = 0;
		let headers: Record<string, unknown> = {};
		let text = '';
		let failure: Failure | undefined;
		const signal = AbortSignal.timeout(timeoutMs);
		// Closes the socket itself at the deadline or when the answer is refused (see http.ts).
		const closer = new AbortController();
		const socketSignal = AbortSignal.any([signal, closer.signal]);
		try {
			const response = await raceDeadline(
				helper.helpers.httpRequest({
					method: 'POST',
					url,
					body: { User: user, Password: password },
					...boundedOptions(timeoutMs, socketSignal),
					abortSignal: socketSignal,
				}) as Promise<{ statusCode: number; headers?: Record<string, unknown>; body: unknown }>,
				signal,
				() => tooSlow(timeoutMs),
				(late) => (late.body as { destroy?: () => void })?.destroy?.(),
			);
			statusCode = response.statusCode;
			headers = response.headers ?? {};
			if (statusCode >= 300 && statusCode < 400) {
				(response.body as { destroy?: () => void })?.destroy?.();
			} else {
				text = (
					await readBody(response.body, MAX_LOGIN_BODY, signal, () => tooSlow(timeoutMs))
				).toString('utf8');
			}
		} catch (error) {
			failure = failureFromError(error);
		}
		if (failure || (statusCode >= 300 && statusCode < 400)) closer.abort();
		if (failure) {
			if (failure.kind === 'tooLarge') {
				throw fail(
					`FacturasApp's log-in answer at ${where} was larger than ${MAX_LOGIN_BODY / 1024} KB, which no API key is. Check the environment or Base URL.`,
				);
			}
			if (isTransient(failure) && attempt < policy.maxRetries) {
				await sleep(retryDelayMs(attempt + 1, policy));
				continue;
			}
			const tries = attempt > 0 ? ` (after ${attempt} retr${attempt === 1 ? 'y' : 'ies'})` : '';
			const what =
				failure.kind === 'timeout'
					? `no complete answer within the Request Timeout (${timeoutMs / 1000} s)`
					: failure.message;
			throw fail(`Could not log in to FacturasApp at ${where}${tries}: ${what}`);
		}
		if (statusCode >= 300 && statusCode < 400) {
			throw fail(
				`FacturasApp's log-in at ${where} was redirected to ${redirectHost(headers.location, url)} (HTTP ${statusCode}). The redirect was not followed, so the password did not go there. The Base URL needs fixing in the FacturasApp API credential.`,
			);
		}
		if (statusCode === 401 || statusCode === 403) {
			throw fail(
				`FacturasApp rejected the user or password (HTTP ${statusCode}). Check them in the FacturasApp API credential, and that they belong to the chosen environment (test and production accounts are separate).`,
			);
		}
		if ([429, 502, 503, 504].includes(statusCode)) {
			const retryAfterMs = parseRetryAfter(headers['retry-after']);
			if (retryAfterTooLong(retryAfterMs, policy)) {
				throw fail(
					`FacturasApp's log-in asked to wait ${describeWait(retryAfterMs!)} (HTTP ${statusCode}, Retry-After), longer than the ${describeWait(policy.maxRetryAfterMs)} this node waits. Run it again later.`,
				);
			}
			if (attempt < policy.maxRetries) {
				await sleep(retryDelayMs(attempt + 1, policy, retryAfterMs));
				continue;
			}
		}
		if (statusCode < 200 || statusCode >= 300) {
			throw fail(
				`FacturasApp's log-in failed with HTTP ${statusCode} (${describeLoginBody(text)}). Try again later; if it persists, check the Base URL.`,
			);
		}
		const parsed = parseLoginBody(text);
		if (!parsed.ok) {
			throw fail(
				`FacturasApp's log-in answered HTTP ${statusCode} with ${parsed.problem}, not an API key. Check the user and password, and that the environment or Base URL points at FacturasApp.`,
			);
		}
		return parsed.apiKey;
	}
}

/** An error body in words: its message when it has one, else only its length. */
function describeLoginBody(text: string): string {
	const parsed = parseBody(text);
	if (parsed.kind === 'empty') return 'an empty body';
	if (parsed.kind === 'envelope') return `"${envelopeMessage(parsed.envelope)}"`;
	if (parsed.kind === 'json') {
		const message =
			errorReportMessage(parsed.value) ??
			(parsed.value && typeof parsed.value === 'object'
				? envelopeMessage(parsed.value as never)
				: undefined);
		if (message && message !== 'no message given') return `"${message}"`;
	}
	if (parsed.kind === 'text') {
		const shown = quotable(parsed.text.replace(/<[^>]*>/g, ' '));
		if (shown !== undefined) return `"${shown}"`;
	}
	return `${text.length} characters`;
}
