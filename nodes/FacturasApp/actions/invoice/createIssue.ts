// Create: sending one checked invoice, and what an item says when nothing needed sending.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { AddInvoiceBody } from '../../invoice';
import type { NextNumber } from '../../numbering/nextNumber';
import type { NumberCheck } from '../../numbering/numberIsNext';
import type { Claim } from '../../numbering/orderReference';
import type { FacturasAppClient } from '../../transport';
import type { InvoiceSource } from './createBody';
import { invoiceBody } from './createBody';

export interface Issued {
	invoiceNumber: string;
	body: AddInvoiceBody;
	created: Awaited<ReturnType<FacturasAppClient['createInvoice']>>;
}

/** Builds, checks and sends one invoice; `sent` says whether AddInvoice was called at all. */
export async function createOne(
	ctx: IExecuteFunctions,
	client: FacturasAppClient,
	source: InvoiceSource,
	itemIndex: number,
	numbered: NextNumber | undefined,
	sent: { value: boolean },
	/** Enter It: whether the number must be the next of its series (numberIsNext.ts). */
	numbers?: { check: NumberCheck; on: boolean },
): Promise<Issued> {
	const body = invoiceBody(ctx, source, itemIndex, numbered);
	const ticket =
		numbers?.on && !numbered
			? await numbers.check.check(
					ctx.getNode(),
					client,
					body.invoiceNumber,
					body.currentNumber,
					itemIndex,
				)
			: numbers?.check.tracking(body.invoiceNumber);
	sent.value = true;
	const created = await client.createInvoice(
		body as unknown as IDataObject,
		body.invoiceNumber,
		itemIndex,
		() => {
			numbered?.hold();
			ticket?.hold();
		},
	);
	numbered?.commit();
	ticket?.commit();
	return { invoiceNumber: body.invoiceNumber, body, created };
}

/** Whether an error proves nothing was issued: before any send, or a clean refusal. */
export function nothingIssued(error: unknown, sent: boolean): boolean {
	if (!sent) return true;
	return /Nothing was (issued|sent)\./.test(
		String((error as { description?: unknown })?.description ?? ''),
	);
}

export function alreadyInvoicedItem(claim: Claim): INodeExecutionData {
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
