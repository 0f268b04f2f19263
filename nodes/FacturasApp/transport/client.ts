// FacturasApp's endpoints as functions: which calls may be repeated, what their answers mean.
// It knows paths and envelopes, not invoice fields (those live in ../invoice).
import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Envelope } from './envelope';
import { envelopeMessage, errorReportMessage, parseBody, rawOf } from './envelope';
import type { ErrorContext } from './errors';
import { toNodeApiError } from './errors';
import type { Failure } from './failure';
import { isAmbiguous, isTransient, wasNotProcessed } from './failure';
import type { ApiRequest, HttpResponse, Outcome, RequestContext } from './http';
import { MAX_PDF_BYTES, Session } from './http';
import type { LookUp } from './lookUp';
import { judgeLookUpBody, judgeLookUpFailure, NOT_FOUND, otherInvoiceIn } from './lookUp';
import { encodeInvoiceNumber, invoiceNumberProblem, PATHS } from './paths';
import { pdfProblem } from './pdf';
import type { Redactor } from './redact';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, retryAfterTooLong, retryDelayMs } from './retry';

export interface ClientOptions {
	maxRetries?: number;
	timeoutMs?: number;
	/** Tests shorten the waits; users only choose the number of retries. */
	policy?: Partial<RetryPolicy>;
}

export interface CreateResult {
	id: number | string | null;
	messages: string | null;
	raw: unknown;
	/** True when an answer was lost and the invoice was found already issued instead of resending. */
	recovered: boolean;
	attempts: number;
}

// The public client treats a 500 as "log in again": n8n does that, for reads and look-ups only.
const STALE_KEY_STATUSES = [500];

// Statuses that refuse a request as it was sent: nothing was stored.
const REFUSED_AS_SENT = new Set([400, 401, 403, 404, 405, 411, 413, 414, 415, 422, 431]);

/** For Create: could FacturasApp have stored the invoice although this call failed? */
function mayHaveIssued(f: Failure): boolean {
	if (wasNotProcessed(f) || f.kind === 'refused' || f.kind === 'login' || f.kind === 'business')
		return false;
	return !(f.kind === 'http' && REFUSED_AS_SENT.has(f.statusCode ?? 0));
}
const NOT_READY =
	/no\s+(est[aá]|se\s+encuentra)\s+disponible|a[uú]n\s+no|todav[ií]a|not\s+(yet\s+)?ready|generando|pendiente/i;

export class FacturasAppClient {
	private constructor(
		private readonly ctx: RequestContext,
		/** The execution's HTTP session: one credential read, one log-in, one redactor. */
		private readonly session: Session,
		/** Whether n8n already holds a key: if not, the first call will log in. */
		readonly hasKey: boolean,
	) {}

	static async create(
		ctx: RequestContext,
		options: ClientOptions = {},
	): Promise<FacturasAppClient> {
		const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
		if (options.maxRetries !== undefined) policy.maxRetries = options.maxRetries;
		const session = await Session.open(ctx, options.timeoutMs ?? 30_000, policy);
		return new FacturasAppClient(ctx, session, session.apiKey !== '');
	}

	/** Blanks every secret of this execution; everything that leaves the node passes here. */
	get redactor(): Redactor {
		return this.session.redactor;
	}

	private get settings() {
		return this.session.settings;
	}

