// Field-level checks for the validator: each records an issue (path + what is wrong and what to
// do, quoting the bad value) and returns the usable value, or undefined.
import type { Cents } from './money';

export interface ValidationIssue {
	path: string;
	message: string;
	/** The message with the body's fractions shown as the percents a form asks for. */
	inPercent?: string;
}

export type Issues = ValidationIssue[];
export type Obj = Record<string, unknown>;

export const INT32_MAX = 2147483647;

export const isRecord = (v: unknown): v is Obj =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
export const at = (base: string, key: string): string => (base ? `${base}.${key}` : key);
export const absent = (v: unknown): boolean => v === undefined || v === null;

/** The value as the message quotes it. */
export function got(v: unknown): string {
	if (v === undefined) return 'nothing';
	if (v === null) return 'null';
	if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) return `an array of ${v.length}`;
	return 'an object';
}

/** Cents as the messages print them: 1071.25, -3.10. */
export function money(c: Cents): string {
	const sign = c < 0 ? '-' : '';
	const a = Math.abs(c);
	return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export interface FieldSet {
	names: ReadonlySet<string>;
	byLowerCase: ReadonlyMap<string, string>;
}

/** `aliases`: lower-case misspellings people make, mapped to the API's spelling. */
export const fieldSet = (
	names: readonly string[],
	aliases: Record<string, string> = {},
): FieldSet => ({
	names: new Set(names),
	byLowerCase: new Map([
		...Object.entries(aliases),
		...names.map((n): [string, string] => [n.toLowerCase(), n]),
	]),
});

/** The API declares additionalProperties: false at every level. */
export function checkUnknownFields(issues: Issues, obj: Obj, fields: FieldSet, path: string): void {
	for (const key of Object.keys(obj)) {
		if (fields.names.has(key)) continue;
		const spelled = fields.byLowerCase.get(key.toLowerCase());
		issues.push({
			path: at(path, key),
			message: spelled
				? `unknown field: the API spells it '${spelled}' (exact spelling and casing matter); rename it`
				: 'unknown field: the API rejects fields it does not declare; remove it',
		});
	}
}

export interface PresenceRule {
	/** Missing or null is an issue. */
	required?: boolean;
	/** What the field is, for the "is required" message. */
	hint?: string;
}

export function presence(
	issues: Issues,
	value: unknown,
	path: string,
	rule: PresenceRule,
): boolean {
	if (!absent(value)) return true;
	if (rule.required) {
		issues.push({
			path,
			message: `is required${rule.hint ? `: ${rule.hint}` : ''} (got ${got(value)})`,
		});
	}
	return false;
}

export interface StringRule extends PresenceRule {
	max?: number;
	nonEmpty?: boolean;
	codes?: ReadonlySet<string>;
	/** Shown with `codes`: "one of S1 (…), …". */
	codeHelp?: string;
	pattern?: RegExp;
	patternHelp?: string;
}

export function checkString(
	issues: Issues,
	obj: Obj,
	key: string,
	base: string,
	rule: StringRule,
): string | undefined {
	const value = obj[key];
	const path = at(base, key);
	if (!presence(issues, value, path, rule)) return undefined;
	if (typeof value !== 'string') {
		issues.push({
			path,
			message: `must be a string${rule.hint ? ` (${rule.hint})` : ''} (got ${got(value)})`,
		});
		return undefined;
	}
	if (rule.codes) {
		if (rule.codes.has(value)) return value;
		if (value === '' && !rule.required && !rule.nonEmpty) return value;
		const list = rule.codeHelp ?? [...rule.codes].join(', ');
		issues.push({ path, message: `must be one of ${list} (got ${got(value)})` });
		return undefined;
	}
	if (rule.nonEmpty && value.trim() === '') {
		issues.push({
			path,
			message: `must not be empty${rule.hint ? `: ${rule.hint}` : ''} (got ${got(value)})`,
		});
		return undefined;
	}
	if (rule.max !== undefined && value.length > rule.max) {
		issues.push({
			path,
			message: `must be at most ${rule.max} characters; shorten it (got ${value.length}: ${got(value)})`,
		});
		return undefined;
	}
	if (rule.pattern && value !== '' && !rule.pattern.test(value)) {
		issues.push({ path, message: `must be ${rule.patternHelp} (got ${got(value)})` });
		return undefined;
	}
	return value;
}

export function checkBoolean(
	issues: Issues,
	obj: Obj,
	key: string,
	base: string,
	rule: PresenceRule = {},
): boolean | undefined {
	const value = obj[key];
	const path = at(base, key);
	if (!presence(issues, value, path, rule)) return undefined;
	if (typeof value !== 'boolean') {
		issues.push({ path, message: `must be true or false (got ${got(value)})` });
		return undefined;
	}
	return value;
}

export interface IntegerRule extends PresenceRule {
	min: number;
	max: number;
	help?: string;
}

export function checkInteger(
	issues: Issues,
	obj: Obj,
	key: string,
	base: string,
	rule: IntegerRule,
): number | undefined {
	const value = obj[key];
	const path = at(base, key);
	if (!presence(issues, value, path, rule)) return undefined;
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < rule.min ||
		value > rule.max
	) {
		issues.push({
			path,
			message: `must be a whole number from ${rule.min} to ${rule.max} (got ${got(value)})${rule.help ? `; ${rule.help}` : ''}`,
		});
		return undefined;
	}
	return value;
}

export function checkArray(
	issues: Issues,
	obj: Obj,
	key: string,
	base: string,
	rule: PresenceRule & { max?: number; min?: number },
): unknown[] | undefined {
	const value = obj[key];
	const path = at(base, key);
	if (!presence(issues, value, path, rule)) return undefined;
	if (!Array.isArray(value)) {
		issues.push({
			path,
			message: `must be an array${rule.hint ? ` (${rule.hint})` : ''} (got ${got(value)})`,
		});
		return undefined;
	}
	if (rule.min !== undefined && value.length < rule.min) {
		issues.push({
			path,
			message: `must have at least ${rule.min} element${rule.min === 1 ? '' : 's'}${rule.hint ? ` (${rule.hint})` : ''} (got ${value.length})`,
		});
	} else if (rule.max !== undefined && value.length > rule.max) {
		issues.push({
			path,
			message: `must have at most ${rule.max} element${rule.max === 1 ? '' : 's'}${rule.hint ? ` (${rule.hint})` : ''} (got ${value.length})`,
		});
	}
	return value;
}

/** Each element must be an object; returns [index, object] pairs for the usable ones. */
export function objectsOf(
	issues: Issues,
	list: unknown[],
	path: string,
	what: string,
): Array<[number, Obj]> {
	const out: Array<[number, Obj]> = [];
	list.forEach((v, i) => {
		if (isRecord(v)) out.push([i, v]);
		else
			issues.push({
				path: `${path}[${i}]`,
				message: `must be an object (${what}) (got ${got(v)})`,
			});
	});
	return out;
}
