// Parsed input (types.ts InvoiceInput, read by draft.ts) → AddInvoice body, every amount
// computed by §5 (totals.ts) and every tax treatment by rules.ts. A plain function of its input:
// values that break a business rule (a code not in §6, an illegal rate) are sent as given and
// the caller's validateInvoiceBody run names them.
import { PERSON_TYPE, SPAIN_COUNTRY_ID } from './codes';
import {
	DEFAULT_TIME_ZONE,
	formatInvoiceDate,
	formatOperationDate,
	formatTime,
	zonedParts,
} from './dates';
import type { BuiltLine, LineContext } from './builderLines';
import { buildLine } from './builderLines';
import { centsToNumber, decimalToNumber, decimalToString, isZero, makeDecimal } from './money';
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
const FEE_TYPE_BY_KIND: Readonly<Record<string, FeeType>> = {
	charge: 'CG',
	discount: 'DT',
	withholding: 'RT',
};
const SHIPPING_DESCRIPTION = 'Gastos de envío';

/** The numeric part of a full invoice number: 'RA02' → 2, 'F-2025-0017' → 17. */
function deriveCurrentNumber(invoiceNumber: string): number | undefined {
	const m = TRAILING_DIGITS_RE.exec(invoiceNumber);
	return m ? Number(m[1]) : undefined;
}

function buildContact(c: CustomerInput, anyRecargo: boolean): InvoiceContact {
	const contact: InvoiceContact = {
		contactType: '01',
		personType: c.personType === 'individual' ? PERSON_TYPE.individual : PERSON_TYPE.company,
		companyName: c.name,
		regime: c.regime ?? '01',
		country: c.country ?? SPAIN_COUNTRY_ID,
		applySurchargeEquivalence: c.surchargeEquivalence === true || anyRecargo,
	};
	const optional = {
		tradeName: c.tradeName,
		customerCode: c.customerCode,
		identification: c.identification,
		province: c.province,
		population: c.population,
		addressCustomer: c.address,
		postalCodeCustomer: c.postalCode,
		phoneCustomer: c.phone,
		emailCustomer: c.email,
		webSite: c.web,
	};
	for (const [key, value] of Object.entries(optional))
		if (value !== undefined) Object.assign(contact, { [key]: value });
	if (contact.identification !== undefined)
		contact.identificationType = c.identificationType ?? '02';
	return contact;
}

function shippingLine(input: InvoiceInput): LineInput | undefined {
	const s = input.shipping;
	if (!s || (s.as ?? 'line') !== 'line' || isZero(s.amount)) return undefined;
	// Shipping accessory to a sale follows the tax of the main supply: copy the first line's.
	const first = input.lines[0];
	const ownTax = s.tax !== undefined || s.taxRate !== undefined;
	const line: LineInput = {
		reference: '',
		description: s.description ?? SHIPPING_DESCRIPTION,
		productType: 'service',
		quantity: makeDecimal(1, 0),
		unitPrice: s.amount,
		priceIncludesTax: s.priceIncludesTax ?? input.pricesIncludeTax,
		tax: s.tax ?? first?.tax,
		taxName: first?.taxName,
		taxRate: s.taxRate ?? first?.taxRate,
		exemptCause: ownTax ? undefined : first?.exemptCause,
		qualification: first?.qualification,
		recargo: false,
	};
	return line;
}

function chargeInputs(input: InvoiceInput): ChargeInput[] {
	const list = (input.charges ?? []).slice();
	const s = input.shipping;
	if (s && s.as === 'charge' && !isZero(s.amount))
		list.unshift({ kind: 'charge', amount: s.amount });
	return list;
}

function buildCharges(
	list: ChargeInput[],
	taxBase: number,
): { rows: ChargeAndDiscount[]; totals: TotalsCharge[] } {
	const rows: ChargeAndDiscount[] = [];
	const totals: TotalsCharge[] = [];
	for (const c of list) {
		const type = FEE_TYPE_BY_KIND[c.kind];
		const percent = 'percent' in c;
		const value = 'percent' in c ? c.percent : c.amount;
		if (isZero(value)) continue;
		const total = chargeTotal(percent ? 'PJ' : 'VR', value, taxBase);
		rows.push({
			idtypeFeeDiscount: type,
			idTypeValueFeeDiscount: percent ? 'PJ' : 'VR',
			baseFeeDiscount: percent ? centsToNumber(taxBase) : 0,
			valueFeeDiscount: percent ? decimalToNumber(value) : centsToNumber(total),
			totalFeeDiscount: centsToNumber(total),
		});
		totals.push({ type, total });
	}
	return { rows, totals };
}

export function buildInvoiceBody(input: InvoiceInput): AddInvoiceBody {
	const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
	const customer = input.customer;
	const qualification = input.qualification ?? 'S1';
	const ctx: LineContext = {
		qualification,
		pricesIncludeTax: input.pricesIncludeTax === true,
		customerRegime: customer.regime ?? '01',
		surchargeEquivalence: customer.surchargeEquivalence === true,
	};

	const shipping = shippingLine(input);
	const lines: BuiltLine[] = [...input.lines, ...(shipping ? [shipping] : [])].map((l) =>
		buildLine(l, ctx),
	);
	const taxBase = lines.reduce((sum, l) => sum + l.totals.net, 0);
	const charges = buildCharges(chargeInputs(input), taxBase);
	const t = computeTotals(
		lines.map((l) => l.totals),
		charges.totals,
	);
	const exemptCause = lines.find((l) => l.exemptCause !== undefined)?.exemptCause;
	const currentNumber = input.currentNumber ?? deriveCurrentNumber(input.number);
	// The clock is read only for defaults, so given date and time make the body deterministic.
	const clock =
		input.date && input.time ? undefined : zonedParts(input.now ?? new Date(), timeZone);
	const day = input.date ?? clock;
	const time = input.time ?? clock;

	const body: AddInvoiceBody = {
		invoiceNumber: input.number,
		...(currentNumber !== undefined ? { currentNumber } : {}),
		invoiceDate: day ? formatInvoiceDate(day) : '',
		invoiceTime: time ? formatTime(time.hour, time.minute, time.second) : '',
		...(input.dueInDays ? { invoiceExpiration: decimalToString(input.dueInDays) } : {}),
		invoiceIdTypeRegAEAT: 'AI',
		invoiceIdTypeRegSIF: null,
		contactName: input.salesContact ?? '',
		contacts: [
			buildContact(
				customer,
				lines.some((l) => l.hasRecargo),
			),
		],
		products: lines.map((l) => l.product),
		idPayment: input.paymentMethod ?? 'ND',
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
	if (input.operationDate) body.operationDate = formatOperationDate(input.operationDate);
	if (input.paymentNote !== undefined) body.paymentNote = input.paymentNote;
	if (input.observations !== undefined) body.textObservations = input.observations;
	if (input.customerObservations !== undefined)
		body.textCustomerObservations = input.customerObservations;
	return body;
}
