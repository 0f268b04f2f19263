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
	if (number.trim() === '') return 'is empty: give the full invoice number with its prefix, e.g. "FA2026-0001"';
	if (number !== number.trim()) return `has spaces at the start or end ("${number}"): remove them`;
	if (number.length > MAX_NUMBER_LENGTH) {
		return `is ${number.length} characters long; FacturasApp allows at most ${MAX_NUMBER_LENGTH}`;
	}
	if ([...number].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return 'contains control characters (such as a line break): remove them';
	if (/[/\\]/.test(number)) return `contains "/" or "\\" ("${number}"), which FacturasApp numbers cannot have`;
	if (/%[0-9a-f]{2}/i.test(number)) {
		return `looks URL-encoded ("${number}"): give the number as it is printed on the invoice`;
	}
	if (number === '.' || number === '..' || number.includes('..')) {
		return `contains ".." ("${number}"), which could change the request path`;
	}
	return undefined;
}

export function encodeInvoiceNumber(number: string): string {
	// encodeURIComponent leaves . ! ' ( ) * ~ alone; dots are safe once ".." is refused above.
	return encodeURIComponent(number);
}
