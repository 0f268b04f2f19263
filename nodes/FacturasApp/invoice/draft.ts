// Loose invoice input (what a form, a shop's line items or a caller gives: numbers or text,
// 'yes'/'no', dates as text or Date) → the typed InvoiceInput the builder takes. Every value is
// parsed once, here; what cannot be read is a problem named the way the caller's user knows
// the field (the `names` given), all reported at once.
import { DEFAULT_TIME_ZONE } from './dates';
import type { Decimal } from './money';
import { decimalToNumber, isZero } from './money';
import { InputReader, quote } from './parse';
import { isZeroRated } from './rules';
import type {
	ChargeInput,
	ChargeKind,
	CustomerInput,
	InvoiceInput,
	LineInput,
	ShippingInput,
	TaxKind,
} from './types';

/** A number as given: a JSON number or '.'-decimal text. */
export type DecimalInput = number | string;

export interface LineDraft {
	reference?: string;
	description?: string;
	/** 'goods' | 'service' | 1 | 2 | 'product'. */
	productType?: string | number;
	quantity?: DecimalInput;
	unitPrice?: DecimalInput;
	priceIncludesTax?: boolean | string;
	discount?: DecimalInput;
	/** 'IVA' | 'IGIC' | 'IPSI' | 'other', any case. */
	tax?: string;
	taxName?: string;
	taxRate?: DecimalInput;
	/** true/false, 'yes'/'no', or a recargo percent. */
	recargo?: boolean | DecimalInput;
	irpf?: DecimalInput;
	exemptCause?: string;
	qualification?: string;
	regime?: string;
}

export interface CustomerDraft
	extends Partial<Record<Exclude<keyof CustomerInput, 'surchargeEquivalence'>, string>> {
	surchargeEquivalence?: boolean | string;
}

export interface ChargeDraft {
	kind: ChargeKind;
	amount?: DecimalInput;
	percent?: DecimalInput;
}

export interface ShippingDraft {
	amount?: DecimalInput;
	as?: 'line' | 'charge';
	description?: string;
	priceIncludesTax?: boolean;
	tax?: string;
	taxRate?: DecimalInput;
}

export interface InvoiceDraft {
	number?: string;
	currentNumber?: DecimalInput;
	date?: string | Date;
	time?: string;
	timeZone?: string;
	now?: Date;
	dueInDays?: DecimalInput;
	paymentMethod?: string;
	paymentNote?: string;
	observations?: string;
	customerObservations?: string;
	salesContact?: string;
	qualification?: string;
	operationDate?: string | Date;
	pricesIncludeTax?: boolean | string;
	customer?: CustomerDraft;
	lines?: LineDraft[];
	shipping?: ShippingDraft;
	charges?: ChargeDraft[];
}

/** How problems name a field: `line` is the 0-based index of the line, if the field is on one. */
export type FieldNames = (field: string, line?: number) => string;

/** Names as paths into the draft itself: 'lines[0].irpf', 'dueInDays'. */
const DRAFT_PATHS: FieldNames = (field, line) =>
	line === undefined ? field : field === 'line' ? `lines[${line}]` : `lines[${line}].${field}`;

const TAX_KINDS: Readonly<Record<string, TaxKind>> = {
	iva: 'IVA',
	igic: 'IGIC',
	ipsi: 'IPSI',
	other: 'other',
};
const PRODUCT_TYPES: Readonly<Record<string, 'goods' | 'service'>> = {
	goods: 'goods',
	product: 'goods',
	'1': 'goods',
	service: 'service',
	'2': 'service',
};
const PERSON_TYPES: Readonly<Record<string, 'company' | 'individual'>> = {
	company: 'company',
	'02': 'company',
	individual: 'individual',
	'01': 'individual',
};
const KINDS: ReadonlySet<string> = new Set(['charge', 'discount', 'withholding']);
/** Never sent: `problems` is not empty whenever a placeholder is used. */
const NOTHING: Decimal = { units: 0n, scale: 0 };

