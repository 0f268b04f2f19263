// Endpoint paths (docs/facturasapp-api.md §1), relative to the environment's base URL.
const INVOICE_SERVICES = '/ApiGateway/ApiExternal/Invoice/api/InvoiceServices';

export const PATHS = {
	login: '/ApiGateway/AppSecurity/ApiKey',
	addInvoice: `${INVOICE_SERVICES}/AddInvoice`,
	pdfInvoice: `${INVOICE_SERVICES}/PDFInvoice`,
	invoiceState: `${INVOICE_SERVICES}/GetInvoiceStateByNumber`,
	consecutives: `${INVOICE_SERVICES}/GetConsecutives`,
} as const;

const MAX_NUMBER_LENGTH = 50;

/**
 * Checks an invoice number before it goes into a URL. The number travels in a path segment
 * (state) and a query string (PDF): anything that could leave its segment or smuggle a second
 * path is refused here instead of being sent, and the rest is percent-encoded.
 * Returns a problem description, or undefined when the number is safe.
 */
export function invoiceNumberProblem(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') {
		return `must be text such as "FA2026-0001" (got ${value === undefined ? 'nothing' : typeof value})`;
	}
	const number = String(value);
	if (number.trim() === '')
		return 'is empty: give the full invoice number with its prefix, e.g. "FA2026-0001"';
	if (number !== number.trim()) return `has spaces at the start or end ("${number}"): remove them`;
	if (number.length > MAX_NUMBER_LENGTH) {
		return `is ${number.length} characters long; FacturasApp allows at most ${MAX_NUMBER_LENGTH}`;
	}
	const hidden = hiddenCharacterProblem(number);
	if (hidden) return hidden;
	if (/[/\\]/.test(number))
		return `contains "/" or "\\" ("${number}"), which FacturasApp numbers cannot have`;
	if (/%[0-9a-f]{2}/i.test(number)) {
		return `looks URL-encoded ("${number}"): give the number as it is printed on the invoice`;
	}
	if (number === '.' || number === '..' || number.includes('..')) {
		return `contains ".." ("${number}"), which could change the request path`;
	}
	return undefined;
}

/** U+XXXX, for naming a character the user cannot see. */
function codePoint(ch: string): string {
	return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

// Bidirectional controls reorder what is displayed (an invoice number that reads differently
// from what is stored); the rest are invisible or format characters.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE =
	/[\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u115F\u1160\u3164\uFFA0\u034F]/u;

/**
 * Text that looks like one thing and is another: broken UTF-16 (a lone surrogate cannot be
 * encoded in a URL), control, invisible and bidirectional-control characters. Shared by
 * invoice numbers and file names. Returns a problem description, or undefined.
 */
export function hiddenCharacterProblem(text: string): string | undefined {
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		if (unit >= 0xd800 && unit <= 0xdbff) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) {
				i++;
				continue;
			}
			return `contains broken text (a lone UTF-16 surrogate at position ${i + 1}), often from a cut emoji: retype it`;
		}
		if (unit >= 0xdc00 && unit <= 0xdfff) {
			return `contains broken text (a lone UTF-16 surrogate at position ${i + 1}), often from a cut emoji: retype it`;
		}
		if (unit < 0x20 || (unit >= 0x7f && unit < 0xa0))
			return 'contains control characters (such as a line break): remove them';
	}
	for (const ch of text) {
		if (BIDI.test(ch)) {
			return `contains an invisible text-direction character (${codePoint(ch)}) that makes it display differently from what it is: retype it`;
		}
		if (INVISIBLE.test(ch))
			return `contains an invisible or unusual space character (${codePoint(ch)}): retype it with plain characters`;
	}
	return undefined;
}

export function encodeInvoiceNumber(number: string): string {
	// encodeURIComponent leaves . ! ' ( ) * ~ alone; dots are safe once ".." is refused above.
	return encodeURIComponent(number);
}
