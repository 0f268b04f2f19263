// Invoice → Get State: the tax (AEAT/VeriFactu) state of an invoice, optionally waited for.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { InvoiceNumberParam } from '../common';
import {
	checkedInvoiceNumber,
	concurrencyOption,
	invoiceNumberField,
	maxRetriesOption,
	onRejectedOption,
	readInvoiceNumber,
	timeoutOption,
	waitOptions,
} from '../common';
import type { StateOptions } from '../../transport';
import { readState } from '../../transport';
import type { Operation } from '../operation';
import { concurrencyFromOptions } from '../operation';

const description: INodeProperties[] = [
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

export interface GetStateParams {
	invoiceNumber: InvoiceNumberParam;
	wait: StateOptions;
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

export const operation: Operation<GetStateParams> = {
	description,
	read: (ctx, itemIndex) => ({
		invoiceNumber: readInvoiceNumber(ctx, itemIndex),
		wait: stateOptions(ctx.getNodeParameter('options', itemIndex, {}) as IDataObject),
	}),
	async execute(ctx, run, params, itemIndex) {
		const invoiceNumber = checkedInvoiceNumber(ctx, params.invoiceNumber, itemIndex);
		const state = await readState(ctx, run.client, invoiceNumber, itemIndex, {
			...params.wait,
			onRejected: params.wait.onRejected ?? 'output',
		});
		return { json: { invoiceNumber, ...state } };
	},
	concurrency: concurrencyFromOptions,
	describeFailure: ({ invoiceNumber }) =>
		invoiceNumber.text === undefined ? {} : { invoiceNumber: invoiceNumber.text },
};
