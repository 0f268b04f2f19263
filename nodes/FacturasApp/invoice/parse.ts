// Reading user input at the boundary: every number, date, time and flag is parsed once into a
// typed value, and a value that cannot be read becomes a problem phrased for the person who
// typed it ("must be a percent such as 15 (got 'quince')"), under the name they know it by.
// Business rules (which rates are legal, ranges) stay with the validator.
import type { CalendarDay, TimeOfDay } from './dates';
import { parseCalendarDay, parseTimeOfDay } from './dates';
import type { Decimal } from './money';
import { parseDecimal, withinMaxAmount } from './money';

/** Missing, null or only spaces. */
export const isBlank = (v: unknown): boolean =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The value as a problem quotes it. */
export function quote(v: unknown): string {
	if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
	if (v === null) return 'null';
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) return 'a list';
	return typeof v === 'object' ? 'an object' : typeof v;
}

export type NumberKind = 'percent' | 'amount' | 'price' | 'quantity' | 'days' | 'whole';

const EXAMPLE: Record<NumberKind, string> = {
	percent: 'a percent such as 15',
	amount: 'an amount such as 12.50',
	price: 'a price such as 12.50 or 0.0825',
	quantity: 'a number such as 2',
	days: 'a whole number of days such as 30',
	whole: 'a whole number such as 17',
};

/** 'yes'/'no', 'true'/'false', 'sí', 1/0 as well as booleans (sheet and shop data). */
function flagOf(v: unknown): boolean | undefined {
	if (typeof v === 'boolean') return v;
	if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
	if (typeof v === 'string') {
		const t = v.trim().toLowerCase();
		if (['true', 'yes', 'sí', 'si', '1'].includes(t)) return true;
		if (['false', 'no', '0'].includes(t)) return false;
	}
	return undefined;
}

/**
 * Collects the problems of one input while reading it. Each reader returns the typed value,
 * undefined when the value is blank, or undefined after recording a problem: callers build
 * nothing when `problems` is not empty.
 */
export class InputReader {
	readonly problems: string[] = [];

	constructor(readonly timeZone: string) {}

	problem(where: string, message: string): void {
		this.problems.push(`${where}: ${message}`);
	}

	/** A number: accepted as a JSON number or as '.'-decimal text ('12.5', not '12,5'). */
	number(where: string, v: unknown, kind: NumberKind, required = false): Decimal | undefined {
		if (isBlank(v)) {
			if (required) this.problem(where, `is required: ${EXAMPLE[kind]}`);
			return undefined;
		}
		const d = typeof v === 'number' || typeof v === 'string' ? parseDecimal(v) : undefined;
		if (!d) {
			const comma =
				typeof v === 'string' && /^\s*[+-]?\d*,\d+\s*$/.test(v)
					? "; write the decimals after a point ('12.5')"
					: '';
			this.problem(where, `must be ${EXAMPLE[kind]}${comma} (got ${quote(v)})`);
			return undefined;
		}
		if (kind !== 'percent' && !withinMaxAmount(d)) {
			this.problem(where, `must be at most 99999999999.99 (got ${quote(v)})`);
			return undefined;
		}
		if ((kind === 'days' || kind === 'whole') && (d.scale > 0 || d.units < 0n)) {
			this.problem(where, `must be ${EXAMPLE[kind]} (got ${quote(v)})`);
			return undefined;
		}
		return d;
	}

	flag(where: string, v: unknown): boolean | undefined {
		if (isBlank(v)) return undefined;
		const b = flagOf(v);
		if (b === undefined) this.problem(where, `must be true or false (got ${quote(v)})`);
		return b;
	}

	/** A calendar day: 'yyyy-MM-dd', an ISO date-time (its date part), 'dd-MM-yyyy', 'dd/MM/yyyy' or a Date. */
	day(where: string, v: unknown): CalendarDay | undefined {
		if (isBlank(v)) return undefined;
		const day = parseCalendarDay(v, this.timeZone);
		if (!day)
			this.problem(where, `must be a date such as 2025-03-01 or 01/03/2025 (got ${quote(v)})`);
		return day;
	}

	time(where: string, v: unknown): TimeOfDay | undefined {
		if (isBlank(v)) return undefined;
		const time = parseTimeOfDay(v);
		if (!time) this.problem(where, `must be a time such as 10:30 or 10:30:15 (got ${quote(v)})`);
		return time;
	}

	/** Text as given (trimmed); numbers and booleans become their text. Undefined when blank
	 * or not a plain value (an object has no text; the field it was for is then missing). */
	text(v: unknown): string | undefined {
		if (isBlank(v)) return undefined;
		if (typeof v === 'string') return v.trim();
		return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
			? String(v)
			: undefined;
	}
}
