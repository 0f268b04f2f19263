// Turns a Failure into the NodeApiError the user sees: what happened, in words, and what to do.
// Messages never carry the password or the key: bodies are shown only as redacted snippets.
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeBody } from './envelope';
import type { Failure } from './failure';
import { redact, redactDeep } from './redact';

export interface ErrorContext {
	/** What was being done, as a phrase: 'issue invoice FA-1', 'get the PDF of FA-1'. */
	action: string;
	itemIndex: number;
	baseUrl: string;
	secrets: string[];
	retries?: number;
	/** Extra advice for this operation (e.g. "Nothing was issued."). */
	hint?: string;
}

function explain(f: Failure, c: ErrorContext): { message: string; description: string } {
	const body = f.bodyText !== undefined ? ` It answered ${describeBody(f.bodyText, c.secrets)}.` : '';
	const tried = c.retries ? ` (after ${c.retries} retr${c.retries === 1 ? 'y' : 'ies'})` : '';
	switch (f.kind) {
		case 'business':
			return { message: `FacturasApp refused to ${c.action}: ${f.message}`, description: 'FacturasApp answered with isError: true.' };
		case 'login':
			return { message: f.message, description: 'The log-in happens in the FacturasApp API credential.' };
		case 'cancelled':
			return { message: `Stopped while trying to ${c.action}`, description: 'The execution was cancelled.' };
		case 'timeout':
			return {
				message: `FacturasApp did not answer in time while trying to ${c.action}${tried}`,
				description: `Raise the Request Timeout option or try again later (${f.code ?? 'timeout'}).`,
			};
		case 'refused':
			return {
				message: `Could not connect to FacturasApp at ${c.baseUrl}${tried}`,
				description: `Check the environment or Base URL in the credential and the network (${f.code ?? 'connect failed'}).`,
			};
		case 'network':
			return {
				message: `The connection to FacturasApp was lost while trying to ${c.action}${tried}`,
				description: `Try again later (${f.code ?? f.message}).`,
			};
		case 'unexpected':
			return { message: `FacturasApp gave an unexpected answer while trying to ${c.action}: ${f.message}`, description: body.trim() };
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
	const explained = explain(failure, context);
	const message = redact(explained.message, context.secrets);
	const description = redact(explained.description, context.secrets);
	const response: JsonObject = { kind: failure.kind };
	if (failure.statusCode !== undefined) response.httpStatus = failure.statusCode;
	if (failure.raw !== undefined) response.facturasApp = redactDeep(failure.raw, context.secrets) as JsonObject;
	const error = new NodeApiError(node, response, {
		message,
		description: context.hint ? `${description} ${context.hint}`.trim() : description,
		httpCode: failure.statusCode !== undefined ? String(failure.statusCode) : undefined,
		itemIndex: context.itemIndex,
	});
	// NodeApiError swaps messages that mention network codes for generic ones; keep ours.
	error.message = message;
	return error;
}
