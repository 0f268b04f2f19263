// The node's calls go out here (the credential's log-in goes out in login.ts). One Session per
// execution:
// - reads the credential once and hands the same object to every call as `credentialsDecrypted`
//   (n8n logs in through preAuthentication when its key is empty and writes the key back into it);
// - log-ins are single-flight (see login.ts); a failed log-in fails every later call at once;
// - a refused key (401) is renewed once for all waiting calls, then the call is resent once;
// - redirects are never followed, answers are size-capped, and Request Timeout bounds the
//   whole attempt, body included;
// - its Redactor knows every secret of the execution (password, each key seen, URL user info).
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { resolveBaseUrl, urlSecrets } from './baseUrl';
import { boundedOptions, raceDeadline, readBody, tooLarge, tooSlow } from './body';
import type { Failure } from './failure';
import { failureFromError, isTransient, redirectHost } from './failure';
import { registerLoginSettings } from './login';
import { Redactor } from './redact';
import type { RetryPolicy } from './retry';
import { parseRetryAfter, retry } from './retry';

export const CREDENTIAL_TYPE = 'facturasAppApi';

/** What the transport needs from n8n: the action node, the trigger's polls and option lists. */
export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/** The largest answer read from a JSON endpoint (series, state, AddInvoice). */
export const MAX_JSON_BYTES = 8 * 1024 * 1024;
/** The largest PDFInvoice answer: a 48 MB PDF as base64 in the envelope. */
export const MAX_PDF_BYTES = 64 * 1024 * 1024;
/** How much of an error body is kept to describe it. */
const ERROR_TEXT_KEPT = 16 * 1024;

export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Size cap for the answer; MAX_JSON_BYTES when not given. */
	maxBytes?: number;
	/** Statuses (besides 401) that mean a stale key: renew it and resend. Only for calls safe to repeat. */
	loginAgainOn?: number[];
}

export interface HttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: Buffer;
}

/** `sentKey` is the key the call went out with, to renew it once for everyone (renewKey). */
export type Outcome = ({ ok: true; response: HttpResponse } | { ok: false; failure: Failure }) & {
	sentKey?: string;
};

export interface SendSettings {
	baseUrl: string;
	timeoutMs: number;
	policy: RetryPolicy;
}

type RawResponse = { statusCode: number; headers?: Record<string, unknown>; body: unknown };

function destroyBody(response: RawResponse | undefined): void {
	(response?.body as { destroy?: () => void } | undefined)?.destroy?.();
}

export class Session {
	readonly redactor: Redactor;
	private loginFailure?: Failure;
	private renewal?: Promise<void>;
	private readonly decrypted: ICredentialsDecrypted;

	constructor(
		private readonly ctx: RequestContext,
		/** Read once per execution; n8n writes a new key into it in place. */
		readonly credentials: ICredentialDataDecryptedObject,
		readonly settings: SendSettings,
	) {
		registerLoginSettings(credentials, { timeoutMs: settings.timeoutMs, policy: settings.policy });
		this.redactor = new Redactor(
			[credentials.password, ...urlSecrets(settings.baseUrl)],
			[credentials.apiKey],
		);
		const ref = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		this.decrypted = {
			id: ref?.id ?? '',
			name: ref?.name ?? '',
			type: CREDENTIAL_TYPE,
			data: credentials,
		};
	}

