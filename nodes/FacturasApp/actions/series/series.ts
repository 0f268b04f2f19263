// GetConsecutives is [seen] in client code but its body is undocumented. The series list is
// read tolerantly: only fields actually found are used, and the raw entry is always kept.
import type { IDataObject } from 'n8n-workflow';

export interface SeriesInfo {
	prefix: string;
	lastNumber?: number;
	/** Zero-padding width, when the API says it or a number shows it ("0012"). */
	digits?: number;
	raw: IDataObject;
}

const PREFIX_KEYS = ['prefix', 'prefijo', 'serie', 'series', 'seriesprefix', 'serieprefix', 'code', 'codigo', 'name'];
const LAST_KEYS = ['lastnumber', 'ultimonumero', 'lastconsecutive', 'consecutive', 'consecutivo', 'currentnumber', 'number', 'numero'];
const DIGIT_KEYS = ['digits', 'numberlength', 'length', 'longitud', 'digitos'];

function pick(record: IDataObject, keys: string[]): unknown {
	const byKey = new Map(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
	for (const key of keys) {
		const value = byKey.get(key);
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

function entriesOf(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (value && typeof value === 'object') {
		const arrays = Object.values(value as IDataObject).filter(Array.isArray);
		if (arrays.length === 1) return arrays[0] as unknown[];
	}
	return [];
}

export function readSeriesList(value: unknown): SeriesInfo[] {
	const list: SeriesInfo[] = [];
	for (const entry of entriesOf(value)) {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
		const raw = entry as IDataObject;
		const prefix = pick(raw, PREFIX_KEYS);
		if (typeof prefix !== 'string' && typeof prefix !== 'number') continue;
		const info: SeriesInfo = { prefix: String(prefix), raw };
		const last = pick(raw, LAST_KEYS);
		if (typeof last === 'number' && Number.isInteger(last) && last >= 0) info.lastNumber = last;
		if (typeof last === 'string' && /^\d+$/.test(last)) {
			info.lastNumber = Number(last);
			if (last.startsWith('0')) info.digits = last.length;
		}
		const digits = pick(raw, DIGIT_KEYS);
		if (typeof digits === 'number' && Number.isInteger(digits) && digits >= 0 && digits <= 20) info.digits = digits;
		list.push(info);
	}
	return list;
}

export function formatInvoiceNumber(prefix: string, number: number, digits = 0): string {
	return `${prefix}${String(number).padStart(digits, '0')}`;
}
