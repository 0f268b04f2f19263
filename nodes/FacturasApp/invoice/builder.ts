// Builder input → AddInvoice body with every amount computed by §5. It never throws for
// business problems: values it cannot use go into the body as given, and the caller's
// validateInvoiceBody run reports them with their path.
import { PERSON_TYPE, SPAIN_COUNTRY_ID } from './codes';
import {
	DEFAULT_TIME_ZONE,
	formatInvoiceDate,
	formatOperationDate,
	formatTime,
	parseCalendarDay,
	parseInvoiceTime,
	zonedParts,
} from './dates';
import type { BuiltLine, LineContext } from './builderLines';
import { buildLine } from './builderLines';
import { centsToNumber, decimalToNumber, isZero, parseDecimal, withinMaxAmount } from './money';
import type { FeeType, TotalsCharge } from './totals';
import { chargeTotal, computeTotals, summarizeTaxes } from './totals';
import type {
	AddInvoiceBody,
	ChargeAndDiscount,
	ChargeInput,
	CustomerInput,
	InvoiceContact,
	InvoiceInput,
	LineInput,
} from './types';

const TRAILING_DIGITS_RE = /(\d+)\s*$/;
const FEE_TYPE_BY_KIND: Readonly<Record<string, FeeType>> = { charge: 'CG', discount: 'DT', withholding: 'RT' };
export const SHIPPING_DESCRIPTION = 'Gastos de envío';

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : String(v));

/** The numeric part of a full invoice number: 'RA02' → 2, 'F-2025-0017' → 17. */
export function deriveCurrentNumber(invoiceNumber: string): number | undefined {
	const m = TRAILING_DIGITS_RE.exec(invoiceNumber);
	return m ? Number(m[1]) : undefined;
}

function buildContact(c: CustomerInput, anyRecargo: boolean): InvoiceContact {
	const contact: InvoiceContact = {
		contactType: '01',
		personType:
			c.personType === 'individual' || c.personType === PERSON_TYPE.individual
				? PERSON_TYPE.individual
				: isBlank(c.personType) || c.personType === 'company'
					? PERSON_TYPE.company
					: text(c.personType),
		companyName: (typeof c.name === 'string' ? c.name.trim() : c.name) as string,
		regime: isBlank(c.regime) ? '01' : text(c.regime),
		country: isBlank(c.country) ? SPAIN_COUNTRY_ID : text(c.country),
		applySurchargeEquivalence: c.surchargeEquivalence === true || anyRecargo,
	};
	const optional: Array<[keyof InvoiceContact, unknown]> = [
		['tradeName', c.tradeName],
		['customerCode', c.customerCode],
		['identification', c.identification],
		['province', c.province],
		['population', c.population],
		['addressCustomer', c.address],
		['postalCodeCustomer', c.postalCode],
		['phoneCustomer', c.phone],
		['emailCustomer', c.email],
		['webSite', c.web],
	];
	for (const [key, value] of optional) {
		if (!isBlank(value)) (contact as unknown as Record<string, unknown>)[key] = text(value);
	}
	if (contact.identification !== undefined) {
		contact.identificationType = isBlank(c.identificationType) ? '02' : text(c.identificationType);
	}
	return contact;
}

function shippingLine(input: InvoiceInput): LineInput | undefined {
	const s = input.shipping;
	if (!s || (s.as ?? 'line') !== 'line' || isBlank(s.amount)) return undefined;
	const amount = parseDecimal(s.amount);
	if (amount && isZero(amount)) return undefined;
	// Shipping accessory to a sale follows the tax of the main supply: copy the first line's.
	const first = input.lines?.[0];
	const ownTax = s.tax !== undefined || !isBlank(s.taxRate);
	return {
		reference: '',
		description: isBlank(s.description) ? SHIPPING_DESCRIPTION : text(s.description),
		productType: 'service',
		quantity: 1,
		unitPrice: s.amount,
		priceIncludesTax: s.priceIncludesTax ?? input.pricesIncludeTax,
		tax: s.tax ?? first?.tax,
		taxName: first?.taxName,
		taxRate: isBlank(s.taxRate) ? first?.taxRate : s.taxRate,
		exemptCause: ownTax ? undefined : first?.exemptCause,
		qualification: first?.qualification,
		recargo: false,
	};
}

function chargeInputs(input: InvoiceInput): ChargeInput[] {
	const list = Array.isArray(input.charges) ? input.charges.slice() : [];
	const s = input.shipping;
	if (s && s.as === 'charge' && !isBlank(s.amount)) list.unshift({ kind: 'charge', amount: s.amount });
	return list;
}

function buildCharges(list: ChargeInput[], taxBase: number): { rows: ChargeAndDiscount[]; totals: TotalsCharge[] } {
	const rows: ChargeAndDiscount[] = [];
	const totals: TotalsCharge[] = [];
	for (const c of list) {
		if (!c) continue;
		const type = FEE_TYPE_BY_KIND[c.kind] ?? (c.kind as string);
		const percent = !isBlank(c.percent);
		const raw = percent ? c.percent : c.amount;
		if (isBlank(raw)) continue;
		const parsed = parseDecimal(raw);
		const value = parsed && withinMaxAmount(parsed) ? parsed : undefined;
		if (value && isZero(value)) continue;
		const total = value ? chargeTotal(percent ? 'PJ' : 'VR', value, taxBase) : 0;
		rows.push({
			idtypeFeeDiscount: type,
			idTypeValueFeeDiscount: percent ? 'PJ' : 'VR',
			baseFeeDiscount: percent ? centsToNumber(taxBase) : 0,
			valueFeeDiscount: value ? (percent ? decimalToNumber(value) : centsToNumber(total)) : (raw as number),
			totalFeeDiscount: centsToNumber(total),
		});
		if (type === 'CG' || type === 'DT' || type === 'RT') totals.push({ type, total });
	}
	return { rows, totals };
}

