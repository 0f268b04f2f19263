// The invoice-level amounts of the AddInvoice body: chargeAndDiscount, the tax summary
// (fieldTaxations), the exemption code and the sumTotal* fields. Every expected value comes
// from totals.ts, applied to what the line checks could establish; a declared step stands in
// only where the lines cannot tell, so one wrong step is one issue.
import { BODY_FIELDS, SUM_FIELDS } from './bodyFields';
import type { Issues, Obj } from './checks';
import {
	checkAmount,
	checkArray,
	checkDecimal,
	checkString,
	checkUnknownFields,
	expectCents,
	got,
	money,
	objectsOf,
} from './checks';
import {
	EXEMPT_CODES,
	FEE_TYPES,
	FEE_VALUE_TYPES,
	QUALIFICATION_CODES,
	QUALIFICATION_HELP,
	RECARGO_REGIME,
	RECARGO_TAX_NAME,
	RECARGO_TAX_NAMES,
	REGIME_CODES,
	REGIME_HELP,
	TAX_CODE,
	TAX_CODE_HELP,
	TAX_CODES,
} from './codes';
import type { Cents } from './money';
import { HUNDRED, ZERO, decimalToNumber, decimalToString } from './money';
import { IRPF_PERCENTS, isIrpfRate } from './rules';
import type { SummaryLine, SummaryRow, TotalsCharge } from './totals';
import {
	chargeTotal,
	exemptShare,
	feeSum,
	netPayableOf,
	subTotalAndTaxOf,
	sumOf,
	summarizeRecargoRows,
	summarizeTaxRows,
	summaryKey,
	totalOf,
} from './totals';
import type { LineFacts } from './validateLine';
import type { TaxKey } from './validateLineTax';
import { CAUSE_CODES, RATE_WHAT, resolveTaxCode, taxLabel } from './validateLineTax';

const INVOICE_EXEMPT_CODES: ReadonlySet<string> = new Set(['E0', ...EXEMPT_CODES]);

export interface FeeSums {
	discount?: Cents;
	charge?: Cents;
	retentionIRPF?: Cents;
}

/** chargeAndDiscount entries; `taxBase` is the invoice's taxable base when known. */
export function checkCharges(issues: Issues, body: Obj, taxBase: Cents | undefined): FeeSums {
	const list = checkArray(issues, body, 'chargeAndDiscount', '', {
		hint: 'invoice-level charges (CG), discounts (DT) and global IRPF (RT)',
	});
	const charges: TotalsCharge[] = [];
	let unknown =
		list === undefined && body.chargeAndDiscount !== undefined && body.chargeAndDiscount !== null;
	const entries = list
		? objectsOf(issues, list, 'chargeAndDiscount', 'a charge, discount or global IRPF')
		: [];
	if (list && entries.length !== list.length) unknown = true;
	for (const [i, f] of entries) {
		const path = `chargeAndDiscount[${i}]`;
		checkUnknownFields(issues, f, BODY_FIELDS.fee, path);
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
		const base = checkAmount(
			issues,
			f,
			'baseFeeDiscount',
			path,
			'0 for an amount (VR), the taxable base for a percentage (PJ)',
		);
		const total = checkAmount(issues, f, 'totalFeeDiscount', path);
		let expected: Cents | undefined;
		if (valueType === 'PJ') {
			const rate = checkDecimal(issues, f, 'valueFeeDiscount', path, {
				required: true,
				maxDecimals: 4,
				min: ZERO,
				max: HUNDRED,
				what: 'the percentage, from 0 to 100',
				floatNoise: true,
			});
			if (type === 'RT' && rate && !isIrpfRate(rate)) {
				issues.push({
					path: `${path}.valueFeeDiscount`,
					message: `must be an IRPF rate: ${IRPF_PERCENTS} (got ${got(f.valueFeeDiscount)})`,
				});
				unknown = true;
				continue;
			}
			if (taxBase !== undefined)
				expectCents(
					issues,
					`${path}.baseFeeDiscount`,
					base,
					taxBase,
					'the taxable base of the invoice (sumTotalTaxBase)',
				);
			const b = taxBase ?? base;
			if (rate && b !== undefined) {
				expected = chargeTotal('PJ', rate, b);
				expectCents(
					issues,
					`${path}.totalFeeDiscount`,
					total,
					expected,
					`baseFeeDiscount ${money(b)} × ${decimalToString(rate)} %, rounded to cents`,
				);
			}
		} else if (valueType === 'VR') {
			const value = checkAmount(issues, f, 'valueFeeDiscount', path, 'the amount');
			expectCents(
				issues,
				`${path}.baseFeeDiscount`,
				base,
				0,
				'nothing: an amount (VR) entry has no base',
			);
			if (value !== undefined) {
				expected = value;
				expectCents(
					issues,
					`${path}.totalFeeDiscount`,
					total,
					value,
					'valueFeeDiscount, for an amount (VR) entry',
				);
			}
		}
		const amount = expected ?? total;
		if (!type || amount === undefined) unknown = true;
		else if (type === 'CG' || type === 'DT' || type === 'RT') charges.push({ type, total: amount });
	}
	if (unknown) return {};
	return {
		discount: feeSum(charges, 'DT'),
		charge: feeSum(charges, 'CG'),
		retentionIRPF: feeSum(charges, 'RT'),
	};
}

