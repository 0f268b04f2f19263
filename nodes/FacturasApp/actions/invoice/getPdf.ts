import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FacturasAppClient } from '../../transport';
import { hiddenCharacterProblem } from '../../transport';
import {
	binaryPropertyField,
	concurrencyOption,
	invoiceNumberField,
	maxRetriesOption,
	readInvoiceNumber,
	timeoutOption,
} from '../common';

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

export const description: INodeProperties[] = [
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

export async function execute(
	this: IExecuteFunctions,
	client: FacturasAppClient,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const invoiceNumber = readInvoiceNumber(this, itemIndex);
	const binaryPropertyName = this.getNodeParameter(
		'binaryPropertyName',
		itemIndex,
		'data',
	) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const pdf = await client.getPdf(invoiceNumber, itemIndex, Number(options.pdfWait ?? 0) * 1000);
	const { fileName, fileSize, data } = await pdfBinary(this, pdf, invoiceNumber, options.fileName);
	return { json: { invoiceNumber, fileName, fileSize }, binary: { [binaryPropertyName]: data } };
}
