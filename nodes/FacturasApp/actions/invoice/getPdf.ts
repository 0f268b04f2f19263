// Invoice → Get PDF: the invoice's PDF as n8n binary data.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Operation } from '../operation';
import { concurrencyFromOptions } from '../operation';
import {
	binaryPropertyField,
	concurrencyOption,
	fileNameOption,
	invoiceNumberField,
	maxRetriesOption,
	pdfWaitOption,
	timeoutOption,
} from '../shared/options';
import { pdfBinary } from '../shared/pdf';
import type { InvoiceNumberParam } from '../shared/read';
import { checkedInvoiceNumber, readInvoiceNumber } from '../shared/read';
import { readParam } from '../../readParam';

const properties: INodeProperties[] = [
	invoiceNumberField,
	binaryPropertyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [concurrencyOption, fileNameOption, maxRetriesOption, pdfWaitOption, timeoutOption],
	},
];

const displayOptions = { show: { resource: ['invoice'], operation: ['getPdf'] } };

export interface GetPdfParams {
	invoiceNumber: InvoiceNumberParam;
	binaryPropertyName: string;
	/** How long to keep asking while the PDF is not ready, in ms. */
	pdfWaitMs: number;
	fileName: unknown;
}

export const operation: Operation<GetPdfParams> = {
	description: updateDisplayOptions(displayOptions, properties),
	read(ctx, itemIndex) {
		const invoiceNumber = readInvoiceNumber(ctx, itemIndex);
		const binaryPropertyName = readParam(ctx, 'binaryPropertyName', itemIndex, 'data') as string;
		const options = readParam(ctx, 'options', itemIndex, {}) as IDataObject;
		return {
			invoiceNumber,
			binaryPropertyName,
			pdfWaitMs: Number(options.pdfWait ?? 0) * 1000,
			fileName: options.fileName,
		};
	},
	async execute(ctx, run, params, itemIndex) {
		const invoiceNumber = checkedInvoiceNumber(ctx, params.invoiceNumber, itemIndex);
		const pdf = await run.client.getPdf(invoiceNumber, itemIndex, params.pdfWaitMs);
		const { fileName, fileSize, data } = await pdfBinary(ctx, pdf, invoiceNumber, params.fileName);
		return {
			json: { invoiceNumber, fileName, fileSize },
			binary: { [params.binaryPropertyName]: data },
		};
	},
	concurrency: concurrencyFromOptions,
	describeFailure: ({ invoiceNumber }) =>
		invoiceNumber.text === undefined ? {} : { invoiceNumber: invoiceNumber.text },
};
