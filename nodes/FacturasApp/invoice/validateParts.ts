// contacts[0], chargeAndDiscount and fieldTaxations of the AddInvoice body.
import type { Issues, Obj } from './checks';
import {
	checkAmount,
	checkArray,
	checkBoolean,
	checkDecimal,
	checkString,
	checkUnknownFields,
	expectCents,
	fieldSet,
	got,
	money,
	objectsOf,
} from './checks';
import {
	CONTACT_TYPE_CODES,
	FEE_TYPES,
	FEE_VALUE_TYPES,
	IDENTIFICATION_CODES,
	IRPF_RATES_BP,
	PERSON_TYPE_CODES,
	RECARGO_TAX_NAME,
	REGIME_CODES,
	TAX_CODE,
} from './codes';
import type { Cents, Decimal } from './money';
import { decimalToNumber, decimalToString, percentOf, toHundredths } from './money';
import { summaryKey } from './totals';
import type { LineFacts } from './validateProducts';
import type { TaxKey } from './validateTax';
import { RATE_WHAT, TAX_CODE_HELP, TAX_CODES, resolveTaxCode, taxLabel } from './validateTax';

const CONTACT_FIELDS = fieldSet([
	'contactType', 'personType', 'companyName', 'tradeName', 'customerCode', 'identificationType', 'identification',
	'regime', 'country', 'province', 'population', 'addressCustomer', 'postalCodeCustomer', 'phoneCustomer', 'webSite',
	'emailCustomer', 'applySurchargeEquivalence',
]);
const FEE_FIELDS = fieldSet(['idtypeFeeDiscount', 'idTypeValueFeeDiscount', 'baseFeeDiscount', 'valueFeeDiscount', 'totalFeeDiscount']);
const ROW_FIELDS = fieldSet(['taxCode', 'taxName', 'rate', 'taxBase', 'valueTax']);
const DIGITS_RE = /^\d+$/;
const ZERO: Decimal = { units: 0n, scale: 0 };
const HUNDRED: Decimal = { units: 100n, scale: 0 };

/** Returns contacts[0].applySurchargeEquivalence (undefined when unknown or absent). */
export function checkContact(issues: Issues, c: Obj, path: string): boolean | undefined {
	checkUnknownFields(issues, c, CONTACT_FIELDS, path);
	checkString(issues, c, 'contactType', path, { required: true, codes: CONTACT_TYPE_CODES, codeHelp: "'01' (customer) or '02' (supplier)" });
	checkString(issues, c, 'personType', path, {
		required: true,
		codes: PERSON_TYPE_CODES,
		codeHelp: "'01' (autónomo or natural person) or '02' (company)",
	});
	checkString(issues, c, 'companyName', path, { required: true, nonEmpty: true, max: 450, hint: "the customer's name" });
	checkString(issues, c, 'tradeName', path, { max: 450 });
	checkString(issues, c, 'customerCode', path, { max: 150 });
	checkString(issues, c, 'identificationType', path, {
		codes: IDENTIFICATION_CODES,
		codeHelp: "'02' (NIF-IVA), '03' (passport), '04' (official ID of the country of residence), '05' (residence certificate), '06' (other document) or '07' (not registered)",
	});
	checkString(issues, c, 'identification', path, { max: 20 });
	checkString(issues, c, 'regime', path, { codes: REGIME_CODES, codeHelp: [...REGIME_CODES].join(', ') });
	const ids: Array<[string, number]> = [['country', 3], ['province', 4], ['population', 5]];
	for (const [key, max] of ids) {
		checkString(issues, c, key, path, {
			max,
			pattern: DIGITS_RE,
			patternHelp: `FacturasApp's numeric id as a string of digits${key === 'country' ? " ('207' for Spain)" : ''}`,
		});
	}
	checkString(issues, c, 'addressCustomer', path, { max: 200 });
	checkString(issues, c, 'postalCodeCustomer', path, { max: 10 });
	for (const key of ['phoneCustomer', 'webSite', 'emailCustomer']) checkString(issues, c, key, path, {});
	return checkBoolean(issues, c, 'applySurchargeEquivalence', path);
}

export interface FeeSums {
	discount?: Cents;
	charge?: Cents;
	retentionIRPF?: Cents;
}

