// The AEAT verification URL printed as a QR code on every VeriFactu invoice
// (docs/facturasapp-api.md §10, AEAT's "Detalle de las especificaciones técnicas del
// código QR de la factura"). One place for the rule, used wherever an invoice goes out.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

export type InvoicingMode = 'verifactu' | 'noVerifactu';

const HOSTS = {
	production: 'https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/',
	test: 'https://prewww2.aeat.es/wlpl/TIKE-CONT/',
} as const;

export interface QrInput {
	/** The issuer's NIF (9 characters). */
	nif: string;
	/** The full invoice number, series included. */
	invoiceNumber: string;
	/** Issue date: `YYYY-MM-DD` (an ISO date-time is cut to its day) or `DD-MM-YYYY`. */
	date: string;
	/** Invoice total before IRPF (sumTotalTotal), as a number or a decimal string with a point. */
	total: number | string;
	mode: InvoicingMode;
	/** Only FacturasApp's production environment registers at the real AEAT host. */
	production: boolean;
}

/** DD-MM-AAAA, or undefined when the text is no date. */
export function qrDate(value: string): string | undefined {
	const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
	if (iso) return `${iso[3]}-${iso[2]}-${iso[1]}`;
	const spanish = /^(\d{2})[-/](\d{2})[-/](\d{4})$/.exec(value);
	return spanish ? `${spanish[1]}-${spanish[2]}-${spanish[3]}` : undefined;
}

/** The amount with "." and at most 2 decimals, without trailing zeros (AEAT's example: 241.4). */
export function qrAmount(value: number | string): string | undefined {
	const text =
		typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(2) : '') : value.trim();
	const m = /^(-?)(\d{1,12})(?:\.(\d{1,2})\d*)?$/.exec(text);
	if (!m) return undefined;
	const decimals = (m[3] ?? '').replace(/0+$/, '');
	return `${m[1]}${m[2].replace(/^0+(?=\d)/, '')}${decimals ? `.${decimals}` : ''}`;
}

/** The URL, or a sentence saying which input is missing or malformed. */
export function aeatQrUrl(input: QrInput): { url: string } | { problem: string } {
	const nif = input.nif.trim().toUpperCase();
	if (!/^[A-Z0-9]{9}$/.test(nif))
		return { problem: `the issuer NIF "${input.nif}" is not 9 letters or digits` };
	const fecha = qrDate(input.date);
	if (!fecha) return { problem: `the issue date "${input.date}" is not a date` };
	const importe = qrAmount(input.total);
	if (importe === undefined)
		return { problem: `the total "${String(input.total)}" is not an amount` };
	const base = `${input.production ? HOSTS.production : HOSTS.test}${input.mode === 'verifactu' ? 'ValidarQR' : 'ValidarQRNoVerifactu'}`;
	const query = [
		['nif', nif],
		['numserie', input.invoiceNumber],
		['fecha', fecha],
		['importe', importe],
	]
		.map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
		.join('&');
	return { url: `${base}?${query}` };
}

const DATE_KEYS = [
	'invoicedate',
	'fechaexpedicionfactura',
	'fechaexpedicion',
	'fechafactura',
	'fecha',
	'issuedate',
	'date',
];
const TOTAL_KEYS = [
	'sumtotaltotal',
	'importetotal',
	'invoicetotal',
	'totalamount',
	'total',
	'importe',
];

/** Issue date and total from an answer whose shape is not documented (Get State), when present. */
export function qrFieldsOf(value: unknown): { date?: string; total?: number | string } {
	const record = Array.isArray(value) && value.length === 1 ? value[0] : value;
	if (!record || typeof record !== 'object' || Array.isArray(record)) return {};
	const byKey = new Map(
		Object.entries(record as IDataObject).map(([k, v]) => [k.toLowerCase(), v]),
	);
	const first = (keys: string[]) =>
		keys.map((k) => byKey.get(k)).find((v) => v !== undefined && v !== null && v !== '');
	let date = first(DATE_KEYS);
	let total = first(TOTAL_KEYS);
	if (date === undefined || total === undefined) {
		// A verification URL in the answer carries both (fecha, importe): read them from it.
		const fromUrl = [...byKey.values()].map(qrParamsOf).find((p) => p !== undefined);
		date ??= fromUrl?.date;
		total ??= fromUrl?.total;
	}
	return {
		...(typeof date === 'string' && { date }),
		...((typeof total === 'number' || typeof total === 'string') && { total }),
	};
}

/** fecha and importe of an AEAT verification URL (ValidarQR…), or undefined for anything else. */
function qrParamsOf(value: unknown): { date: string; total: string } | undefined {
	if (typeof value !== 'string' || !/^https:\/\/[^/?#]*\/wlpl\/TIKE-CONT\/ValidarQR/i.test(value))
		return undefined;
	const query = new URLSearchParams(value.slice(value.indexOf('?') + 1));
	const date = query.get('fecha');
	const total = query.get('importe');
	return date && total ? { date, total } : undefined;
}

export const NO_DATE_AND_TOTAL =
	"FacturasApp's state answer has no issue date and total, so the AEAT verification URL cannot be built";

/** Who issues, for the URL: from the credential (no API exposes the NIF or the invoicing mode). */
export interface QrIssuer {
	nif: string;
	mode: InvoicingMode;
	production: boolean;
}

/** The issuer, or undefined when the credential has no Issuer NIF (then no URL is built). */
export function qrIssuerOf(credentials: ICredentialDataDecryptedObject): QrIssuer | undefined {
	const nif = typeof credentials.issuerNif === 'string' ? credentials.issuerNif.trim() : '';
	if (nif === '') return undefined;
	return {
		nif,
		mode: credentials.invoicingMode === 'noVerifactu' ? 'noVerifactu' : 'verifactu',
		// Only FacturasApp's production environment registers at the real AEAT host.
		production: credentials.environment === 'production',
	};
}

/**
 * The output fields: `aeatQrUrl`, or `aeatQrUrlNote` saying why there is none (`missing`
 * explains a date or total the caller does not have).
 */
export function qrOutput(
	issuer: QrIssuer,
	invoiceNumber: string,
	date: string | undefined,
	total: number | string | undefined,
	missing: string,
): { aeatQrUrl: string } | { aeatQrUrlNote: string } {
	if (date === undefined || total === undefined) return { aeatQrUrlNote: missing };
	const built = aeatQrUrl({ ...issuer, invoiceNumber, date, total });
	return 'url' in built
		? { aeatQrUrl: built.url }
		: { aeatQrUrlNote: `No AEAT verification URL: ${built.problem}` };
}
