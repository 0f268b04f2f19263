// Spanish tax id check (NIF of persons / DNI, NIE, CIF of companies, K/L/M NIFs) and the
// emulator's deterministic AEAT outcome rule built on it.
import type { StateOutcome } from './types';

export type SpanishIdKind = 'DNI' | 'NIE' | 'KLM' | 'CIF';

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const CIF_LETTERS = 'JABCDEFGHI';

/** Upper case, no spaces, dots or hyphens, no leading "ES" country prefix. */
export function normaliseId(raw: string): string {
	const s = raw.toUpperCase().replace(/[\s.-]/g, '');
	// "ES" + a 9-char id is the VAT (NIF-IVA) form of the same NIF.
	return s.length === 11 && s.startsWith('ES') ? s.slice(2) : s;
}

/** Which Spanish id the shape is, ignoring the control character; null when none. */
export function spanishIdKind(id: string): SpanishIdKind | null {
	if (/^\d{8}[A-Z]$/.test(id)) return 'DNI';
	if (/^[XYZ]\d{7}[A-Z]$/.test(id)) return 'NIE';
	if (/^[KLM]\d{7}[A-Z]$/.test(id)) return 'KLM';
	if (/^[ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]$/.test(id)) return 'CIF';
	return null;
}

/** The control character(s) the id must end with; a CIF may allow a digit or a letter. */
export function expectedControl(id: string): string[] {
	const kind = spanishIdKind(id);
	if (kind === 'DNI') return [DNI_LETTERS[Number(id.slice(0, 8)) % 23]];
	if (kind === 'NIE') {
		const n = Number(String('XYZ'.indexOf(id[0])) + id.slice(1, 8));
		return [DNI_LETTERS[n % 23]];
	}
	if (kind === 'KLM') return [DNI_LETTERS[Number(id.slice(1, 8)) % 23]];
	if (kind === 'CIF') {
		const digits = id.slice(1, 8);
		let sum = 0;
		for (let i = 0; i < 7; i++) {
			const d = Number(digits[i]);
			// Positions 1, 3, 5, 7 (odd, 1-based) are doubled and their digits added.
			if (i % 2 === 0) sum += Math.floor((d * 2) / 10) + ((d * 2) % 10);
			else sum += d;
		}
		const c = (10 - (sum % 10)) % 10;
		const letter = CIF_LETTERS[c];
		// Non-profit / public bodies / foreign entities take a letter; A, B, E, H a digit.
		if ('NPQRSW'.includes(id[0])) return [letter];
		if ('ABEH'.includes(id[0])) return [String(c)];
		return [String(c), letter];
	}
	return [];
}

export function isValidSpanishId(raw: string): boolean {
	const id = normaliseId(raw);
	return spanishIdKind(id) !== null && expectedControl(id).includes(id[id.length - 1]);
}

/** identificationType values that name a foreign or non-tax document (§6.3): never checked. */
const FOREIGN_DOC_TYPES = new Set(['03', '04', '05', '06', '07']);

/**
 * The emulator's AEAT verdict for an invoice, from contacts[0]:
 * - a Spanish NIF/NIE/CIF shape with a wrong control character → Incorrecto, 4107;
 * - a valid one whose number starts with "999" (e.g. 99999999R) stands for an id that is well
 *   formed but not in the AEAT census → AceptadoConErrores, 2011;
 * - anything else (valid ids, foreign documents, no customer id) → Correcto.
 */
export function outcomeForCustomer(contact: unknown): StateOutcome {
	const c = (contact ?? {}) as { identification?: unknown; identificationType?: unknown };
	if (typeof c.identification !== 'string' || c.identification.trim() === '')
		return { state: 'Correcto' };
	if (typeof c.identificationType === 'string' && FOREIGN_DOC_TYPES.has(c.identificationType)) {
		return { state: 'Correcto' };
	}
	const id = normaliseId(c.identification);
	if (spanishIdKind(id) === null) return { state: 'Correcto' };
	if (!isValidSpanishId(id)) {
		return {
			state: 'Incorrecto',
			code: '4107',
			description: `El NIF del destinatario ${id} no es válido: el carácter de control no es correcto.`,
		};
	}
	if (/^[A-Z]?999/.test(id)) {
		return {
			state: 'AceptadoConErrores',
			code: '2011',
			description: `El NIF del destinatario ${id} no está identificado en el censo de la AEAT.`,
		};
	}
	return { state: 'Correcto' };
}
