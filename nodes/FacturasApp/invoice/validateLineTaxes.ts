// The tax side of one products[i]: taxes[0] (tax identity, legal rate, exemption,
// qualification) and withHoldingsSurChargesDto (IRPF retention and recargo de equivalencia,
// newer type form '10'/'11' + rateValueWithHoldings or older tariff form '20'–'26'). Rules come
// from rules.ts and amounts from totals.ts; a value that breaks a rule leaves the amounts that
// depend on it unchecked, so one mistake gives one issue.
import type { Issues, Obj } from './checks';
import {
	absent,
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
	EXEMPT_CODES,
	IGIC_ONLY_EXEMPT_CODES,
	QUALIFICATION_CODES,
	QUALIFICATION_HELP,
	RECARGO_TAX_NAME,
	REGIME_CODES,
	REGIME_HELP,
	TAX_CODE,
	TAX_CODE_BY_NAME,
	TAX_CODE_HELP,
	TAX_CODES,
	TAX_NAME_BY_CODE,
	WH_TARIFFS,
	WH_TYPE_RECARGO,
	WH_TYPE_RETENTION,
} from './codes';
import type { Cents, Decimal } from './money';
import { HUNDRED, ONE, ZERO, decimalToString, fractionToPercent, isZero, makeDecimal, toHundredths } from './money';
import { IRPF_FRACTIONS, IRPF_PERCENTS, isIrpfRate, rateProblem, recargoProblems, zeroRatingQualification } from './rules';
import { lineShare } from './totals';

const TAX_FIELDS = fieldSet([
	'taxCode', 'taxName', 'rate', 'taxBase', 'valueTax', 'isExemptOperation', 'qualificationOperation', 'regime', 'idExento',
]);
const WH_FIELDS = fieldSet([
	'idRateWithHoldings', 'subTotalWithHoldings', 'cuotaWithHoldings', 'isWithHolding', 'rateValueWithHoldings',
]);
const WH_CODES: ReadonlySet<string> = new Set([WH_TYPE_RETENTION, WH_TYPE_RECARGO, ...Object.keys(WH_TARIFFS)]);
const CAUSE_CODES: ReadonlySet<string> = new Set(['E0', ...EXEMPT_CODES]);
const FRACTION_WHAT = 'the rate as a fraction (0.15 for 15 %, 0.052 for 5.2 %)';
const bpToText = (bp: number): string => decimalToString(makeDecimal(bp, 2));
const fractionText = (bp: number): string => decimalToString(makeDecimal(bp, 4));

export const RATE_WHAT = 'the tax rate in percent (21, not 0.21)';

export interface TaxKey {
	code: string;
	name: string;
	rate: Decimal;
}

export interface TaxFacts {
	code?: string;
	rate?: Decimal;
	/** The rate is legal for the tax, exemption and qualification: amounts follow from it. */
	rateOk: boolean;
	key?: TaxKey;
	exempt: boolean;
	cause?: string;
	/** Effective S2/N1/N2 qualification (rate 0, no recargo), if any. */
	zeroQualification?: string;
}

/** taxCode from the code and name of a tax entry or summary row; issues when they disagree. */
export function resolveTaxCode(issues: Issues, path: string, code: string | undefined, name: string | undefined): string | undefined {
	if (name === undefined) return undefined;
	const named = TAX_CODE_BY_NAME[name];
	if (code === undefined || code === '') return named ?? TAX_CODE.other;
	const expectedName = TAX_NAME_BY_CODE[code];
	if (expectedName && name !== expectedName) {
		issues.push({ path: `${path}.taxName`, message: `must be '${expectedName}' for taxCode '${code}' (got ${got(name)})` });
		return undefined;
	}
	if (!expectedName && named) {
		issues.push({ path: `${path}.taxCode`, message: `must be '${named}' for taxName '${name}' (got ${got(code)})` });
		return undefined;
	}
	return code;
}

