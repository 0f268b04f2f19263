// Dates and times in the shapes the API wants. Calendar days are taken as written (a
// '2025-03-01T23:30:00+01:00' is 1 March), so no time zone shifts an invoice to another day.

export const DEFAULT_TIME_ZONE = 'Europe/Madrid';

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const DMY_RE = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;

export interface CalendarDay {
	year: number;
	month: number;
	day: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function validDay(year: number, month: number, day: number): CalendarDay | undefined {
	if (month < 1 || month > 12 || day < 1 || year < 1) return undefined;
	const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return day <= days ? { year, month, day } : undefined;
}

// Intl formatters are costly to create: one per zone, made on first use.
const FORMAT_OPTIONS: Intl.DateTimeFormatOptions = {
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23',
};
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		try {
			f = new Intl.DateTimeFormat('en-GB', { ...FORMAT_OPTIONS, timeZone });
		} catch {
			// Unknown zone name: fall back to Spain's (then UTC) rather than failing the invoice.
			f =
				timeZone === DEFAULT_TIME_ZONE
					? new Intl.DateTimeFormat('en-GB', { ...FORMAT_OPTIONS, timeZone: 'UTC' })
					: formatterFor(DEFAULT_TIME_ZONE);
		}
		formatters.set(timeZone, f);
	}
	return f;
}

/** Wall-clock parts of an instant in a zone. */
export function zonedParts(
	at: Date,
	timeZone: string,
): CalendarDay & { hour: number; minute: number; second: number } {
	const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
	for (const p of formatterFor(timeZone).formatToParts(at)) {
		if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
	}
	return out;
}

/** 'yyyy-MM-dd', ISO date-time (date part), 'dd-MM-yyyy', 'dd/MM/yyyy' or a Date (in the zone). */
export function parseCalendarDay(value: unknown, timeZone: string): CalendarDay | undefined {
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? undefined : zonedParts(value, timeZone);
	}
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	let m = ISO_DATE_RE.exec(text);
	if (m) return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
	m = DMY_RE.exec(text);
	if (m) return validDay(Number(m[3]), Number(m[2]), Number(m[1]));
	return undefined;
}

/** invoiceDate: noon UTC of the day. */
export function formatInvoiceDate(d: CalendarDay): string {
	return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T12:00:00.000Z`;
}

/** operationDate: dd-MM-yyyy. */
export function formatOperationDate(d: CalendarDay): string {
	return `${pad(d.day)}-${pad(d.month)}-${pad(d.year, 4)}`;
}

export interface TimeOfDay {
	hour: number;
	minute: number;
	second: number;
}

/** 'H:mm', 'HH:mm:ss' (a fraction of a second is dropped). */
export function parseTimeOfDay(value: unknown): TimeOfDay | undefined {
	if (typeof value !== 'string') return undefined;
	const m = TIME_RE.exec(value.trim());
	if (!m) return undefined;
	const t = { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? '0') };
	return t.hour > 23 || t.minute > 59 || t.second > 59 ? undefined : t;
}

/** invoiceTime as a .NET TimeSpan 'HH:mm:ss.0000000'. */
export function formatTime(hour: number, minute: number, second: number): string {
	return `${pad(hour)}:${pad(minute)}:${pad(second)}.0000000`;
}