interface ExpectedRow {
	key: TaxKey;
	base: Cents;
	value: Cents;
	seenAt?: number;
}

const summaryLine = (l: LineFacts): SummaryLine => ({
	taxCode: l.taxKey?.code ?? '',
	taxName: l.taxKey?.name ?? '',
	rate: l.taxKey?.rate ?? ZERO,
	net: l.net ?? 0,
	tax: l.tax ?? 0,
	recargoRate: l.recargoRate ?? undefined,
	recargo: l.recargo ?? 0,
});
const byKey = (rows: SummaryRow[]): Map<string, ExpectedRow> =>
	new Map(
		rows.map((r) => [
			summaryKey(r.taxCode, r.taxName, r.rate),
			{
				key: { code: r.taxCode, name: r.taxName, rate: r.rate },
				base: r.taxBase,
				value: r.valueTax,
			},
		]),
	);

/** What fieldTaxations must hold for these lines (totals.ts); undefined parts are unknown. */
function expectedSummary(lines: LineFacts[] | undefined): {
	tax?: Map<string, ExpectedRow>;
	recargo?: Map<string, ExpectedRow>;
} {
	if (!lines) return {};
	const taxKnown = lines.every((l) => l.taxKey && l.net !== undefined && l.tax !== undefined);
	const recargoKnown = lines.every(
		(l) =>
			l.recargoRate === null || (l.recargoRate && l.net !== undefined && l.recargo !== undefined),
	);
	const summary = lines.map(summaryLine);
	return {
		tax: taxKnown ? byKey(summarizeTaxRows(summary)) : undefined,
		recargo: recargoKnown ? byKey(summarizeRecargoRows(summary)) : undefined,
	};
}

const rowText = (r: ExpectedRow): string =>
	`{ "taxCode": "${r.key.code}", "taxName": "${r.key.name}", "rate": ${decimalToNumber(r.key.rate)}, "taxBase": ${money(r.base)}, "valueTax": ${money(r.value)} }`;

