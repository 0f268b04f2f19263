// products[i] of the AddInvoice body: shape, codes, allowed rates and the §5 amounts of each
// line. Consistency is checked step by step against the line's own declared values, so one
// wrong amount gives one issue, not a cascade.
import type { Issues, Obj } from './checks';
import {
	absent,
	checkAmount,
	checkArray,
	checkDecimal,
	checkInteger,
	checkString,
	checkUnknownFields,
	expectCents,
	fieldSet,
	got,
	MAX_HELP,
	money,
	objectsOf,
} from './checks';
import { RECARGO_REGIME, REGIME_CODES } from './codes';
import type { Cents, Decimal } from './money';
import { MAX_AMOUNT, decimalToString, isZero, multiplyToCents, percentOf } from './money';
import type { TaxFacts } from './validateTax';
import { checkLineTax } from './validateTax';
import type { SurchargeFacts } from './validateWithholdings';
import { checkWithholdings } from './validateWithholdings';

const PRODUCT_FIELDS = fieldSet([
	'typeUse', 'reference', 'description', 'productType', 'regime', 'unitPrice', 'quantity', 'subTotal',
	'totaldiscount', 'totalTax', 'totalSurCharges', 'totalwithHoldings', 'taxes', 'withHoldingsSurChargesDto',
	'discountDtoModules',
], { withholdingssurchargesdtos: 'withHoldingsSurChargesDto', discountdtomodule: 'discountDtoModules' });
const DISCOUNT_FIELDS = fieldSet(['discountName', 'discountRate', 'discountBase', 'valueDiscount']);
const TYPE_USE = new Set(['VEN']);
const ZERO: Decimal = { units: 0n, scale: 0 };
const HUNDRED: Decimal = { units: 100n, scale: 0 };

export const REGIME_HELP = [...REGIME_CODES].join(', ');

/** What the invoice-level checks need from one line; undefined = unknown (already reported). */
export interface LineFacts {
	gross?: Cents;
	discount?: Cents;
	net?: Cents;
	tax?: Cents;
	recargo?: Cents;
	retention?: Cents;
	taxKey?: { code: string; name: string; rate: Decimal };
	/** null: no recargo; undefined: unknown. */
	recargoRate?: Decimal | null;
	zeroRate?: boolean;
	exemptCause?: string;
	/** Carries recargo, so contacts[0].applySurchargeEquivalence must be true. */
	needsSurchargeFlag: boolean;
}

export interface InvoiceFacts {
	idOperations?: string;
}

/** The line discount the entries call for: 0 when there is none, undefined when unknown. */
function checkLineDiscount(issues: Issues, p: Obj, path: string, gross: Cents | undefined): Cents | undefined {
	const list = checkArray(issues, p, 'discountDtoModules', path, { max: 1, hint: 'at most one line discount' });
	if (!list || list.length === 0) return absent(p.discountDtoModules) || list ? 0 : undefined;
	let expected: Cents | undefined;
	for (const [i, d] of objectsOf(issues, list, `${path}.discountDtoModules`, 'a line discount')) {
		const dp = `${path}.discountDtoModules[${i}]`;
		checkUnknownFields(issues, d, DISCOUNT_FIELDS, dp);
		checkString(issues, d, 'discountName', dp, { max: 100 });
		const rate = checkDecimal(issues, d, 'discountRate', dp, {
			required: true,
			maxDecimals: 4,
			min: ZERO,
			max: HUNDRED,
			what: 'the discount in percent, from 0 to 100',
		});
		const base = checkAmount(issues, d, 'discountBase', dp);
		const value = checkAmount(issues, d, 'valueDiscount', dp);
		if (i !== 0 || gross === undefined || !rate) continue;
		expectCents(issues, `${dp}.discountBase`, base, gross, 'the line subTotal');
		expected = percentOf(gross, rate);
		expectCents(issues, `${dp}.valueDiscount`, value, expected, `subTotal ${money(gross)} × ${decimalToString(rate)} %, rounded to cents`);
	}
	return expected;
}

