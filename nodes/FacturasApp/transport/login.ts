// The credential's log-in (docs/facturasapp-api.md §2), bounded and shared.
// - The answer (`["<key>"]`, a JSON string or plain text) is read in loginAnswer.ts.
// - One log-in at a time per execution: n8n calls preAuthentication from every call that finds
//   no key, with the credential object the node passed as `credentialsDecrypted`; concurrent
//   calls on that object share one log-in, and a failed log-in fails the rest at once.
// - It honours the node's Request Timeout and Max Retries (registered for that object).
// - Redirects are never followed (the password would go with a 307/308).
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { displayUrl, resolveBaseUrl, urlSecrets } from './baseUrl';
import { boundedOptions, raceDeadline, readBody, tooSlow } from './body';
import { clip } from './envelope';
import type { Failure } from './failure';
import { failureFromError, isTransient, LOGIN_ERROR_NAME, redirectHost } from './failure';
import { describeLoginBody, parseLoginBody } from './loginAnswer';
import { PATHS } from './paths';
import { Redactor } from './redact';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, describeWait, parseRetryAfter, retry } from './retry';

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

/** The log-in answer is a key, never a large document. */
const MAX_LOGIN_BODY = 64 * 1024;

const DEFAULT_LOGIN_SETTINGS: LoginSettings = { timeoutMs: 30_000, policy: DEFAULT_RETRY_POLICY };

interface LoginState {
	settings: LoginSettings;
	inFlight?: Promise<string>;
	failure?: LoginError;
}

// Keyed by the credential object one execution reads once and hands to every call: n8n passes
// that same object to preAuthentication, so this is per execution and needs no clean-up.
const states = new WeakMap<object, LoginState>();

/** Called by the node's session: log-ins on this credential object follow these settings. */
export function registerLoginSettings(credentials: object, settings: LoginSettings): void {
	states.set(credentials, { settings });
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
 * Logs in with user and password and returns the API key. Transient failures (network and
 * TRANSIENT_STATUSES) are retried with backoff within Max Retries: logging in twice is harmless. The
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
	const tried = await retry<LoginAnswer>(async () => {
		const answer = await postLogin(helper, url, { User: user, Password: password }, timeoutMs);
		if ('failure' in answer) {
			if (answer.failure.kind === 'tooLarge') {
				throw fail(
					`FacturasApp's log-in answer at ${where} was larger than ${MAX_LOGIN_BODY / 1024} KB, which no API key is. Check the environment or Base URL.`,
				);
			}
			return isTransient(answer.failure)
				? { again: answer, retryAfterMs: answer.failure.retryAfterMs }
				: { done: answer };
		}
		const retryAfterMs = parseRetryAfter(answer.headers['retry-after']);
		// Logging in twice is harmless: a "not now" status is asked again like a failed connection.
		return isTransient({ kind: 'http', statusCode: answer.statusCode, message: '' })
			? { again: answer, retryAfterMs }
			: { done: answer };
	}, policy);
	const { value: answer, stop } = tried;
	const retries = tried.attempts - 1;
	if ('failure' in answer) {
		const { failure } = answer;
		const tries = retries > 0 ? ` (after ${retries} retr${retries === 1 ? 'y' : 'ies'})` : '';
		const what =
			failure.kind === 'timeout'
				? `no complete answer within the Request Timeout (${timeoutMs / 1000} s)`
				: failure.message;
		throw fail(`Could not log in to FacturasApp at ${where}${tries}: ${what}`);
	}
	const { statusCode, headers, text } = answer;
	if (stop === 'waitTooLong') {
		const retryAfterMs = parseRetryAfter(headers['retry-after']) ?? 0;
		throw fail(
			`FacturasApp's log-in asked to wait ${describeWait(retryAfterMs)} (HTTP ${statusCode}, Retry-After), longer than the ${describeWait(policy.maxRetryAfterMs)} this node waits. Run it again later.`,
		);
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

type LoginAnswer =
	| { statusCode: number; headers: Record<string, unknown>; text: string }
	| { failure: Failure };

/** One log-in request under the Request Timeout; a redirect's body is not read. */
async function postLogin(
	helper: IHttpRequestHelper,
	url: string,
	body: { User: string; Password: string },
	timeoutMs: number,
): Promise<LoginAnswer> {
	const signal = AbortSignal.timeout(timeoutMs);
	// Closes the socket itself at the deadline or when the answer is refused (see http.ts).
	const closer = new AbortController();
	const socketSignal = AbortSignal.any([signal, closer.signal]);
	try {
		const response = await raceDeadline(
			helper.helpers.httpRequest({
				method: 'POST',
				url,
				body,
				...boundedOptions(timeoutMs, socketSignal),
				abortSignal: socketSignal,
			}) as Promise<{ statusCode: number; headers?: Record<string, unknown>; body: unknown }>,
			signal,
			() => tooSlow(timeoutMs),
			(late) => (late.body as { destroy?: () => void })?.destroy?.(),
		);
		const { statusCode } = response;
		const headers = response.headers ?? {};
		if (statusCode >= 300 && statusCode < 400) {
			(response.body as { destroy?: () => void })?.destroy?.();
			closer.abort();
			return { statusCode, headers, text: '' };
		}
		const text = (
			await readBody(response.body, MAX_LOGIN_BODY, signal, () => tooSlow(timeoutMs))
		).toString('utf8');
		return { statusCode, headers, text };
	} catch (error) {
		closer.abort();
		return { failure: failureFromError(error) };
	}
}
