// §5 arithmetic, stated once: the builder computes the body with it, and the validator takes
// every expected amount from it (it only compares declared with expected).
import { RECARGO_TAX_NAME, TAX_CODE } from './codes';
import type { Cents, Decimal } from './money';
import {
	decimalToCents,
	decimalToString,
	divideCents,
	makeDecimal,
	multiplyToCents,
	percentOf,
	roundDiv,
} from './money';

export interface LineAmountsInput {
	unitPrice: Decimal;
	quantity: Decimal;
	/** Percent of the gross. */
	discountRate?: Decimal;
	taxRate: Decimal;
	recargoRate?: Decimal;
	irpfRate?: Decimal;
}

export interface LineAmounts {
	gross: Cents;
	discount: Cents;
	net: Cents;
	tax: Cents;
	recargo: Cents;
	retention: Cents;
}

// The steps of a line, each rounded to cents (the validator checks step by step with them).
/** gross = unitPrice × qty. */
export const lineGross = (unitPrice: Decimal, quantity: Decimal): Cents =>
	multiplyToCents(unitPrice, quantity);
/** disc = gross × d %. */
export const lineDiscount = (gross: Cents, discountRate: Decimal | undefined): Cents =>
	discountRate ? percentOf(gross, discountRate) : 0;
/** tax, recargo or IRPF of a line: net × rate %. */
export const lineShare = (net: Cents, rate: Decimal | undefined): Cents =>
	rate ? percentOf(net, rate) : 0;

/** gross = unitPrice × qty; disc = gross × d%; net = gross − disc; tax, re, ret = net × rate. */
export function computeLineAmounts(l: LineAmountsInput): LineAmounts {
	const gross = lineGross(l.unitPrice, l.quantity);
	const discount = lineDiscount(gross, l.discountRate);
	const net = gross - discount;
	return {
		gross,
		discount,
		net,
		tax: lineShare(net, l.taxRate),
		recargo: lineShare(net, l.recargoRate),
		retention: lineShare(net, l.irpfRate),
	};
}

/**
 * Tax-included price → net unit price. Rule: T = round(price × qty) is the tax-included line
 * total; the line's net G is the cent amount with G + round(G × rate) = T, searched from
 * round(T / (1 + rate)) outwards (±2 cents), falling back to that start when no cent amount
 * reproduces T. The net unit price is G / qty to at most 6 decimals, which gives back G for
 * every quantity up to 999. Recargo and IRPF are never part of a tax-included price.
 */
export function netFromTaxIncluded(
	price: Decimal,
	quantity: Decimal,
	taxRate: Decimal,
): { unitPrice: Decimal; gross: Cents } {
	const hundred = 100n * 10n ** BigInt(taxRate.scale);
	const divisor = hundred + taxRate.units;
	const wholeQty = quantity.scale === 0 && quantity.units > 0n && quantity.units <= 1000000n;
	if (!wholeQty || divisor <= 0n) {
		// Not a usable quantity (the validator reports it): convert the unit price alone.
		const units = roundDiv(price.units * hundred * 1000000n, divisor > 0n ? divisor : 1n);
		const unitPrice = { units, scale: price.scale + 6 };
		return { unitPrice, gross: multiplyToCents(unitPrice, quantity) };
	}
	const total = multiplyToCents(price, quantity);
	const start = Number(roundDiv(BigInt(total) * hundred, divisor));
	let gross = start;
	for (const delta of [0, -1, 1, -2, 2]) {
		const g = start + delta;
		if (g + percentOf(g, taxRate) === total) {
			gross = g;
			break;
		}
	}
	return { unitPrice: divideCents(gross, Number(quantity.units), 6), gross };
}

export type FeeType = 'CG' | 'DT' | 'RT';

/** VR: the amount itself (to cents); PJ: base × value %. */
export function chargeTotal(valueType: 'VR' | 'PJ', value: Decimal, base: Cents): Cents {
	return valueType === 'PJ' ? percentOf(base, value) : decimalToCents(value);
}

export interface TotalsLine extends LineAmounts {
	/** Tax rate 0 (exempt, not subject, reverse charge or a 0 % rate): counts in the exempt base. */
	zeroRate: boolean;
}

export interface TotalsCharge {
	type: FeeType;
	total: Cents;
}

export interface InvoiceTotals {
	subTotal: Cents;
	taxBase: Cents;
	tax: Cents;
	subTotalAndTax: Cents;
	recargo: Cents;
	retention: Cents;
	total: Cents;
	exemptBase: Cents;
	discount: Cents;
	charge: Cents;
	retentionIRPF: Cents;
	netPayable: Cents;
}

