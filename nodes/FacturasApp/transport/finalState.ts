// Reading the state of an issued invoice, optionally waiting until the AEAT has decided.
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { FacturasAppClient } from './client';
import type { StateSummary } from './stateSummary';
import { summarizeState } from './stateSummary';

export interface StateOptions {
	waitForFinalState?: boolean;
	waitTimeout?: number;
	pollInterval?: number;
	onRejected?: 'error' | 'output';
}

export interface StateOutput extends IDataObject {
	summary: StateSummary;
	state: IDataObject | string | null;
}

const READ_FAILED = Symbol('read failed');
const isReadFailure = (v: unknown): v is { [READ_FAILED]: string } =>
	typeof v === 'object' && v !== null && READ_FAILED in v;

/**
 * `afterCreate`: the invoice was just issued, so a state still pending at the deadline is
 * returned as data (`finalState: false`, `stateError`) instead of failing the item.
 */
export async function readState(
	ctx: IExecuteFunctions,
	client: FacturasAppClient,
	invoiceNumber: string,
	itemIndex: number,
	options: StateOptions,
	afterCreate = false,
): Promise<StateOutput> {
	const deadline = Date.now() + (options.waitTimeout ?? 120) * 1000;
	const intervalMs = (options.pollInterval ?? 5) * 1000;
	for (;;) {
		const read = client.getState(invoiceNumber, itemIndex);
		// After a create a failed read is data on the issued invoice; for Get State it is the error.
		const value = afterCreate
			? await read.catch((error: Error) => ({ [READ_FAILED]: error.message }))
			: await read;
		if (isReadFailure(value)) {
			return {
				summary: {},
				state: null,
				finalState: false,
				stateError: `Could not read the state: ${value[READ_FAILED]}`,
			};
		}
		const summary = summarizeState(value);
		const output: StateOutput = { summary, state: value as IDataObject | string | null };
		if (!options.waitForFinalState || summary.final === true)
			return checkRejected(ctx, invoiceNumber, output, itemIndex, options);
		if (summary.final === undefined) {
			// A state word we do not know: waiting could be forever, guessing would be wrong.
			summary.note = `State "${summary.status ?? 'unknown'}" is not one this node knows as pending or final, so it did not wait: see "state"`;
			return output;
		}
		if (Date.now() + intervalMs > deadline) {
			if (afterCreate) {
				return {
					...output,
					finalState: false,
					stateError: `Still "${summary.status}" after ${options.waitTimeout ?? 120} s: the tax authority has not decided yet. Check it later with Get State.`,
				};
			}
			throw new NodeOperationError(
				ctx.getNode(),
				`Invoice ${invoiceNumber} was still "${summary.status}" after ${options.waitTimeout ?? 120} s`,
				{
					itemIndex,
					description:
						'It was issued; the tax authority has not decided yet. Check it later with Get State, or raise Wait Timeout.',
				},
			);
		}
		await sleep(intervalMs);
	}
}

function checkRejected(
	ctx: IExecuteFunctions,
	invoiceNumber: string,
	output: StateOutput,
	itemIndex: number,
	options: StateOptions,
): StateOutput {
	const { summary } = output;
	if (summary.outcome !== 'rejected') return output;
	if (options.onRejected === 'output') return { ...output, rejected: true };
	const reason = [summary.aeatCode, summary.aeatDescription].filter(Boolean).join(' ');
	const error = new NodeApiError(ctx.getNode(), { summary, state: output.state } as JsonObject, {
		message: `The tax authority rejected invoice ${invoiceNumber}${reason ? `: ${reason}` : ''}`,
		description:
			'The invoice exists in FacturasApp but is not valid for the AEAT: correct it with a rectifying invoice. Set Rejected Invoices to "Output" to route these items instead of failing.',
		itemIndex,
	});
	error.message = `The tax authority rejected invoice ${invoiceNumber}${reason ? `: ${reason}` : ''}`;
	error.context.invoiceNumber = invoiceNumber;
	error.context.rejected = true;
	throw error;
}
