// The fiscal rules of docs/facturasapp-api.md §6, each stated once: which lines carry no tax, which
// rates each tax allows, when recargo de equivalencia applies and at what rate, which regime a
// line gets, which IRPF rates exist. The builder applies them, the validator checks them, the
// field descriptions quote them. Rates are Decimal percents (21, 5.2).
import {
	IGIC_RATES_BP,
	IPSI_MAX_BP,
	IPSI_MIN_BP,
	IRPF_RATES_BP,
	IVA_RATES_BP,
	RECARGO_RATES_BP,
	RECARGO_REGIME,
	TAX_CODE,
	ZERO_RATE_QUALIFICATIONS,
} from './codes';
import type { Decimal } from './money';
import { decimalToString, isZero, makeDecimal, toHundredths } from './money';

const bpText = (bp: number): string => decimalToString(makeDecimal(bp, 2));
const fractionText = (bp: number): string => decimalToString(makeDecimal(bp, 4));
/** 'a, b or c'. */
const orList = (items: readonly string[]): string =>
	items.length < 2
		? items.join('')
		: `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

// --- Zero rating ---------------------------------------------------------------------------

/** S2 (reverse charge), N1, N2 (not subject): rate 0 and no recargo. */
export function zeroRatingQualification(qualification: string | undefined): string | undefined {
	return qualification !== undefined && ZERO_RATE_QUALIFICATIONS.has(qualification)
		? qualification
		: undefined;
}

/** An exempt line (it has a cause) or one qualified S2/N1/N2 carries no tax: its rate is 0. */
export function isZeroRated(
	qualification: string | undefined,
	exemptCause: string | undefined,
): boolean {
	return (
		(exemptCause !== undefined && exemptCause !== '') ||
		zeroRatingQualification(qualification) !== undefined
	);
}

// --- Allowed tax rates ---------------------------------------------------------------------

const IVA_LIST = orList([...IVA_RATES_BP].map(bpText));
const IGIC_LIST = orList([...IGIC_RATES_BP].map(bpText));
const IPSI_RANGE = `${bpText(IPSI_MIN_BP)} to ${bpText(IPSI_MAX_BP)}`;

/** For the Tax Rate field's help. */
export const TAX_RATE_HELP = `IVA ${IVA_LIST}; IGIC ${IGIC_LIST}; IPSI 0, or ${IPSI_RANGE}`;

/** Issue text when the rate is not legal for the tax (by taxCode), else undefined. */
export function rateProblem(taxCode: string, rate: Decimal): string | undefined {
	const bp = toHundredths(rate);
	if (taxCode === TAX_CODE.IVA && (bp === undefined || !IVA_RATES_BP.has(bp)))
		return `must be an IVA rate: ${IVA_LIST}`;
	if (taxCode === TAX_CODE.IGIC && (bp === undefined || !IGIC_RATES_BP.has(bp)))
		return `must be an IGIC rate: ${IGIC_LIST}`;
	if (
		taxCode === TAX_CODE.IPSI &&
		(bp === undefined || (bp !== 0 && (bp < IPSI_MIN_BP || bp > IPSI_MAX_BP)))
	) {
		return `must be an IPSI rate: 0, or from ${IPSI_RANGE} with at most 2 decimals`;
	}
	return undefined;
}

// --- IRPF ----------------------------------------------------------------------------------

const IRPF_BP = [...IRPF_RATES_BP].sort((a, b) => a - b);
/** '1, 2, 7, 15 or 19' (percents) and '0.01, 0.02, …' (fractions, as withholding entries carry). */
export const IRPF_PERCENTS = orList(IRPF_BP.map(bpText));
export const IRPF_FRACTIONS = orList(IRPF_BP.map(fractionText));

export function isIrpfRate(rate: Decimal): boolean {
	const bp = toHundredths(rate);
	return bp !== undefined && IRPF_RATES_BP.has(bp);
}

// --- Recargo de equivalencia ---------------------------------------------------------------

/** The rate used when recargo is switched on without one: the first allowed for the IVA rate. */
export function defaultRecargo(ivaRate: Decimal): Decimal | undefined {
	const bp = toHundredths(ivaRate);
	const allowed = bp === undefined ? undefined : RECARGO_RATES_BP[bp];
	return allowed ? makeDecimal(allowed[0], 2) : undefined;
}

/** For the help of "Yes": '21 → 5.2, 10 → 1.4, 5 and 4 → 0.5'. */
export const DEFAULT_RECARGO_HELP = (() => {
	const byRate = new Map<number, number[]>();
	for (const [iva, allowed] of Object.entries(RECARGO_RATES_BP)) {
		byRate.set(allowed[0], [...(byRate.get(allowed[0]) ?? []), Number(iva)]);
	}
	return [...byRate.entries()]
		.map(([re, ivas]) => [re, ivas.sort((a, b) => b - a)] as const)
		.sort((a, b) => b[1][0] - a[1][0])
		.map(([re, ivas]) => `${ivas.map(bpText).join(' and ')} → ${bpText(re)}`)
		.join(', ');
})();

export interface RecargoLine {
	/** undefined when unknown. */
	taxCode?: string;
	productType?: number;
	exempt?: boolean;
	zeroQualification?: string;
	/** The line's IVA rate, when known and legal. */
	ivaRate?: Decimal;
}

export interface RecargoProblem {
	/** 'entry': the recargo should not be there; 'rate': the rate is wrong for the IVA rate. */
	on: 'entry' | 'rate';
	message: string;
}

/**
 * Why recargo (at `rate`, when known) is not allowed on this line; empty when it is (as far as
 * known). Recargo applies only to IVA goods lines that are taxed, at the rate of §6.6.
 */
export function recargoProblems(line: RecargoLine, rate: Decimal | undefined): RecargoProblem[] {
	const out: RecargoProblem[] = [];
	const entry = (message: string) => out.push({ on: 'entry', message });
	if (line.productType === 2) {
		entry(
			'recargo de equivalencia applies only to goods (productType 1); remove this entry from the service line',
		);
	}
	if (line.taxCode !== undefined && line.taxCode !== TAX_CODE.IVA) {
		entry('recargo de equivalencia exists only with IVA (taxCode 01); remove this entry');
		return out;
	}
	if (line.exempt) entry('no recargo de equivalencia on an exempt line; remove this entry');
	if (line.zeroQualification)
		entry(
			`no recargo de equivalencia on a line qualified ${line.zeroQualification}; remove this entry`,
		);
	if (line.exempt || line.zeroQualification) return out;
	const ivaBp = line.ivaRate ? toHundredths(line.ivaRate) : undefined;
	if (ivaBp === undefined) return out;
	const allowed = RECARGO_RATES_BP[ivaBp];
	if (!allowed) {
		entry(`no recargo de equivalencia on IVA ${bpText(ivaBp)} %; remove this entry`);
		return out;
	}
	const bp = rate ? toHundredths(rate) : undefined;
	if (rate && (bp === undefined || !allowed.includes(bp))) {
		const list = allowed.map((a) => `${fractionText(a)} (${bpText(a)} %)`).join(' or ');
		out.push({
			on: 'rate',
			message: `must be the recargo for IVA ${bpText(ivaBp)} %: ${list} (got ${decimalToString(rate)} %)`,
		});
	}
	return out;
}

/** A customer in recargo gets it on taxed IVA goods lines that do not opt out. */
export function recargoByDefault(line: {
	taxCode: string;
	productType: number;
	zeroRated: boolean;
	taxRate?: Decimal;
}): boolean {
	return (
		line.taxCode === TAX_CODE.IVA &&
		line.productType === 1 &&
		!line.zeroRated &&
		!!line.taxRate &&
		!isZero(line.taxRate)
	);
}

// --- Regime --------------------------------------------------------------------------------

/** The line's regime: its own, else 18 on a recargo line, else the customer's (18 → 01). */
export function regimeFor(
	lineRegime: string | undefined,
	customerRegime: string,
	hasRecargo: boolean,
): string {
	if (lineRegime !== undefined) return lineRegime;
	if (hasRecargo) return RECARGO_REGIME;
	return customerRegime === RECARGO_REGIME ? '01' : customerRegime;
}

/** A line carrying recargo must be in regime 18. */
export function recargoRegimeProblem(regime: string | undefined): string | undefined {
	if (regime === undefined)
		return "is required on a line that carries recargo: '18' (recargo de equivalencia) (got nothing)";
	if (regime !== RECARGO_REGIME) {
		return `must be '18' (recargo de equivalencia) on a line that carries recargo (got '${regime}')`;
	}
	return undefined;
}
