// Create → "Define Below": reading the parameters of one item into the typed builder input
// (every number, date and flag parsed once, problems named as the form names the field), and
// showing the validator's issues about the body it builds in the same terms.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type {
	AddInvoiceBody,
	ChargeDraft,
	InvoiceDraft,
	InvoiceInput,
	InvoiceProduct,
	LineDraft,
	ValidationIssue,
} from '../../invoice';
import { InputReader, mapLineObjects, readInvoiceDraft } from '../../invoice';
import { customerDetails, invoiceOptions } from './createDetailFields';
import { labelOf } from './createFieldOptions';
import { LINE_FIELDS, lineValues } from './createLineFields';
import { readParam } from '../../readParam';

const isSet = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const option = (name: string) => `Invoice Details → ${labelOf(invoiceOptions, name)}`;
const line = (i: number, name: string) => `Line ${i + 1} → ${labelOf(lineValues, name)}`;

/** A dateTime parameter: a string, a Date, or a date object an expression such as {{ $now }} gave. */
function dateValue(v: unknown): unknown {
	if (!isSet(v) || v instanceof Date || typeof v === 'string') return v;
	const toISO = (v as { toISO?: () => string }).toISO;
	return typeof toISO === 'function' ? toISO.call(v) : v;
}

// The line's own fields and those added with "Add Line Field", as one flat line.
function lineDraft(row: IDataObject): LineDraft {
	const { [LINE_FIELDS]: added, ...own } = row;
	const v: IDataObject = {
		...own,
		...(added && typeof added === 'object' ? (added as IDataObject) : {}),
	};
	const recargo = v.recargo;
	return {
		...(v as LineDraft),
		recargo:
			recargo === 'yes'
				? true
				: recargo === 'no'
					? false
					: recargo === 'custom'
						? (v.recargoRate as LineDraft['recargo'])
						: undefined,
	};
}

/** FacturasApp's country ID for Spain; `ES` (any case) is accepted for it. */
const SPAIN = '207';

function customerDraft(
	details: IDataObject,
	main: { name: unknown; identification: unknown; personType: unknown },
): InvoiceDraft['customer'] {
	const { customerType, ...rest } = details;
	const country =
		typeof rest.country === 'string' && /^\s*es\s*$/i.test(rest.country) ? SPAIN : rest.country;
	return {
		...(rest as InvoiceDraft['customer']),
		...(country !== undefined && { country }),
		name: main.name,
		identification: main.identification,
		personType: isSet(customerType) ? customerType : main.personType,
	} as InvoiceDraft['customer'];
}

/** Where each read value came from, so its problem names the form's field. */
function formNames(charges: string[]) {
	return (field: string, index?: number): string => {
		if (index !== undefined)
			return field === 'line'
				? `Line ${index + 1}`
				: line(index, field === 'recargo' ? 'recargoRate' : field);
		const charge = /^charges\[(\d+)\]/.exec(field);
		if (charge) return charges[Number(charge[1])];
		if (field.startsWith('customer.')) {
			const key = field.slice('customer.'.length);
			return `Customer Details → ${labelOf(customerDetails, key === 'personType' ? 'customerType' : key)}`;
		}
		if (field === 'shipping.amount') return option('shippingAmount');
		if (field === 'shipping.taxRate') return option('shippingTaxRate');
		return option(field);
	};
}

/** What formIssues needs to know about the form: how many lines the user gave, from where. */
export interface FormShape {
	lines: number;
	linesSource: 'list' | 'field';
	shippingAsCharge: boolean;
}

export const formShape = (input: InvoiceInput, linesSource: string): FormShape => ({
	lines: input.lines.length,
	linesSource: linesSource === 'field' ? 'field' : 'list',
	shippingAsCharge: input.shipping?.as === 'charge',
});

