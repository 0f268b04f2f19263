// Exact decimal money. Amounts are integer cents (safe integers); prices and rates are scaled
// BigInt decimals, so 5.2 %, 1.75 % or 0.0825 € never meet binary floating point. Every rounding
// is half away from zero, as §5 asks.

/** value = units / 10^scale, normalised (no trailing fractional zeros). */
export interface Decimal {
	readonly units: bigint;
	readonly scale: number;
}

export type Cents = number;

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 40; i++, p *= 10n) POW10.push(p);
const pow10 = (n: number): bigint => POW10[n] ?? 10n ** BigInt(n);

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

function fromParts(sign: string, int: string, frac: string, exp = 0): Decimal | undefined {
	if (int.length === 0 && frac.length === 0) return undefined;
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
		const text = String(value);
		const e = EXPONENT_RE.exec(text);
		if (e) return fromParts(e[1], e[2], e[3] ?? '', Number(e[4]));
		const m = DECIMAL_RE.exec(text);
		return m ? fromParts(m[1], m[2], m[3] ?? '') : undefined;
	}
	if (typeof value === 'string') {
		const m = DECIMAL_RE.exec(value.trim());
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

export function centsToDecimal(c: Cents): Decimal {
	return normalise(BigInt(c), 2);
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
	return Number(rescale({ units: a.units * b.units, scale: a.scale + b.scale }, 2));
}

/** round(cents × rate %) to cents: tax, discount, recargo, IRPF. */
export function percentOf(cents: Cents, ratePercent: Decimal): Cents {
	return Number(roundDiv(BigInt(cents) * ratePercent.units, 100n * pow10(ratePercent.scale)));
}

/** round(cents × fraction) to cents (rates given as 0.15 rather than 15). */
export function fractionOf(cents: Cents, fraction: Decimal): Cents {
	return Number(roundDiv(BigInt(cents) * fraction.units, pow10(fraction.scale)));
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
