// Reading the answer of the recovery look-up made after a create whose answer was lost.
// Whether the invoice is sent again hangs on it, so "found" needs positive evidence that this
// number exists, and "absent" needs FacturasApp to say so. Anything else proves nothing.
import { envelopeMessage, parseBody } from './envelope';
import type { Failure } from './failure';

export type LookUp =
	| { status: 'found'; value: unknown }
	| { status: 'absent' }
	| { status: 'unknown'; reason: string };

// FacturasApp's wording for an unknown number is not documented; these cover Spanish and English.
export const NOT_FOUND =
	/no\s+(se\s+)?(ha\s+)?(encontrad|exist)|not\s+found|no\s+existe|inexistente/i;

// Keys under which a state answer may name its invoice (the real shape is unknown, §8).
const NUMBER_KEYS = [
	'invoicenumber',
	'numerofactura',
	'numfactura',
	'numseriefactura',
	'numserie',
	'number',
	'numero',
];

const same = (a: unknown, number: string) =>
	(typeof a === 'string' || typeof a === 'number') &&
	String(a).trim().toLowerCase() === number.trim().toLowerCase();

function describe(value: unknown): string {
	if (value === null || value === undefined) return 'nothing';
	if (Array.isArray(value))
		return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
	if (typeof value === 'object')
		return Object.keys(value).length === 0 ? 'an empty object' : 'an object that names no invoice';
	return `the ${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

/** The number fields of a state answer's record (the toolObject, or a one-element list of it). */
function namedNumbers(content: unknown): unknown[] {
	const record = Array.isArray(content) && content.length === 1 ? content[0] : content;
	if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
	return Object.entries(record as Record<string, unknown>)
		.filter(([key]) => NUMBER_KEYS.includes(key.toLowerCase()))
		.map(([, v]) => v);
}

/** The other invoice a state answer is about, when it names one and not this number. */
export function otherInvoiceIn(content: unknown, number: string): string | undefined {
	const named = namedNumbers(content);
	return named.length > 0 && !named.some((v) => same(v, number))
		? String(named[0]).slice(0, 50)
		: undefined;
}

/**
 * `found` when an object in the answer names this number, or when FacturasApp's envelope
 * (isError false, a positive id) carries a non-empty object naming no other number.
 */
export function judgeLookUpBody(body: Buffer | string, number: string): LookUp {
	const parsed = parseBody(body);
	if (parsed.kind === 'envelope' && parsed.envelope.isError) {
		const message = envelopeMessage(parsed.envelope);
		return NOT_FOUND.test(message)
			? { status: 'absent' }
			: { status: 'unknown', reason: `FacturasApp answered "${message}"` };
	}
	if (parsed.kind !== 'envelope' && parsed.kind !== 'json')
		return { status: 'unknown', reason: 'the answer could not be read' };
	const content = parsed.kind === 'envelope' ? parsed.envelope.toolObject : parsed.value;
	const record = Array.isArray(content) && content.length === 1 ? content[0] : content;
	const isObject = typeof record === 'object' && record !== null && !Array.isArray(record);
	const named = namedNumbers(content);
	const value = parsed.kind === 'envelope' ? parsed.envelope : parsed.value;
	if (named.some((v) => same(v, number))) return { status: 'found', value };
	if (named.length > 0) {
		return {
			status: 'unknown',
			reason: `the answer is about invoice ${String(named[0]).slice(0, 50)}, not ${number}`,
		};
	}
	const id = parsed.kind === 'envelope' ? Number(parsed.envelope.id) : NaN;
	if (isObject && Object.keys(record as object).length > 0 && id > 0)
		return { status: 'found', value };
	const what =
		parsed.kind === 'envelope' ? `an envelope with ${describe(content)}` : describe(content);
	const said =
		parsed.kind === 'envelope' && parsed.envelope.messages
			? ` ("${envelopeMessage(parsed.envelope)}")`
			: '';
	return {
		status: 'unknown',
		reason: `the answer (${what}${said}) does not show invoice ${number}`,
	};
}

/** A look-up call that failed: only FacturasApp saying "not found" proves the invoice absent. */
export function judgeLookUpFailure(failure: Failure): LookUp {
	if (
		failure.kind === 'http' &&
		failure.statusCode === 404 &&
		NOT_FOUND.test(failure.bodyText ?? '')
	)
		return { status: 'absent' };
	return { status: 'unknown', reason: failure.message };
}
