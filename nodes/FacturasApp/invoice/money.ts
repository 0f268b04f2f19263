// Exact decimal money. Amounts are integer cents (safe integers); prices and rates are scaled
// BigInt decimals, so 5.2 %, 1.75 % or 0.0825 € never meet binary floating point. Every rounding
// is half away from zero, as §5 asks.

/** value = units / 10^scale, normalised (no trailing fractional zeros). */
export interface Decimal {
	readonly units: bigint;
	readonly scale: number;
}

export type Cents = number;

export const ZERO: Decimal = { units: 0n, scale: 0 };
export const ONE: Decimal = { units: 1n, scale: 0 };
export const HUNDRED: Decimal = { units: 100n, scale: 0 };

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 40; i++, p *= 10n) POW10.push(p);
const pow10 = (n: number): bigint => POW10[n] ?? 10n ** BigInt(n);
const POW10_NUMBER: number[] = Array.from({ length: 16 }, (_, i) => 10 ** i);

// Compiled once: '12', '-0.5', '.5', '12.', '+3.25'. No thousands separators, no comma decimals.
const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const EXPONENT_RE = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/;

function normalise(units: bigint, scale: number): Decimal {
	while (scale > 0 && units % 10n === 0n) {
		units /= 10n;
		scale--;
	}
	return { units, scale };
}

/** No amount, rate or quantity needs more characters; longer text is refused, not parsed. */
export const MAX_NUMERIC_TEXT = 64;

function fromParts(sign: string, int: string, frac: string, exp = 0): Decimal | undefined {
	if (int.length === 0 && frac.length === 0) return undefined;
	// Drop trailing fractional zeros on the text (linear), not by BigInt division (quadratic).
	let end = frac.length;
	while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
	frac = frac.slice(0, end);
	let units = BigInt((int || '0') + frac);
	let scale = frac.length - exp;
	if (scale < 0) {
		units *= pow10(-scale);
		scale = 0;
	}
	if (sign === '-') units = -units;
	return normalise(units, scale);
}

/**
 * Parses a number (through its shortest decimal representation, so 0.1 is exactly 1/10) or a
 * '.'-decimal string. Returns undefined for anything else (NaN, '1,5', '', objects...).
 */
export function parseDecimal(value: unknown): Decimal | undefined {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return undefined;
		// Fast paths (this runs for every amount of every body): whole numbers, then plain
		// decimals, whose shortest representation never ends in a zero after the point.
		if (Number.isSafeInteger(value)) return { units: BigInt(value), scale: 0 };
		const quick = quickDecimal(value);
		if (quick) return quick;
		const text = String(value);
		const dot = text.indexOf('.');
		if (dot > 0 && text.indexOf('e') < 0) {
			return {
				units: BigInt(text.slice(0, dot) + text.slice(dot + 1)),
				scale: text.length - dot - 1,
			};
		}
		const e = EXPONENT_RE.exec(text);
		if (e) return fromParts(e[1], e[2], e[3] ?? '', Number(e[4]));
		const m = DECIMAL_RE.exec(text);
		return m ? fromParts(m[1], m[2], m[3] ?? '') : undefined;
	}
	if (typeof value === 'string') {
		if (value.length > MAX_NUMERIC_TEXT * 4) return undefined;
		const text = value.trim();
		if (text.length > MAX_NUMERIC_TEXT) return undefined;
		const m = DECIMAL_RE.exec(text);
		return m ? fromParts(m[1], m[2], m[3] ?? '') : undefined;
	}
	if (typeof value === 'bigint') return { units: value, scale: 0 };
	return undefined;
}

/** n / d rounded half away from zero; d > 0. */
export function roundDiv(n: bigint, d: bigint): bigint {
	const q = n / d;
	const r = n % d;
	const twice = (r < 0n ? -r : r) * 2n;
	if (twice >= d) return n < 0n ? q - 1n : q + 1n;
	return q;
}

/** The decimal rounded to `scale` digits, as scaled units. */
export function rescale(d: Decimal, scale: number): bigint {
	if (d.scale <= scale) return d.units * pow10(scale - d.scale);
	return roundDiv(d.units, pow10(d.scale - scale));
}

export function decimalToCents(d: Decimal): Cents {
	return Number(rescale(d, 2));
}

/** For the JSON body: the double nearest to c/100, which prints with at most 2 decimals. */
export function centsToNumber(c: Cents): number {
	return c / 100;
}

export function decimalToString(d: Decimal): string {
	const neg = d.units < 0n;
	let digits = (neg ? -d.units : d.units).toString();
	if (d.scale > 0) {
		digits = digits.padStart(d.scale + 1, '0');
		digits = `${digits.slice(0, -d.scale)}.${digits.slice(-d.scale)}`;
	}
	return neg ? `-${digits}` : digits;
}