export function checkFieldTaxations(
	issues: Issues,
	body: Obj,
	lines: LineFacts[] | undefined,
): void {
	const list = checkArray(issues, body, 'fieldTaxations', '', {
		required: true,
		hint: 'the tax summary: one row per tax and rate, plus one per recargo rate',
	});
	if (!list) return;
	const expected = expectedSummary(lines);
	// A row we cannot read may be the "missing" one: then do not also report it missing.
	const rows = objectsOf(issues, list, 'fieldTaxations', 'a tax summary row');
	let unreadable = list.length - rows.length;
	for (const [i, r] of rows) {
		const path = `fieldTaxations[${i}]`;
		checkUnknownFields(issues, r, BODY_FIELDS.summaryRow, path);
		const name = checkString(issues, r, 'taxName', path, {
			required: true,
			nonEmpty: true,
			max: 50,
			hint: "'IVA', 'IGIC', 'IPSI', another tax's name, or 'RE' for recargo",
		});
		const codeIn = checkString(issues, r, 'taxCode', path, {
			codes: TAX_CODES,
			codeHelp: TAX_CODE_HELP,
		});
		const rate = checkDecimal(issues, r, 'rate', path, {
			required: true,
			maxDecimals: 4,
			min: ZERO,
			max: HUNDRED,
			what: RATE_WHAT,
			floatNoise: true,
		});
		const base = checkAmount(
			issues,
			r,
			'taxBase',
			path,
			'the sum of the bases of the lines with this tax and rate',
		);
		const value = checkAmount(issues, r, 'valueTax', path, 'the sum of their tax');
		// The group's qualification, regime and cause (newest client): codes of §6 when present.
		checkString(issues, r, 'qualificationOperation', path, {
			codes: QUALIFICATION_CODES,
			codeHelp: QUALIFICATION_HELP,
		});
		const regime = checkString(issues, r, 'regime', path, {
			codes: REGIME_CODES,
			codeHelp: REGIME_HELP,
		});
		checkString(issues, r, 'idExento', path, {
			codes: CAUSE_CODES,
			codeHelp: 'an exemption cause E1–E8 (E0 or empty when not exempt)',
		});
		if (
			name === undefined ||
			!rate ||
			(codeIn === undefined && r.taxCode !== undefined && r.taxCode !== null)
		) {
			unreadable++;
			continue;
		}
		const isRecargo = RECARGO_TAX_NAMES.has(name);
		if (isRecargo && regime && regime !== RECARGO_REGIME) {
			issues.push({
				path: `${path}.regime`,
				message: `must be '18' (recargo de equivalencia) on a recargo row (got ${got(regime)})`,
			});
		}
		let map = isRecargo ? expected.recargo : expected.tax;
		let code: string | undefined = TAX_CODE.IVA;
		if (isRecargo && codeIn && codeIn !== TAX_CODE.IVA) {
			issues.push({
				path: `${path}.taxCode`,
				message: `must be '01' (or absent) on a recargo ('${name}') row (got ${got(codeIn)})`,
			});
			map = undefined;
			unreadable++;
		} else if (!isRecargo) code = resolveTaxCode(issues, path, codeIn, name);
		if (!code) unreadable++;
		if (!map || !code) continue;
		// Any recargo spelling stands for the builder's one (the expected rows use it).
		const key = { code, name: isRecargo ? RECARGO_TAX_NAME : name, rate };
		const want = map.get(summaryKey(key.code, key.name, key.rate));
		const label = taxLabel(key);
		if (!want) {
			issues.push({ path, message: `no line has ${label}: remove this row or fix the lines` });
		} else if (want.seenAt !== undefined) {
			issues.push({
				path,
				message: `repeats fieldTaxations[${want.seenAt}] (${label}): keep one row per tax and rate`,
			});
		} else {
			want.seenAt = i;
			expectCents(
				issues,
				`${path}.taxBase`,
				base,
				want.base,
				`the sum of the bases of the ${label} lines`,
			);
			const what = isRecargo ? 'recargo (totalSurCharges)' : 'tax (totalTax)';
			expectCents(
				issues,
				`${path}.valueTax`,
				value,
				want.value,
				`the sum of the ${what} of the ${label} lines`,
			);
		}
	}
	if (unreadable > 0) return;
	for (const map of [expected.tax, expected.recargo]) {
		for (const want of map?.values() ?? []) {
			if (want.seenAt === undefined)
				issues.push({
					path: 'fieldTaxations',
					message: `is missing the row for ${taxLabel(want.key)}: add ${rowText(want)}`,
				});
		}
	}
}

export function checkExemptCode(issues: Issues, body: Obj, lines: LineFacts[] | undefined): void {
	const code = checkString(issues, body, 'idOperationsExenta', '', {
		required: true,
		codes: INVOICE_EXEMPT_CODES,
		codeHelp: "'E0' when nothing is exempt, else the exemption cause E1–E8",
	});
	if (code === undefined || !lines) return;
	const causes = new Set(
		lines.filter((l) => l.exemptCause !== undefined).map((l) => l.exemptCause as string),
	);
	causes.delete('');
	if (causes.size === 0 && code !== 'E0' && !lines.some((l) => l.exemptCause === '')) {
		issues.push({
			path: 'idOperationsExenta',
			message: `must be 'E0': no line is exempt (got ${got(code)})`,
		});
	} else if (causes.size > 0 && !causes.has(code)) {
		const list = [...causes].map((c) => `'${c}'`).join(' or ');
		issues.push({
			path: 'idOperationsExenta',
			message: `must be the exemption cause of the exempt lines, ${list} (got ${got(code)})`,
		});
	}
}

