import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AddInvoiceBody, ValidationIssue } from '../../invoice';
import {
	buildInvoiceBody,
	formatIssues,
	recipientIssues,
	validateInvoiceBody,
} from '../../invoice';
import type { FacturasAppClient, StateOptions } from '../../transport';
import { invoiceNumberProblem, readState } from '../../transport';
import { maxRetriesOption, timeoutOption, waitOptions } from '../common';
import type { NextNumber } from '../series/nextNumber';
import { invoiceFields } from './createFields';
import { formIssues, formShape, nothingSent, plural, readInvoiceInput } from './createInput';
import { fileNameOption, pdfBinary, pdfWaitOption } from './getPdf';
import { nodeError } from './inProcess';
import { accountOf, issueNextInSeries } from './numbering';
import type { Claim } from './orderReference';
import {
	claimReference,
	confirmReference,
	readReference,
	releaseReference,
} from './orderReference';

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
		displayName: 'Numbering',
		name: 'numbering',
		type: 'options',
		options: [
			{
				name: 'Enter It',
				value: 'manual',
				description: 'Give the full number (in the fields below or in the JSON)',
			},
			{
				name: 'Next in Series',
				value: 'next',
				description:
					'Ask FacturasApp for the series counter and use the next number; consecutive items get consecutive numbers',
			},
		],
		default: 'manual',
		displayOptions: { show },
	},
	{
		displayName: 'Series Name or ID',
		name: 'seriesPrefix',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSeries' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Executions running at the same time take numbers one after the other: no collisions, no gaps',
		displayOptions: { show: { ...show, numbering: ['next'] } },
	},
	{
		displayName: 'Order Reference',
		name: 'orderReference',
		type: 'string',
		default: '',
		placeholder: '{{ $json.body.order_number }}',
		description:
			'The order this invoice is for (e.g. the Shopify or WooCommerce order ID). In this workflow an order that was invoiced never gets a second invoice: a resent webhook or a retried execution outputs it with alreadyInvoiced true instead. Leave empty to turn this off.',
		hint: 'Send the email only when alreadyInvoiced is false (an IF node after this one)',
		// With Enter It the number comes from the order and is its key already (a repeat is a
		// duplicate number); the field matters where FacturasApp picks the number.
		displayOptions: { show: { ...show, numbering: ['next'] } },
	},
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{
				name: 'Define Below',
				value: 'fields',
				description: 'Fill in customer and lines; the node computes taxes and totals',
			},
			{
				name: 'JSON',
				value: 'json',
				description: 'Send a complete AddInvoice body you build yourself',
			},
		],
		default: 'fields',
		displayOptions: { show },
	},
	{
		displayName: 'Invoice (JSON)',
		name: 'invoiceJson',
		type: 'json',
		default: '{\n  "invoiceNumber": ""\n}',
		description:
			'The full AddInvoice body, typed in or as an expression that returns an object. It is checked (fields, codes, totals to the cent) before anything is sent.',
		displayOptions: { show: { ...show, inputMode: ['json'] } },
	},
	...invoiceFields,
	{
		displayName: 'Run Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Run Option',
		description: 'How the node runs: PDF download, waiting for the AEAT, retries, timeouts',
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
			{ ...pdfWaitOption, default: 30, displayOptions: { show: { downloadPdf: [true] } } },
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
			throw new NodeOperationError(
				ctx.getNode(),
				`Invoice (JSON) is not valid JSON: ${(error as Error).message}`,
				{ itemIndex },
			);
		}
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Invoice (JSON) must be one JSON object: the AddInvoice body',
			{ itemIndex },
		);
	}
	return body as IDataObject;
}

/** The body to send, checked against the contract; nothing invalid ever leaves the node. */
function invoiceBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	numbered?: NextNumber,
): AddInvoiceBody {
	const mode = ctx.getNodeParameter('inputMode', itemIndex, 'fields') as string;
	let body: AddInvoiceBody;
	let show = (issues: ValidationIssue[]) => formatIssues(issues).split('\n');
	if (mode === 'json') {
		body = parseJsonBody(ctx, itemIndex) as unknown as AddInvoiceBody;
		if (numbered)
			Object.assign(body, {
				invoiceNumber: numbered.invoiceNumber,
				currentNumber: numbered.currentNumber,
			});
	} else {
		const input = readInvoiceInput.call(ctx, itemIndex);
		if (numbered)
			Object.assign(input, {
				number: numbered.invoiceNumber,
				currentNumber: numbered.currentNumber,
			});
		body = buildInvoiceBody(input);
		// Define Below: issues in the form's terms (Line 1 → IRPF (%)); JSON keeps body paths.
		const shape = formShape(
			input,
			ctx.getNodeParameter('linesSource', itemIndex, 'list') as string,
		);
		show = (issues) => formIssues(issues, body, shape);
	}
	// The contract, then what the AEAT would reject about the customer (tax ID, company NIF).
	const issues = [...validateInvoiceBody(body), ...recipientIssues(body)];
	const numberProblem = invoiceNumberProblem(body.invoiceNumber);
	if (numberProblem && !issues.some((issue) => issue.path === 'invoiceNumber')) {
		issues.unshift({ path: 'invoiceNumber', message: numberProblem });
	}
	if (issues.length > 0) {
		const number =
			typeof body.invoiceNumber === 'string' && body.invoiceNumber ? ` ${body.invoiceNumber}` : '';
		const lines = show(issues);
		throw new NodeOperationError(
			ctx.getNode(),
			`Invoice${number} has ${plural(lines.length)}: ${lines[0]}${lines.length > 1 ? ' …' : ''}`,
			{
				itemIndex,
				description: nothingSent(lines),
			},
		);
	}
	return body;
}

