// What every operation module exports, so that the router can run any of them without knowing
// one by name (n8n's SharePoint v2 / Google Drive v2 layout: router → one file per operation).
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { Run, RunOptions } from './run';

export interface Operation<Params> {
	/** Its parameters, shown only for its resource and operation (updateDisplayOptions). */
	description: INodeProperties[];
	/**
	 * Every parameter of one item, read once and typed. A value the user must fix is kept as a
	 * problem for `execute` to raise, so that a failed item can still be described.
	 */
	read(ctx: IExecuteFunctions, itemIndex: number): Params;
	execute(
		ctx: IExecuteFunctions,
		run: Run,
		params: Params,
		itemIndex: number,
	): Promise<INodeExecutionData | INodeExecutionData[]>;
	/** How many items may run at the same time. */
	concurrency(options: RunOptions): number;
	/** What a failed item's error output carries besides the error (e.g. its invoice number). */
	describeFailure?(params: Params): IDataObject;
	/** Said of a completed item when a later one stops the run, so nothing is lost silently. */
	successNote?(params: Params, output: INodeExecutionData[], itemIndex: number): string | undefined;
}

/** Reads may run side by side: the Run Options' Concurrency (default 5). */
export const concurrencyFromOptions = (options: RunOptions): number => options.concurrency ?? 5;
