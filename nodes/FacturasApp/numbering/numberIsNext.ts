// Numbering → Enter It: a number typed by the user must be the next one of its series, as
// FacturasApp reports the series (GetConsecutives, read once per execution) plus what this
// execution has issued since. Numbers in a series must be correlative: a gap or a repeat is
// refused before anything is sent. A number belongs to the listed series with the longest prefix
// followed by digits only (FA2026-0005 → "FA2026-", 5), the way FacturasApp moves its counter;
// a number of no listed series is not checked.
import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FacturasAppClient } from '../transport';
import { nodeError } from './issue';
import type { SeriesInfo } from './series';
import { formatInvoiceNumber, readSeriesList } from './series';

export const checkNumberOption: INodeProperties = {
	displayName: 'Check Number Is Next',
	name: 'checkNumberIsNext',
	type: 'boolean',
	default: true,
	description:
		'Whether to refuse, before sending, an entered number that is not the next one of its series as FacturasApp counts it (GetConsecutives): a gap or a repeat. Numbers of series FacturasApp does not list are never checked.',
	displayOptions: { show: { '/numbering': ['manual'] } },
};

/** Where a number sits: the listed series it belongs to and its number in that series. */
export interface Placed {
	series: SeriesInfo;
	counter: number;
}

/** The listed series by prefix (the main list first: its entry wins a prefix listed twice). */
export function seriesIndex(list: readonly SeriesInfo[]): Map<string, SeriesInfo> {
	const index = new Map<string, SeriesInfo>();
	for (const s of list) if (!index.has(s.prefix)) index.set(s.prefix, s);
	return index;
}

/**
 * The listed series of a number: the longest prefix followed by digits only. Looked up by
 * prefix (at most 15 tries), so a long series list costs nothing per item.
 */
export function placeNumber(
	index: ReadonlyMap<string, SeriesInfo>,
	invoiceNumber: string,
): Placed | undefined {
	const digits = /\d*$/.exec(invoiceNumber)?.[0].length ?? 0;
	const shortest = invoiceNumber.length - Math.min(digits, 15);
	for (let end = invoiceNumber.length - 1; end >= shortest; end--) {
		const series = index.get(invoiceNumber.slice(0, end));
		if (series) return { series, counter: Number(invoiceNumber.slice(end)) };
	}
	return undefined;
}

/** Whether an answer names lists at all (an empty list is "no series"; an unknown shape is not). */
function hasLists(value: unknown, depth = 0): boolean {
	if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
		try {
			return hasLists(JSON.parse(value) as unknown, depth);
		} catch {
			return false;
		}
	}
	if (Array.isArray(value)) return true;
	if (typeof value !== 'object' || value === null || depth > 2) return false;
	return Object.values(value).some(
		(v) => Array.isArray(v) || (typeof v === 'object' && v !== null && hasLists(v, depth + 1)),
	);
}

const seriesName = (s: SeriesInfo) =>
	s.prefix === '' ? 'the series without prefix' : `series ${s.prefix}`;

/** Said to a created invoice's number: issued (commit) or outcome not known (hold). */
export interface NumberTicket {
	commit: () => void;
	hold: () => void;
}

const NO_TICKET: NumberTicket = { commit: () => undefined, hold: () => undefined };

const TURN_OFF =
	'Run Options → Check Number Is Next turns this check off (for a series whose counter FacturasApp does not keep).';

/**
 * One execution's view of the series counters for entered numbers: the run context (actions/run.ts)
 * holds one, so nothing of it reaches the next execution, which reads FacturasApp again.
 */
export class NumberCheck {
	private read?: Promise<{ list: SeriesInfo[]; lists: boolean }>;
	/** Last number per series: FacturasApp's, then what this execution issued. */
	private readonly last = new Map<SeriesInfo, number>();
	/** How many this execution issued per series (for the message). */
	private readonly issuedHere = new Map<SeriesInfo, number>();
	/** A number whose create has an unknown outcome: its series is not checked past it. */
	private readonly unknown = new Map<SeriesInfo, string>();
	private index?: Map<string, SeriesInfo>;