export function taxLabel(key: TaxKey): string {
	if (key.name === RECARGO_TAX_NAME) return `recargo de equivalencia ${decimalToString(key.rate)} %`;
	return `${key.code === TAX_CODE.other ? `'${key.name}'` : key.name} ${decimalToString(key.rate)} %`;
}

export function checkLineTax(issues: Issues, t: Obj, path: string, line: { net?: Cents; idOperations?: string }): TaxFacts {
	checkUnknownFields(issues, t, TAX_FIELDS, path);
	const name = checkString(issues, t, 'taxName', path, { required: true, nonEmpty: true, max: 50, hint: "'IVA', 'IGIC', 'IPSI' or the name of another tax" });
	const codeIn = checkString(issues, t, 'taxCode', path, { codes: TAX_CODES, codeHelp: TAX_CODE_HELP });
	const rate = checkDecimal(issues, t, 'rate', path, { required: true, maxDecimals: 4, min: ZERO, max: HUNDRED, what: RATE_WHAT });
	const taxBase = checkAmount(issues, t, 'taxBase', path, 'the net base of the line');
	const valueTax = checkAmount(issues, t, 'valueTax', path, 'taxBase × rate');
	const exemptFlag = checkBoolean(issues, t, 'isExemptOperation', path);
	const qualification = checkString(issues, t, 'qualificationOperation', path, { codes: QUALIFICATION_CODES, codeHelp: QUALIFICATION_HELP });
	checkString(issues, t, 'regime', path, { codes: REGIME_CODES, codeHelp: REGIME_HELP });
	const cause = checkString(issues, t, 'idExento', path, { codes: CAUSE_CODES, codeHelp: 'an exemption cause E1–E8 (E0 or empty when not exempt)' });

	let code: string | undefined;
	if (name === RECARGO_TAX_NAME) {
		issues.push({
			path: `${path}.taxName`,
			message: "must not be 'RE': recargo de equivalencia goes in withHoldingsSurChargesDto, not in taxes (got 'RE')",
		});
	} else if (codeIn !== undefined || absent(t.taxCode)) {
		code = resolveTaxCode(issues, path, codeIn, name);
	}

	let rateOk = rate !== undefined;
	const problem = rate && code ? rateProblem(code, rate) : undefined;
	if (problem) {
		issues.push({ path: `${path}.rate`, message: `${problem} (got ${got(t.rate)})` });
		rateOk = false;
	}

	const exempt = exemptFlag === true;
	const realCause = cause !== undefined && cause !== '' && cause !== 'E0' ? cause : undefined;
	if (exempt) {
		if (rate && !isZero(rate)) {
			issues.push({ path: `${path}.rate`, message: `must be 0 on an exempt line (isExemptOperation true); remove the exemption or the rate (got ${got(t.rate)})` });
			rateOk = false;
		}
		if (!realCause && (cause !== undefined || absent(t.idExento))) {
			issues.push({ path: `${path}.idExento`, message: `is required on an exempt line: the exemption cause E1–E8 (got ${got(t.idExento)})` });
		}
		if (realCause && IGIC_ONLY_EXEMPT_CODES.has(realCause) && code !== undefined && code !== TAX_CODE.IGIC) {
			issues.push({ path: `${path}.idExento`, message: `is an IGIC-only cause; use E1–E6 for this tax (got ${got(realCause)})` });
		}
		if (qualification !== undefined && qualification !== '') {
			issues.push({
				path: `${path}.qualificationOperation`,
				message: `must be empty on an exempt line: an exempt operation carries its cause (idExento) instead (got ${got(qualification)})`,
			});
		}
	} else if (realCause) {
		issues.push({
			path: `${path}.idExento`,
			message: `is set but isExemptOperation is not true: set isExemptOperation to true for an exempt line, or remove the cause (got ${got(realCause)})`,
		});
	}

	const zeroQualification = exempt ? undefined : zeroRatingQualification(qualification || line.idOperations);
	if (zeroQualification && rate && !isZero(rate)) {
		rateOk = false;
		issues.push({
			path: `${path}.rate`,
			message: `must be 0 for qualification ${zeroQualification}: S2 (reverse charge), N1 and N2 (not subject) lines carry no tax (got ${got(t.rate)})`,
		});
	}

	if (line.net !== undefined) {
		expectCents(issues, `${path}.taxBase`, taxBase, line.net, 'the line base (subTotal − totaldiscount)');
		if (rate && rateOk) {
			expectCents(issues, `${path}.valueTax`, valueTax, lineShare(line.net, rate), `taxBase ${money(line.net)} × ${decimalToString(rate)} %, rounded to cents`);
		}
	}

	return {
		code,
		rate,
		rateOk: rateOk && code !== undefined,
		key: code && rate && rateOk && name !== undefined ? { code, name, rate } : undefined,
		exempt,
		cause: realCause,
		zeroQualification,
	};
}

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
function recargoAllowed(issues: Issues, ep: string, line: LineForWithholdings, rate: Decimal | undefined): boolean {
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
		issues.push({ path: `${ep}.${p.on === 'rate' ? 'rateValueWithHoldings' : 'idRateWithHoldings'}`, message: p.message });
	}
	return problems.length === 0;
}

