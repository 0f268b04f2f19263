// Invoice → Create: its form, and issuing one invoice per item (strictly in item order).
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { issueNextInSeries, nodeError } from '../../numbering/issue';
import type { NextNumber } from '../../numbering/nextNumber';
import { checkNumberOption } from '../../numbering/numberIsNext';
import {
	claimReference,
	confirmReference,
	readReference,
	releaseReference,
} from '../../numbering/orderReference';
import type { StateOptions } from '../../transport';
import { readState } from '../../transport';
import type { Operation } from '../operation';
import {
	binaryPropertyField,
	fileNameOption,
	maxRetriesOption,
	pdfWaitOption,
	timeoutOption,
	waitOptions,
} from '../shared/options';
import { pdfBinary } from '../shared/pdf';
import { stateOptions } from '../shared/read';
import type { InvoiceSource } from './createBody';
import { readInvoiceSource } from './createBody';
import { invoiceFields } from './createFields';
import { createdQr } from './aeatQr';
import type { CreateOutputParts } from './createOutput';
import { createOutput } from './createOutput';
import type { Issued } from './createIssue';
import { alreadyInvoicedItem, createOne, nothingIssued } from './createIssue';
import { readParam } from '../../readParam';
const displayOptions = { show: { resource: ['invoice'], operation: ['create'] } };

const properties: INodeProperties[] = [
	{
		displayName:
			'Invoices are issued one at a time, in item order: VeriFactu chains each invoice to the previous one, so issuing them in parallel could register them out of order',
		name: 'orderNotice',
		type: 'notice',
		default: '',
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
		displayOptions: { show: { numbering: ['next'] } },
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
		displayOptions: { show: { numbering: ['next'] } },
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
	},
	{
		displayName: 'Invoice (JSON)',
		name: 'invoiceJson',
		type: 'json',
		default: '{\n  "invoiceNumber": ""\n}',
		description:
			'The full AddInvoice body, typed in or as an expression that returns an object. It is checked (fields, codes, totals to the cent) before anything is sent.',
		displayOptions: { show: { inputMode: ['json'] } },
	},
	...invoiceFields,
	{
		displayName: 'Run Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Run Option',
		description: 'How the node runs: PDF download, waiting for the AEAT, retries, timeouts',
		default: {},
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
			{ ...binaryPropertyField, displayOptions: { show: { downloadPdf: [true] } } },
			timeoutOption,
			...waitOptions,
			checkNumberOption,
		],
	},
];

export interface CreateParams {
	numbering: 'manual' | 'next';
	/** Next in Series: the series prefix ('' = the default series). */
	seriesPrefix: string;
	/** Order Reference ('' = off), or why it cannot be used. */
	reference: { value: string } | { problem: unknown };
	source: InvoiceSource;
	/** The Invoice Number as typed (Enter It): failed items carry it. */
	typedNumber?: string;
	wait: StateOptions;
	/** Enter It: refuse a number that is not the next of its series (Check Number Is Next). */
	checkNumber: boolean;
	pdf?: { waitMs: number; fileName: unknown; binaryPropertyName: string };
}

const asText = (v: unknown) =>
	typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

function read(ctx: IExecuteFunctions, itemIndex: number): CreateParams {
	const numbering = readParam(ctx, 'numbering', itemIndex, 'manual') === 'next' ? 'next' : 'manual';
	let reference: CreateParams['reference'];
	try {
		reference = { value: readReference(ctx, itemIndex) };
	} catch (problem) {
		reference = { problem };
	}
	const options = readParam(ctx, 'options', itemIndex, {}) as IDataObject;
	const source = readInvoiceSource(ctx, itemIndex);
	// With Next in Series the number is known only once taken (the error then names it). In JSON
	// mode Invoice Number is hidden: the null fallback spares n8n building a missing-parameter error.
	const typedNumber =
		numbering === 'next'
			? undefined
			: (asText(readParam(ctx, 'invoiceNumber', itemIndex, null)) ??
				(source.mode === 'json' && 'body' in source
					? asText(source.body.invoiceNumber)
					: undefined));
	return {
		numbering,
		seriesPrefix:
			numbering === 'next' ? String(readParam(ctx, 'seriesPrefix', itemIndex, '')).trim() : '',
		reference,
		source,
		...(typedNumber !== undefined && { typedNumber }),
		wait: stateOptions(options),
		checkNumber: numbering === 'manual' && options.checkNumberIsNext !== false,
		...(options.downloadPdf && {
			pdf: {
				waitMs: Number(options.pdfWait ?? 30) * 1000,
				fileName: options.fileName,
				binaryPropertyName: String(options.binaryPropertyName || 'data'),
			},
		}),
	};
}