	/**
	 * Checks an entered number before it is sent. Throws (nothing sent) on a gap, a repeat, or
	 * when the check cannot be made; the ticket then says whether the invoice was issued.
	 */
	async check(
		node: INode,
		client: FacturasAppClient,
		invoiceNumber: string,
		currentNumber: unknown,
		itemIndex: number,
	): Promise<NumberTicket> {
		const fail = (message: string, description: string) =>
			new NodeOperationError(node, message, {
				itemIndex,
				description: `${description} Nothing was sent.`,
			});
		if (!this.read) {
			this.read = client.getConsecutives(itemIndex).then((value) => ({
				list: readSeriesList(value),
				lists: hasLists(value),
			}));
		}
		let read: { list: SeriesInfo[]; lists: boolean };
		try {
			read = await this.read;
		} catch (error) {
			// A log-in refused or a stopped execution is that, not a numbering problem.
			const kind = (error as { errorResponse?: { kind?: unknown } }).errorResponse?.kind;
			if (kind === 'login' || kind === 'cancelled') throw nodeError(node, error);
			throw fail(
				`Invoice ${invoiceNumber}: could not check that it is the next number of its series: ${(error as Error).message ?? String(error)}`,
				`Reading the series counters (GetConsecutives) failed, so it is not known whether ${invoiceNumber} would leave a gap or repeat a number. Run again when FacturasApp answers. ${TURN_OFF}`,
			);
		}
		if (read.list.length === 0 && !read.lists) {
			throw fail(
				`Invoice ${invoiceNumber}: could not check that it is the next number of its series: FacturasApp's series list could not be read`,
				`Its answer to GetConsecutives had no series this node could read (see it with Series → Get Many). ${TURN_OFF}`,
			);
		}
		this.index ??= seriesIndex(read.list);
		const placed = placeNumber(this.index, invoiceNumber);
		if (!placed) return this.tracking(invoiceNumber);
		const { series, counter } = placed;
		const held = this.unknown.get(series);
		if (held !== undefined) {
			throw fail(
				`Invoice ${invoiceNumber}: not checked after invoice ${held} of ${seriesName(series)}, whose outcome is not known`,
				`If ${held} was not issued, ${invoiceNumber} could leave a gap; if it was, it is fine. Check ${held} with Invoice → Get State, then run again.`,
			);
		}
		const last = this.last.get(series) ?? series.lastNumber;
		if (last === undefined) {
			throw fail(
				`Invoice ${invoiceNumber}: could not check that it is the next number of ${seriesName(series)}: FacturasApp did not give its last number`,
				`Without it the next number cannot be known (see the answer with Series → Get Many). ${TURN_OFF}`,
			);
		}
		if (typeof currentNumber === 'number' && currentNumber !== counter) {
			throw fail(
				`Invoice ${invoiceNumber}: its current number ${currentNumber} is not its number in ${seriesName(series)} (${counter})`,
				'currentNumber is the numeric part of the invoice number in its series: leave it empty (it is then taken from the number) or make them agree.',
			);
		}
		if (counter !== last + 1) {
			const expected = formatInvoiceNumber(series.prefix, last + 1, series.digits);
			const here = this.issuedHere.get(series) ?? 0;
			const lastText =
				last === 0
					? `FacturasApp has no invoice in ${seriesName(series)} yet`
					: `The last number of ${seriesName(series)} is ${formatInvoiceNumber(series.prefix, last, series.digits)} (${here > 0 ? `FacturasApp's counter and ${here} issued earlier in this run` : "FacturasApp's counter"})`;
			throw fail(
				counter > last + 1
					? `Invoice number ${invoiceNumber} would leave a gap in ${seriesName(series)}: the next number is ${expected}`
					: `Invoice number ${invoiceNumber} repeats a number already used in ${seriesName(series)}: the next number is ${expected}`,
				`${lastText}. Numbers in a series must be correlative, without gaps or repeats, or the AEAT may reject the invoice. Enter ${expected}, or use Numbering → Next in Series. ${TURN_OFF}`,
			);
		}
		return this.ticket(series, counter, invoiceNumber);
	}

	/**
	 * A number sent without the check (Next in Series, check off): once issued it still moves
	 * this execution's counter on, so a later entered number is checked against it.
	 */
	tracking(invoiceNumber: string): NumberTicket {
		const placed = this.index && placeNumber(this.index, invoiceNumber);
		return placed ? this.ticket(placed.series, placed.counter, invoiceNumber) : NO_TICKET;
	}

	private ticket(series: SeriesInfo, counter: number, invoiceNumber: string): NumberTicket {
		return {
			commit: () => {
				const last = this.last.get(series) ?? series.lastNumber ?? 0;
				if (counter > last) this.last.set(series, counter);
				this.issuedHere.set(series, (this.issuedHere.get(series) ?? 0) + 1);
			},
			hold: () => {
				this.unknown.set(series, invoiceNumber);
			},
		};
	}
}
