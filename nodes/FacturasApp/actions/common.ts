// Parameters and option fields shared by several operations, and reading them for an item.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invoiceNumberProblem } from '../transport';

export const invoiceNumberField = (operations: string[]): INodeProperties => ({
	displayName: 'Invoice Number',
	name: 'invoiceNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'FA2026-0001',
	description: 'The full invoice number with its series prefix, exactly as FacturasApp shows it',
	displayOptions: { show: { resource: ['invoice'], operation: operations } },
});

export const binaryPropertyField = (
	operations: string[],
	extra: IDataObject = {},
): INodeProperties => ({
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the PDF in',
	displayOptions: { show: { resource: ['invoice'], operation: operations, ...extra } },
});

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	hint: 'Taken from the first item: one setting for the whole run',
	default: 3,
	description:
		'How many times a failed call is tried again (network errors, time-outs, 429, 502–504). Creating an invoice is never repeated blindly: the number is looked up first.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	hint: 'Taken from the first item: one setting for the whole run',
	default: 30,
	description: 'How long to wait for FacturasApp to answer one call',
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	hint: 'Taken from the first item: one setting for the whole run',
	default: 5,
	description:
		'How many items are processed at the same time. Output order always equals input order.',
};

// Options that act only while waiting are shown only once Wait for Final State is on.
const whenWaiting = { show: { waitForFinalState: [true] } };

export const onRejectedOption: INodeProperties = {
	displayName: 'Rejected Invoices',
	name: 'onRejected',
	type: 'options',
	options: [
		{
			name: 'Fail the Item',
			value: 'error',
			description: 'A rejected invoice is an error carrying the AEAT code and description',
		},
		{
			name: 'Output With Rejected: True',
			value: 'output',
			description: 'Route rejected invoices with an IF node on "rejected"',
		},
	],
	default: 'error',
	description: 'What to do when the tax authority rejects the invoice (state Incorrecto)',
};

export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait for Final State',
		name: 'waitForFinalState',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep checking until the tax authority (AEAT) has accepted or rejected the invoice, instead of returning a pending state',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 120,
		description: 'How long to wait for the final state before giving up with an error',
		displayOptions: whenWaiting,
	},
	{
		displayName: 'Check Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.2, maxValue: 300 },
		default: 5,
		description: 'How long to wait between two state checks while waiting',
		displayOptions: whenWaiting,
	},
	{ ...onRejectedOption, displayOptions: whenWaiting },
];

/** The Invoice Number parameter as given (numbers as text), with what is wrong with it, if anything. */
export interface InvoiceNumberParam {
	/** As typed, when it is text or a number: failed items carry it. */
	text?: string;
	problem?: string;
}

export function readInvoiceNumber(ctx: IExecuteFunctions, itemIndex: number): InvoiceNumberParam {
	const value = ctx.getNodeParameter('invoiceNumber', itemIndex) as unknown;
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
