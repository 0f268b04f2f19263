// The tax summary (fieldTaxations): one row per tax and rate, and one per recargo rate, each
// expected from the lines through totals.ts; the newest client's extra fields pass.
import { BODY_FIELDS } from './bodyFields';
import type { Issues, Obj } from './checks';
import { checkArray, checkString, checkUnknownFields, got, money, objectsOf } from './checks';
import { checkAmount, expectCents } from './checkNumbers';
import {
	QUALIFICATION_CODES,
	QUALIFICATION_HELP,
	RECARGO_REGIME,
	RECARGO_TAX_NAME,
	RECARGO_TAX_NAMES,
	REGIME_CODES,
	REGIME_HELP,
	TAX_CODE,
} from './codes';
import type { Cents } from './money';
import { ZERO, decimalToNumber } from './money';
import type { SummaryLine, SummaryRow } from './totals';
import { summarizeRecargoRows, summarizeTaxRows, summaryKey } from './totals';
import type { LineFacts } from './validateLine';
import type { TaxKey } from './validateLineTax';
import { CAUSE_CODES, checkTaxNameCodeRate, resolveTaxCode, taxLabel } from './validateLineTax';

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
		const { name, codeIn, rate } = checkTaxNameCodeRate(
			issues,
			r,
			path,
			"'IVA', 'IGIC', 'IPSI', another tax's name, or 'RE' for recargo",
		);
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
