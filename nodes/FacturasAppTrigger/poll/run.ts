// One poll: compare FacturasApp's series counters with the cursor, read every new number with
// Get State, re-read invoices still waiting for the AEAT, and say what changed. Pure logic over
// a reader, so the rules (no flood, no skipped number, a bounded amount of work) live here.
import type { IDataObject } from 'n8n-workflow';

import type { StateSummary } from '../../FacturasApp/transport/stateSummary';
import { summarizeState } from '../../FacturasApp/transport/stateSummary';
import type { SeriesInfo } from '../../FacturasApp/numbering/series';
import { formatInvoiceNumber, readSeriesList } from '../../FacturasApp/numbering/series';
import type { Cursor, WatchEntry } from './cursor';

export type TriggerEvent = 'invoiceIssued' | 'invoiceStateChanged';

export type StateRead = { found: true; value: unknown } | { found: false; reason: string };

export interface StateReader {
	consecutives(): Promise<unknown>;
	/** The state answer, or found: false when FacturasApp says there is no such invoice. */
	state(invoiceNumber: string): Promise<StateRead>;
}

export interface PollSettings {
	event: TriggerEvent;
	/** Series prefixes to watch; empty watches all. */
	series: string[];
	onlyRejections: boolean;
	reportGaps: boolean;
	/** At most this many state reads in one poll; the rest waits for the next poll. */
	maxReads: number;
	/** Stop starting new reads after this long (ms). */
	budgetMs: number;
}

export class PollProblem extends Error {}

export interface PollResult {
	items: IDataObject[];
	cursor: Cursor;
	/** Numbers or watched invoices left for the next poll because the cap was reached. */
	deferred: number;
}

interface Tracked {
	prefix: string;
	lastNumber: number;
	digits?: number;
}

function trackedSeries(value: unknown): Tracked[] {
	const list = readSeriesList(value).filter(
		(s): s is SeriesInfo & { lastNumber: number } => s.lastNumber !== undefined,
	);
	if (list.length === 0) {
		throw new PollProblem(
			'No series with a last number could be read from GetConsecutives: the trigger cannot tell which invoices are new',
		);
	}
	return list.map((s) => ({ prefix: s.prefix, lastNumber: s.lastNumber, digits: s.digits }));
}

function chosen(all: Tracked[], wanted: string[]): Tracked[] {
	if (wanted.length === 0) return all;
	const missing = wanted.filter((p) => !all.some((s) => s.prefix === p));
	if (missing.length > 0) {
		throw new PollProblem(
			`FacturasApp has no series ${missing.map((p) => `"${p}"`).join(', ')} (series found: ${all.map((s) => `"${s.prefix}"`).join(', ')})`,
		);
	}
	return all.filter((s) => wanted.includes(s.prefix));
}

/** The number as FacturasApp prints it (§12: padded to max(4, digits)), then the bare form. */
export function candidates(series: Tracked, n: number): string[] {
	const digits = series.digits ?? Math.max(4, String(series.lastNumber).length);
	return [
		...new Set([
			formatInvoiceNumber(series.prefix, n, digits),
			formatInvoiceNumber(series.prefix, n),
		]),
	];
}

function stateItem(
	event: TriggerEvent,
	invoiceNumber: string,
	series: string,
	number: number,
	summary: StateSummary,
	state: unknown,
): IDataObject {
	return { event, invoiceNumber, series, number, summary, state: state as IDataObject };
}

export function initialCursor(value: unknown, now: number): Cursor {
	const series: Cursor['series'] = {};
	for (const s of trackedSeries(value)) series[s.prefix] = { last: s.lastNumber };
	return { version: 1, series, watch: [], startedAt: now };
}