/** Applies a totals.ts step when all its inputs are known. */
const known =
	<A extends Cents[]>(f: (...args: A) => Cents) =>
	(...args: { [K in keyof A]: Cents | undefined }): Cents | undefined =>
		args.every((a) => a !== undefined) ? f(...(args as A)) : undefined;

export function checkSums(
	issues: Issues,
	body: Obj,
	lines: LineFacts[] | undefined,
	fees: FeeSums,
): void {
	const d: Record<string, Cents | undefined> = {};
	// A negative net payable gets one issue saying why, not also "must be 0 or more".
	const payableIssues: Issues = [];
	for (const key of SUM_FIELDS)
		d[key] = checkAmount(key === 'sumTotalNetPayable' ? payableIssues : issues, body, key, '');
	const exemptDeclared = checkAmount(
		issues,
		body,
		'valueExemptBase',
		'',
		'the sum of the bases of the 0 % lines',
	);
	const sum = (pick: (l: LineFacts) => Cents | undefined) =>
		lines ? sumOf(lines, pick) : undefined;
	const taxBase = sum((l) => l.net);
	const tax = sum((l) => l.tax);
	const recargo = sum((l) => l.recargo);
	const retention = sum((l) => l.retention);
	const exempt = sum((l) =>
		l.zeroRate === undefined ? undefined : exemptShare({ zeroRate: l.zeroRate, net: l.net }),
	);
	const expect = (key: string, value: Cents | undefined, why: string) => {
		if (value !== undefined) expectCents(issues, key, d[key], value, why);
	};
	// Each total is checked against the value computed from the lines; the declared value of a
	// step stands in only when the lines cannot tell.
	const or = (key: string, computed: Cents | undefined) => computed ?? d[key];

	expect(
		'sumTotalSubTotal',
		sum((l) => l.gross),
		'the sum of products[].subTotal',
	);
	expect('sumTotalTaxBase', taxBase, 'the sum of the line bases (subTotal − totaldiscount)');
	expect('sumTotalTax', tax, 'the sum of products[].totalTax (recargo excluded)');
	const subTotalAndTax = known(subTotalAndTaxOf)(
		or('sumTotalTaxBase', taxBase),
		or('sumTotalTax', tax),
	);
	expect('sumTotalSubTotalAndTax', subTotalAndTax, 'sumTotalTaxBase + sumTotalTax');
	const total = known(totalOf)(or('sumTotalSubTotalAndTax', subTotalAndTax), recargo);
	expect(
		'sumTotalTotal',
		total,
		'sumTotalSubTotalAndTax + the recargo of the lines (Σ totalSurCharges)',
	);
	expect(
		'sumTotalDiscount',
		fees.discount,
		"the sum of chargeAndDiscount[].totalFeeDiscount of type 'DT'",
	);
	expect(
		'sumTotalCharge',
		fees.charge,
		"the sum of chargeAndDiscount[].totalFeeDiscount of type 'CG'",
	);
	expect(
		'sumTotalRetentionIRPF',
		fees.retentionIRPF,
		"the sum of chargeAndDiscount[].totalFeeDiscount of type 'RT' (global IRPF)",
	);
	const netPayable = known(netPayableOf)(
		or('sumTotalTotal', total),
		retention,
		or('sumTotalDiscount', fees.discount),
		or('sumTotalCharge', fees.charge),
		or('sumTotalRetentionIRPF', fees.retentionIRPF),
	);
	if (netPayable !== undefined && netPayable < 0) {
		payableIssues.length = 0;
		issues.push({
			path: 'sumTotalNetPayable',
			message: `would be ${money(netPayable)}: retentions and invoice discounts exceed the total; reduce them (got ${got(body.sumTotalNetPayable)})`,
		});
	} else {
		expect(
			'sumTotalNetPayable',
			netPayable,
			'sumTotalTotal − the IRPF of the lines (Σ totalwithHoldings) − sumTotalDiscount + sumTotalCharge − sumTotalRetentionIRPF',
		);
	}
	issues.push(...payableIssues);
	expect('sumTotalExemptBase', exempt, 'the sum of the bases of the 0 % lines');
	if (exempt !== undefined)
		expectCents(
			issues,
			'valueExemptBase',
			exemptDeclared,
			exempt,
			'the sum of the bases of the 0 % lines',
		);
}
