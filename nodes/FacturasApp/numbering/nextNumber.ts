// "Next in Series" numbering for Create: the series are read once per execution and a series'
// counter advances only when an invoice is really issued, so a refused item never leaves a gap.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FacturasAppClient } from '../transport';
import type { SeriesInfo } from './series';
import { findSeries, nextNumberIn, readSeriesList } from './series';

interface Read {
	list: SeriesInfo[];
	/** Last number issued per series in this execution (FacturasApp's, then ours). */
	last: Map<SeriesInfo, number>;
	/** Numbers whose create has an unknown outcome: their series stops there (no gap, no reuse). */
	unknown: Map<SeriesInfo, string>;
}

/**
 * What one execution knows of the series counters. The router makes one per execution (in its
 * run context), so nothing of it reaches the next execution, which must read FacturasApp again.
 */
export interface SeriesCounters {
	/** The execution's read of the series (GetConsecutives), made at the first Next in Series item. */
	read?: Read;
	/** How many of this process's issues (inProcess.ts seriesIssues) each account|series read has seen. */
	seen: Map<string, number>;
}

export const newSeriesCounters = (): SeriesCounters => ({ seen: new Map() });

export interface NextNumber {
	invoiceNumber: string;
	currentNumber: number;
	/** The series the number belongs to (the default one when no prefix was given). */
	series: SeriesInfo;
	/** Call once the invoice is issued (or found issued) to move the counter on. */
	commit: () => void;
	/** Call when it is not known whether it was issued: later items of this series fail instead. */
	hold: () => void;
}

const quoted = (prefix: string) => (prefix === '' ? '(no prefix)' : `"${prefix}"`);

/** The next number of the series `prefix` ("" = FacturasApp's default series). */
export async function nextInSeries(
	ctx: IExecuteFunctions,
	client: FacturasAppClient,
	counters: SeriesCounters,
	prefix: string,
	itemIndex: number,
	/** floor: a number known to be used already (other executions); reread: ask FacturasApp again. */
	options: { floor?: number; reread?: boolean } = {},
): Promise<NextNumber> {
	let cached = counters.read;
	if (!cached || options.reread) {
		const list = readSeriesList(await client.getConsecutives(itemIndex));
		const fresh: Read = { list, last: new Map(), unknown: new Map() };
		// FacturasApp's counter now includes what this execution issued; an unknown outcome
		// still stops its series (a fresh list is new objects: carried over by prefix).
		for (const [old, n] of cached?.unknown ?? []) {
			const same = list.find((s) => s.prefix === old.prefix);
			if (same) fresh.unknown.set(same, n);
		}
		cached = fresh;
		counters.read = cached;
	}
	const read = cached;
	const fail = (message: string, description: string) =>
		new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	const known = read.list.map((s) => quoted(s.prefix)).join(', ');
	const series = findSeries(read.list, prefix);
	if (!series) {
		if (read.list.length === 0) {
			throw fail(
				'Series: FacturasApp listed no series',
				'Its answer to GetConsecutives had no series this node could read. Run Series → Get Many to see the answer, or enter the number yourself.',
			);
		}
		throw fail(
			`Series: FacturasApp has no series "${prefix}"`,
			`Series found: ${known}. Use Series → Get Many to see them, leave Series empty for the default one, or enter the number yourself.`,
		);
	}
	const counted = read.last.get(series) ?? series.lastNumber;
	const last =
		counted !== undefined && options.floor !== undefined
			? Math.max(counted, options.floor)
			: counted;
	const next = nextNumberIn(series, last);
	if (!next) {
		throw fail(
			`Series: FacturasApp did not give the last number of series ${quoted(series.prefix)}`,
			'Without it the next number cannot be known. Run Series → Get Many to see the answer, or enter the number yourself.',
		);
	}
	const held = read.unknown.get(series);
	if (held !== undefined) {
		throw fail(
			`Series: not continued after invoice ${held}, whose outcome is not known`,
			`Taking the next number could skip ${held} (if it was not issued) or reuse it (if it was). Check it with Invoice → Get State, then run again.`,
		);
	}
	return {
		...next,
		series,
		commit: () => {
			read.last.set(series, Math.max(read.last.get(series) ?? last ?? 0, next.currentNumber));
		},
		hold: () => {
			read.unknown.set(series, next.invoiceNumber);
		},
	};
}
