// Where the trigger is in each series, kept in the node's static data between polls. A poll
// works on a copy and writes it back only when it succeeded, so a failed poll changes nothing.
import type { IDataObject } from 'n8n-workflow';

/** An issued invoice still waiting for the AEAT's decision (Invoice State Changed). */
export interface WatchEntry {
	invoiceNumber: string;
	series: string;
	number: number;
	/** The state word last seen (e.g. "Pendiente"). */
	status?: string;
	/** When the trigger first saw it, and when it last read its state (ms since epoch). */
	since: number;
	checkedAt: number;
}

export interface Cursor {
	version: 1;
	/** Per series prefix: the last number already handled. */
	series: Record<string, { last: number }>;
	watch: WatchEntry[];
	/** When the trigger started watching (the first activation). */
	startedAt: number;
}

const KEY = 'facturasAppCursor';

export function readCursor(staticData: IDataObject): Cursor | undefined {
	const stored = staticData[KEY] as Cursor | undefined;
	if (!stored || stored.version !== 1 || typeof stored.series !== 'object') return undefined;
	return JSON.parse(JSON.stringify(stored)) as Cursor;
}

export function writeCursor(staticData: IDataObject, cursor: Cursor): void {
	staticData[KEY] = JSON.parse(JSON.stringify(cursor)) as IDataObject;
}