/** The item's parameters as builder input; a problem in any value stops here, all named at once. */
export function readInvoiceInput(this: IExecuteFunctions, itemIndex: number): InvoiceInput {
	const param = <T>(name: string, fallback: T): T =>
		readParam(this, name, itemIndex, fallback) as T;
	const problem = (message: string, description?: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });
	const o = param<IDataObject>('invoiceOptions', {});
	const reader = new InputReader(this.getTimezone());

	const charges: ChargeDraft[] = [];
	const chargeNames: string[] = [];
	const addCharge = (c: ChargeDraft, name: string) => {
		charges.push(c);
		chargeNames.push(option(name));
	};
	if (isSet(o.discountValue))
		addCharge(
			{
				kind: 'discount',
				[o.discountType === 'percent' ? 'percent' : 'amount']: o.discountValue as number,
			},
			'discountValue',
		);
	if (isSet(o.chargeAmount))
		addCharge(
			{
				kind: 'charge',
				[o.chargeType === 'percent' ? 'percent' : 'amount']: o.chargeAmount as number,
			},
			'chargeAmount',
		);
	if (isSet(o.irpfPercent))
		addCharge({ kind: 'withholding', percent: o.irpfPercent as number }, 'irpfPercent');

	const draft: InvoiceDraft = {
		...(o as InvoiceDraft),
		number: param('invoiceNumber', ''),
		date: dateValue(o.date) as InvoiceDraft['date'],
		operationDate: dateValue(o.operationDate) as InvoiceDraft['operationDate'],
		customer: customerDraft(param<IDataObject>('customerDetails', {}), {
			name: param('customerName', ''),
			identification: param('customerIdentification', ''),
			// Customer Type sat next to the name before it moved into Customer Details.
			personType: param('customerType', 'company'),
		}),
		shipping: {
			amount: o.shippingAmount as number,
			as: o.shippingAs === 'charge' ? 'charge' : 'line',
			taxRate: o.shippingTaxRate as number,
		},
		charges,
	};
	const names = formNames(chargeNames);

	const source = param<string>('linesSource', 'list') === 'field' ? 'field' : 'list';
	let fieldLines: ReadonlyArray<InvoiceInput['lines'][number]> | undefined;
	if (source === 'field') {
		const defaults = param<IDataObject>('lineDefaults', {});
		const mapped = mapLineObjects(
			param<unknown>('linesField', ''),
			{
				tax: defaults.tax as string | undefined,
				productType: defaults.productType as 'goods' | 'service' | undefined,
				taxRate: (defaults.taxRate as number | undefined) ?? 21,
			},
			{
				reader,
				name: (i, key) => `Lines From Field, element ${i}: "${key}"`,
				qualification: reader.text(o.qualification),
			},
		);
		if ('error' in mapped) throw problem(`Lines From Field ${mapped.error}`);
		fieldLines = mapped.lines;
	} else {
		const raw = param<IDataObject>('lines', {}).line;
		if (raw !== undefined && !Array.isArray(raw)) throw problem('Lines must be a list of lines');
		draft.lines = ((raw as IDataObject[] | undefined) ?? []).map(lineDraft);
	}

	const { input, problems } = readInvoiceDraft(draft, names, {
		reader,
		lines: fieldLines?.slice(),
	});
	if (problems.length > 0) {
		const number = input.number ? ` ${input.number}` : '';
		throw problem(
			`Invoice${number} has ${plural(problems.length)}: ${problems[0]}${problems.length > 1 ? ' …' : ''}`,
			nothingSent(problems),
		);
	}
	return input;
}

export const plural = (n: number): string => `${n} problem${n === 1 ? '' : 's'}`;

/** n8n's error panel renders <br> in a description as a line break (newlines are lost). */
export const nothingSent = (lines: readonly string[]): string =>
	`Nothing was sent. Fix these:<br>${lines.map((l) => `• ${l}`).join('<br>')}`;

// --- The validator's issues in the form's terms ---------------------------------------------

