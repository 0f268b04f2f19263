// products[i].withHoldingsSurChargesDto: IRPF retention and recargo de equivalencia of a line,
// in the newer type form ('10'/'11' + rateValueWithHoldings) or the older tariff form ('20'–'26').
// Rules come from rules.ts and amounts from totals.ts.
import { BODY_FIELDS } from './bodyFields';
import type { Issues, Obj } from './checks';
import {
	absent,
	checkArray,
	checkBoolean,
	checkString,
	checkUnknownFields,
	got,
	money,
	objectsOf,
} from './checks';
import { checkAmount, checkDecimal, expectCents } from './checkNumbers';
import { WH_TARIFFS, WH_TYPE_RECARGO, WH_TYPE_RETENTION } from './codes';
import type { Cents, Decimal } from './money';
import { ONE, ZERO, decimalToString, fractionToPercent, makeDecimal, toHundredths } from './money';
import { IRPF_FRACTIONS, IRPF_PERCENTS, isIrpfRate, recargoProblems } from './rules';
import { lineShare } from './totals';
import type { TaxFacts } from './validateLineTax';

const WH_CODES: ReadonlySet<string> = new Set([
	WH_TYPE_RETENTION,
	WH_TYPE_RECARGO,
	...Object.keys(WH_TARIFFS),
]);
const FRACTION_WHAT = 'the rate as a fraction (0.15 for 15 %, 0.052 for 5.2 %)';
const bpToText = (bp: number): string => decimalToString(makeDecimal(bp, 2));
const fractionText = (bp: number): string => decimalToString(makeDecimal(bp, 4));

export interface SurchargeFacts {
	/** Correct IRPF and recargo of the line when computable, else as declared. */
	retention?: Cents;
	recargo?: Cents;
	/** Carries a recargo that follows the rules (so regime 18 and the customer flag apply). */
	recargoOk: boolean;
	/** Percent; null: no recargo; undefined: present but its rate is unknown. */
	recargoRate?: Decimal | null;
}

interface Entry {
	/** Undefined when unknown or not allowed. */
	rate?: Decimal;
	cuota?: Cents;
	ok: boolean;
}

export interface LineForWithholdings {
	net?: Cents;
	tax?: TaxFacts;
	productType?: number;
	totalSurCharges?: Cents;
	totalwithHoldings?: Cents;
}

/** Records why this recargo entry breaks the rules; true when it does not (as far as known). */
function recargoAllowed(
	issues: Issues,
	ep: string,
	line: LineForWithholdings,
	rate: Decimal | undefined,
): boolean {
	const tax = line.tax;
	const problems = recargoProblems(
		{
			productType: line.productType,
			taxCode: tax?.code,
			exempt: tax?.exempt,
			zeroQualification: tax?.zeroQualification,
			ivaRate: tax?.rate && tax.rateOk ? tax.rate : undefined,
		},
		rate,
	);
	for (const p of problems) {
		issues.push({
			path: `${ep}.${p.on === 'rate' ? 'rateValueWithHoldings' : 'idRateWithHoldings'}`,
			message: p.message,
		});
	}
	return problems.length === 0;
}