	static async open(ctx: RequestContext, timeoutMs: number, policy: RetryPolicy): Promise<Session> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		return new Session(ctx, credentials, {
			baseUrl: resolveBaseUrl(credentials),
			timeoutMs,
			policy,
		});
	}

	get apiKey(): string {
		return typeof this.credentials.apiKey === 'string' ? this.credentials.apiKey : '';
	}

	/**
	 * After a call found the key `sentKey` stale. Runs once for all calls that saw the same key:
	 * a key another execution stored meanwhile is taken as is; otherwise the key is emptied so
	 * the next call logs in (one log-in, shared, written back by n8n).
	 */
	async renewKey(sentKey: string): Promise<void> {
		if (this.apiKey !== sentKey) return;
		this.renewal ??= (async () => {
			try {
				const stored = (await this.ctx.getCredentials(CREDENTIAL_TYPE)).apiKey;
				if (typeof stored === 'string' && stored !== '' && stored !== sentKey) {
					this.redactor.addKey(stored);
					this.credentials.apiKey = stored;
					return;
				}
			} catch {
				// fall through to a log-in
			}
			this.credentials.apiKey = '';
		})().finally(() => {
			this.renewal = undefined;
		});
		await this.renewal;
	}

	/** One attempt; a stale key (401, or the request's loginAgainOn) is renewed once and the call resent once. */
	async send(request: ApiRequest): Promise<Outcome> {
		const renewOn = [401, ...(request.loginAgainOn ?? [])];
		const first = await this.attempt(request);
		if (
			first.ok ||
			first.failure.kind !== 'http' ||
			!renewOn.includes(first.failure.statusCode ?? 0)
		)
			return first;
		await this.renewKey(first.sentKey ?? '');
		return await this.attempt(request);
	}

	/**
	 * A call that is safe to repeat (reads), retried on transient failures with backoff within
	 * Max Retries, honouring Retry-After; a Retry-After longer than the cap ends it at once.
	 */
	async sendSafe(
		request: ApiRequest,
		retryable: (failure: Failure) => boolean = isTransient,
	): Promise<Outcome> {
		const { value } = await retry<Outcome>(async () => {
			const outcome = await this.send(request);
			if (outcome.ok || !retryable(outcome.failure)) return { done: outcome };
			return { again: outcome, retryAfterMs: outcome.failure.retryAfterMs };
		}, this.settings.policy);
		return value;
	}

	/** A log-in may run inside a call: it has its own bounds, this only backs them up. */
	private loginBudgetMs(): number {
		const { timeoutMs, policy } = this.settings;
		return (
			(policy.maxRetries + 1) * timeoutMs +
			policy.maxRetries * Math.max(policy.maxDelayMs, policy.maxRetryAfterMs) +
			1_000
		);
	}

	private async attempt(request: ApiRequest): Promise<Outcome> {
		if (this.loginFailure) return { ok: false, failure: this.loginFailure };
		const keyBefore = this.apiKey;
		// Without a key, the call logs in first and goes out with the key that log-in got.
		let sentKey = keyBefore;
		const { baseUrl, timeoutMs } = this.settings;
		const url = `${baseUrl}${request.path}`;
		const maxBytes = request.maxBytes ?? MAX_JSON_BYTES;
		const signal = AbortSignal.timeout(timeoutMs + (keyBefore === '' ? this.loginBudgetMs() : 0));
		const onTimeout = () => tooSlow(timeoutMs);
		// The socket itself gets the deadline: a response stream cannot always close its own
		// connection, and n8n replaces `abortSignal` with the execution's cancel signal.
		const closer = new AbortController();
		const socketSignal = AbortSignal.any([signal, closer.signal]);
		let response: RawResponse | undefined;
		try {
			response = await raceDeadline(
				this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					CREDENTIAL_TYPE,
					{
						method: request.method,
						url,
						qs: request.qs,
						body: request.body,
						...boundedOptions(timeoutMs, socketSignal),
					},
					{ credentialsDecrypted: this.decrypted },
				) as Promise<RawResponse>,
				signal,
				onTimeout,
				destroyBody,
			);
			if (keyBefore === '') sentKey = this.apiKey;
			const { statusCode } = response;
			const headers = response.headers ?? {};
			if (statusCode >= 300 && statusCode < 400) {
				destroyBody(response);
				closer.abort();
				const location = redirectHost(headers.location, url);
				return {
					ok: false,
					sentKey,
					failure: { kind: 'redirect', statusCode, location, message: `redirected to ${location}` },
				};
			}
			const declared = Number(headers['content-length']);
			if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
			const body = await readBody(response.body, maxBytes, signal, onTimeout);
			if (statusCode < 200 || statusCode >= 300) {
				return {
					ok: false,
					sentKey,
					failure: {
						kind: 'http',
						statusCode,
						message: `HTTP ${statusCode}`,
						retryAfterMs: parseRetryAfter(headers['retry-after']),
						bodyText: body.subarray(0, ERROR_TEXT_KEPT).toString('utf8'),
					},
				};
			}
			return { ok: true, sentKey, response: { statusCode, headers, body } };
		} catch (error) {
			destroyBody(response);
			closer.abort();
			const failure = failureFromError(error);
			if (failure.kind === 'login') this.loginFailure = failure;
			return { ok: false, sentKey, failure };
		} finally {
			this.redactor.addKey(this.apiKey);
		}
	}
}