export function checkWithholdings(issues: Issues, p: Obj, path: string, line: LineForWithholdings): SurchargeFacts {
	const list = checkArray(issues, p, 'withHoldingsSurChargesDto', path, { max: 2, hint: 'at most one IRPF retention and one recargo' });
	const listPath = `${path}.withHoldingsSurChargesDto`;
	let retention: Entry | undefined;
	let recargo: Entry | undefined;
	// An unreadable list or entry: the line's totals cannot be checked against it.
	let unknownKind = list === undefined && !absent(p.withHoldingsSurChargesDto);
	const entries = list ? objectsOf(issues, list, listPath, 'an IRPF retention or recargo') : [];
	if (list && entries.length !== list.length) unknownKind = true;
	for (const [i, e] of entries) {
		const ep = `${listPath}[${i}]`;
		checkUnknownFields(issues, e, WH_FIELDS, ep);
		const id = checkString(issues, e, 'idRateWithHoldings', ep, {
			required: true,
			codes: WH_CODES,
			codeHelp: "'10' (IRPF retention) or '11' (recargo), or an older tariff code '20'–'26'",
		});
		const base = checkAmount(issues, e, 'subTotalWithHoldings', ep, 'the line base');
		const cuota = checkAmount(issues, e, 'cuotaWithHoldings', ep, 'subTotalWithHoldings × the rate');
		const isWithHolding = checkBoolean(issues, e, 'isWithHolding', ep);
		const fraction = checkDecimal(issues, e, 'rateValueWithHoldings', ep, { maxDecimals: 6, min: ZERO, max: ONE, what: FRACTION_WHAT });
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
			expectCents(issues, `${ep}.subTotalWithHoldings`, base, line.net, 'the line base (subTotal − totaldiscount)');
			if (rate && ok) {
				expectCents(issues, `${ep}.cuotaWithHoldings`, cuota, lineShare(line.net, rate), `subTotalWithHoldings ${money(line.net)} × ${decimalToString(rate)} %, rounded to cents`);
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
		expectCents(issues, `${path}.totalwithHoldings`, line.totalwithHoldings, ret, retention ? 'the IRPF retention of the line (withHoldingsSurChargesDto)' : 'no IRPF retention (withHoldingsSurChargesDto has none)');
	}
	const re = expectedTotal(recargo);
	if (re !== undefined) {
		expectCents(issues, `${path}.totalSurCharges`, line.totalSurCharges, re, recargo ? 'the recargo of the line (withHoldingsSurChargesDto)' : 'no recargo (withHoldingsSurChargesDto has none)');
	}
	return {
		retention: ret ?? line.totalwithHoldings,
		recargo: re ?? line.totalSurCharges,
		recargoOk: !!recargo?.ok,
		recargoRate: recargo ? recargo.rate : unknownKind ? undefined : null,
	};
}