export function checkWithholdings(
	issues: Issues,
	p: Obj,
	path: string,
	line: LineForWithholdings,
): SurchargeFacts {
	const list = checkArray(issues, p, 'withHoldingsSurChargesDto', path, {
		max: 2,
		hint: 'at most one IRPF retention and one recargo',
	});
	const listPath = `${path}.withHoldingsSurChargesDto`;
	let retention: Entry | undefined;
	let recargo: Entry | undefined;
	// An unreadable list or entry: the line's totals cannot be checked against it.
	let unknownKind = list === undefined && !absent(p.withHoldingsSurChargesDto);
	const entries = list ? objectsOf(issues, list, listPath, 'an IRPF retention or recargo') : [];
	if (list && entries.length !== list.length) unknownKind = true;
	for (const [i, e] of entries) {
		const ep = `${listPath}[${i}]`;
		checkUnknownFields(issues, e, BODY_FIELDS.withholding, ep);
		const id = checkString(issues, e, 'idRateWithHoldings', ep, {
			required: true,
			codes: WH_CODES,
			codeHelp: "'10' (IRPF retention) or '11' (recargo), or an older tariff code '20'–'26'",
		});
		const base = checkAmount(issues, e, 'subTotalWithHoldings', ep, 'the line base');
		const cuota = checkAmount(
			issues,
			e,
			'cuotaWithHoldings',
			ep,
			'subTotalWithHoldings × the rate',
		);
		const isWithHolding = checkBoolean(issues, e, 'isWithHolding', ep);
		const fraction = checkDecimal(issues, e, 'rateValueWithHoldings', ep, {
			maxDecimals: 6,
			min: ZERO,
			max: ONE,
			what: FRACTION_WHAT,
			floatNoise: true,
		});
		if (!id) {
			unknownKind = true;
			continue;
		}
		const tariff = WH_TARIFFS[id];
		const isRecargo = tariff ? tariff.recargo : id === WH_TYPE_RECARGO;
		let rate = fraction ? fractionToPercent(fraction) : undefined;
		if (tariff) {
			if (rate && toHundredths(rate) !== tariff.bp) {
				issues.push({
					path: `${ep}.rateValueWithHoldings`,
					message: `must be ${fractionText(tariff.bp)} for tariff '${id}' (${bpToText(tariff.bp)} %) (got ${got(e.rateValueWithHoldings)})`,
				});
			}
			rate = makeDecimal(tariff.bp, 2);
		} else if (!fraction && absent(e.rateValueWithHoldings)) {
			issues.push({
				path: `${ep}.rateValueWithHoldings`,
				message: `is required for idRateWithHoldings '${id}': ${FRACTION_WHAT} (got ${got(e.rateValueWithHoldings)})`,
				inPercent: `is required: a percent such as ${isRecargo ? '5.2' : '15'}`,
			});
		}
		if (isWithHolding !== undefined && isWithHolding === isRecargo) {
			issues.push({
				path: `${ep}.isWithHolding`,
				message: `must be ${!isRecargo} for '${id}' (${isRecargo ? 'recargo' : 'IRPF retention'}) (got ${isWithHolding})`,
			});
		}
		if (isRecargo ? recargo : retention) {
			issues.push({
				path: `${ep}.idRateWithHoldings`,
				message: `a line carries at most one ${isRecargo ? 'recargo' : 'IRPF retention'}; remove this entry (got a second '${id}')`,
			});
			continue;
		}
		// A rate that breaks a rule leaves the right amount unknown: not checked against it.
		let ok = true;
		if (isRecargo) {
			ok = recargoAllowed(issues, ep, line, rate);
			recargo = { rate: ok ? rate : undefined, cuota, ok };
		} else {
			if (rate && !tariff && !isIrpfRate(rate)) {
				issues.push({
					path: `${ep}.rateValueWithHoldings`,
					message: `must be an IRPF rate: ${IRPF_FRACTIONS} (got ${got(e.rateValueWithHoldings)})`,
					inPercent: `must be an IRPF rate: ${IRPF_PERCENTS} (got ${decimalToString(rate)})`,
				});
				ok = false;
			}
			retention = { rate: ok ? rate : undefined, cuota, ok };
		}
		if (line.net !== undefined) {
			expectCents(
				issues,
				`${ep}.subTotalWithHoldings`,
				base,
				line.net,
				'the line base (subTotal − totaldiscount)',
			);
			if (rate && ok) {
				expectCents(
					issues,
					`${ep}.cuotaWithHoldings`,
					cuota,
					lineShare(line.net, rate),
					`subTotalWithHoldings ${money(line.net)} × ${decimalToString(rate)} %, rounded to cents`,
				);
			}
		}
	}

	const expectedTotal = (entry: Entry | undefined): Cents | undefined => {
		if (!entry) return unknownKind ? undefined : 0;
		if (!entry.ok) return undefined;
		if (entry.rate && line.net !== undefined) return lineShare(line.net, entry.rate);
		return entry.cuota;
	};
	const ret = expectedTotal(retention);
	if (ret !== undefined) {
		expectCents(
			issues,
			`${path}.totalwithHoldings`,
			line.totalwithHoldings,
			ret,
			retention
				? 'the IRPF retention of the line (withHoldingsSurChargesDto)'
				: 'no IRPF retention (withHoldingsSurChargesDto has none)',
		);
	}
	const re = expectedTotal(recargo);
	if (re !== undefined) {
		expectCents(
			issues,
			`${path}.totalSurCharges`,
			line.totalSurCharges,
			re,
			recargo
				? 'the recargo of the line (withHoldingsSurChargesDto)'
				: 'no recargo (withHoldingsSurChargesDto has none)',
		);
	}
	return {
		retention: ret ?? line.totalwithHoldings,
		recargo: re ?? line.totalSurCharges,
		recargoOk: !!recargo?.ok,
		recargoRate: recargo ? recargo.rate : unknownKind ? undefined : null,
	};
}
