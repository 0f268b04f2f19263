// Invoice → Get PDF: the invoice's PDF as n8n binary data.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hiddenCharacterProblem } from '../../transport';
import type { InvoiceNumberParam } from '../common';
import {
	binaryPropertyField,
	checkedInvoiceNumber,
	concurrencyOption,
	invoiceNumberField,
	maxRetriesOption,
	readInvoiceNumber,
	timeoutOption,
} from '../common';
import type { Operation } from '../operation';
import { concurrencyFromOptions } from '../operation';

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

const description: INodeProperties[] = [
	invoiceNumberField(['getPdf']),
	binaryPropertyField(['getPdf']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['invoice'], operation: ['getPdf'] } },
		options: [concurrencyOption, fileNameOption, maxRetriesOption, pdfWaitOption, timeoutOption],
	},
];

/** The PDF as an n8n binary item part; shared with Create's "Download PDF" option. */
export async function pdfBinary(
	ctx: IExecuteFunctions,
	pdf: Buffer,
	invoiceNumber: string,
	fileNameOverride: unknown,
): Promise<{
	fileName: string;
	fileSize: number;
	data: Awaited<ReturnType<IExecuteFunctions['helpers']['prepareBinaryData']>>;
}> {
	const chosen = typeof fileNameOverride === 'string' ? fileNameOverride.trim() : '';
	const fileName = chosen || `${invoiceNumber}.pdf`;
	// Invisible and text-direction characters would make the file look like another one.
	const problem = hiddenCharacterProblem(fileName);
	if (problem) throw new NodeOperationError(ctx.getNode(), `File Name ${problem}`);
	// prepareBinaryData hands the buffer to n8n's binary store (memory, filesystem or S3) as is.
	const data = await ctx.helpers.prepareBinaryData(pdf, fileName, 'application/pdf');
	return { fileName, fileSize: pdf.length, data };
}

export interface GetPdfParams {
	invoiceNumber: InvoiceNumberParam;
	binaryPropertyName: string;
	/** How long to keep asking while the PDF is not ready, in ms. */
	pdfWaitMs: number;
	fileName: unknown;
}

export const operation: Operation<GetPdfParams> = {
	description,
	read(ctx, itemIndex) {
		const invoiceNumber = readInvoiceNumber(ctx, itemIndex);
		const binaryPropertyName = ctx.getNodeParameter(
			'binaryPropertyName',
			itemIndex,
			'data',
		) as string;
		const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
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
