// Shared helpers for the invoice tests: path patches on plain JSON, a valid base body, and
// building from loose input (parsed at the boundary first, as the node does).
import type { InvoiceDraft } from '../../../nodes/FacturasApp/invoice';
import { buildInvoiceBody, readInvoiceDraft } from '../../../nodes/FacturasApp/invoice';
import type { Decimal } from '../../../nodes/FacturasApp/invoice/money';
import { decimalToString } from '../../../nodes/FacturasApp/invoice/money';
import base from '../../fixtures/invalid-invoices/base.json';

type Json = unknown;
const TOKEN_RE = /([^.[\]]+)|\[(\d+)\]/g;

export function pathTokens(path: string): Array<string | number> {
	const out: Array<string | number> = [];
	for (const m of path.matchAll(TOKEN_RE)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
	return out;
}

/** Sets (or with `remove`, deletes) the value at 'a.b[2].c' in place. */
export function patch(target: Json, path: string, value: Json, remove = false): void {
	const tokens = pathTokens(path);
	let node = target as Record<string | number, Json>;
	for (const t of tokens.slice(0, -1)) node = node[t] as Record<string | number, Json>;
	const last = tokens[tokens.length - 1];
	if (!remove) node[last] = value;
	else if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
	else delete node[last];
}

export const baseBody = (): Record<string, unknown> =>
	structuredClone(base) as Record<string, unknown>;

/** readInvoiceDraft then buildInvoiceBody; a value the boundary cannot read fails the test. */
export function buildDraft(draft: InvoiceDraft) {
	const { input, problems } = readInvoiceDraft(draft);
	if (problems.length > 0) throw new Error(`unreadable input: ${problems.join('; ')}`);
	return buildInvoiceBody(input);
}

/** Parsed values made readable for assertions: every Decimal as its text ('19.99'). */
export function plain(value: unknown): any {
	if (Array.isArray(value)) return value.map(plain);
	if (typeof value !== 'object' || value === null || value instanceof Date) return value;
	const o = value as Record<string, unknown>;
	if (typeof o.units === 'bigint' && typeof o.scale === 'number')
		return decimalToString(o as unknown as Decimal);
	return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plain(v)]));
}
