// One products[i] of the AddInvoice body: shape, codes, line discount and the §5 amounts of the
// line. Each step is compared with the value totals.ts gives for it, and the correct value is
// carried on (when it can be computed), so one wrong amount gives one issue, not a cascade.
import { BODY_FIELDS } from './bodyFields';
import type { Issues, Obj } from './checks';
import {
	absent,
	checkArray,
	checkInteger,
	checkString,
	checkUnknownFields,
	got,
	money,
	objectsOf,
} from './checks';
import { MAX_HELP, checkAmount, checkDecimal, expectCents } from './checkNumbers';
import { REGIME_CODES, REGIME_HELP } from './codes';
import type { Cents, Decimal } from './money';
import { HUNDRED, MAX_AMOUNT, ZERO, decimalToString, isZero, makeDecimal } from './money';
import { recargoRegimeProblem } from './rules';
import { lineDiscount, lineGross, lineShare } from './totals';
import type { TaxFacts, TaxKey } from './validateLineTax';
import { checkLineTax } from './validateLineTax';
import { checkWithholdings } from './validateLineWithholdings';

const TYPE_USE = new Set(['VEN']);

/** What the invoice-level checks need from one line; undefined = unknown (already reported). */
export interface LineFacts {
	gross?: Cents;
	discount?: Cents;
	net?: Cents;
	tax?: Cents;
	recargo?: Cents;
	retention?: Cents;
	taxKey?: TaxKey;
	/** null: no recargo; undefined: unknown. */
	recargoRate?: Decimal | null;
	zeroRate?: boolean;
	exemptCause?: string;
	/** Carries recargo, so contacts[0].applySurchargeEquivalence must be true. */
	needsSurchargeFlag: boolean;
}

/** The line discount the entries call for: 0 when there is none, undefined when unknown. */
function checkLineDiscount(
	issues: Issues,
	p: Obj,
	path: string,
	gross: Cents | undefined,
): Cents | undefined {
	const list = checkArray(issues, p, 'discountDtoModules', path, {
		max: 1,
		hint: 'at most one line discount',
	});
	if (!list || list.length === 0) return absent(p.discountDtoModules) || list ? 0 : undefined;
	let expected: Cents | undefined;
	for (const [i, d] of objectsOf(issues, list, `${path}.discountDtoModules`, 'a line discount')) {
		const dp = `${path}.discountDtoModules[${i}]`;
		checkUnknownFields(issues, d, BODY_FIELDS.discount, dp);
		checkString(issues, d, 'discountName', dp, { max: 100 });
		const rate = checkDecimal(issues, d, 'discountRate', dp, {
			required: true,
			maxDecimals: 4,
			min: ZERO,
			max: HUNDRED,
			what: 'the discount in percent, from 0 to 100',
			floatNoise: true,
		});
		const base = checkAmount(issues, d, 'discountBase', dp);
		const value = checkAmount(issues, d, 'valueDiscount', dp);
		if (i !== 0 || gross === undefined || !rate) continue;
		expectCents(issues, `${dp}.discountBase`, base, gross, 'the line subTotal');
		expected = lineDiscount(gross, rate);
		expectCents(
			issues,
			`${dp}.valueDiscount`,
			value,
			expected,
			`subTotal ${money(gross)} × ${decimalToString(rate)} %, rounded to cents`,
		);
	}
	return expected;
}

export function checkProduct(
	issues: Issues,
	p: Obj,
	path: string,
	invoice: { idOperations?: string },
): LineFacts {
	checkUnknownFields(issues, p, BODY_FIELDS.product, path);
	checkString(issues, p, 'typeUse', path, {
		required: true,
		codes: TYPE_USE,
		codeHelp: "'VEN' (sale)",
		hint: "'VEN'",
	});
	checkString(issues, p, 'reference', path, { max: 50 });
	checkString(issues, p, 'description', path, {
		required: true,
		nonEmpty: true,
		max: 100,
		hint: 'what was sold',
	});
	let productType: number | undefined;
	if (p.productType === 1 || p.productType === 2) productType = p.productType;
	else {
		issues.push({
			path: `${path}.productType`,
			message: `${absent(p.productType) ? 'is required: ' : 'must be '}1 (goods) or 2 (service) (got ${got(p.productType)})`,
		});
	}
	const regime = checkString(issues, p, 'regime', path, {
		codes: REGIME_CODES,
		codeHelp: REGIME_HELP,
	});
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
	const totalTax = checkAmount(
		issues,
		p,
		'totalTax',
		path,
		'the tax of the line, recargo excluded',
	);
	const totalRe = checkAmount(
		issues,
		p,
		'totalSurCharges',
		path,
		'the recargo of the line, 0 when none',
	);
	const totalRet = checkAmount(
		issues,
		p,
		'totalwithHoldings',
		path,
		'the IRPF retention of the line, 0 when none',
	);

	let grossBest = gross;
	if (unitPrice && quantity !== undefined) {
		grossBest = lineGross(unitPrice, makeDecimal(quantity, 0));
		expectCents(
			issues,
			`${path}.subTotal`,
			gross,
			grossBest,
			`unitPrice ${decimalToString(unitPrice)} × quantity ${quantity}, rounded to cents`,
		);
	}
	const expectedDiscount = checkLineDiscount(issues, p, path, grossBest);
	if (expectedDiscount !== undefined) {
		const none =
			expectedDiscount === 0 &&
			!(Array.isArray(p.discountDtoModules) && p.discountDtoModules.length > 0);
		expectCents(
			issues,
			`${path}.totaldiscount`,
			discount,
			expectedDiscount,
			none
				? 'no line discount (discountDtoModules has no entry)'
				: 'subTotal × discountDtoModules[0].discountRate, rounded to cents',
		);
	}
	const discountBest = expectedDiscount ?? discount;
	let net: Cents | undefined;
	if (grossBest !== undefined && discountBest !== undefined) {
		net = grossBest - discountBest;
		if (net < 0) {
			issues.push({
				path: `${path}.totaldiscount`,
				message: `must not exceed subTotal ${money(grossBest)} (got ${money(discountBest)})`,
			});
			net = undefined;
		}
	}

	const taxes = checkArray(issues, p, 'taxes', path, {
		required: true,
		min: 1,
		max: 1,
		hint: 'exactly one tax entry',
	});
	const taxEntries = taxes ? objectsOf(issues, taxes, `${path}.taxes`, 'a tax entry') : [];
	let tax: TaxFacts | undefined;
	for (const [i, t] of taxEntries) {
		const facts = checkLineTax(issues, t, `${path}.taxes[${i}]`, {
			net,
			idOperations: invoice.idOperations,
		});
		if (i === 0) tax = facts;
	}
	let taxBest = totalTax;
	if (tax?.rate && tax.rateOk && net !== undefined) {
		taxBest = lineShare(net, tax.rate);
		expectCents(
			issues,
			`${path}.totalTax`,
			totalTax,
			taxBest,
			`the line base ${money(net)} × ${decimalToString(tax.rate)} %, rounded to cents`,
		);
	}

	const sur = checkWithholdings(issues, p, path, {
		net,
		tax,
		productType,
		totalSurCharges: totalRe,
		totalwithHoldings: totalRet,
	});
	// An unreadable regime is already reported; a missing or other one breaks the recargo rule.
	const regimeProblem =
		sur.recargoOk && (regime !== undefined || absent(p.regime))
			? recargoRegimeProblem(regime)
			: undefined;
	if (regimeProblem) issues.push({ path: `${path}.regime`, message: regimeProblem });

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