/** chargeAndDiscount entries; `taxBase` is the invoice's taxable base when known. */
export function checkCharges(issues: Issues, body: Obj, taxBase: Cents | undefined): FeeSums {
	const list = checkArray(issues, body, 'chargeAndDiscount', '', { hint: 'invoice-level charges (CG), discounts (DT) and global IRPF (RT)' });
	const sums: Record<string, Cents | undefined> = { DT: 0, CG: 0, RT: 0 };
	let unknown = list === undefined && body.chargeAndDiscount !== undefined && body.chargeAndDiscount !== null;
	const entries = list ? objectsOf(issues, list, 'chargeAndDiscount', 'a charge, discount or global IRPF') : [];
	if (list && entries.length !== list.length) unknown = true;
	for (const [i, f] of entries) {
		const path = `chargeAndDiscount[${i}]`;
		checkUnknownFields(issues, f, FEE_FIELDS, path);
		const type = checkString(issues, f, 'idtypeFeeDiscount', path, {
			required: true,
			codes: FEE_TYPES,
			codeHelp: "'CG' (charge), 'DT' (discount) or 'RT' (global IRPF)",
		});
		const valueType = checkString(issues, f, 'idTypeValueFeeDiscount', path, {
			required: true,
			codes: FEE_VALUE_TYPES,
			codeHelp: "'VR' (amount) or 'PJ' (percentage)",
		});
		const base = checkAmount(issues, f, 'baseFeeDiscount', path, '0 for an amount (VR), the taxable base for a percentage (PJ)');
		const total = checkAmount(issues, f, 'totalFeeDiscount', path);
		let expected: Cents | undefined;
		if (valueType === 'PJ') {
			const rate = checkDecimal(issues, f, 'valueFeeDiscount', path, {
				required: true,
				maxDecimals: 4,
				min: ZERO,
				max: HUNDRED,
				what: 'the percentage, from 0 to 100',
			});
			if (type === 'RT' && rate) {
				const bp = toHundredths(rate);
				if (bp === undefined || !IRPF_RATES_BP.has(bp)) {
					issues.push({ path: `${path}.valueFeeDiscount`, message: `must be an IRPF rate: 1, 2, 7, 15 or 19 (got ${got(f.valueFeeDiscount)})` });
					unknown = true;
					continue;
				}
			}
			if (taxBase !== undefined) expectCents(issues, `${path}.baseFeeDiscount`, base, taxBase, 'the taxable base of the invoice (sumTotalTaxBase)');
			const b = taxBase ?? base;
			if (rate && b !== undefined) {
				expected = percentOf(b, rate);
				expectCents(issues, `${path}.totalFeeDiscount`, total, expected, `baseFeeDiscount ${money(b)} × ${decimalToString(rate)} %, rounded to cents`);
			}
		} else if (valueType === 'VR') {
			const value = checkAmount(issues, f, 'valueFeeDiscount', path, 'the amount');
			expectCents(issues, `${path}.baseFeeDiscount`, base, 0, 'nothing: an amount (VR) entry has no base');
			if (value !== undefined) {
				expected = value;
				expectCents(issues, `${path}.totalFeeDiscount`, total, value, 'valueFeeDiscount, for an amount (VR) entry');
			}
		}
		const amount = expected ?? total;
		if (!type || amount === undefined) unknown = true;
		else if (sums[type] !== undefined) sums[type] = (sums[type] as Cents) + amount;
	}
	if (unknown) return {};
	return { discount: sums.DT, charge: sums.CG, retentionIRPF: sums.RT };
}

interface ExpectedRow {
	key: TaxKey;
	base: Cents;
	value: Cents;
	seenAt?: number;
}

/** What fieldTaxations must hold for these lines; undefined parts are unknown. */
function expectedRows(lines: LineFacts[] | undefined): { tax?: Map<string, ExpectedRow>; recargo?: Map<string, ExpectedRow> } {
	if (!lines) return {};
	let tax: Map<string, ExpectedRow> | undefined = new Map();
	let recargo: Map<string, ExpectedRow> | undefined = new Map();
	for (const l of lines) {
		if (tax && l.taxKey && l.net !== undefined && l.tax !== undefined) {
			const k = summaryKey(l.taxKey.code, l.taxKey.name, l.taxKey.rate);
			const row = tax.get(k) ?? { key: l.taxKey, base: 0, value: 0 };
			row.base += l.net;
			row.value += l.tax;
			tax.set(k, row);
		} else tax = undefined;
		if (recargo && l.recargoRate === null) continue;
		if (recargo && l.recargoRate && l.net !== undefined && l.recargo !== undefined) {
			const k = summaryKey(TAX_CODE.IVA, RECARGO_TAX_NAME, l.recargoRate);
			const row = recargo.get(k) ?? { key: { code: TAX_CODE.IVA, name: RECARGO_TAX_NAME, rate: l.recargoRate }, base: 0, value: 0 };
			row.base += l.net;
			row.value += l.recargo;
			recargo.set(k, row);
		} else recargo = undefined;
	}
	return { tax, recargo };
}

