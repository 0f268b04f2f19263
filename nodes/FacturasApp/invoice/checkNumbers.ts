// Number checks for the validator: decimals at the contract's scale (float noise such as
// 21.000000001 read as 21), money amounts within the largest invoice amount, cents expected
// from totals.ts.
import type { Cents, Decimal } from './money';
import {
	MAX_AMOUNT,
	ZERO,
	compareDecimal,
	decimalToCents,
	numberToCents,
	parseDecimal,
} from './money';
import type { Issues, Obj, PresenceRule } from './checks';
import { at, got, money, presence } from './checks';

const MAX_AMOUNT_NUMBER = 99999999999.99;

export interface DecimalRule extends PresenceRule {
	maxDecimals: number;
	min?: Decimal;
	max?: Decimal;
	/** e.g. 'a percentage from 0 to 100'. */
	what: string;
	/** Said instead of `what` when the value is above `max`. */
	maxHelp?: string;
	/** A JSON number a hair off a decimal of maxDecimals (1.4000000000000001, from 0.014 × 100 in
	 * a client's floats) is read as that decimal (§4: rates may carry float noise). */
	floatNoise?: boolean;
}

/** `value` rounded to `scale` decimals when it differs from that only by binary-float noise. */
function denoise(value: number, scale: number): Decimal | undefined {
	const p = 10 ** scale;
	const units = Math.round(value * p);
	if (!Number.isSafeInteger(units)) return undefined;
	return Math.abs(units / p - value) <= 1e-9 * Math.max(1, Math.abs(value))
		? parseDecimal(units / p)
		: undefined;
}

export function checkDecimal(
	issues: Issues,
	obj: Obj,
	key: string,
	base: string,
	rule: DecimalRule,
): Decimal | undefined {
	const value = obj[key];
	const path = at(base, key);
	if (!presence(issues, value, path, rule)) return undefined;
	let d = typeof value === 'number' ? parseDecimal(value) : undefined;
	if (d && rule.floatNoise && d.scale > rule.maxDecimals)
		d = denoise(value as number, rule.maxDecimals) ?? d;
	if (!d) {
		const hint =
			typeof value === 'string' && parseDecimal(value)
				? '; send it as a JSON number, not a string'
				: '';
		issues.push({ path, message: `must be a number: ${rule.what}${hint} (got ${got(value)})` });
		return undefined;
	}
	const tooBig = rule.max && compareDecimal(d, rule.max) > 0;
	if ((rule.min && compareDecimal(d, rule.min) < 0) || tooBig) {
		const what = tooBig && rule.maxHelp ? rule.maxHelp : rule.what;
		issues.push({ path, message: `must be ${what} (got ${got(value)})` });
		return undefined;
	}
	if (d.scale > rule.maxDecimals) {
		issues.push({
			path,
			message: `must have at most ${rule.maxDecimals} decimals: ${rule.what}; round it (got ${got(value)})`,
		});
		return undefined;
	}
	return d;
}

export const MAX_HELP = 'at most 99999999999.99 (no invoice amount is larger)';

/** A money amount ≥ 0 with at most 2 decimals, as cents. */
export function checkAmount(
	issues: Issues,
	obj: Obj,
	key: string,
	base: string,
	hint?: string,
): Cents | undefined {
	const value = obj[key];
	if (typeof value === 'number' && value >= 0 && value <= MAX_AMOUNT_NUMBER) {
		const cents = numberToCents(value);
		if (cents !== undefined) return cents;
	}
	// Anything unusual takes the exact path, which also words the issue.
	const d = checkDecimal(issues, obj, key, base, {
		required: true,
		hint,
		maxDecimals: 2,
		min: ZERO,
		max: MAX_AMOUNT,
		maxHelp: MAX_HELP,
		what: 'an amount of 0 or more with at most 2 decimals',
	});
	return d ? decimalToCents(d) : undefined;
}

/** Records a consistency issue when a declared amount differs from the expected one. */
export function expectCents(
	issues: Issues,
	path: string,
	actual: Cents | undefined,
	expected: Cents,
	why: string,
): void {
	if (actual === undefined || actual === expected) return;
	issues.push({ path, message: `must be ${money(expected)} = ${why} (got ${money(actual)})` });
}
