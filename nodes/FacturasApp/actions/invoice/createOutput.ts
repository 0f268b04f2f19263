// Create's output item: first and flat what a next node maps (number, date, customer, amounts,
// verification URL, PDF, state), then how it went, and the request and answer under `raw`.
import type { IDataObject } from 'n8n-workflow';

import type { AddInvoiceBody } from '../../invoice';
import type { CreateResult, StateOutput } from '../../transport';
import type { QrFields } from './aeatQr';

// AddInvoice has no currency field: FacturasApp invoices, and the AEAT's amounts, are in euros.
const CURRENCY = 'EUR';

const amount = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? NaN));
const textOrNull = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' ? value : null;

/** `YYYY-MM-DD` of the body's invoiceDate (an ISO date-time at noon UTC), else as sent. */
function issueDate(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	return /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? value;
}

/** The invoice as issued: what the body says, flat. */
function invoiceFields(invoiceNumber: string, body: AddInvoiceBody): IDataObject {
	const customer = (Array.isArray(body.contacts) ? body.contacts[0] : undefined) ?? undefined;
	return {
		invoiceNumber,
		issueDate: issueDate(body.invoiceDate),
		customerName: textOrNull(customer?.companyName),
		customerTaxId: textOrNull(customer?.identification),
		taxableBase: amount(body.sumTotalTaxBase),
		tax: amount(body.sumTotalTax),
		total: amount(body.sumTotalTotal),
		// What the customer pays: the total less IRPF withheld and invoice discounts, plus charges.
		amountDue: amount(body.sumTotalNetPayable),
		currency: CURRENCY,
	};
}

/** The state read after issuing (Wait for Final State), flat; the answer itself goes to raw. */
export function stateFields(state: StateOutput): IDataObject {
	const { summary } = state;
	const fields: IDataObject = {
		status: summary.status ?? null,
		outcome: summary.outcome ?? null,
		finalState: state.finalState === undefined ? summary.final === true : state.finalState,
	};
	if (state.rejected !== undefined) fields.rejected = state.rejected;
	for (const key of ['aeatCode', 'aeatDescription', 'csv'] as const)
		if (summary[key] !== undefined) fields[key] = summary[key];
	if (summary.note !== undefined) fields.stateNote = summary.note;
	if (state.stateError !== undefined) fields.stateError = state.stateError;
	return fields;
}

export interface CreateOutputParts {
	invoiceNumber: string;
	body: AddInvoiceBody;
	created: CreateResult;
	qr: QrFields;
	/** Order Reference on: alreadyInvoiced false, the reference, a recording problem. */
	reference?: IDataObject;
	state?: StateOutput;
	pdf?: { fileName: string; fileSize: number; binaryPropertyName: string } | { pdfError: string };
}

export function createOutput(parts: CreateOutputParts): IDataObject {
	const { invoiceNumber, body, created, state } = parts;
	return {
		...invoiceFields(invoiceNumber, body),
		...parts.reference,
		...parts.qr,
		...parts.pdf,
		...(state && stateFields(state)),
		id: created.id,
		recovered: created.recovered,
		attempts: created.attempts,
		raw: {
			// Exactly what was sent (to audit), FacturasApp's answer as it came (its `messages`
			// included) and, when read, the state answer.
			request: body as unknown as IDataObject,
			response: created.raw as IDataObject,
			...(state && { state: state.state }),
		},
	};
}