const CONTACT_LABELS: Readonly<Record<string, string>> = {
	companyName: 'Customer Name',
	identification: 'Customer NIF',
	personType: 'Customer Type',
	addressCustomer: `Customer Details → ${labelOf(customerDetails, 'address')}`,
	postalCodeCustomer: `Customer Details → ${labelOf(customerDetails, 'postalCode')}`,
	phoneCustomer: `Customer Details → ${labelOf(customerDetails, 'phone')}`,
	emailCustomer: `Customer Details → ${labelOf(customerDetails, 'email')}`,
	webSite: `Customer Details → ${labelOf(customerDetails, 'web')}`,
	applySurchargeEquivalence: `Customer Details → ${labelOf(customerDetails, 'surchargeEquivalence')}`,
};
const HEADER_LABELS: Readonly<Record<string, string>> = {
	invoiceNumber: 'Invoice Number',
	invoiceDate: option('date'),
	invoiceTime: option('time'),
	operationDate: option('operationDate'),
	invoiceExpiration: option('dueInDays'),
	currentNumber: option('currentNumber'),
	idPayment: option('paymentMethod'),
	paymentNote: option('paymentNote'),
	textObservations: option('observations'),
	textCustomerObservations: option('customerObservations'),
	contactName: option('salesContact'),
	idOperations: option('qualification'),
};
const LINE_LABELS: Readonly<Record<string, string>> = {
	'taxes[0].rate': 'taxRate',
	'taxes[0].taxName': 'taxName',
	'taxes[0].taxCode': 'tax',
	'taxes[0].idExento': 'exemptCause',
	'taxes[0].qualificationOperation': 'qualification',
	'taxes[0].regime': 'regime',
	'discountDtoModules[0].discountRate': 'discount',
};
const FEE_OPTIONS: Readonly<Record<string, string>> = {
	DT: 'discountValue',
	CG: 'chargeAmount',
	RT: 'irpfPercent',
};

type Body = Partial<AddInvoiceBody>;

function lineField(rest: string, product: InvoiceProduct | undefined): string {
	const wh = /^withHoldingsSurChargesDto\[(\d+)\]\.(\w+)$/.exec(rest);
	if (wh) {
		if (product?.withHoldingsSurChargesDto?.[Number(wh[1])]?.idRateWithHoldings === '10')
			return 'irpf';
		return wh[2] === 'rateValueWithHoldings' ? 'recargoRate' : 'recargo';
	}
	return LINE_LABELS[rest] ?? rest;
}

/** The field of the form a body path comes from; undefined when it has none (a total). */
function formField(path: string, body: Body, form: FormShape): string | undefined {
	const p = /^products\[(\d+)\](?:\.(.+))?$/.exec(path);
	if (p) {
		const i = Number(p[1]);
		if (i >= form.lines)
			return option(p[2] === 'taxes[0].rate' ? 'shippingTaxRate' : 'shippingAmount');
		const field = p[2] ? lineField(p[2], body.products?.[i]) : undefined;
		const label = field === undefined ? undefined : labelOf(lineValues, field);
		const where = form.linesSource === 'field' ? `Lines From Field, element ${i}` : `Line ${i + 1}`;
		return label ? `${where} → ${label}` : where;
	}
	const c = /^contacts\[0\]\.(\w+)$/.exec(path);
	if (c) return CONTACT_LABELS[c[1]] ?? `Customer Details → ${labelOf(customerDetails, c[1])}`;
	const f = /^chargeAndDiscount\[(\d+)\]/.exec(path);
	if (f) {
		const j = Number(f[1]);
		if (j === 0 && form.shippingAsCharge) return option('shippingAmount');
		const type = body.chargeAndDiscount?.[j]?.idtypeFeeDiscount;
		return option(FEE_OPTIONS[type ?? ''] ?? 'chargeAmount');
	}
	return HEADER_LABELS[path];
}

/** One line per issue, in the form's terms: 'Line 1 → IRPF (%): must be an IRPF rate: 1, 2, … (got 12)'. */
export function formIssues(
	issues: readonly ValidationIssue[],
	body: Body,
	form: FormShape,
): string[] {
	return issues.map((issue) => {
		const field = formField(issue.path, body, form);
		return field
			? `${field}: ${issue.inPercent ?? issue.message}`
			: `Invoice totals (${issue.path}): ${issue.message}`;
	});
}
