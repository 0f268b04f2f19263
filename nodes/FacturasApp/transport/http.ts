// The only place that sends HTTP for the node. Every call goes through n8n's
// httpRequestWithAuthentication, which logs in (preAuthentication) when there is no key and
// logs in again and resends once after a 401.
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Failure } from './failure';
import { failureFromError, isTransient } from './failure';
import type { RetryPolicy } from './retry';
import { retryDelayMs } from './retry';

export const CREDENTIAL_TYPE = 'facturasAppApi';

/** What the transport needs from n8n: the action node, the trigger's polls and option lists. */
export type RequestContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Statuses (besides 401) on which n8n logs in again and resends: only for calls safe to repeat. */
	loginAgainOn?: number[];
}

export interface HttpResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: Buffer;
}

export type Outcome = { ok: true; response: HttpResponse } | { ok: false; failure: Failure };

export interface SendSettings {
	baseUrl: string;
	timeoutMs: number;
	policy: RetryPolicy;
}

/** One attempt. Bodies come back as raw bytes: JSON, text and PDF are told apart by content. */
export async function sendOnce(ctx: RequestContext, request: ApiRequest, settings: SendSettings): Promise<Outcome> {
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			method: request.method,
			url: `${settings.baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			headers: { Accept: 'application/json' },
			json: false,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			timeout: settings.timeoutMs,
		}, request.loginAgainOn ? { preAuthenticationRetryStatusCode: [401, ...request.loginAgainOn] } : undefined)) as { statusCode: number; headers?: Record<string, unknown>; body: unknown };
		const body = Buffer.isBuffer(response.body)
			? response.body
			: Buffer.from(typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? ''));
		return { ok: true, response: { statusCode: response.statusCode, headers: response.headers ?? {}, body } };
	} catch (error) {
		return { ok: false, failure: failureFromError(error) };
	}
}

/**
 * Sends a call that is safe to repeat (reads), retrying transient failures with backoff and
 * honouring Retry-After. `retryable` widens or narrows what counts as transient.
 */
export async function sendSafe(
	ctx: RequestContext,
	request: ApiRequest,
	settings: SendSettings,
	retryable: (failure: Failure) => boolean = isTransient,
): Promise<Outcome> {
	for (let retry = 0; ; retry++) {
		const outcome = await sendOnce(ctx, request, settings);
		if (outcome.ok || !retryable(outcome.failure) || retry >= settings.policy.maxRetries) return outcome;
		await sleep(retryDelayMs(retry + 1, settings.policy, outcome.failure.retryAfterMs));
	}
}
