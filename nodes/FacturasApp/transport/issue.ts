// AddInvoice, exactly once. Never sent twice blindly: after any failure that may hide a stored
// invoice (time-out, lost or cut answer, 5xx, an unreadable 200) the number is looked up first,
// and only FacturasApp saying "not found" allows sending again. 429 and 503 + Retry-After, a
// refused connection and the 4xx that refuse a request as sent were not processed: those are
// sent again after the wait. A stop mid-create says the invoice may have been issued.
import type { NodeApiError } from 'n8n-workflow';

import { envelopeMessage, parseBody, rawOf } from './envelope';
import type { ErrorContext } from './errors';
import type { Failure } from './failure';
import { isAmbiguous, isTransient, mayHaveIssued, STOPPED, wasNotProcessed } from './failure';
import type { ApiRequest, Outcome } from './http';
import type { LookUp } from './lookUp';
import { judgeLookUpBody, judgeLookUpFailure } from './lookUp';
import type { RetryPolicy } from './retry';
import { backoff, retry } from './retry';

export interface CreateResult {
	id: number | string | null;
	messages: string | null;
	raw: unknown;
	/** True when an answer was lost and the invoice was found already issued instead of resending. */
	recovered: boolean;
	attempts: number;
}

/** What the create needs from the client. */
export interface IssueCore {
	policy: RetryPolicy;
	/** One attempt (a stale key renewed once), never retried on its own. */
	send(request: ApiRequest): Promise<Outcome>;
	stateRequest(number: string): ApiRequest;
	/** n8n's stop signal; without one, a cancelled failure. */
	cancelled(failure?: Failure): boolean;
	failed(
		failure: Failure,
		context: ErrorContext & { invoiceNumber?: string },
	): Promise<NodeApiError>;
}

type IssueContext = ErrorContext & { invoiceNumber: string };

const isFailure = (value: Failure | CreateResult): value is Failure => 'kind' in value;

export async function issueInvoice(
	core: IssueCore,
	request: ApiRequest,
	context: IssueContext,
	/** Called before throwing when it is not known whether the invoice was issued. */
	onUnknown?: () => void,
): Promise<CreateResult> {
	const number = context.invoiceNumber;
	const { policy } = core;
	const world = { stopped: () => core.cancelled() };
	let checkedAbsent = false;
	const tried = await retry<Failure | CreateResult>(
		async (attempt) => {
			const outcome = await core.send(request);
			let failure: Failure;
			if (outcome.ok) {
				const parsed = parseBody(outcome.response.body);
				if (parsed.kind === 'envelope' && !parsed.envelope.isError) {
					const { id, messages } = parsed.envelope;
					const raw = parsed.envelope;
					return {
						done: {
							id: id ?? null,
							messages: messages ?? null,
							raw,
							recovered: false,
							attempts: attempt,
						},
					};
				}
				if (parsed.kind === 'envelope') {
					// A business refusal is final: the same body would be refused again.
					throw await core.failed(
						{ kind: 'business', message: envelopeMessage(parsed.envelope), raw: parsed.envelope },
						{
							...context,
							hint: checkedAbsent
								? 'An earlier attempt in this run got no answer and the number was not found then; check with Get State whether it was issued before running again.'
								: 'Nothing was issued.',
						},
					);
				}
				// 200 without an envelope: it may well have been stored, so treat it as a lost answer.
				failure = {
					kind: 'unexpected',
					message: 'an answer without isError',
					raw: rawOf(parsed),
					bodyText: outcome.response.body.toString('utf8'),
				};
			} else {
				failure = outcome.failure;
			}
			if (core.cancelled(failure))
				throw await stoppedDuringCreate(core, failure, context, onUnknown);
			// Certainly not stored (429, 503 + Retry-After, refused): sent again after the wait.
			if (wasNotProcessed(failure)) return { again: failure, retryAfterMs: failure.retryAfterMs };
			if (!mayHaveIssued(failure)) {
				throw await core.failed(failure, { ...context, retries: attempt - 1 });
			}
			// Wait before looking: a slow commit gets time to land, and a re-sent body then goes
			// out right after the look-up, with the key that look-up may just have renewed.
			await backoff(attempt, policy);
			if (core.cancelled()) throw await stoppedDuringCreate(core, failure, context, onUnknown);
			const found = await lookUp(core, context.invoiceNumber);
			if (found.status === 'found') {
				return {
					done: {
						id: null,
						messages: null,
						raw: found.value,
						recovered: true,
						attempts: attempt,
					},
				};
			}
			if (core.cancelled()) throw await stoppedDuringCreate(core, failure, context, onUnknown);
			if (found.status === 'unknown') {
				const error = await core.failed(failure, {
					...context,
					retries: attempt - 1,
					hint: `The answer was lost and looking the number up proved nothing (${found.reason}), so it is not known whether invoice ${number} was issued. Check with Invoice → Get State, number ${number}, before running again: sending it again could issue it twice.`,
				});
				error.message = `Not known whether invoice ${number} was issued: ${error.message}`;
				error.context.issued = 'unknown';
				onUnknown?.();
				throw error;
			}
			if (attempt > policy.maxRetries) {
				throw await core.failed(failure, {
					...context,
					retries: attempt - 1,
					hint: `Invoice ${number} was not issued (checked with Get State).`,
				});
			}
			checkedAbsent = true;
			return { again: failure, waited: true };
		},
		policy,
		world,
	);
	const { value, stop } = tried;
	if (!isFailure(value)) return value;
	// Only "not processed" failures get here; a stop before the next send is a stop mid-create.
	if (stop === 'stopped') throw await stoppedDuringCreate(core, STOPPED, context, onUnknown);
	throw await core.failed(value, {
		...context,
		retries: tried.attempts - 1,
		hint: 'Nothing was issued.',
	});
}

/** Asks for the state of a number whose create got no usable answer; retries until it proves something. */
async function lookUp(core: IssueCore, number: string): Promise<LookUp> {
	const { policy } = core;
	const { value } = await retry<LookUp>(
		async () => {
			const outcome = await core.send(core.stateRequest(number));
			if (outcome.ok) {
				const verdict = judgeLookUpBody(outcome.response.body, number);
				return verdict.status === 'unknown' ? { again: verdict } : { done: verdict };
			}
			const verdict = judgeLookUpFailure(outcome.failure);
			// A 4xx (after n8n logged in again) or a failed log-in will not change on asking again.
			const worthAsking = isTransient(outcome.failure) || isAmbiguous(outcome.failure);
			if (verdict.status !== 'unknown' || !worthAsking) return { done: verdict };
			// Giving up would leave the invoice unknown: a long Retry-After is waited for, capped.
			const { retryAfterMs } = outcome.failure;
			return {
				again: verdict,
				retryAfterMs:
					retryAfterMs === undefined ? undefined : Math.min(retryAfterMs, policy.maxRetryAfterMs),
			};
		},
		policy,
		{ stopped: () => core.cancelled() },
	);
	return value;
}

async function stoppedDuringCreate(
	core: IssueCore,
	failure: Failure,
	context: IssueContext,
	onUnknown?: () => void,
) {
	onUnknown?.();
	const number = context.invoiceNumber;
	const error = await core.failed(
		{ ...failure, kind: 'cancelled' },
		{
			...context,
			hint: `Invoice ${number} may have been issued: the request had been sent when the execution was stopped. Before running again, check it with Invoice → Get State, number ${number}.`,
		},
	);
	error.message = `Stopped while issuing invoice ${number}: it may have been issued`;
	error.context.issued = 'unknown';
	return error;
}
