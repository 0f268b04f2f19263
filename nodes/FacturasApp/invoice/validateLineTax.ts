// products[i].taxes[0]: tax identity, legal rate, exemption and qualification. Rules come from
// rules.ts and amounts from totals.ts; a rate that breaks a rule leaves the amounts that depend
// on it unchecked, so one mistake gives one issue.
import { BODY_FIELDS } from './bodyFields';
import type { Issues, Obj } from './checks';
import { absent, checkBoolean, checkString, checkUnknownFields, got, money } from './checks';
import { checkAmount, checkDecimal, expectCents } from './checkNumbers';
import {
	EXEMPT_CODES,
	IGIC_ONLY_EXEMPT_CODES,
	QUALIFICATION_CODES,
	QUALIFICATION_HELP,
	RECARGO_TAX_NAMES,
	REGIME_CODES,
	REGIME_HELP,
	TAX_CODE,
	TAX_CODE_BY_NAME,
	TAX_CODE_HELP,
	TAX_CODES,
	TAX_NAME_BY_CODE,
} from './codes';
import type { Cents, Decimal } from './money';
import { HUNDRED, ZERO, decimalToString, isZero } from './money';
import { rateProblem, zeroRatingQualification } from './rules';
import { lineShare } from './totals';

export const CAUSE_CODES: ReadonlySet<string> = new Set(['E0', ...EXEMPT_CODES]);

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
export function resolveTaxCode(
	issues: Issues,
	path: string,
	code: string | undefined,
	name: string | undefined,
): string | undefined {
	if (name === undefined) return undefined;
	const named = TAX_CODE_BY_NAME[name];
	if (code === undefined || code === '') return named ?? TAX_CODE.other;
	const expectedName = TAX_NAME_BY_CODE[code];
	if (expectedName && name !== expectedName) {
		issues.push({
			path: `${path}.taxName`,
			message: `must be '${expectedName}' for taxCode '${code}' (got ${got(name)})`,
		});
		return undefined;
	}
	if (!expectedName && named) {
		issues.push({
			path: `${path}.taxCode`,
			message: `must be '${named}' for taxName '${name}' (got ${got(code)})`,
		});
		return undefined;
	}
	return code;
}

export function taxLabel(key: TaxKey): string {
	if (RECARGO_TAX_NAMES.has(key.name))
		return `recargo de equivalencia ${decimalToString(key.rate)} %`;
	return `${key.code === TAX_CODE.other ? `'${key.name}'` : key.name} ${decimalToString(key.rate)} %`;
}

export function checkLineTax(
	issues: Issues,
	t: Obj,
	path: string,
	line: { net?: Cents; idOperations?: string },
): TaxFacts {
	checkUnknownFields(issues, t, BODY_FIELDS.tax, path);
	const { name, codeIn, rate } = checkTaxNameCodeRate(
		issues,
		t,
		path,
		"'IVA', 'IGIC', 'IPSI' or the name of another tax",
	);
	const taxBase = checkAmount(issues, t, 'taxBase', path, 'the net base of the line');
	const valueTax = checkAmount(issues, t, 'valueTax', path, 'taxBase × rate');
	const exemptFlag = checkBoolean(issues, t, 'isExemptOperation', path);
	const qualification = checkString(issues, t, 'qualificationOperation', path, {
		codes: QUALIFICATION_CODES,
		codeHelp: QUALIFICATION_HELP,
	});
	checkString(issues, t, 'regime', path, { codes: REGIME_CODES, codeHelp: REGIME_HELP });
	const cause = checkString(issues, t, 'idExento', path, {
		codes: CAUSE_CODES,
		codeHelp: 'an exemption cause E1–E8 (E0 or empty when not exempt)',
	});

	let code: string | undefined;
	if (name !== undefined && RECARGO_TAX_NAMES.has(name)) {
		issues.push({
			path: `${path}.taxName`,
			message: `must not be '${name}': recargo de equivalencia goes in withHoldingsSurChargesDto, not in taxes (got ${got(name)})`,
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
			issues.push({
				path: `${path}.rate`,
				message: `must be 0 on an exempt line (isExemptOperation true); remove the exemption or the rate (got ${got(t.rate)})`,
			});
			rateOk = false;
		}
		if (!realCause && (cause !== undefined || absent(t.idExento))) {
			issues.push({
				path: `${path}.idExento`,
				message: `is required on an exempt line: the exemption cause E1–E8 (got ${got(t.idExento)})`,
			});
		}
		if (
			realCause &&
			IGIC_ONLY_EXEMPT_CODES.has(realCause) &&
			code !== undefined &&
			code !== TAX_CODE.IGIC
		) {
			issues.push({
				path: `${path}.idExento`,
				message: `is an IGIC-only cause; use E1–E6 for this tax (got ${got(realCause)})`,
			});
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

	const zeroQualification = exempt
		? undefined
		: zeroRatingQualification(qualification || line.idOperations);
	if (zeroQualification && rate && !isZero(rate)) {
		rateOk = false;
		issues.push({
			path: `${path}.rate`,
			message: `must be 0 for qualification ${zeroQualification}: S2 (reverse charge), N1 and N2 (not subject) lines carry no tax (got ${got(t.rate)})`,
		});
	}

	if (line.net !== undefined) {
		expectCents(
			issues,
			`${path}.taxBase`,
			taxBase,
			line.net,
			'the line base (subTotal − totaldiscount)',
		);
		if (rate && rateOk) {
			expectCents(
				issues,
				`${path}.valueTax`,
				valueTax,
				lineShare(line.net, rate),
				`taxBase ${money(line.net)} × ${decimalToString(rate)} %, rounded to cents`,
			);
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

/** taxName, taxCode and rate: checked alike on a line's tax and on a tax summary row. */
export function checkTaxNameCodeRate(
	issues: Issues,
	obj: Obj,
	path: string,
	nameHint: string,
): { name?: string; codeIn?: string; rate?: Decimal } {
	const name = checkString(issues, obj, 'taxName', path, {
		required: true,
		nonEmpty: true,
		max: 50,
		hint: nameHint,
	});
	const codeIn = checkString(issues, obj, 'taxCode', path, {
		codes: TAX_CODES,
		codeHelp: TAX_CODE_HELP,
	});
	const rate = checkDecimal(issues, obj, 'rate', path, {
		required: true,
		maxDecimals: 4,
		min: ZERO,
		max: HUNDRED,
		what: RATE_WHAT,
		floatNoise: true,
	});
	return { name, codeIn, rate };
}
