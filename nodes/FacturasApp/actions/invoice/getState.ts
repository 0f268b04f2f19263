// Invoice → Get State: the tax (AEAT/VeriFactu) state of an invoice, optionally waited for.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { StateOptions } from '../../transport';
import { readState } from '../../transport';
import type { Operation } from '../operation';
import { concurrencyFromOptions } from '../operation';
import {
	concurrencyOption,
	invoiceNumberField,
	maxRetriesOption,
	onRejectedOption,
	timeoutOption,
	waitOptions,
} from '../shared/options';
import type { InvoiceNumberParam } from '../shared/read';
import { checkedInvoiceNumber, readInvoiceNumber, stateOptions } from '../shared/read';
import { stateOutput } from './stateOutput';
import { readParam } from '../../readParam';

const properties: INodeProperties[] = [
	invoiceNumberField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
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

const displayOptions = { show: { resource: ['invoice'], operation: ['getState'] } };

export interface GetStateParams {
	invoiceNumber: InvoiceNumberParam;
	wait: StateOptions;
}

export const operation: Operation<GetStateParams> = {
	description: updateDisplayOptions(displayOptions, properties),
	read: (ctx, itemIndex) => ({
		invoiceNumber: readInvoiceNumber(ctx, itemIndex),
		wait: stateOptions(readParam(ctx, 'options', itemIndex, {}) as IDataObject),
	}),
	async execute(ctx, run, params, itemIndex) {
		const invoiceNumber = checkedInvoiceNumber(ctx, params.invoiceNumber, itemIndex);
		const state = await readState(ctx, run.client, invoiceNumber, itemIndex, {
			...params.wait,
			onRejected: params.wait.onRejected ?? 'output',
		});
		return { json: await stateOutput(ctx, run, invoiceNumber, state) };
	},
	concurrency: concurrencyFromOptions,
	describeFailure: ({ invoiceNumber }) =>
		invoiceNumber.text === undefined ? {} : { invoiceNumber: invoiceNumber.text },
};
