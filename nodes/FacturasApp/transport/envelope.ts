import { redact, Redactor } from './redact';

// FacturasApp's "ResponseTools" envelope (docs/facturasapp-api.md §3):
// { id, messages, isError, toolObject }. Business errors arrive as HTTP 200 with isError: true.

export interface Envelope {
	id?: number | string | null;
	/** A string in every answer seen; envelopeMessage also reads arrays, objects and numbers. */
	messages?: string | null;
	isError: boolean;
	toolObject?: unknown;
}

export type ParsedBody =
	| { kind: 'envelope'; envelope: Envelope }
	| { kind: 'json'; value: unknown }
	| { kind: 'text'; text: string }
	| { kind: 'empty' };

/** The envelope with isError as a boolean; "true"/"false" as strings are read too (seen quoted). */
function asEnvelope(value: unknown): Envelope | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	const flag = (value as { isError?: unknown }).isError;
	if (typeof flag === 'boolean') return value as Envelope;
	const text = typeof flag === 'string' ? flag.trim().toLowerCase() : '';
	return text === 'true' || text === 'false'
		? { ...(value as Envelope), isError: text === 'true' }
		: undefined;
}

/** Parses without trusting the content type: the API is known to mislabel bodies. */
export function parseBody(body: Buffer | string): ParsedBody {
	const text = (typeof body === 'string' ? body : body.toString('utf8')).replace(/^\uFEFF/, '');
	if (text.trim() === '') return { kind: 'empty' };
	try {
		const value = JSON.parse(text) as unknown;
		const envelope = asEnvelope(value);
		return envelope ? { kind: 'envelope', envelope } : { kind: 'json', value };
	} catch {
		return { kind: 'text', text };
	}
}

/** What the user sees as "raw": the parsed JSON when there is some, else the text. */
export function rawOf(parsed: ParsedBody): unknown {
	switch (parsed.kind) {
		case 'envelope':
			return parsed.envelope;
		case 'json':
			return parsed.value;
		case 'text':
			return parsed.text;
		default:
			return null;
	}
}

const MESSAGE_KEYS = [
	'messages',
	'message',
	'exception',
	'error',
	'errors',
	'errorMessage',
	'detail',
	'title',
	'description',
	'mensaje',
];
const MAX_MESSAGE = 1000;
const AEAT_FIELDS = [
	'estadoregistro',
	'codigoerrorregistro',
	'descripcionerrorregistro',
	'csv',
	'aeatcode',
	'aeatstate',
];

/** Any message as text: strings, numbers, arrays of them, objects with a message-like field. */
export function messageText(value: unknown, depth = 0): string {
	if (value === null || value === undefined || depth > 4) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		return value
			.map((v) => messageText(v, depth + 1))
			.filter(Boolean)
			.join('; ');
	}
	if (typeof value === 'object') {
		const record = value as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			if (
				MESSAGE_KEYS.includes(key) ||
				MESSAGE_KEYS.some((k) => k.toLowerCase() === key.toLowerCase())
			) {
				const text = messageText(record[key], depth + 1);
				if (text) return text;
			}
		}
		const json = JSON.stringify(value);
		return json === '{}' ? '' : json;
	}
	return '';
}

/** Shortens a message for display. Call it only on redacted text (a cut could split a secret). */
export function clip(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}

/** The reason an isError envelope gives, wherever it put it. */
export function envelopeMessage(envelope: Envelope): string {
	const record = envelope as unknown as Record<string, unknown>;
	for (const key of ['messages', 'message', 'exception', 'error', 'errors']) {
		const text = messageText(record[key]);
		if (text) return text;
	}
	const tool = envelope.toolObject;
	const fromTool = typeof tool === 'string' ? tool.trim() : messageText(tool);
	return fromTool || 'no message given';
}

/**
 * A JSON answer that is an error report rather than data: {"status":"error","message":...},
 * {"exception":...}, {"success":false,...}. Returns its message, or undefined for data.
 */
export function errorReportMessage(value: unknown): string | undefined {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
	const record = value as Record<string, unknown>;
	const lower = Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
	// A record with the AEAT's own fields is a state, even if a field says "error".
	if (AEAT_FIELDS.some((k) => k in lower)) return undefined;
	const status = typeof lower.status === 'string' ? lower.status.trim().toLowerCase() : undefined;
	const flagged =
		(status !== undefined && ['error', 'fail', 'failed', 'failure', 'ko'].includes(status)) ||
		lower.success === false ||
		lower.iserror === true ||
		lower.exception !== undefined ||
		(typeof lower.status === 'number' &&
			lower.status >= 400 &&
			(lower.title !== undefined || lower.message !== undefined));
	if (!flagged) return undefined;
	const { status: _status, success: _success, ...rest } = lower;
	return messageText(rest) || 'no message given';
}

/** Describes a body without ever echoing it whole: it may hold a key or be a large HTML page. */
export function describeBody(text: string, secrets: readonly string[] | Redactor = []): string {
	if (text.trim() === '') return 'an empty body';
	// Redact before cutting, so a secret straddling the cut cannot leak half-way.
	const flat = text.trim().replace(/\s+/g, ' ');
	const redacted = secrets instanceof Redactor ? secrets.text(flat) : redact(flat, secrets);
	const snippet = redacted.slice(0, 80);
	return `${text.length} characters starting with "${snippet}"`;
}
