// GetConsecutives (facturasapp-api.md §12). Default answer: exactly the [seen] shape
//   {"facturasDeAlta":[{"prefijo":"FACT","consecutivoActual":5,"isDefault":true}, …]}
// with consecutivoActual the last number used, updated when an invoice is stored ("the API
// updates its consecutivoActual on successful creation"). The [unknown] forms are options.
import type { ConsecutivesForm, SeriesSeed } from './types';

export interface SeriesState {
	prefix: string;
	lastNumber: number;
	isDefault: boolean;
}

/** The seen entry, field names and order as in the contract. */
export interface SeenSeriesEntry {
	prefijo: string;
	consecutivoActual: number;
	isDefault: boolean;
}

export function seedSeries(seeds: SeriesSeed[]): SeriesState[] {
	return seeds.map((s) => ({
		prefix: s.prefix,
		lastNumber: s.lastNumber,
		isDefault: s.isDefault ?? false,
	}));
}

/** The known series of a number: the longest prefix followed by digits only. */
function seriesOf(series: SeriesState[], invoiceNumber: string): SeriesState | undefined {
	return series
		.filter(
			(s) =>
				invoiceNumber.startsWith(s.prefix) && /^\d+$/.test(invoiceNumber.slice(s.prefix.length)),
		)
		.sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

/** For numberCheck 'sequence': the number its series expects next (public client's padding), if known. */
export function expectedNext(
	series: SeriesState[],
	invoiceNumber: string,
): { prefix: string; number: number; invoiceNumber: string } | undefined {
	const s = seriesOf(series, invoiceNumber);
	if (!s) return undefined;
	const number = s.lastNumber + 1;
	return {
		prefix: s.prefix,
		number,
		invoiceNumber:
			s.prefix + String(number).padStart(Math.max(4, String(s.lastNumber).length), '0'),
	};
}

/**
 * Moves the series counter on for a stored number: the longest known prefix followed by digits
 * only; otherwise prefix + trailing digits starts a series of its own (not default).
 */
export function recordNumber(series: SeriesState[], invoiceNumber: string): void {
	const known = seriesOf(series, invoiceNumber);
	if (known) {
		known.lastNumber = Math.max(known.lastNumber, Number(invoiceNumber.slice(known.prefix.length)));
		return;
	}
	const m = /^(.*?)(\d+)$/.exec(invoiceNumber);
	if (!m) return;
	series.push({ prefix: m[1], lastNumber: Number(m[2]), isDefault: false });
}

const entry = (s: SeriesState): SeenSeriesEntry => ({
	prefijo: s.prefix,
	consecutivoActual: s.lastNumber,
	isDefault: s.isDefault,
});

/** The answer body for the configured form. */
export function consecutivesAnswer(series: SeriesState[], form: ConsecutivesForm): unknown {
	const seen = { facturasDeAlta: series.map(entry) };
	switch (form) {
		case 'envelope':
			// [unknown] The seen object as the envelope's toolObject.
			return { id: 0, messages: null, isError: false, toolObject: seen };
		case 'lists':
			// [unknown] More lists than facturasDeAlta: a rectificative series with its own default flag
			// comes first, so a reader that takes "the first list" or "any default" picks the wrong one.
			return {
				facturasRectificativas: [{ prefijo: 'R', consecutivoActual: 3, isDefault: true }],
				...seen,
			};
		default:
			return seen;
	}
}
