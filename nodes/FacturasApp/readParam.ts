// Per-item parameter reads. n8n's getNodeParameter builds a data proxy and runs its expression
// engine for every `={{ }}` it meets (~1–2 ms of CPU per read in n8n 2.41's default engine, which
// at concurrency 20 costs more than the 20 ms round trip leaves per item). The usual per-item
// values are plain field references such as `={{ $json.number }}`: those are read here straight
// from the item, which is what n8n's `$json` resolves to. Anything else (other expressions, a
// missing field, a value that is not plain JSON) goes to getNodeParameter, so results and errors
// stay exactly n8n's.
import type { IExecuteFunctions } from 'n8n-workflow';
import { isSafeObjectProperty } from 'n8n-workflow';

/** `={{ $json.a.b }}`, `={{ $json["a b"] }}`, `={{ $json.lines[0] }}`; nothing else. */
const FIELD_REFERENCE =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:\d+|'[^'\\\n]*'|"[^"\\\n]*")\s*\])+)\s*\}\}$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[\s*(?:(\d+)|'([^'\\\n]*)'|"([^"\\\n]*)")\s*\]/g;

/** Stands for "n8n must evaluate this": never a value a read can return. */
const EVALUATE = Symbol('evaluate');
type Resolved = unknown | typeof EVALUATE;

function fieldPath(raw: string): string[] | undefined {
	const match = FIELD_REFERENCE.exec(raw);
	if (!match) return undefined;
	const path: string[] = [];
	for (const step of match[1].matchAll(STEP)) {
		const key = step[1] ?? step[2] ?? step[3] ?? step[4];
		// Names n8n's sandbox refuses (its own rule; an n8n without it gets no shortcut).
		if (typeof isSafeObjectProperty !== 'function' || !isSafeObjectProperty(key)) return undefined;
		path.push(key);
	}
	return path;
}

/** True for what n8n's cleanup and schema checks leave untouched: JSON's own values. */
function isPlainJson(value: unknown, depth = 0): boolean {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
	if (typeof value === 'number') return Number.isFinite(value);
	if (depth > 64 || typeof value !== 'object') return false;
	if (Array.isArray(value)) return value.every((v) => isPlainJson(v, depth + 1));
	const proto = Object.getPrototypeOf(value) as unknown;
	if (proto !== Object.prototype && proto !== null) return false;
	return Object.values(value as object).every((v) => isPlainJson(v, depth + 1));
}

function readField(json: unknown, path: string[]): Resolved {
	let value = json;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return EVALUATE;
		if (!Object.prototype.hasOwnProperty.call(value, key)) return EVALUATE;
		value = (value as Record<string, unknown>)[key];
	}
	// undefined, dates, class instances...: n8n decides what they become.
	return value !== undefined && isPlainJson(value) ? value : EVALUATE;
}

/** The raw parameter resolved without n8n's engine, or EVALUATE when only n8n can say. */
function resolve(raw: unknown, json: unknown, depth = 0): Resolved {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return raw;
		const path = fieldPath(raw);
		return path ? readField(json, path) : EVALUATE;
	}
	if (raw === null || typeof raw !== 'object') return raw;
	if (depth > 16) return EVALUATE;
	// A copy, as n8n returns: the node's own parameters are never handed out.
	if (Array.isArray(raw)) {
		const out: unknown[] = [];
		for (const v of raw) {
			const r = resolve(v, json, depth + 1);
			if (r === EVALUATE) return EVALUATE;
			out.push(r);
		}
		return out;
	}
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(raw)) {
		const r = resolve(v, json, depth + 1);
		if (r === EVALUATE) return EVALUATE;
		out[k] = r;
	}
	return out;
}

/** getNodeParameter for one item, with plain `$json` field references read from the item. */
export function readParam(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback?: unknown,
): unknown {
	const raw: unknown = ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
	const resolved = resolve(raw, ctx.getInputData?.()[itemIndex]?.json);
	return resolved === EVALUATE ? ctx.getNodeParameter(name, itemIndex, fallback) : resolved;
}