export function decimalToNumber(d: Decimal): number {
	return Number(decimalToString(d));
}

/** Hundredths of the value (21 → 2100, 5.2 → 520) when it has at most 2 decimals. */
export function toHundredths(d: Decimal): number | undefined {
	return d.scale <= 2 ? Number(d.units * pow10(2 - d.scale)) : undefined;
}

export function compareDecimal(a: Decimal, b: Decimal): number {
	const s = Math.max(a.scale, b.scale);
	const x = a.units * pow10(s - a.scale);
	const y = b.units * pow10(s - b.scale);
	return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(d: Decimal): boolean {
	return d.units === 0n;
}

/** round(a × b) to cents, e.g. unit price × quantity. */
export function multiplyToCents(a: Decimal, b: Decimal): Cents {
	const scale = a.scale + b.scale;
	const n = Number(a.units) * Number(b.units);
	if (Number.isSafeInteger(n) && scale <= 14) {
		if (scale > 2) return roundDivSafe(n, POW10_NUMBER[scale - 2]);
		const cents = n * POW10_NUMBER[2 - scale];
		if (Number.isSafeInteger(cents)) return cents;
	}
	return Number(rescale({ units: a.units * b.units, scale }, 2));
}

/** round(cents × rate %) to cents: tax, discount, recargo, IRPF. */
export function percentOf(cents: Cents, ratePercent: Decimal): Cents {
	const units = Number(ratePercent.units);
	const n = cents * units;
	// Integer arithmetic on doubles is exact below 2^53: the common case needs no BigInt.
	if (Number.isSafeInteger(n) && ratePercent.scale <= 12)
		return roundDivSafe(n, 100 * POW10_NUMBER[ratePercent.scale]);
	return Number(roundDiv(BigInt(cents) * ratePercent.units, 100n * pow10(ratePercent.scale)));
}

/** n / d rounded half away from zero, for safe integers n and d > 0 (exact). */
function roundDivSafe(n: number, d: number): number {
	const a = Math.abs(n);
	let q = Math.floor(a / d);
	let r = a - q * d;
	// a / d may round up to the next integer in floating point: correct the quotient.
	if (r < 0) {
		q -= 1;
		r += d;
	}
	if (r * 2 >= d) q += 1;
	return n < 0 ? -q : q;
}

/** A percent as a fraction: 5.2 → 0.052 (exact). */
export function percentToFraction(ratePercent: Decimal): Decimal {
	return normalise(ratePercent.units, ratePercent.scale + 2);
}

/** cents / divisor as a decimal with at most `maxScale` digits (rounded half away). */
export function divideCents(cents: Cents, divisor: number, maxScale: number): Decimal {
	const units = roundDiv(BigInt(cents) * pow10(maxScale - 2), BigInt(divisor));
	return normalise(units, maxScale);
}

/** A fraction as a percent: 0.052 → 5.2 (exact). */
export function fractionToPercent(fraction: Decimal): Decimal {
	if (fraction.scale >= 2) return normalise(fraction.units, fraction.scale - 2);
	return { units: fraction.units * pow10(2 - fraction.scale), scale: 0 };
}

/** units / 10^scale, normalised. */
export function makeDecimal(units: bigint | number, scale: number): Decimal {
	return normalise(BigInt(units), scale);
}

/** Largest amount or price accepted (keeps every cent sum a safe integer, far above any invoice). */
export const MAX_AMOUNT: Decimal = { units: 9999999999999n, scale: 2 };

export function withinMaxAmount(d: Decimal): boolean {
	const abs = d.units < 0n ? { units: -d.units, scale: d.scale } : d;
	return compareDecimal(abs, MAX_AMOUNT) <= 0;
}

/**
 * Cents of a JSON number with at most 2 decimals, without BigInt (the validator's hot path);
 * undefined when the number has more decimals or is out of the safe range.
 */
export function numberToCents(value: number): Cents | undefined {
	const cents = Math.round(value * 100);
	// c / 100 is the double nearest to the decimal c/100: equal means the number has at most 2
	// decimals (its shortest representation is that decimal). Exact for |c| < 2^50.
	return Math.abs(cents) < 2 ** 50 && cents / 100 === value ? cents : undefined;
}

/**
 * The decimal a double stands for (its shortest representation), found without building a
 * string when it has at most 6 decimals and few digits; undefined otherwise (use the string).
 */
function quickDecimal(value: number): Decimal | undefined {
	for (let scale = 1; scale <= 6; scale++) {
		const p = POW10_NUMBER[scale];
		const units = Math.round(value * p);
		if (Math.abs(units) >= 2 ** 50) return undefined;
		if (units / p === value) return { units: BigInt(units), scale };
	}
	return undefined;
}
