// The PDFInvoice answer (docs/facturasapp-api.md §7): raw PDF bytes, or the envelope with the
// PDF as base64 in toolObject. A PDF starts with "%PDF-" and ends with "%%EOF" (possibly followed
// by a line break or padding); an answer cut off in transit, or base64 cut short, lacks the end.
import type { Envelope } from './envelope';
import { envelopeMessage, parseBody } from './envelope';
import type { Failure } from './failure';
import type { HttpResponse } from './http';
import { NOT_FOUND } from './lookUp';

// FacturasApp's wording for "not generated yet" is not documented; Spanish and English.
const NOT_READY =
	/no\s+(est[aá]|se\s+encuentra)\s+disponible|a[uú]n\s+no|todav[ií]a|not\s+(yet\s+)?ready|generando|pendiente/i;

/** A refusal that means "not ready yet" (right after a create), worth asking again. */
export function pdfNotReady(failure: Failure): boolean {
	return (
		failure.kind === 'business' &&
		(NOT_READY.test(failure.message) || NOT_FOUND.test(failure.message))
	);
}

const HEADER = '%PDF-';
const TAIL_WINDOW = 1024;
/** Smaller than the smallest PDF a viewer can open. */
const MIN_BYTES = 32;

/** Undefined for a PDF that is whole as far as its first and last bytes tell; else the problem. */
export function pdfProblem(bytes: Buffer): string | undefined {
	if (bytes.subarray(0, HEADER.length).toString('latin1') !== HEADER)
		return 'not a PDF (it does not start with %PDF-)';
	if (bytes.length < MIN_BYTES) return `only ${bytes.length} bytes long: a truncated PDF`;
	const tail = bytes.subarray(Math.max(0, bytes.length - TAIL_WINDOW)).toString('latin1');
	if (!tail.includes('%%EOF'))
		return `a truncated PDF (${bytes.length} bytes, no %%EOF at the end)`;
	return undefined;
}

/** The PDF in a PDFInvoice answer (raw bytes, or base64 in the envelope), or what is wrong with it. */
export function pdfFrom(response: HttpResponse): Buffer | Failure {
	const { body } = response;
	if (body.subarray(0, 5).toString('latin1') === '%PDF-') {
		const problem = pdfProblem(body);
		return problem
			? { kind: 'unexpected', message: `the PDF FacturasApp sent is ${problem}` }
			: body;
	}
	const parsed = parseBody(body);
	if (parsed.kind === 'envelope') {
		if (parsed.envelope.isError)
			return {
				kind: 'business',
				message: envelopeMessage(parsed.envelope),
				raw: withoutBulk(parsed.envelope),
			};
		const data = parsed.envelope.toolObject;
		if (typeof data === 'string' && data.length > 0) {
			const decoded = decodePdfBase64(data);
			if (typeof decoded === 'string')
				return {
					kind: 'unexpected',
					message: `toolObject ${decoded}`,
					raw: withoutBulk(parsed.envelope),
				};
			const problem = pdfProblem(decoded);
			if (!problem) return decoded;
			return {
				kind: 'unexpected',
				message: `toolObject decodes to ${decoded.length} bytes that are ${problem}`,
				raw: withoutBulk(parsed.envelope),
			};
		}
		return {
			kind: 'unexpected',
			message: 'the answer has no PDF in toolObject',
			raw: parsed.envelope,
		};
	}
	return {
		kind: 'unexpected',
		message: `neither a PDF nor a FacturasApp answer (${response.headers['content-type'] ?? 'no content type'})`,
		bodyText: body.subarray(0, 200).toString('utf8'),
	};
}

/** Strict base64 (a cut or corrupted string is refused, not decoded to whatever it gives). */
function decodePdfBase64(data: string): Buffer | string {
	const clean = data.replace(/^data:application\/pdf;base64,/, '').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return 'is not base64';
	if (clean.length % 4 !== 0)
		return `is base64 of a length that is not a multiple of 4 (${clean.length} characters): it was cut off`;
	return Buffer.from(clean, 'base64');
}

/** An envelope with its (possibly megabytes of) base64 replaced by its length, for error output. */
function withoutBulk(envelope: Envelope): Envelope {
	const data = envelope.toolObject;
	return typeof data === 'string' && data.length > 200
		? { ...envelope, toolObject: `<${data.length} characters>` }
		: envelope;
}
