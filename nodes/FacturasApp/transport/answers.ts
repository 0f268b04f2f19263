// What a read's answer holds (Get State, GetConsecutives): the content, or why it is not data.
// The envelope itself is read in envelope.ts; this decides what counts as an answer.
import { errorReportMessage, parseBody, rawOf } from './envelope';
import type { Envelope } from './envelope';
import { envelopeMessage } from './envelope';
import type { Failure } from './failure';

export type Content = { content: unknown } | { failure: Failure };

/**
 * The answer's content: the envelope's toolObject when there is one, else the parsed body.
 * Only a JSON object or list is data: HTML, cut JSON, a bare word or an error report
 * ({"status":"error",...}) with HTTP 200 is an error, never a success.
 */
export function readContent(body: Buffer): Content {
	const text = body.toString('utf8');
	const parsed = parseBody(body);
	if (parsed.kind === 'envelope') {
		const envelope: Envelope = parsed.envelope;
		if (envelope.isError)
			return { failure: { kind: 'business', message: envelopeMessage(envelope), raw: envelope } };
		const content = envelope.toolObject ?? envelope;
		// Inside a well-formed envelope a text (a state word) is data; a bare text body is not.
		if (isRecordOrList(content) || (typeof content === 'string' && content.trim() !== ''))
			return { content };
		return {
			failure: {
				kind: 'unexpected',
				message: `toolObject is ${describeValue(content)}, not data`,
				raw: envelope,
			},
		};
	}
	if (parsed.kind === 'empty')
		return { failure: { kind: 'unexpected', message: 'an empty answer' } };
	if (parsed.kind === 'text') {
		const what = /^\s*</.test(text)
			? 'an HTML or XML page'
			: /^\s*[[{]/.test(text)
				? 'JSON that is cut off or broken'
				: 'text';
		return {
			failure: {
				kind: 'unexpected',
				message: `HTTP 200 with ${what} instead of JSON data`,
				bodyText: text,
			},
		};
	}
	const report = errorReportMessage(parsed.value);
	if (report !== undefined) {
		return {
			failure: {
				kind: 'unexpected',
				message: `FacturasApp reported an error: ${report}`,
				raw: parsed.value,
			},
		};
	}
	if (!isRecordOrList(parsed.value)) {
		return {
			failure: {
				kind: 'unexpected',
				message: `HTTP 200 with ${describeValue(parsed.value)} instead of JSON data`,
				bodyText: text,
			},
		};
	}
	return { content: rawOf(parsed) };
}

function isRecordOrList(value: unknown): boolean {
	return typeof value === 'object' && value !== null;
}

function describeValue(value: unknown): string {
	if (value === null || value === undefined) return 'empty';
	if (typeof value === 'string')
		return `the bare text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return `a bare ${typeof value}`;
}