// The invoice-level steps of §5 (the validator applies them to what it could check).
export const subTotalAndTaxOf = (taxBase: Cents, tax: Cents): Cents => taxBase + tax;
export const totalOf = (subTotalAndTax: Cents, recargo: Cents): Cents => subTotalAndTax + recargo;
export const netPayableOf = (
	total: Cents,
	retention: Cents,
	discount: Cents,
	charge: Cents,
	retentionIRPF: Cents,
): Cents => total - retention - discount + charge - retentionIRPF;
/** A line counts in the exempt base with its net when its tax rate is 0. */
export const exemptShare = <N extends Cents | undefined>(l: {
	zeroRate: boolean;
	net: N;
}): N | 0 => (l.zeroRate ? l.net : 0);

/** Σ of a value over items; undefined when any item's value is unknown. */
export function sumOf<T>(
	items: readonly T[],
	pick: (item: T) => Cents | undefined,
): Cents | undefined {
	let total = 0;
	for (const item of items) {
		const v = pick(item);
		if (v === undefined) return undefined;
		total += v;
	}
	return total;
}

/** Σ of the charges of one type. */
export const feeSum = (charges: readonly TotalsCharge[], type: FeeType): Cents =>
	charges.reduce((s, c) => (c.type === type ? s + c.total : s), 0);

export function computeTotals(
	lines: readonly TotalsLine[],
	charges: readonly TotalsCharge[] = [],
): InvoiceTotals {
	const sum = (pick: (l: TotalsLine) => Cents): Cents => lines.reduce((s, l) => s + pick(l), 0);
	const taxBase = sum((l) => l.net);
	const tax = sum((l) => l.tax);
	const recargo = sum((l) => l.recargo);
	const retention = sum((l) => l.retention);
	const discount = feeSum(charges, 'DT');
	const charge = feeSum(charges, 'CG');
	const retentionIRPF = feeSum(charges, 'RT');
	const subTotalAndTax = subTotalAndTaxOf(taxBase, tax);
	const total = totalOf(subTotalAndTax, recargo);
	return {
		subTotal: sum((l) => l.gross),
		taxBase,
		tax,
		subTotalAndTax,
		recargo,
		retention,
		total,
		exemptBase: sum(exemptShare),
		discount,
		charge,
		retentionIRPF,
		netPayable: netPayableOf(total, retention, discount, charge, retentionIRPF),
	};
}

export interface SummaryLine {
	taxCode: string;
	taxName: string;
	rate: Decimal;
	net: Cents;
	tax: Cents;
	recargoRate?: Decimal;
	recargo: Cents;
}

export interface SummaryRow {
	taxCode: string;
	taxName: string;
	rate: Decimal;
	taxBase: Cents;
	valueTax: Cents;
}

/** Rates compare by value: 1.4 and 1.40 are one row. */
export const summaryKey = (taxCode: string, taxName: string, rate: Decimal): string =>
	`${taxCode}|${taxName}|${decimalToString(makeDecimal(rate.units, rate.scale))}`;

/** fieldTaxations tax rows: one per (taxCode, taxName, rate) in order of first appearance. */
export function summarizeTaxRows(lines: readonly SummaryLine[]): SummaryRow[] {
	const rows = new Map<string, SummaryRow>();
	for (const l of lines) add(rows, l.taxCode, l.taxName, l.rate, l.net, l.tax);
	return [...rows.values()];
}

/** fieldTaxations recargo rows: one per recargo rate (taxCode '01', taxName 'RE'). */
export function summarizeRecargoRows(lines: readonly SummaryLine[]): SummaryRow[] {
	const rows = new Map<string, SummaryRow>();
	for (const l of lines)
		if (l.recargoRate) add(rows, TAX_CODE.IVA, RECARGO_TAX_NAME, l.recargoRate, l.net, l.recargo);
	return [...rows.values()];
}

/** fieldTaxations content: the tax rows, then the recargo rows. */
export function summarizeTaxes(lines: readonly SummaryLine[]): SummaryRow[] {
	return [...summarizeTaxRows(lines), ...summarizeRecargoRows(lines)];
}

function add(
	rows: Map<string, SummaryRow>,
	taxCode: string,
	taxName: string,
	rate: Decimal,
	base: Cents,
	value: Cents,
): void {
	const key = summaryKey(taxCode, taxName, rate);
	const row = rows.get(key);
	if (row) {
		row.taxBase += base;
		row.valueTax += value;
	} else rows.set(key, { taxCode, taxName, rate, taxBase: base, valueTax: value });
}
