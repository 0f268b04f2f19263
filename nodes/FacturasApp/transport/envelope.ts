import { redact } from './redact';

// FacturasApp's "ResponseTools" envelope (docs/facturasapp-api.md §3):
// { id, messages, isError, toolObject }. Business errors arrive as HTTP 200 with isError: true.

export interface Envelope {
	id?: number | string | null;
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
	return text === 'true' || text === 'false' ? { ...(value as Envelope), isError: text === 'true' } : undefined;
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

export function envelopeMessage(envelope: Envelope): string {
	const text = typeof envelope.messages === 'string' ? envelope.messages.trim() : '';
	return text || 'no message given';
}

/** Describes a body without ever echoing it whole: it may hold a key or be a large HTML page. */
export function describeBody(text: string, secrets: string[] = []): string {
	if (text.trim() === '') return 'an empty body';
	// Redact before cutting, so a secret straddling the cut cannot leak half-way.
	const snippet = redact(text.trim().replace(/\s+/g, ' ').slice(0, 200), secrets).slice(0, 80);
	return `${text.length} characters starting with "${snippet}"`;
}