export function buildInvoiceBody(input: InvoiceInput): AddInvoiceBody {
	const timeZone = isBlank(input.timeZone) ? DEFAULT_TIME_ZONE : text(input.timeZone);
	const now = input.now ?? new Date();
	const customer = input.customer ?? ({} as CustomerInput);
	const qualification = isBlank(input.qualification) ? 'S1' : text(input.qualification);
	const ctx: LineContext = {
		qualification,
		pricesIncludeTax: input.pricesIncludeTax === true,
		customerRegime: isBlank(customer.regime) ? '01' : text(customer.regime),
		surchargeEquivalence: customer.surchargeEquivalence === true,
	};

	const lineInputs = Array.isArray(input.lines) ? input.lines.slice() : [];
	const shipping = shippingLine(input);
	if (shipping) lineInputs.push(shipping);
	const lines: BuiltLine[] = lineInputs.map((l) => buildLine(l ?? ({} as LineInput), ctx));

	const taxBase = lines.reduce((sum, l) => sum + l.totals.net, 0);
	const charges = buildCharges(chargeInputs(input), taxBase);
	const t = computeTotals(
		lines.map((l) => l.totals),
		charges.totals,
	);
	const exemptCause = lines.find((l) => l.exemptCause !== undefined)?.exemptCause;

	const invoiceNumber = typeof input.number === 'string' ? input.number.trim() : input.number;
	const currentNumber =
		input.currentNumber ?? (typeof invoiceNumber === 'string' ? deriveCurrentNumber(invoiceNumber) : undefined);
	// The clock is read only for defaults, so given date and time make the body deterministic.
	const clock = isBlank(input.date) || isBlank(input.time) ? zonedParts(now, timeZone) : undefined;
	const day = clock && isBlank(input.date) ? clock : parseCalendarDay(input.date, timeZone);
	const time =
		clock && isBlank(input.time) ? formatTime(clock.hour, clock.minute, clock.second) : parseInvoiceTime(input.time);

	const body: AddInvoiceBody = {
		invoiceNumber,
		...(currentNumber !== undefined ? { currentNumber } : {}),
		invoiceDate: day ? formatInvoiceDate(day) : (input.date as string),
		invoiceTime: time ?? (input.time as string),
		...(isBlank(input.dueInDays) ? {} : { invoiceExpiration: text(input.dueInDays) }),
		invoiceIdTypeRegAEAT: 'AI',
		invoiceIdTypeRegSIF: null,
		contactName: isBlank(input.salesContact) ? '' : text(input.salesContact),
		contacts: [buildContact(customer, lines.some((l) => l.hasRecargo))],
		products: lines.map((l) => l.product),
		idPayment: isBlank(input.paymentMethod) ? 'ND' : text(input.paymentMethod),
		idOperations: qualification,
		idOperationsExenta: exemptCause ?? 'E0',
		valueExemptBase: centsToNumber(t.exemptBase),
		chargeAndDiscount: charges.rows,
		fieldTaxations: summarizeTaxes(lines.map((l) => l.summary)).map((r) => ({
			taxCode: r.taxCode,
			taxName: r.taxName,
			rate: decimalToNumber(r.rate),
			taxBase: centsToNumber(r.taxBase),
			valueTax: centsToNumber(r.valueTax),
		})),
		sumTotalSubTotal: centsToNumber(t.subTotal),
		sumTotalTaxBase: centsToNumber(t.taxBase),
		sumTotalTax: centsToNumber(t.tax),
		sumTotalSubTotalAndTax: centsToNumber(t.subTotalAndTax),
		sumTotalTotal: centsToNumber(t.total),
		sumTotalNetPayable: centsToNumber(t.netPayable),
		sumTotalExemptBase: centsToNumber(t.exemptBase),
		sumTotalDiscount: centsToNumber(t.discount),
		sumTotalCharge: centsToNumber(t.charge),
		sumTotalRetentionIRPF: centsToNumber(t.retentionIRPF),
		invoiceTypeId: 0,
		invoiceRectificativeTypeId: 0,
		typeRectificativeId: 0,
		aditionalData: { invoiceId: 0, startInvoiceId: 0 },
	};
	if (!isBlank(input.operationDate)) {
		const op = parseCalendarDay(input.operationDate, timeZone);
		body.operationDate = op ? formatOperationDate(op) : (input.operationDate as string);
	}
	if (!isBlank(input.paymentNote)) body.paymentNote = text(input.paymentNote);
	if (!isBlank(input.observations)) body.textObservations = text(input.observations);
	if (!isBlank(input.customerObservations)) body.textCustomerObservations = text(input.customerObservations);
	return body;
}
