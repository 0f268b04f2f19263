import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AddInvoiceBody } from '../../invoice';
import { buildInvoiceBody, formatIssues, validateInvoiceBody } from '../../invoice';
import type { FacturasAppClient } from '../../transport';
import { invoiceNumberProblem } from '../../transport';
import { maxRetriesOption, timeoutOption, waitOptions } from '../common';
import { invoiceFields, readInvoiceInput } from './fields';
import type { StateOptions } from './finalState';
import { readState } from './finalState';
import { fileNameOption, pdfBinary } from './getPdf';

const show = { resource: ['invoice'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Invoices are issued one at a time, in item order: VeriFactu chains each invoice to the previous one, so issuing them in parallel could register them out of order',
		name: 'orderNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'fields', description: 'Fill in customer and lines; the node computes taxes and totals' },
			{ name: 'JSON', value: 'json', description: 'Send a complete AddInvoice body you build yourself' },
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Invoice (JSON)',
		name: 'invoiceJson',
		type: 'json',
		default: '{\n  "invoiceNumber": ""\n}',
		description: 'The full AddInvoice body, typed in or as an expression that returns an object. It is checked (fields, codes, totals to the cent) before anything is sent.',
		displayOptions: { show: { ...show, inputMode: ['json'] } },
	},
	...invoiceFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Download PDF',
				name: 'downloadPdf',
				type: 'boolean',
				default: false,
				description: 'Whether to add the PDF of the new invoice to the output item as binary data',
			},
			{ ...fileNameOption, displayOptions: { show: { downloadPdf: [true] } } },
			maxRetriesOption,
			{
				displayName: 'PDF Wait (Seconds)',
				name: 'pdfWait',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 600 },
				default: 30,
				description: 'How long to keep asking for the PDF while FacturasApp is still generating it',
				displayOptions: { show: { downloadPdf: [true] } },
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The name of the output binary field to put the PDF in',
				displayOptions: { show: { downloadPdf: [true] } },
			},
			timeoutOption,
			...waitOptions,
		],
	},
];

function parseJsonBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const value = ctx.getNodeParameter('invoiceJson', itemIndex) as unknown;
	let body: unknown = value;
	if (typeof value === 'string') {
		try {
			body = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), `Invoice (JSON) is not valid JSON: ${(error as Error).message}`, { itemIndex });
		}
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new NodeOperationError(ctx.getNode(), 'Invoice (JSON) must be one JSON object: the AddInvoice body', { itemIndex });
	}
	return body as IDataObject;
}

/** The body to send, checked against the contract; nothing invalid ever leaves the node. */
function invoiceBody(ctx: IExecuteFunctions, itemIndex: number): AddInvoiceBody {
	const mode = ctx.getNodeParameter('inputMode', itemIndex, 'fields') as string;
	const body = mode === 'json' ? parseJsonBody(ctx, itemIndex) : buildInvoiceBody(readInvoiceInput.call(ctx, itemIndex));
	const issues = validateInvoiceBody(body);
	const numberProblem = invoiceNumberProblem((body as IDataObject).invoiceNumber);
	if (numberProblem && !issues.some((issue) => issue.path === 'invoiceNumber')) {
		issues.unshift({ path: 'invoiceNumber', message: numberProblem });
	}
	if (issues.length > 0) {
		const number = typeof body.invoiceNumber === 'string' && body.invoiceNumber ? ` ${body.invoiceNumber}` : '';
		throw new NodeOperationError(
			ctx.getNode(),
			`Invoice${number} has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues[0].path}: ${issues[0].message}${issues.length > 1 ? ' …' : ''}`,
			{ itemIndex, description: `Nothing was sent. Fix these:\n${formatIssues(issues)}` },
		);
	}
	return body as AddInvoiceBody;
}

export async function execute(
	this: IExecuteFunctions,
	client: FacturasAppClient,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const body = invoiceBody(this, itemIndex);
	const invoiceNumber = body.invoiceNumber;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject & StateOptions;
	const created = await client.createInvoice(body as unknown as IDataObject, invoiceNumber, itemIndex);
	const json: IDataObject = {
		invoiceNumber,
		id: created.id,
		messages: created.messages,
		recovered: created.recovered,
		response: created.raw as IDataObject,
		requestBody: body as unknown as IDataObject,
	};
	const item: INodeExecutionData = { json };
	if (options.waitForFinalState) {
		Object.assign(json, await readState(this, client, invoiceNumber, itemIndex, options));
	}
	if (options.downloadPdf) {
		const pdf = await client.getPdf(invoiceNumber, itemIndex, Number(options.pdfWait ?? 30) * 1000);
		const { fileName, fileSize, data } = await pdfBinary(this, pdf, invoiceNumber, options.fileName);
		json.pdf = { fileName, fileSize };
		item.binary = { [String(options.binaryPropertyName || 'data')]: data };
	}
	return item;
}
