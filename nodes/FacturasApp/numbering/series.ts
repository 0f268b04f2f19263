// GetConsecutives (docs/facturasapp-api.md §12). The [seen] answer is
//   {"facturasDeAlta":[{"prefijo":"FACT","consecutivoActual":5,"isDefault":true}, …]}
// where consecutivoActual is the LAST number used. Whether it is ever wrapped in the envelope
// and whether other lists appear is [unknown], so the reader is tolerant: a bare array, named
// lists (facturasDeAlta first), a JSON string, a few spellings of the fields. Only fields really
// found are used, and the raw entry is always kept.
//
// This is the one reader of series for the whole package (Create's Next in Series, Series →
// Get Many, the Trigger): use readSeriesList, then findSeries / defaultSeries / nextNumberIn.
import type { IDataObject } from 'n8n-workflow';

/** One series as FacturasApp listed it. */
export interface SeriesInfo {
	/** The prefix exactly as sent (`prefijo`): "FACT", "Bill_"; "" for a series without prefix. */
	prefix: string;
	/** The last number used in the series (`consecutivoActual`); undefined when not readable. */
	lastNumber?: number;
	/** FacturasApp's own `isDefault` flag; false when absent. See defaultSeries for the choice. */
	isDefault: boolean;
	/** Zero-padding width of its numbers: max(4, digits of the last number) like the public client. */
	digits: number;
	/** The named list of the answer it came from ("facturasDeAlta"); undefined for a bare list. */
	list?: string;
	/** The entry as FacturasApp sent it. */
	raw: IDataObject;
}

/** The list of ordinary invoices' series in the seen answer. */
export const MAIN_LIST = 'facturasDeAlta';
/** The public client pads numbers to at least this many digits. */
export const MIN_DIGITS = 4;

const PREFIX_KEYS = [
	'prefijo',
	'prefix',
	'serie',
	'series',
	'seriesprefix',
	'serieprefix',
	'prefijoserie',
	'code',
	'codigo',
	'name',
];
const LAST_KEYS = [
	'consecutivoactual',
	'ultimoconsecutivo',
	'lastnumber',
	'ultimonumero',
	'lastconsecutive',
	'currentconsecutive',
	'consecutive',
	'consecutivo',
	'currentnumber',
	'number',
	'numero',
];
// Not seen anywhere; honoured only if an answer ever states a width explicitly.
const DIGIT_KEYS = ['digits', 'numberlength', 'length', 'longitud', 'digitos'];
const DEFAULT_KEYS = ['isdefault', 'default', 'pordefecto', 'predeterminada', 'espredeterminada'];

function pick(record: IDataObject, keys: string[]): unknown {
	const byKey = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
	for (const key of keys) {
		const value = byKey.get(key);
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function parsedIfJson(value: unknown): unknown {
	if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return value;
	}
}

/** Lists of entries in the answer, the main list first. `depth` allows one wrapping object. */
function listsOf(input: unknown, depth = 0): Array<{ list?: string; entries: unknown[] }> {
	const value = parsedIfJson(input);
	if (Array.isArray(value)) return [{ entries: value }];
	if (!isRecord(value)) return [];
	// An envelope handed over whole: its content is in toolObject.
	if (typeof value.isError === 'boolean' && 'toolObject' in value)
		return depth < 2 ? listsOf(value.toolObject, depth + 1) : [];
	const prefix = pick(value, PREFIX_KEYS);
	if (typeof prefix === 'string' || typeof prefix === 'number') return [{ entries: [value] }];
	const lists = Object.entries(value)
		.map(([list, v]) => ({ list, entries: parsedIfJson(v) }))
		.filter(
			(l): l is { list: string; entries: unknown[] } =>
				Array.isArray(l.entries) && l.entries.some(isRecord),
		);
	if (lists.length === 0 && depth < 2) {
		return Object.values(value).flatMap((v) => (isRecord(v) ? listsOf(v, depth + 1) : []));
	}
	const main = lists.findIndex((l) => l.list.toLowerCase() === MAIN_LIST.toLowerCase());
	if (main > 0) lists.unshift(...lists.splice(main, 1));
	return lists;
}

function readEntry(raw: IDataObject, list: string | undefined): SeriesInfo | undefined {
	const prefix = pick(raw, PREFIX_KEYS);
	if (typeof prefix !== 'string' && typeof prefix !== 'number') return undefined;
	const flag = pick(raw, DEFAULT_KEYS);
	const info: SeriesInfo = {
		prefix: String(prefix),
		isDefault:
			flag === true ||
			(typeof flag === 'string' && /^(true|1|s[ií])$/i.test(flag.trim())) ||
			flag === 1,
		digits: MIN_DIGITS,
		raw,
	};
	if (list !== undefined) info.list = list;
	const last = pick(raw, LAST_KEYS);
	let written: string | undefined;
	if (typeof last === 'number' && Number.isSafeInteger(last) && last >= 0) written = String(last);
	if (typeof last === 'string' && /^\d{1,15}$/.test(last.trim())) written = last.trim();
	if (written !== undefined) {
		info.lastNumber = Number(written);
		info.digits = Math.max(MIN_DIGITS, written.length);
	}
	const digits = pick(raw, DIGIT_KEYS);
	if (typeof digits === 'number' && Number.isInteger(digits) && digits >= 1 && digits <= 20)
		info.digits = digits;
	return info;
}

/**
 * Every series of a GetConsecutives answer (the body, or the envelope's toolObject), main list
 * first, in FacturasApp's order. Entries without a readable prefix are skipped; [] when nothing
 * can be read.
 */
export function readSeriesList(value: unknown): SeriesInfo[] {
	const out: SeriesInfo[] = [];
	for (const { list, entries } of listsOf(value)) {
		for (const entry of entries) {
			const info = isRecord(entry) ? readEntry(entry, list) : undefined;
			if (info) out.push(info);
		}
	}
	return out;
}

/** The series ordinary invoices take numbers from: the main list (or the first list there is). */
function mainSeries(list: SeriesInfo[]): SeriesInfo[] {
	const name = list.some((s) => s.list === MAIN_LIST) ? MAIN_LIST : list[0]?.list;
	return list.filter((s) => s.list === name);
}

/** The series used when none is named: the one marked isDefault, else the first (public client's rule). */
export function defaultSeries(list: SeriesInfo[]): SeriesInfo | undefined {
	const main = mainSeries(list);
	return main.find((s) => s.isDefault) ?? main[0];
}

/** The series with exactly this prefix (main list first); an empty prefix means the default series. */
export function findSeries(list: SeriesInfo[], prefix: string): SeriesInfo | undefined {
	if (prefix === '') return defaultSeries(list);
	return mainSeries(list).find((s) => s.prefix === prefix) ?? list.find((s) => s.prefix === prefix);
}

export function formatInvoiceNumber(prefix: string, number: number, digits = 0): string {
	return `${prefix}${String(number).padStart(digits, '0')}`;
}

/** The number after `last` (default: the series' last number) in this series; undefined without one. */
export function nextNumberIn(
	series: SeriesInfo,
	last = series.lastNumber,
): { invoiceNumber: string; currentNumber: number } | undefined {
	if (last === undefined) return undefined;
	const currentNumber = last + 1;
	return {
		invoiceNumber: formatInvoiceNumber(series.prefix, currentNumber, series.digits),
		currentNumber,
	};
}