	/**
	 * AddInvoice. Never sent twice blindly: after any failure that may hide a stored invoice
	 * (time-out, lost or cut answer, 5xx, an unreadable 200) the number is looked up first, and
	 * only FacturasApp saying "not found" allows sending again. 429 and 503 + Retry-After, a
	 * refused connection and the 4xx that refuse a request as sent were not processed.
	 */
	async createInvoice(
		body: IDataObject,
		invoiceNumber: string,
		itemIndex: number,
		/** Called before throwing when it is not known whether the invoice was issued. */
		onUnknown?: () => void,
	): Promise<CreateResult> {
		const number = this.checkedNumber(invoiceNumber, itemIndex);
		const request: ApiRequest = { method: 'POST', path: PATHS.addInvoice, body };
		const context = {
			...this.context(`issue invoice ${number}`, itemIndex),
			invoiceNumber: number,
		};
		let checkedAbsent = false;
		for (let attempt = 1; ; attempt++) {
			const outcome = await this.session.send(request);
			let failure: Failure;
			if (outcome.ok) {
				const parsed = parseBody(outcome.response.body);
				if (parsed.kind === 'envelope' && !parsed.envelope.isError) {
					const { id, messages } = parsed.envelope;
					return {
						id: id ?? null,
						messages: messages ?? null,
						raw: parsed.envelope,
						recovered: false,
						attempts: attempt,
					};
				}
				if (parsed.kind === 'envelope') {
					// A business refusal is final: the same body would be refused again.
					throw await this.failed(
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
			if (this.cancelled(failure))
				throw await this.stoppedDuringCreate(failure, context, onUnknown);
			const lastTry = attempt > this.settings.policy.maxRetries;
			if (
				wasNotProcessed(failure) &&
				retryAfterTooLong(failure.retryAfterMs, this.settings.policy)
			) {
				throw await this.failed(failure, {
					...context,
					retries: attempt - 1,
					hint: 'Nothing was issued.',
				});
			}
			if (wasNotProcessed(failure) && !lastTry) {
				await sleep(retryDelayMs(attempt, this.settings.policy, failure.retryAfterMs));
				continue;
			}
			if (!mayHaveIssued(failure)) {
				throw await this.failed(failure, {
					...context,
					retries: attempt - 1,
					hint: wasNotProcessed(failure) ? 'Nothing was issued.' : undefined,
				});
			}
			// Wait before looking: a slow commit gets time to land, and a re-sent body then goes
			// out right after the look-up, with the key that look-up may just have renewed.
			await sleep(retryDelayMs(attempt, this.settings.policy));
			if (this.cancelled()) throw await this.stoppedDuringCreate(failure, context, onUnknown);
			const found = await this.lookUp(number);
			if (found.status === 'found') {
				return { id: null, messages: null, raw: found.value, recovered: true, attempts: attempt };
			}
			if (this.cancelled()) throw await this.stoppedDuringCreate(failure, context, onUnknown);
			if (found.status === 'unknown') {
				const error = await this.failed(failure, {
					...context,
					retries: attempt - 1,
					hint: `The answer was lost and looking the number up proved nothing (${found.reason}), so it is not known whether invoice ${number} was issued. Check with Invoice → Get State, number ${number}, before running again: sending it again could issue it twice.`,
				});
				error.message = `Not known whether invoice ${number} was issued: ${error.message}`;
				error.context.issued = 'unknown';
				onUnknown?.();
				throw error;
			}
			if (lastTry) {
				throw await this.failed(failure, {
					...context,
					retries: attempt - 1,
					hint: `Invoice ${number} was not issued (checked with Get State).`,
				});
			}
			checkedAbsent = true;
		}
	}

	async getState(invoiceNumber: string, itemIndex: number): Promise<unknown> {
		const number = this.checkedNumber(invoiceNumber, itemIndex);
		const outcome = await this.read(this.stateRequest(number));
		const context = this.context(`get the state of invoice ${number}`, itemIndex);
		const state = await this.readResult(outcome, context);
		// Another invoice's state must never pass for this one's.
		const other = otherInvoiceIn(state, number);
		if (other !== undefined)
			throw await this.failed(
				{ kind: 'unexpected', message: `the answer is about invoice ${other}, not ${number}` },
				context,
			);
		return state;
	}

	async getConsecutives(itemIndex: number): Promise<unknown> {
		const outcome = await this.read({ method: 'GET', path: PATHS.consecutives });
		return await this.readResult(outcome, this.context('get the invoice series', itemIndex));
	}

	/**
	 * PDFInvoice. Accepts the envelope with base64 in toolObject and the older raw bytes.
	 * `waitMs` > 0 keeps asking while FacturasApp says the PDF is not ready (right after a create).
	 */
	async getPdf(invoiceNumber: string, itemIndex: number, waitMs = 0): Promise<Buffer> {
		const number = this.checkedNumber(invoiceNumber, itemIndex);
		const context = this.context(`get the PDF of invoice ${number}`, itemIndex);
		const request: ApiRequest = {
			method: 'POST',
			path: PATHS.pdfInvoice,
			qs: { invoiceNumber: number },
			maxBytes: MAX_PDF_BYTES,
		};
		const deadline = Date.now() + waitMs;
		for (let attempt = 1; ; attempt++) {
			const outcome = await this.read(request);
			if (!outcome.ok) throw await this.failed(outcome.failure, context);
			const pdf = this.pdfFrom(outcome.response);
			if (Buffer.isBuffer(pdf)) return pdf;
			const waiting =
				pdf.kind === 'business' && (NOT_READY.test(pdf.message) || NOT_FOUND.test(pdf.message));
			if (!waiting || Date.now() >= deadline) throw await this.failed(pdf, context);
			await sleep(
				Math.min(Math.max(0, deadline - Date.now()), 250 * 2 ** Math.min(attempt - 1, 3)),
			);
		}
	}

	private pdfFrom(response: HttpResponse): Buffer | Failure {
		const { body } = response;
		if (body.subarray(0, 5).toString('latin1') === '%PDF-') {
			const problem = pdfProblem(body);
			return problem
				? { kind: 'unexpected', message: `the PDF FacturasApp sent is ${problem}` }
				: body;
		}
		const parsed = parseBody(body);
		if (parsed.kind === 'envelope') {
			if (parsed.envelope.isError)
				return {
					kind: 'business',
					message: envelopeMessage(parsed.envelope),
					raw: withoutBulk(parsed.envelope),
				};
			const data = parsed.envelope.toolObject;
			if (typeof data === 'string' && data.length > 0) {
				const decoded = decodePdfBase64(data);
				if (typeof decoded === 'string')
					return {
						kind: 'unexpected',
						message: `toolObject ${decoded}`,
						raw: withoutBulk(parsed.envelope),
					};
				const problem = pdfProblem(decoded);
				if (!problem) return decoded;
				return {
					kind: 'unexpected',
					message: `toolObject decodes to ${decoded.length} bytes that are ${problem}`,
					raw: withoutBulk(parsed.envelope),
				};
			}
			return {
				kind: 'unexpected',
				message: 'the answer has no PDF in toolObject',
				raw: parsed.envelope,
			};
		}
		return {
			kind: 'unexpected',
			message: `neither a PDF nor a FacturasApp answer (${response.headers['content-type'] ?? 'no content type'})`,
			bodyText: body.subarray(0, 200).toString('utf8'),
		};
	}

	/** Asks for the state of a number whose create got no usable answer; retries until it proves something. */
	private async lookUp(number: string): Promise<LookUp> {
		for (let attempt = 0; ; attempt++) {
			const outcome = await this.session.send(this.stateRequest(number));
			const verdict = outcome.ok
				? judgeLookUpBody(outcome.response.body, number)
				: judgeLookUpFailure(outcome.failure);
			if (
				verdict.status !== 'unknown' ||
				attempt >= this.settings.policy.maxRetries ||
				this.cancelled()
			)
				return verdict;
			// A 4xx (after n8n logged in again) or a failed log-in will not change on asking again.
			if (!outcome.ok && !isTransient(outcome.failure) && !isAmbiguous(outcome.failure))
				return verdict;
			const retryAfter = outcome.ok ? undefined : outcome.failure.retryAfterMs;
			await sleep(retryDelayMs(attempt + 1, this.settings.policy, retryAfter));
		}
	}

	/** True once the execution is stopped (n8n's cancel signal), whatever error it surfaced as. */
	private cancelled(failure?: Failure): boolean {
		const signal =
			'getExecutionCancelSignal' in this.ctx ? this.ctx.getExecutionCancelSignal() : undefined;
		if (signal) return signal.aborted;
		return failure?.kind === 'cancelled';
	}

	private async stoppedDuringCreate(
		failure: Failure,
		context: ErrorContext & { invoiceNumber: string },
		onUnknown?: () => void,
	) {
		onUnknown?.();
		const number = context.invoiceNumber;
		const error = await this.failed(
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

	private stateRequest(number: string): ApiRequest {
		return {
			method: 'GET',
			path: `${PATHS.invoiceState}/${encodeInvoiceNumber(number)}`,
			loginAgainOn: STALE_KEY_STATUSES,
		};
	}

	/** Reads are safe to repeat, so a 500 (which may mean a stale key) may trigger a log-in and resend. */
	private async read(request: ApiRequest): Promise<Outcome> {
		return await this.session.sendSafe({ ...request, loginAgainOn: STALE_KEY_STATUSES });
	}

	/**
	 * The answer's content: the envelope's toolObject when there is one, else the parsed body.
	 * Only a JSON object or list is data: HTML, cut JSON, a bare word or an error report
	 * ({"status":"error",...}) with HTTP 200 is an error, never a success.
	 */
	private async readResult(outcome: Outcome, context: ErrorContext): Promise<unknown> {
		if (!outcome.ok) throw await this.failed(outcome.failure, context);
		const text = outcome.response.body.toString('utf8');
		const parsed = parseBody(outcome.response.body);
		if (parsed.kind === 'envelope') {
			const envelope: Envelope = parsed.envelope;
			if (envelope.isError)
				throw await this.failed(
					{ kind: 'business', message: envelopeMessage(envelope), raw: envelope },
					context,
				);
			const content = envelope.toolObject ?? envelope;
			// Inside a well-formed envelope a text (a state word) is data; a bare text body is not.
			if (isRecordOrList(content) || (typeof content === 'string' && content.trim() !== ''))
				return content;
			throw await this.failed(
				{
					kind: 'unexpected',
					message: `toolObject is ${describeValue(content)}, not data`,
					raw: envelope,
				},
				context,
			);
		}
		if (parsed.kind === 'empty')
			throw await this.failed({ kind: 'unexpected', message: 'an empty answer' }, context);
		if (parsed.kind === 'text') {
			const what = /^\s*</.test(text)
				? 'an HTML or XML page'
				: /^\s*[[{]/.test(text)
					? 'JSON that is cut off or broken'
					: 'text';
			throw await this.failed(
				{
					kind: 'unexpected',
					message: `HTTP 200 with ${what} instead of JSON data`,
					bodyText: text,
				},
				context,
			);
		}
		const report = errorReportMessage(parsed.value);
		if (report !== undefined) {
			throw await this.failed(
				{
					kind: 'unexpected',
					message: `FacturasApp reported an error: ${report}`,
					raw: parsed.value,
				},
				context,
			);
		}
		if (!isRecordOrList(parsed.value)) {
			throw await this.failed(
				{
					kind: 'unexpected',
					message: `HTTP 200 with ${describeValue(parsed.value)} instead of JSON data`,
					bodyText: text,
				},
				context,
			);
		}
		return rawOf(parsed);
	}

	private checkedNumber(invoiceNumber: string, itemIndex: number): string {
		const problem = invoiceNumberProblem(invoiceNumber);
		if (problem) {
			throw this.error(
				{ kind: 'unexpected', message: `Invoice Number ${problem}` },
				this.context('use this invoice number', itemIndex),
			);
		}
		return invoiceNumber;
	}

	private context(action: string, itemIndex: number): ErrorContext {
		return {
			action,
			itemIndex,
			baseUrl: this.settings.baseUrl,
			secrets: [],
			redactor: this.session.redactor,
			maxRetryAfterMs: this.settings.policy.maxRetryAfterMs,
		};
	}

	/** The error for a failure; one about an invoice carries its number (context.invoiceNumber) for error items. */
	private async failed(failure: Failure, context: ErrorContext & { invoiceNumber?: string }) {
		const error = this.error(failure, context);
		if (context.invoiceNumber !== undefined) error.context.invoiceNumber = context.invoiceNumber;
		return error;
	}

	private error(failure: Failure, context: ErrorContext) {
		return toNodeApiError(this.ctx.getNode(), failure, context);
	}
}

function isRecordOrList(value: unknown): boolean {
	return typeof value === 'object' && value !== null;
}

function describeValue(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (typeof value === 'string')
		return `the bare text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return `a bare ${typeof value}`;
}

/** Strict base64 (a cut or corrupted string is refused, not decoded to whatever it gives). */
function decodePdfBase64(data: string): Buffer | string {
	const clean = data.replace(/^data:application\/pdf;base64,/, '').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return 'is not base64';
	if (clean.length % 4 !== 0)
		return `is base64 of a length that is not a multiple of 4 (${clean.length} characters): it was cut off`;
	return Buffer.from(clean, 'base64');
}

/** An envelope with its (possibly megabytes of) base64 replaced by its length, for error output. */
function withoutBulk(envelope: Envelope): Envelope {
	const data = envelope.toolObject;
	return typeof data === 'string' && data.length > 200
		? { ...envelope, toolObject: `<${data.length} characters>` }
		: envelope;
}