export function checkProduct(issues: Issues, p: Obj, path: string, invoice: InvoiceFacts): LineFacts {
	checkUnknownFields(issues, p, PRODUCT_FIELDS, path);
	checkString(issues, p, 'typeUse', path, { required: true, codes: TYPE_USE, codeHelp: "'VEN' (sale)", hint: "'VEN'" });
	checkString(issues, p, 'reference', path, { max: 50 });
	checkString(issues, p, 'description', path, { required: true, nonEmpty: true, max: 100, hint: 'what was sold' });
	let productType: number | undefined;
	if (p.productType === 1 || p.productType === 2) productType = p.productType;
	else {
		issues.push({
			path: `${path}.productType`,
			message: `${absent(p.productType) ? 'is required: ' : 'must be '}1 (goods) or 2 (service) (got ${got(p.productType)})`,
		});
	}
	const regime = checkString(issues, p, 'regime', path, { codes: REGIME_CODES, codeHelp: REGIME_HELP });
	const unitPrice = checkDecimal(issues, p, 'unitPrice', path, {
		required: true,
		maxDecimals: 6,
		min: ZERO,
		max: MAX_AMOUNT,
		maxHelp: MAX_HELP,
		what: 'the net unit price (tax excluded), 0 or more, with at most 6 decimals',
	});
	const quantity = checkInteger(issues, p, 'quantity', path, {
		required: true,
		min: 1,
		max: 999,
		help: 'for fractional or larger quantities, put the quantity in the description and the line total as the unit price',
	});
	const gross = checkAmount(issues, p, 'subTotal', path, 'unitPrice × quantity');
	const discount = checkAmount(issues, p, 'totaldiscount', path, 'the line discount, 0 when none');
	const totalTax = checkAmount(issues, p, 'totalTax', path, 'the tax of the line, recargo excluded');
	const totalRe = checkAmount(issues, p, 'totalSurCharges', path, 'the recargo of the line, 0 when none');
	const totalRet = checkAmount(issues, p, 'totalwithHoldings', path, 'the IRPF retention of the line, 0 when none');

	// Compare every step with its correct value, and carry the correct value (when it can be
	// computed) to the invoice totals, so a wrong line amount is reported once, on the line.
	let grossBest = gross;
	if (unitPrice && quantity !== undefined) {
		grossBest = multiplyToCents(unitPrice, { units: BigInt(quantity), scale: 0 });
		expectCents(issues, `${path}.subTotal`, gross, grossBest, `unitPrice ${decimalToString(unitPrice)} × quantity ${quantity}, rounded to cents`);
	}
	const expectedDiscount = checkLineDiscount(issues, p, path, grossBest);
	if (expectedDiscount !== undefined) {
		expectCents(
			issues,
			`${path}.totaldiscount`,
			discount,
			expectedDiscount,
			expectedDiscount === 0 && !(Array.isArray(p.discountDtoModules) && p.discountDtoModules.length > 0)
				? 'no line discount (discountDtoModules has no entry)'
				: 'subTotal × discountDtoModules[0].discountRate, rounded to cents',
		);
	}
	const discountBest = expectedDiscount ?? discount;
	let net: Cents | undefined;
	if (grossBest !== undefined && discountBest !== undefined) {
		net = grossBest - discountBest;
		if (net < 0) {
			issues.push({ path: `${path}.totaldiscount`, message: `must not exceed subTotal ${money(grossBest)} (got ${money(discountBest)})` });
			net = undefined;
		}
	}

	const taxes = checkArray(issues, p, 'taxes', path, { required: true, min: 1, max: 1, hint: 'exactly one tax entry' });
	const taxEntries = taxes ? objectsOf(issues, taxes, `${path}.taxes`, 'a tax entry') : [];
	let tax: TaxFacts | undefined;
	for (const [i, t] of taxEntries) {
		const facts = checkLineTax(issues, t, `${path}.taxes[${i}]`, { net, idOperations: invoice.idOperations });
		if (i === 0) tax = facts;
	}
	let taxBest = totalTax;
	if (tax?.rate && tax.rateOk && net !== undefined) {
		taxBest = percentOf(net, tax.rate);
		expectCents(issues, `${path}.totalTax`, totalTax, taxBest, `the line base ${money(net)} × ${decimalToString(tax.rate)} %, rounded to cents`);
	}

	const sur: SurchargeFacts = checkWithholdings(issues, p, path, {
		net,
		tax,
		productType,
		totalSurCharges: totalRe,
		totalwithHoldings: totalRet,
	});
	if (sur.recargoOk && regime !== undefined && regime !== RECARGO_REGIME) {
		issues.push({
			path: `${path}.regime`,
			message: `must be '18' (recargo de equivalencia) on a line that carries recargo (got ${got(regime)})`,
		});
	} else if (sur.recargoOk && absent(p.regime)) {
		issues.push({ path: `${path}.regime`, message: "is required on a line that carries recargo: '18' (recargo de equivalencia) (got nothing)" });
	}

	return {
		gross: grossBest,
		discount: discountBest,
		net,
		tax: taxBest,
		recargo: sur.recargo,
		retention: sur.retention,
		taxKey: tax?.key,
		recargoRate: sur.recargoRate,
		zeroRate: tax?.rate && tax.rateOk ? isZero(tax.rate) : undefined,
		exemptCause: tax?.exempt ? (tax.cause ?? '') : undefined,
		needsSurchargeFlag: sur.recargoOk,
	};
}
