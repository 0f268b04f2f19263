// Reading the parameters several operations share, once per item.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { StateOptions } from '../../transport';
import { invoiceNumberProblem } from '../../transport';
import { readParam } from '../../readParam';

/** The Invoice Number parameter as given (numbers as text), with what is wrong with it, if anything. */
export interface InvoiceNumberParam {
	/** As typed, when it is text or a number: failed items carry it. */
	text?: string;
	problem?: string;
}

export function readInvoiceNumber(ctx: IExecuteFunctions, itemIndex: number): InvoiceNumberParam {
	const value = readParam(ctx, 'invoiceNumber', itemIndex);
	const problem = invoiceNumberProblem(value);
	return {
		...((typeof value === 'string' || typeof value === 'number') && { text: String(value) }),
		...(problem && { problem }),
	};
}

/** The number to use, or the error that stops the item before any call. */
export function checkedInvoiceNumber(
	ctx: IExecuteFunctions,
	param: InvoiceNumberParam,
	itemIndex: number,
): string {
	if (param.problem !== undefined || param.text === undefined) {
		throw new NodeOperationError(ctx.getNode(), `Invoice Number ${param.problem}`, { itemIndex });
	}
	return param.text;
}

/** The waiting options as the user set them (unset ones take readState's defaults). */
export function stateOptions(options: IDataObject): StateOptions {
	const { waitForFinalState, waitTimeout, pollInterval, onRejected } = options;
	return {
		...(waitForFinalState !== undefined && { waitForFinalState: waitForFinalState as boolean }),
		...(waitTimeout !== undefined && { waitTimeout: waitTimeout as number }),
		...(pollInterval !== undefined && { pollInterval: pollInterval as number }),
		...(onRejected !== undefined && { onRejected: onRejected as StateOptions['onRejected'] }),
	};
}