function taxKind(r: InputReader, where: string, v: unknown): TaxKind | undefined {
	const t = r.text(v);
	if (t === undefined) return undefined;
	const kind = TAX_KINDS[t.toLowerCase()];
	if (!kind) r.problem(where, `must be IVA, IGIC, IPSI or other (got ${quote(v)})`);
	return kind;
}

/** One line. `name(field)` names its fields in problems. */
export function readLine(
	r: InputReader,
	d: LineDraft,
	name: (field: string) => string,
	invoiceQualification?: string,
): LineInput {
	const productText = r.text(d.productType);
	const productType =
		productText === undefined ? undefined : PRODUCT_TYPES[productText.toLowerCase()];
	if (productText !== undefined && !productType)
		r.problem(name('productType'), `must be goods or service (got ${quote(d.productType)})`);
	const qualification = r.text(d.qualification);
	const exemptCause = r.text(d.exemptCause);
	const line: LineInput = {
		reference: r.text(d.reference),
		description: r.text(d.description) ?? '',
		productType,
		quantity: r.number(name('quantity'), d.quantity, 'quantity', true) ?? NOTHING,
		unitPrice: r.number(name('unitPrice'), d.unitPrice, 'price', true) ?? NOTHING,
		priceIncludesTax: r.flag(name('priceIncludesTax'), d.priceIncludesTax),
		discount: r.number(name('discount'), d.discount, 'percent'),
		tax: taxKind(r, name('tax'), d.tax),
		taxName: r.text(d.taxName),
		// A zero-rated line has no rate, whatever the form's Tax Rate field holds (rules.ts).
		taxRate: isZeroRated(qualification ?? invoiceQualification, exemptCause)
			? undefined
			: (r.number(name('taxRate'), d.taxRate, 'percent', true) ?? NOTHING),
		irpf: r.number(name('irpf'), d.irpf, 'percent'),
		exemptCause,
		qualification,
		regime: r.text(d.regime),
	};
	if (typeof d.recargo === 'boolean') line.recargo = d.recargo;
	else if (d.recargo !== undefined && d.recargo !== null && d.recargo !== '') {
		const asFlag = /^(true|false|yes|no|sí|si)$/i.test(r.text(d.recargo) ?? '');
		line.recargo = asFlag
			? r.flag(name('recargo'), d.recargo)
			: r.number(name('recargo'), d.recargo, 'percent');
		// 0 % recargo is no recargo.
		if (typeof line.recargo === 'object' && isZero(line.recargo)) line.recargo = false;
	}
	for (const key of Object.keys(line) as Array<keyof LineInput>)
		if (line[key] === undefined) delete line[key];
	return line;
}

function readCustomer(r: InputReader, c: CustomerDraft, name: FieldNames): CustomerInput {
	const personText = r.text(c.personType);
	const personType = personText === undefined ? undefined : PERSON_TYPES[personText.toLowerCase()];
	if (personText !== undefined && !personType)
		r.problem(
			name('customer.personType'),
			`must be company or individual (got ${quote(c.personType)})`,
		);
	const out: CustomerInput = { name: r.text(c.name) ?? '' };
	for (const key of [
		'tradeName',
		'customerCode',
		'identificationType',
		'identification',
		'address',
		'postalCode',
		'phone',
		'email',
		'web',
		'country',
		'province',
		'population',
		'regime',
	] as const) {
		const v = r.text(c[key]);
		if (v !== undefined) out[key] = v;
	}
	if (personType) out.personType = personType;
	const flag = r.flag(name('customer.surchargeEquivalence'), c.surchargeEquivalence);
	if (flag !== undefined) out.surchargeEquivalence = flag;
	return out;
}