export const operation: Operation<CreateParams> = {
	description: updateDisplayOptions(displayOptions, properties),
	read,
	async execute(ctx, run, params, itemIndex) {
		if ('problem' in params.reference) throw params.reference.problem;
		const reference = params.reference.value;
		const { client } = run;
		const account = reference || params.numbering === 'next' ? await run.accountKey() : '';
		const claim = reference ? await claimReference(ctx, account, reference, itemIndex) : undefined;
		if (claim?.status === 'alreadyInvoiced') return alreadyInvoicedItem(claim);
		const sent = { value: false };
		// One create; Next in Series checks its numbers itself (it takes them from the counter).
		const create = async (numbered: NextNumber | undefined, checkNumber: boolean) => {
			sent.value = false;
			const numbers = { check: run.numbers, on: checkNumber };
			return await createOne(ctx, client, params.source, itemIndex, numbered, sent, numbers);
		};
		let issued: Issued;
		try {
			issued =
				params.numbering === 'next'
					? await issueNextInSeries(
							ctx,
							client,
							run.series,
							account,
							params.seriesPrefix,
							itemIndex,
							async (numbered) => await create(numbered, false),
						)
					: await create(undefined, params.checkNumber);
		} catch (error) {
			// Refused or never sent: a later run may invoice this order. Otherwise it may be issued: keep the record.
			if (claim && nothingIssued(error, sent.value)) await releaseReference(ctx, claim);
			throw nodeError(ctx.getNode(), error);
		}
		const { invoiceNumber, body } = issued;
		const parts: CreateOutputParts = {
			...issued,
			qr: await createdQr(run, invoiceNumber, body.invoiceDate, body.sumTotalTotal),
			...(claim && { reference: { alreadyInvoiced: false, orderReference: claim.reference } }),
		};
		if (claim) {
			try {
				await confirmReference(ctx, claim, invoiceNumber, itemIndex);
			} catch (error) {
				parts.reference!.orderReferenceError = `${messageOf(error)}. The invoice was issued; the reference was recorded before it was sent.`;
			}
		}
		// The invoice is issued: from here on a problem is data on the item, never its failure.
		// (The one exception: the user's own choice to fail items the AEAT rejected.)
		if (params.wait.waitForFinalState) {
			parts.state = await readState(ctx, client, invoiceNumber, itemIndex, params.wait, true);
		}
		let binary: INodeExecutionData['binary'];
		if (params.pdf) {
			try {
				const pdf = await client.getPdf(invoiceNumber, itemIndex, params.pdf.waitMs);
				const { fileName, fileSize, data } = await pdfBinary(
					ctx,
					pdf,
					invoiceNumber,
					params.pdf.fileName,
				);
				const { binaryPropertyName } = params.pdf;
				parts.pdf = { fileName, fileSize, binaryPropertyName };
				binary = { [binaryPropertyName]: data };
			} catch (error) {
				parts.pdf = {
					pdfError: `${messageOf(error)}. The invoice was issued: get the PDF later with Get PDF.`,
				};
			}
		}
		return { json: createOutput(parts), ...(binary && { binary }) };
	},
	// VeriFactu chains each invoice to the previous one: never two creates at once.
	concurrency: () => 1,
	describeFailure: ({ typedNumber }) =>
		typedNumber === undefined ? {} : { invoiceNumber: typedNumber },
	successNote: (_params, out, itemIndex) =>
		`item ${itemIndex + 1} issued as ${String(out[0]?.json?.invoiceNumber)}`,
};

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
