// The per-execution context: made once by the router, handed to every item's execute, dropped
// when the execution ends. Everything that belongs to one run lives here, never in a module.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { QrIssuer } from '../invoice/qr';
import { qrIssuerOf } from '../invoice/qr';
import { accountKey } from '../numbering/issue';
import { NumberCheck } from '../numbering/numberIsNext';
import type { SeriesCounters } from '../numbering/nextNumber';
import { newSeriesCounters } from '../numbering/nextNumber';
import type { ClientOptions } from '../transport';
import { CREDENTIAL_TYPE, FacturasAppClient } from '../transport';

/** Settings for the whole run, taken from the first item's Run Options (their hints say so). */
export interface RunOptions {
	maxRetries?: number;
	timeoutMs?: number;
	concurrency?: number;
}

const numberOrUndefined = (v: unknown) => (v === undefined ? undefined : Number(v));

export function readRunOptions(ctx: IExecuteFunctions): RunOptions {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		maxRetries: numberOrUndefined(options.maxRetries),
		timeoutMs: options.timeout === undefined ? undefined : Number(options.timeout) * 1000,
		concurrency: numberOrUndefined(options.concurrency),
	};
}

export class Run {
	/** Next in Series: this execution's read of the counters (numbering/nextNumber.ts). */
	readonly series: SeriesCounters = newSeriesCounters();
	/** Enter It: this execution's read of the counters, to check entered numbers (numbering/numberIsNext.ts). */
	readonly numbers = new NumberCheck();
	private account?: Promise<string>;
	private issuer?: Promise<QrIssuer | undefined>;

	private constructor(
		private readonly ctx: IExecuteFunctions,
		/** One client for the whole execution: one credential read, one log-in, one base URL. */
		readonly client: FacturasAppClient,
		readonly options: RunOptions,
	) {}

	static async create(ctx: IExecuteFunctions): Promise<Run> {
		const options = readRunOptions(ctx);
		const clientOptions: ClientOptions = {
			maxRetries: options.maxRetries,
			timeoutMs: options.timeoutMs,
		};
		return new Run(ctx, await FacturasAppClient.create(ctx, clientOptions), options);
	}

	/** The account the credential speaks to (series queues and Order Reference records are per account). */
	accountKey(): Promise<string> {
		this.account ??= accountKey(this.ctx);
		return this.account;
	}

	/** Who issues, for aeatQrUrl: the credential's Issuer NIF and Invoicing Mode (none: no URL). */
	qrIssuer(): Promise<QrIssuer | undefined> {
		this.issuer ??= this.ctx.getCredentials(CREDENTIAL_TYPE).then(qrIssuerOf, () => undefined);
		return this.issuer;
	}
}
