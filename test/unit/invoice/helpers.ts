// Shared helpers for the invoice tests: path patches on plain JSON and a valid base body.
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

export const baseBody = (): Record<string, unknown> => structuredClone(base) as Record<string, unknown>;
