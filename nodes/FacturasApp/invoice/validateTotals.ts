// The invoice-level amounts of the AddInvoice body: the exemption code and the sumTotal*
// fields (chargeAndDiscount: validateCharges.ts; fieldTaxations: validateTaxSummary.ts). Every
// expected value comes from totals.ts, applied to what the line checks could establish; a
// declared step stands in only where the lines cannot tell, so one wrong step is one issue.
import { SUM_FIELDS } from './bodyFields';
import type { Issues, Obj } from './checks';
import { checkString, got, money } from './checks';
import { checkAmount, expectCents } from './checkNumbers';
import { EXEMPT_CODES } from './codes';
import type { Cents } from './money';
import type { FeeSums } from './validateCharges';
import { exemptShare, netPayableOf, subTotalAndTaxOf, sumOf, totalOf } from './totals';
import type { LineFacts } from './validateLine';

const INVOICE_EXEMPT_CODES: ReadonlySet<string> = new Set(['E0', ...EXEMPT_CODES]);

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
