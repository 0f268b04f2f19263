// The log-in answer read (docs/facturasapp-api.md §2): the live service answers `["<key>"]`, older
// notes show a bare JSON string or plain text. What is not a key is described without showing it.
import type { Envelope } from './envelope';
import { envelopeMessage, errorReportMessage, parseBody } from './envelope';

/**
 * What a plausible key looks like: 16–4096 characters of letters, digits and . _ ~ + / = : -,
 * with a digit or one of those symbols unless it is at least 32 characters long. Words such as
 * "Unauthorized" or "Maintenance" are not keys.
 */
const KEY_CHARS = /^[A-Za-z0-9._~+/=:-]{16,4096}$/;
export function isPlausibleKey(text: string): boolean {
	return KEY_CHARS.test(text) && (/[0-9._~+/=:-]/.test(text) || text.length >= 32);
}

export type LoginParse = { ok: true; apiKey: string } | { ok: false; problem: string };

/** Text that may be quoted in a message: it cannot be a key (it has spaces, or is a short word). */
function quotable(text: string): string | undefined {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length === 0 || flat.length > 200) return undefined;
	if (/\s/.test(flat) || /^[A-Za-z][A-Za-z' -]{0,30}$/.test(flat)) return flat;
	return undefined;
}

export function parseLoginBody(text: string): LoginParse {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') return { ok: false, problem: 'an empty body' };
	let candidate: unknown = trimmed;
	if (trimmed.startsWith('[') || trimmed.startsWith('"') || trimmed.startsWith('{')) {
		try {
			candidate = JSON.parse(trimmed);
		} catch {
			// Never quoted: a body cut mid-way may hold most of a key.
			return {
				ok: false,
				problem: `a body that is not valid JSON (${trimmed.length} characters, perhaps cut off)`,
			};
		}
	}
	if (Array.isArray(candidate)) {
		if (candidate.length !== 1)
			return {
				ok: false,
				problem: `a JSON array with ${candidate.length} elements instead of one key`,
			};
		candidate = candidate[0];
	}
	if (candidate && typeof candidate === 'object') {
		const record = candidate as Record<string, unknown>;
		const reason =
			typeof record.isError === 'boolean' && record.isError
				? envelopeMessage(record as unknown as Envelope)
				: (errorReportMessage(record) ?? envelopeMessage(record as unknown as Envelope));
		return {
			ok: false,
			problem:
				reason === 'no message given'
					? 'a JSON object of type object without a message'
					: `a refusal: "${reason}"`,
		};
	}
	if (typeof candidate !== 'string') {
		return {
			ok: false,
			problem: `JSON of type ${candidate === null ? 'null' : typeof candidate} instead of a key`,
		};
	}
	const apiKey = candidate.trim();
	if (!isPlausibleKey(apiKey)) {
		const shown = quotable(apiKey);
		// Otherwise do not show it: if it is a key in an odd format, it is still a secret.
		return {
			ok: false,
			problem:
				shown !== undefined
					? `text that is not an API key: "${shown}"`
					: `text that does not look like an API key (${apiKey.length} characters)`,
		};
	}
	return { ok: true, apiKey };
}

/** An error body in words: its message when it has one, else only its length. */
export function describeLoginBody(text: string): string {
	const parsed = parseBody(text);
	if (parsed.kind === 'empty') return 'an empty body';
	if (parsed.kind === 'envelope') return `"${envelopeMessage(parsed.envelope)}"`;
	if (parsed.kind === 'json') {
		const message =
			errorReportMessage(parsed.value) ??
			(parsed.value && typeof parsed.value === 'object'
				? envelopeMessage(parsed.value as never)
				: undefined);
		if (message && message !== 'no message given') return `"${message}"`;
	}
	if (parsed.kind === 'text') {
		const shown = quotable(parsed.text.replace(/<[^>]*>/g, ' '));
		if (shown !== undefined) return `"${shown}"`;
	}
	return `${text.length} characters`;
}
