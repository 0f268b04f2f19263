// Parsing of the ApiKey log-in answer (docs/facturasapp-api.md §2). The live service answers
// `["<key>"]`; older notes show a bare JSON string or plain text. All three are accepted.
import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { resolveBaseUrl } from './baseUrl';
import { describeBody } from './envelope';
import { redact } from './redact';
import type { Failure } from './failure';
import { failureFromError, isTransient, LOGIN_ERROR_NAME } from './failure';
import { PATHS } from './paths';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs } from './retry';

const KEY_SHAPE = /^[A-Za-z0-9._~+/=:-]{8,4096}$/;

export type LoginParse = { ok: true; apiKey: string } | { ok: false; problem: string };

export function parseLoginBody(text: string): LoginParse {
	const trimmed = text.trim();
	if (trimmed === '') return { ok: false, problem: 'an empty body' };
	let candidate: unknown = trimmed;
	if (trimmed.startsWith('[') || trimmed.startsWith('"') || trimmed.startsWith('{')) {
		try {
			candidate = JSON.parse(trimmed);
		} catch {
			return { ok: false, problem: `a body that is not valid JSON (${describeBody(trimmed.slice(0, 12))}…)` };
		}
	}
	if (Array.isArray(candidate)) {
		if (candidate.length !== 1) return { ok: false, problem: `a JSON array with ${candidate.length} elements instead of one key` };
		candidate = candidate[0];
	}
	if (typeof candidate !== 'string') {
		return { ok: false, problem: `JSON of type ${candidate === null ? 'null' : typeof candidate} instead of a key` };
	}
	const apiKey = candidate.trim();
	if (!KEY_SHAPE.test(apiKey)) {
		// Do not show it: if it is a key in an odd format, it is still a secret.
		return { ok: false, problem: `text that does not look like an API key (${apiKey.length} characters)` };
	}
	return { ok: true, apiKey };
}

const LOGIN_TIMEOUT_MS = 30_000;

/** An error whose message is already meant for the user and holds no secret. */
export class LoginError extends Error {
	constructor(message: string) {
		super(message);
		this.name = LOGIN_ERROR_NAME;
	}
}

/**
 * Logs in with user and password and returns the API key. Transient failures (network, 429,
 * 502–504) are retried with backoff: logging in twice is harmless. The password is never
 * part of an error: errors are rebuilt from scratch instead of passing the HTTP error on.
 */
export async function logIn(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<string> {
	let baseUrl = '';
	let urlProblem: string | undefined;
	try {
		baseUrl = resolveBaseUrl(credentials);
	} catch (error) {
		urlProblem = (error as Error).message;
	}
	if (urlProblem !== undefined) throw new LoginError(urlProblem);
	const user = String(credentials.user ?? '').trim();
	const password = String(credentials.password ?? '');
	if (!user || !password) {
		throw new LoginError('User and Password are required in the FacturasApp API credential');
	}
	const policy = DEFAULT_RETRY_POLICY;
	for (let attempt = 0; ; attempt++) {
		let statusCode = 0;
		let text = '';
		let retryAfterMs: number | undefined;
		let failure: Failure | undefined;
		try {
			const response = (await helper.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}${PATHS.login}`,
				body: { User: user, Password: password },
				headers: { Accept: 'application/json' },
				json: false,
				encoding: 'arraybuffer',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: LOGIN_TIMEOUT_MS,
			})) as { statusCode: number; headers?: Record<string, unknown>; body: Buffer | string };
			statusCode = response.statusCode;
			text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : String(response.body ?? '');
			retryAfterMs = parseRetryAfter(response.headers?.['retry-after']);
		} catch (error) {
			failure = failureFromError(error);
		}
		if (failure) {
			if (isTransient(failure) && attempt < policy.maxRetries) {
				await sleep(retryDelayMs(attempt + 1, policy));
				continue;
			}
			throw new LoginError(redact(`Could not log in to FacturasApp at ${baseUrl}: ${failure.message}`, [password, user]));
		}
		if (statusCode === 401 || statusCode === 403) {
			throw new LoginError(
				`FacturasApp rejected the user or password (HTTP ${statusCode}). Check them in the FacturasApp API credential, and that they belong to the chosen environment (test and production accounts are separate).`,
			);
		}
		if ([429, 502, 503, 504].includes(statusCode) && attempt < policy.maxRetries) {
			await sleep(retryDelayMs(attempt + 1, policy, retryAfterMs));
			continue;
		}
		if (statusCode < 200 || statusCode >= 300) {
			throw new LoginError(
				`FacturasApp's log-in failed with HTTP ${statusCode} (${describeBody(text, [password, user])}). Try again later; if it persists, check the Base URL.`,
			);
		}
		const parsed = parseLoginBody(text);
		if (!parsed.ok) {
			throw new LoginError(
				`FacturasApp's log-in answered HTTP ${statusCode} with ${parsed.problem}, not an API key. Check the environment or Base URL points at FacturasApp.`,
			);
		}
		return parsed.apiKey;
	}
}