interface Issued {
	invoiceNumber: string;
	body: AddInvoiceBody;
	created: Awaited<ReturnType<FacturasAppClient['createInvoice']>>;
}

/** Builds, checks and sends one invoice; `sent` says whether AddInvoice was called at all. */
async function createOne(
	ctx: IExecuteFunctions,
	client: FacturasAppClient,
	itemIndex: number,
	numbered: NextNumber | undefined,
	sent: { value: boolean },
): Promise<Issued> {
	const body = invoiceBody(ctx, itemIndex, numbered);
	sent.value = true;
	const created = await client.createInvoice(
		body as unknown as IDataObject,
		body.invoiceNumber,
		itemIndex,
		() => numbered?.hold(),
	);
	numbered?.commit();
	return { invoiceNumber: body.invoiceNumber, body, created };
}

/** Whether an error proves nothing was issued: before any send, or a clean refusal. */
function nothingIssued(error: unknown, sent: boolean): boolean {
	if (!sent) return true;
	return /Nothing was (issued|sent)\./.test(
		String((error as { description?: unknown })?.description ?? ''),
	);
}

function alreadyInvoicedItem(claim: Claim): INodeExecutionData {
	return {
		json: {
			alreadyInvoiced: true,
			orderReference: claim.reference,
			...(claim.invoiceNumber !== undefined && { invoiceNumber: claim.invoiceNumber }),
			note:
				claim.invoiceNumber !== undefined
					? `Order ${claim.reference} was invoiced before as ${claim.invoiceNumber}: nothing was sent.`
					: `Order ${claim.reference} was invoiced before in this workflow (n8n keeps only a hash of the reference, so its number is not known here): nothing was sent.`,
		},
	};
}

export async function execute(
	this: IExecuteFunctions,
	client: FacturasAppClient,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const numbering = this.getNodeParameter('numbering', itemIndex, 'manual') as string;
	const reference = readReference(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject & StateOptions;
	const account = reference || numbering === 'next' ? await accountOf(this, client) : '';
	const claim = reference ? await claimReference(this, account, reference, itemIndex) : undefined;
	if (claim?.status === 'alreadyInvoiced') return alreadyInvoicedItem(claim);
	const sent = { value: false };
	let issued: Issued;
	try {
		issued =
			numbering === 'next'
				? await issueNextInSeries(
						this,
						client,
						account,
						String(this.getNodeParameter('seriesPrefix', itemIndex, '')).trim(),
						itemIndex,
						async (numbered) => {
							sent.value = false;
							return await createOne(this, client, itemIndex, numbered, sent);
						},
					)
				: await createOne(this, client, itemIndex, undefined, sent);
	} catch (error) {
		// Refused or never sent: a later run may invoice this order. Otherwise it may be issued: keep the record.
		if (claim && nothingIssued(error, sent.value)) await releaseReference(this, claim);
		throw nodeError(this.getNode(), error);
	}
	const { invoiceNumber, body, created } = issued;
	const json: IDataObject = {
		invoiceNumber,
		...(claim && { alreadyInvoiced: false, orderReference: claim.reference }),
		id: created.id,
		messages: created.messages,
		recovered: created.recovered,
		attempts: created.attempts,
		response: created.raw as IDataObject,
		requestBody: body as unknown as IDataObject,
	};
	const item: INodeExecutionData = { json };
	if (claim) {
		try {
			await confirmReference(this, claim, invoiceNumber, itemIndex);
		} catch (error) {
			json.orderReferenceError = `${messageOf(error)}. The invoice was issued; the reference was recorded before it was sent.`;
		}
	}
	// The invoice is issued: from here on a problem is data on the item, never its failure.
	// (The one exception: the user's own choice to fail items the AEAT rejected.)
	if (options.waitForFinalState) {
		const state = await readState(this, client, invoiceNumber, itemIndex, options, true);
		Object.assign(json, { finalState: state.summary.final === true }, state);
	}
	if (options.downloadPdf) {
		try {
			const pdf = await client.getPdf(
				invoiceNumber,
				itemIndex,
				Number(options.pdfWait ?? 30) * 1000,
			);
			const { fileName, fileSize, data } = await pdfBinary(
				this,
				pdf,
				invoiceNumber,
				options.fileName,
			);
			json.pdf = { fileName, fileSize };
			item.binary = { [String(options.binaryPropertyName || 'data')]: data };
		} catch (error) {
			json.pdfError = `${messageOf(error)}. The invoice was issued: get the PDF later with Get PDF.`;
		}
	}
	return item;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
