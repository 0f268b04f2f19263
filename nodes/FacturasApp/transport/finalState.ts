// Reading the state of an issued invoice, optionally waiting until the AEAT has decided.
import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FacturasAppClient } from './client';
import { poll } from './retry';
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
	const waitTimeout = options.waitTimeout ?? 120;
	const polled = await poll<StateOutput | string>(
		async () => {
			const read = client.getState(invoiceNumber, itemIndex);
			// After a create a failed read is data on the issued invoice; for Get State it is the error.
			const value = afterCreate
				? await read.catch((error: Error) => ({ [READ_FAILED]: error.message }))
				: await read;
			if (isReadFailure(value)) return { done: value[READ_FAILED] };
			const summary = summarizeState(value);
			const output: StateOutput = { summary, state: value as IDataObject | string | null };
			if (!options.waitForFinalState || summary.final === true) return { done: output };
			if (summary.final === undefined) {
				// A state word we do not know: waiting could be forever, guessing would be wrong.
				summary.note = `State "${summary.status ?? 'unknown'}" is not one this node knows as pending or final, so it did not wait: see "state"`;
				return { done: output };
			}
			return { again: output };
		},
		{ timeoutMs: waitTimeout * 1000, intervalMs: (options.pollInterval ?? 5) * 1000 },
	);
	const output = polled.value;
	if (typeof output === 'string') {
		return {
			summary: {},
			state: null,
			finalState: false,
			stateError: `Could not read the state: ${output}`,
		};
	}
	if (polled.stop === 'done') {
		return output.summary.note === undefined
			? checkRejected(ctx, invoiceNumber, output, itemIndex, options)
			: output;
	}
	const { status } = output.summary;
	if (afterCreate) {
		return {
			...output,
			finalState: false,
			stateError: `Still "${status}" after ${waitTimeout} s: the tax authority has not decided yet. Check it later with Get State.`,
		};
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`Invoice ${invoiceNumber} was still "${status}" after ${waitTimeout} s`,
		{
			itemIndex,
			description:
				'It was issued; the tax authority has not decided yet. Check it later with Get State, or raise Wait Timeout.',
		},
	);
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