function readCharges(r: InputReader, list: unknown, name: FieldNames): ChargeInput[] {
	const out: ChargeInput[] = [];
	(Array.isArray(list) ? list : []).forEach((c: ChargeDraft | null, j) => {
		if (!c || !KINDS.has(c.kind)) {
			r.problem(
				name(`charges[${j}]`),
				`must be a charge, discount or withholding (got ${quote(c?.kind ?? c)})`,
			);
			return;
		}
		const percent = r.number(name(`charges[${j}].percent`), c.percent, 'percent');
		const amount = percent ? undefined : r.number(name(`charges[${j}].amount`), c.amount, 'amount');
		if (percent && !isZero(percent)) out.push({ kind: c.kind, percent });
		else if (amount && !isZero(amount)) out.push({ kind: c.kind, amount });
	});
	return out;
}

function readShipping(
	r: InputReader,
	s: ShippingDraft | undefined,
	name: FieldNames,
): ShippingInput | undefined {
	if (!s) return undefined;
	const amount = r.number(name('shipping.amount'), s.amount, 'amount');
	if (!amount || isZero(amount)) return undefined;
	const shipping: ShippingInput = { amount, as: s.as === 'charge' ? 'charge' : 'line' };
	const description = r.text(s.description);
	const tax = taxKind(r, name('shipping.tax'), s.tax);
	const taxRate = r.number(name('shipping.taxRate'), s.taxRate, 'percent');
	if (description !== undefined) shipping.description = description;
	if (s.priceIncludesTax !== undefined) shipping.priceIncludesTax = s.priceIncludesTax === true;
	if (tax) shipping.tax = tax;
	if (taxRate) shipping.taxRate = taxRate;
	return shipping;
}

/** The whole draft; `problems` lists what could not be read (then do not build). */
export function readInvoiceDraft(
	value: unknown,
	names: FieldNames = DRAFT_PATHS,
	options: { reader?: InputReader; lines?: LineInput[] } = {},
): { input: InvoiceInput; problems: string[] } {
	const d: InvoiceDraft =
		typeof value === 'object' && value !== null ? (value as InvoiceDraft) : {};
	const r =
		options.reader ??
		new InputReader(
			typeof d.timeZone === 'string' && d.timeZone.trim() ? d.timeZone.trim() : DEFAULT_TIME_ZONE,
		);
	const qualification = r.text(d.qualification);
	const lineList: unknown[] = Array.isArray(d.lines) ? d.lines : [];
	const lines =
		options.lines ??
		lineList.map((l, i) => {
			if (typeof l !== 'object' || l === null) {
				r.problem(
					names('line', i),
					`must be an object with description, quantity and price (got ${quote(l)})`,
				);
				return undefined;
			}
			return readLine(r, l as LineDraft, (field) => names(field, i), qualification);
		});
	const current = r.number(names('currentNumber'), d.currentNumber, 'whole');
	const input: InvoiceInput = {
		number: r.text(d.number) ?? '',
		currentNumber: current ? decimalToNumber(current) : undefined,
		date: r.day(names('date'), d.date),
		time: r.time(names('time'), d.time),
		timeZone: r.timeZone,
		now: d.now instanceof Date ? d.now : undefined,
		dueInDays: r.number(names('dueInDays'), d.dueInDays, 'days'),
		paymentMethod: r.text(d.paymentMethod),
		paymentNote: r.text(d.paymentNote),
		observations: r.text(d.observations),
		customerObservations: r.text(d.customerObservations),
		salesContact: r.text(d.salesContact),
		qualification,
		operationDate: r.day(names('operationDate'), d.operationDate),
		pricesIncludeTax: r.flag(names('pricesIncludeTax'), d.pricesIncludeTax),
		customer: readCustomer(
			r,
			typeof d.customer === 'object' && d.customer !== null ? d.customer : {},
			names,
		),
		lines: lines.filter((l): l is LineInput => l !== undefined),
		shipping: readShipping(r, d.shipping, names),
		charges: readCharges(r, d.charges, names),
	};
	return { input, problems: r.problems };
}
