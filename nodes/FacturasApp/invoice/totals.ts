// §5 arithmetic, shared by the builder (to compute) and the validator (to check).
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

/** gross = unitPrice × qty; disc = gross × d%; net = gross − disc; tax, re, ret = net × rate. */
export function computeLineAmounts(l: LineAmountsInput): LineAmounts {
	const gross = multiplyToCents(l.unitPrice, l.quantity);
	const discount = l.discountRate ? percentOf(gross, l.discountRate) : 0;
	const net = gross - discount;
	return {
		gross,
		discount,
		net,
		tax: percentOf(net, l.taxRate),
		recargo: l.recargoRate ? percentOf(net, l.recargoRate) : 0,
		retention: l.irpfRate ? percentOf(net, l.irpfRate) : 0,
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

export function computeTotals(lines: readonly TotalsLine[], charges: readonly TotalsCharge[] = []): InvoiceTotals {
	let subTotal = 0;
	let taxBase = 0;
	let tax = 0;
	let recargo = 0;
	let retention = 0;
	let exemptBase = 0;
	for (const l of lines) {
		subTotal += l.gross;
		taxBase += l.net;
		tax += l.tax;
		recargo += l.recargo;
		retention += l.retention;
		if (l.zeroRate) exemptBase += l.net;
	}
	let discount = 0;
	let charge = 0;
	let retentionIRPF = 0;
	for (const c of charges) {
		if (c.type === 'DT') discount += c.total;
		else if (c.type === 'CG') charge += c.total;
		else retentionIRPF += c.total;
	}
	const subTotalAndTax = taxBase + tax;
	const total = subTotalAndTax + recargo;
	return {
		subTotal,
		taxBase,
		tax,
		subTotalAndTax,
		recargo,
		retention,
		total,
		exemptBase,
		discount,
		charge,
		retentionIRPF,
		netPayable: total - retention - discount + charge - retentionIRPF,
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

/**
 * fieldTaxations content: one row per (taxCode, taxName, rate) in order of first appearance,
 * then one recargo row (taxCode '01', taxName 'RE') per recargo rate.
 */
export function summarizeTaxes(lines: readonly SummaryLine[]): SummaryRow[] {
	const taxRows = new Map<string, SummaryRow>();
	const reRows = new Map<string, SummaryRow>();
	for (const l of lines) {
		const key = summaryKey(l.taxCode, l.taxName, l.rate);
		const row = taxRows.get(key);
		if (row) {
			row.taxBase += l.net;
			row.valueTax += l.tax;
		} else {
			taxRows.set(key, { taxCode: l.taxCode, taxName: l.taxName, rate: l.rate, taxBase: l.net, valueTax: l.tax });
		}
		if (l.recargoRate) {
			const reKey = summaryKey(TAX_CODE.IVA, RECARGO_TAX_NAME, l.recargoRate);
			const re = reRows.get(reKey);
			if (re) {
				re.taxBase += l.net;
				re.valueTax += l.recargo;
			} else {
				reRows.set(reKey, {
					taxCode: TAX_CODE.IVA,
					taxName: RECARGO_TAX_NAME,
					rate: l.recargoRate,
					taxBase: l.net,
					valueTax: l.recargo,
				});
			}
		}
	}
	return [...taxRows.values(), ...reRows.values()];
}
