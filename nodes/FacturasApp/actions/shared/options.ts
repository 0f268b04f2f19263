// Parameters and options shown by several operations (each operation adds its own display
// options with updateDisplayOptions), and the Trigger's Max Retries / Request Timeout.
import type { INodeProperties } from 'n8n-workflow';

export const invoiceNumberField: INodeProperties = {
	displayName: 'Invoice Number',
	name: 'invoiceNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'FA2026-0001',
	description: 'The full invoice number with its series prefix, exactly as FacturasApp shows it',
};

export const binaryPropertyField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the PDF in',
};

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

export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	placeholder: 'FA2026-0001.pdf',
	description: 'Name of the PDF file. Leave empty for the invoice number followed by .pdf.',
};

export const pdfWaitOption: INodeProperties = {
	displayName: 'PDF Wait (Seconds)',
	name: 'pdfWait',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 600 },
	default: 0,
	description:
		'How long to keep asking while FacturasApp says the PDF is not ready yet (right after issuing it). 0 = ask once.',
};
