// Spanish tax IDs (docs/facturasapp-api.md §11): the control character of a DNI/NIF, NIE, K/L/M NIF
// or CIF, each computed once here. The AEAT rejects an invoice whose Spanish recipient NIF fails
// it, and an issued invoice can only be undone by a rectifying one, so the node checks it first.

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const CIF_LETTERS = 'JABCDEFGHI';

export type SpanishIdKind = 'DNI' | 'NIE' | 'NIF K/L/M' | 'CIF';

/** Upper case, without spaces, dots or hyphens. */
export function compactTaxId(raw: string): string {
	return raw.toUpperCase().replace(/[\s.-]/g, '');
}

/** An ID in VAT form of another country (two letters other than ES, then the number). */
export function hasForeignVatPrefix(id: string): boolean {
	return /^[A-Z]{2}/.test(id) && !id.startsWith('ES');
}

function kindOf(id: string): SpanishIdKind | undefined {
	if (/^\d{8}[A-Z]$/.test(id)) return 'DNI';
	if (/^[XYZ]\d{7}[A-Z]$/.test(id)) return 'NIE';
	if (/^[KLM]\d{7}[A-Z]$/.test(id)) return 'NIF K/L/M';
	if (/^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/.test(id)) return 'CIF';
	return undefined;
}

/** The control characters allowed for `body` (the ID without its last character). */
function controlsFor(kind: SpanishIdKind, body: string): string[] {
	if (kind === 'DNI') return [DNI_LETTERS[Number(body) % 23]];
	if (kind === 'NIE')
		return [DNI_LETTERS[Number(String('XYZ'.indexOf(body[0])) + body.slice(1)) % 23]];
	if (kind === 'NIF K/L/M') return [DNI_LETTERS[Number(body.slice(1)) % 23]];
	let sum = 0;
	for (let i = 0; i < 7; i++) {
		const d = Number(body[i + 1]);
		// 1st, 3rd, 5th, 7th digit: the digit sum of twice it; the others as they are.
		sum += i % 2 === 0 ? Math.floor((2 * d) / 10) + ((2 * d) % 10) : d;
	}
	const digit = (10 - (sum % 10)) % 10;
	if ('NPQRSW'.includes(body[0])) return [CIF_LETTERS[digit]];
	if ('ABEH'.includes(body[0])) return [String(digit)];
	return [String(digit), CIF_LETTERS[digit]];
}

/** `body` (a Spanish tax ID without its control character) completed with it: for placeholders. */
export function withControl(body: string): string {
	const first = body[0] ?? '';
	const kind: SpanishIdKind = /\d/.test(first)
		? 'DNI'
		: 'XYZ'.includes(first)
			? 'NIE'
			: 'KLM'.includes(first)
				? 'NIF K/L/M'
				: 'CIF';
	return body + controlsFor(kind, body)[0];
}

export const SHAPES_HELP =
	'8 digits and a letter (DNI), X, Y or Z with 7 digits and a letter (NIE), or a letter with 7 digits and a control digit or letter (CIF), optionally after ES';

/**
 * Why `raw` is not a valid Spanish tax ID, in words that name the fix; undefined when valid.
 * An ES prefix (VAT form) is allowed.
 */
export function spanishTaxIdProblem(raw: string): string | undefined {
	const full = compactTaxId(raw);
	const id = full.startsWith('ES') && full.length > 9 ? full.slice(2) : full;
	const kind = kindOf(id);
	if (!kind) {
		const length = id.length === 9 ? '' : ` (it has ${id.length} characters, a Spanish NIF has 9)`;
		return `is not a Spanish NIF${length}: it must be ${SHAPES_HELP}; check it for a typo`;
	}
	const body = id.slice(0, -1);
	const allowed = controlsFor(kind, body);
	const control = id[id.length - 1];
	if (allowed.includes(control)) return undefined;
	const want = allowed.map((c) => `'${c}'`).join(' or ');
	return (
		`is not a valid ${kind}: its control character (the last one, '${control}') must be ${want} for ${body}; ` +
		`if the last character is right, a digit is mistyped or two digits are swapped: check it against the customer's document`
	);
}