export async function runPoll(
	reader: StateReader,
	previous: Cursor | undefined,
	settings: PollSettings,
	now: () => number = Date.now,
): Promise<PollResult> {
	const started = now();
	const counters = await reader.consecutives();
	// First activation: start from now, no flood of old invoices.
	if (!previous) return { items: [], cursor: initialCursor(counters, started), deferred: 0 };

	const all = trackedSeries(counters);
	const watched = chosen(all, settings.series);
	const cursor: Cursor = JSON.parse(JSON.stringify(previous)) as Cursor;
	const items: IDataObject[] = [];
	let reads = 0;
	const canRead = () =>
		reads === 0 || (reads < settings.maxReads && now() - started < settings.budgetMs);
	let deferred = 0;

	// Invoices first seen in this poll were just read: their next read is due at the next poll.
	const seenNow = new Set<string>();
	for (const s of all) {
		const known = cursor.series[s.prefix];
		if (!watched.includes(s)) {
			// Not watched: keep its counter current so choosing it later starts from then.
			cursor.series[s.prefix] = { last: s.lastNumber };
			continue;
		}
		// A series created after the first activation is new from its first number.
		let last = known ? known.last : 0;
		// A counter that went back (series reset in FacturasApp): follow it, nothing to report.
		if (s.lastNumber < last) last = s.lastNumber;
		for (let n = last + 1; n <= s.lastNumber; n++) {
			if (!canRead()) {
				deferred += s.lastNumber - n + 1;
				break;
			}
			reads++;
			const read = await readFirstFound(reader, candidates(s, n));
			if (!read.found) {
				if (settings.reportGaps) {
					items.push({
						event: 'numberingGap',
						invoiceNumber: read.tried[0],
						series: s.prefix,
						number: n,
						message: `Invoice ${read.tried.join(' / ')} is not in FacturasApp although series "${s.prefix}" is at number ${s.lastNumber}: the series has a gap (${read.reason})`,
					});
				}
				last = n;
				continue;
			}
			const summary = summarizeState(read.value);
			if (settings.event === 'invoiceIssued') {
				items.push(
					stateItem('invoiceIssued', read.invoiceNumber, s.prefix, n, summary, read.value),
				);
			} else if (summary.final === true) {
				if (wanted(settings, summary))
					items.push(
						stateItem('invoiceStateChanged', read.invoiceNumber, s.prefix, n, summary, read.value),
					);
			} else {
				const at = now();
				seenNow.add(read.invoiceNumber);
				cursor.watch.push({
					invoiceNumber: read.invoiceNumber,
					series: s.prefix,
					number: n,
					status: summary.status,
					since: at,
					checkedAt: at,
				});
			}
			last = n;
		}
		cursor.series[s.prefix] = { last };
	}

	if (settings.event === 'invoiceStateChanged') {
		// Least recently checked first, so every waiting invoice gets its turn under the cap.
		const queue = [...cursor.watch].sort((a, b) => a.checkedAt - b.checkedAt);
		const done = new Set<WatchEntry>();
		for (const entry of queue) {
			if (seenNow.has(entry.invoiceNumber)) continue;
			if (!canRead()) {
				deferred++;
				continue;
			}
			reads++;
			const read = await reader.state(entry.invoiceNumber);
			if (!read.found) {
				// It was read before: an invoice cannot disappear, so keep asking rather than drop it.
				entry.checkedAt = now();
				continue;
			}
			const summary = summarizeState(read.value);
			if (summary.final === true) {
				done.add(entry);
				if (wanted(settings, summary)) {
					items.push({
						...stateItem(
							'invoiceStateChanged',
							entry.invoiceNumber,
							entry.series,
							entry.number,
							summary,
							read.value,
						),
						previousStatus: entry.status,
					});
				}
			} else {
				entry.status = summary.status;
				entry.checkedAt = now();
			}
		}
		cursor.watch = cursor.watch.filter((e) => !done.has(e));
	}
	return { items, cursor, deferred };
}

function wanted(settings: PollSettings, summary: StateSummary): boolean {
	return !settings.onlyRejections || summary.outcome === 'rejected';
}

async function readFirstFound(
	reader: StateReader,
	numbers: string[],
): Promise<
	| { found: true; invoiceNumber: string; value: unknown }
	| { found: false; tried: string[]; reason: string }
> {
	let reason = '';
	for (const invoiceNumber of numbers) {
		const read = await reader.state(invoiceNumber);
		if (read.found) return { found: true, invoiceNumber, value: read.value };
		reason = read.reason;
	}
	return { found: false, tried: numbers, reason };
}

/** "Fetch test event": the newest invoice of the watched series, as the event would emit it. */
export async function sampleItem(
	reader: StateReader,
	settings: PollSettings,
): Promise<IDataObject> {
	const watched = chosen(trackedSeries(await reader.consecutives()), settings.series).filter(
		(s) => s.lastNumber > 0,
	);
	watched.sort((a, b) => b.lastNumber - a.lastNumber);
	for (const s of watched) {
		// A few numbers back at most: a gap at the top should not hide the series.
		for (let n = s.lastNumber; n > Math.max(0, s.lastNumber - 5); n--) {
			const read = await readFirstFound(reader, candidates(s, n));
			if (!read.found) continue;
			const summary = summarizeState(read.value);
			return {
				...stateItem(settings.event, read.invoiceNumber, s.prefix, n, summary, read.value),
				sample: true,
			};
		}
	}
	throw new PollProblem(
		'There is no invoice in the watched series yet to show as a sample: issue one, then fetch again',
	);
}
