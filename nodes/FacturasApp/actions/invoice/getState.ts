import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { FacturasAppClient, StateOptions } from '../../transport';
import { readState } from '../../transport';
import {
	concurrencyOption,
	invoiceNumberField,
	maxRetriesOption,
	onRejectedOption,
	readInvoiceNumber,
	timeoutOption,
	waitOptions,
} from '../common';

export const description: INodeProperties[] = [
	invoiceNumberField(['getState']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['invoice'], operation: ['getState'] } },
		options: [
			concurrencyOption,
			maxRetriesOption,
			...waitOptions.filter((o) => o.name !== onRejectedOption.name),
			// A read that got a clear answer outputs it: a rejection is data unless asked to fail.
			{ ...onRejectedOption, default: 'output' },
			timeoutOption,
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	client: FacturasAppClient,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const invoiceNumber = readInvoiceNumber(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject & StateOptions;
	const state = await readState(this, client, invoiceNumber, itemIndex, {
		...options,
		onRejected: options.onRejected ?? 'output',
	});
	return { json: { invoiceNumber, ...state } };
}
