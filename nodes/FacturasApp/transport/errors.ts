// Turns a Failure into the NodeApiError the user sees: what happened, in words, and what to do.
// Messages never carry the password or the key: bodies are shown only as redacted snippets.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { displayUrl } from './baseUrl';
import { formatBytes } from './body';
import { clip, describeBody } from './envelope';
import type { Failure } from './failure';
import { Redactor } from './redact';
import { describeWait } from './retry';

export interface ErrorContext {
	/** What was being done, as a phrase: 'issue invoice FA-1', 'get the PDF of FA-1'. */
	action: string;
	itemIndex: number;
	baseUrl: string;
	secrets: readonly string[];
	/** The execution's redactor (knows every key seen so far); `secrets` are added to it. */
	redactor?: Redactor;
	/** The longest Retry-After this node waits for, to explain a longer one. */
	maxRetryAfterMs?: number;
	retries?: number;
	/** Extra advice for this operation (e.g. "Nothing was issued."). */
	hint?: string;
}

function explain(f: Failure, c: ErrorContext): { message: string; description: string } {
	const body =
		f.bodyText !== undefined ? ` It answered ${describeBody(f.bodyText, c.secrets)}.` : '';
	const tried = c.retries ? ` (after ${c.retries} retr${c.retries === 1 ? 'y' : 'ies'})` : '';
	const where = displayUrl(c.baseUrl);
	switch (f.kind) {
		case 'redirect':
			return {
				message: `FacturasApp's address redirected the request to ${f.location ?? 'another address'} while trying to ${c.action} (HTTP ${f.statusCode ?? '3xx'}); the redirect was not followed`,
				description: `Redirects are never followed: the API key (and, for the log-in, the password) would go with them. The Base URL ${where} needs fixing in the FacturasApp API credential: use the address FacturasApp really answers on.`,
			};
		case 'tooLarge':
			return {
				message: `FacturasApp's answer was larger than ${formatBytes(f.limit ?? 0)}, the most this node accepts for this call, while trying to ${c.action}`,
				description:
					'The answer was cut off and not used. This is not a normal FacturasApp answer: check the Base URL in the credential.',
			};
		case 'business':
			return {
				message: `FacturasApp refused to ${c.action}: ${f.message}`,
				description: 'FacturasApp answered with isError: true.',
			};
		case 'login':
			return {
				message: f.message,
				description: 'The log-in happens in the FacturasApp API credential.',
			};
		case 'cancelled':
			return {
				message: `Stopped while trying to ${c.action}`,
				description: 'The execution was cancelled.',
			};
		case 'timeout':
			return {
				message: `FacturasApp did not answer in time while trying to ${c.action}${tried}`,
				description: `Raise the Request Timeout option or try again later (${f.code ?? 'timeout'}).`,
			};
		case 'refused':
			return {
				message: `Could not connect to FacturasApp at ${where}${tried}`,
				description: `Check the environment or Base URL in the credential and the network (${f.code ?? 'connect failed'}).`,
			};
		case 'network':
			return {
				message: `The connection to FacturasApp was lost while trying to ${c.action}${tried}`,
				description: `Try again later (${f.code ?? f.message}).`,
			};
		case 'unexpected':
			return {
				message: `FacturasApp gave an unexpected answer while trying to ${c.action}: ${f.message}`,
				description: body.trim(),
			};
		default:
			break;
	}
	const status = f.statusCode ?? 0;
	if (status === 400) {
		return {
			message: `FacturasApp rejected the request to ${c.action} as malformed (HTTP 400)`,
			description: `Check the input fields.${body}`,
		};
	}
	if (status === 401 || status === 403) {
		return {
			message: `FacturasApp refused the API key (HTTP ${status}) even after logging in again`,
			description: `Check that the credential's user may use the API in this environment.${body}`,
		};
	}
	if (status === 404) {
		return {
			message: `FacturasApp answered "not found" (HTTP 404) while trying to ${c.action}`,
			description: `Check the Base URL in the credential.${body}`,
		};
	}
	const maxWait = c.maxRetryAfterMs ?? 60_000;
	if (
		(status === 429 || status === 503) &&
		f.retryAfterMs !== undefined &&
		f.retryAfterMs > maxWait
	) {
		return {
			message: `FacturasApp asked to wait ${describeWait(f.retryAfterMs)} before trying again (HTTP ${status}, Retry-After) while trying to ${c.action}`,
			description: `That is longer than the ${describeWait(maxWait)} this node waits within a run, so it stopped at once. Run it again later.${body}`,
		};
	}
	if (status === 429) {
		return {
			message: `FacturasApp is limiting requests (HTTP 429)${tried}`,
			description: `Lower the Concurrency option or run again later.${body}`,
		};
	}
	return {
		message: `FacturasApp failed with HTTP ${status} while trying to ${c.action}${tried}`,
		description: `This is an error on FacturasApp's side; try again later.${body}`,
	};
}

export function toNodeApiError(node: INode, failure: Failure, context: ErrorContext): NodeApiError {
	const redactor = new Redactor(context.secrets);
	const text = (value: string) =>
		context.redactor ? context.redactor.text(redactor.text(value)) : redactor.text(value);
	// Redact before anything is cut for display: a cut could split a secret and hide it from redaction.
	const safe: Failure = { ...failure, message: clip(text(failure.message)) };
	if (failure.bodyText !== undefined) safe.bodyText = text(failure.bodyText);
	const explained = explain(safe, context);
	const message = text(explained.message);
	// The hint is redacted with the rest: it may quote another call's error text.
	const description = text(
		context.hint ? `${explained.description} ${context.hint}`.trim() : explained.description,
	);
	const response: JsonObject = { kind: failure.kind };
	if (failure.statusCode !== undefined) response.httpStatus = failure.statusCode;
	if (failure.location !== undefined) response.redirectedTo = failure.location;
	if (failure.raw !== undefined) {
		const raw = redactor.deep(failure.raw);
		response.facturasApp = (context.redactor ? context.redactor.deep(raw) : raw) as JsonObject;
	}
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: failure.statusCode !== undefined ? String(failure.statusCode) : undefined,
		itemIndex: context.itemIndex,
	});
	// NodeApiError swaps messages that mention network codes for generic ones; keep ours.
	error.message = message;
	return error;
}
