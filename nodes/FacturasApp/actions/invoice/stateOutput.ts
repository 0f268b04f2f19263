// Get State's output item. As an AI agent's tool (n8n's facturasAppTool type) the model reads
// the item's JSON: it gets a small flat answer, not FacturasApp's raw state.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StateOutput } from '../../transport';
import type { Run } from '../run';
import { stateQr } from './aeatQr';

/** Whether this run is an AI agent calling the node as a tool (n8n appends "Tool" to its type). */
export function calledAsTool(ctx: IExecuteFunctions): boolean {
	return /Tool$/.test(ctx.getNode().type);
}

/** number, state, rejected, the AEAT's code and message, the verification URL: nothing else. */
export function compactState(invoiceNumber: string, output: StateOutput): IDataObject {
	const { summary } = output;
	const compact: IDataObject = {
		invoiceNumber,
		status: summary.status ?? null,
		outcome: summary.outcome ?? null,
		final: summary.final === true,
		rejected: summary.outcome === 'rejected',
	};
	for (const key of ['aeatCode', 'aeatDescription', 'csv', 'note'] as const)
		if (summary[key] !== undefined) compact[key] = summary[key];
	return compact;
}

export async function stateOutput(
	ctx: IExecuteFunctions,
	run: Run,
	invoiceNumber: string,
	output: StateOutput,
): Promise<IDataObject> {
	const qr = await stateQr(run, invoiceNumber, output.state);
	if (calledAsTool(ctx)) return { ...compactState(invoiceNumber, output), ...qr };
	return { invoiceNumber, ...output, ...qr };
}