const rowText = (r: ExpectedRow): string =>
	`{ "taxCode": "${r.key.code}", "taxName": "${r.key.name}", "rate": ${decimalToNumber(r.key.rate)}, "taxBase": ${money(r.base)}, "valueTax": ${money(r.value)} }`;

export function checkFieldTaxations(issues: Issues, body: Obj, lines: LineFacts[] | undefined): void {
	const list = checkArray(issues, body, 'fieldTaxations', '', {
		required: true,
		hint: 'the tax summary: one row per tax and rate, plus one per recargo rate',
	});
	if (!list) return;
	const expected = expectedRows(lines);
	// A row we cannot read may be the "missing" one: then do not also report it missing.
	let unreadable = 0;
	const rows = objectsOf(issues, list, 'fieldTaxations', 'a tax summary row');
	unreadable += list.length - rows.length;
	for (const [i, r] of rows) {
		const path = `fieldTaxations[${i}]`;
		checkUnknownFields(issues, r, ROW_FIELDS, path);
		const name = checkString(issues, r, 'taxName', path, { required: true, nonEmpty: true, max: 50, hint: "'IVA', 'IGIC', 'IPSI', another tax's name, or 'RE' for recargo" });
		const codeIn = checkString(issues, r, 'taxCode', path, { codes: TAX_CODES, codeHelp: TAX_CODE_HELP });
		const rate = checkDecimal(issues, r, 'rate', path, { required: true, maxDecimals: 4, min: ZERO, max: HUNDRED, what: RATE_WHAT });
		const base = checkAmount(issues, r, 'taxBase', path, 'the sum of the bases of the lines with this tax and rate');
		const value = checkAmount(issues, r, 'valueTax', path, 'the sum of their tax');
		if (name === undefined || !rate || (codeIn === undefined && r.taxCode !== undefined && r.taxCode !== null)) {
			unreadable++;
			continue;
		}
		const isRecargo = name === RECARGO_TAX_NAME;
		let map = isRecargo ? expected.recargo : expected.tax;
		let code: string | undefined = TAX_CODE.IVA;
		if (isRecargo && codeIn && codeIn !== TAX_CODE.IVA) {
			issues.push({ path: `${path}.taxCode`, message: `must be '01' (or absent) on a recargo ('RE') row (got ${got(codeIn)})` });
			map = undefined;
			unreadable++;
		} else if (!isRecargo) code = resolveTaxCode(issues, path, codeIn, name);
		if (!code) unreadable++;
		if (!map || !code) continue;
		const want = map.get(summaryKey(code, name, rate));
		const label = taxLabel({ code, name, rate });
		if (!want) {
			issues.push({ path, message: `no line has ${label}: remove this row or fix the lines` });
		} else if (want.seenAt !== undefined) {
			issues.push({ path, message: `repeats fieldTaxations[${want.seenAt}] (${label}): keep one row per tax and rate` });
		} else {
			want.seenAt = i;
			expectCents(issues, `${path}.taxBase`, base, want.base, `the sum of the bases of the ${label} lines`);
			const what = isRecargo ? 'recargo (totalSurCharges)' : 'tax (totalTax)';
			expectCents(issues, `${path}.valueTax`, value, want.value, `the sum of the ${what} of the ${label} lines`);
		}
	}
	if (unreadable > 0) return;
	for (const map of [expected.tax, expected.recargo]) {
		for (const want of map?.values() ?? []) {
			if (want.seenAt === undefined) {
				issues.push({ path: 'fieldTaxations', message: `is missing the row for ${taxLabel(want.key)}: add ${rowText(want)}` });
			}
		}
	}
}
