// FacturasApp's endpoints as functions: which calls may be repeated, and how. What an answer
// means is read next door (answers.ts, pdf.ts, lookUp.ts, stateSummary.ts); AddInvoice's
// exactly-once rules are in issue.ts. It knows paths and envelopes, not invoice fields.
import type { IDataObject } from 'n8n-workflow';

import { readContent } from './answers';
import type { ErrorContext } from './errors';
import { toNodeApiError } from './errors';
import type { Failure } from './failure';
import { STOPPED } from './failure';
import type { ApiRequest, Outcome, RequestContext } from './http';
import { MAX_PDF_BYTES, Session } from './http';
import type { CreateResult, IssueCore } from './issue';
import { issueInvoice } from './issue';
import { otherInvoiceIn } from './lookUp';
import { encodeInvoiceNumber, invoiceNumberProblem, PATHS } from './paths';
import { pdfFrom, pdfNotReady } from './pdf';
import type { Redactor } from './redact';
import type { RetryPolicy } from './retry';
import { DEFAULT_RETRY_POLICY, poll } from './retry';

export interface ClientOptions {
	maxRetries?: number;
	timeoutMs?: number;
	/** Tests shorten the waits; users only choose the number of retries. */
	policy?: Partial<RetryPolicy>;
}

// The public client treats a 500 as "log in again": n8n does that, for reads and look-ups only.
const STALE_KEY_STATUSES = [500];

/** Right after a create the PDF may not be ready: asked again after 0.25, 0.5, 1, then every 2 s. */
const PDF_POLL = { intervalMs: 250, maxIntervalMs: 2_000 };

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

	/** What Create's state machine (issue.ts) uses of this client. */
	private get core(): IssueCore {
		return {
			policy: this.settings.policy,
			send: async (request) => await this.session.send(request),
			stateRequest: (number) => this.stateRequest(number),
			cancelled: (failure) => this.cancelled(failure),
			failed: async (failure, context) => await this.failed(failure, context),
		};
	}

	/** AddInvoice, exactly once (see issue.ts: ambiguous failures are looked up, never resent blindly). */
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
		return await issueInvoice(this.core, request, context, onUnknown);
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
		const polled = await poll<Failure | Buffer>(
			async () => {
				const outcome = await this.read(request);
				if (!outcome.ok) throw await this.failed(outcome.failure, context);
				const pdf = pdfFrom(outcome.response);
				if (Buffer.isBuffer(pdf)) return { done: pdf };
				return pdfNotReady(pdf) ? { again: pdf } : { done: pdf };
			},
			{ timeoutMs: waitMs, ...PDF_POLL },
			{ stopped: () => this.cancelled() },
		);
		if (Buffer.isBuffer(polled.value)) return polled.value;
		throw await this.failed(polled.stop === 'stopped' ? STOPPED : polled.value, context);
	}

	/** True once the execution is stopped (n8n's cancel signal), whatever error it surfaced as. */
	private cancelled(failure?: Failure): boolean {
		const signal =
			'getExecutionCancelSignal' in this.ctx ? this.ctx.getExecutionCancelSignal() : undefined;
		if (signal) return signal.aborted;
		return failure?.kind === 'cancelled';
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

	/** A read's content (answers.ts decides what is data); anything else becomes the error. */
	private async readResult(outcome: Outcome, context: ErrorContext): Promise<unknown> {
		const read = outcome.ok ? readContent(outcome.response.body) : { failure: outcome.failure };
		if ('failure' in read) throw await this.failed(read.failure, context);
		return read.content;
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
