// What the AEAT rejects about the customer although FacturasApp takes the invoice (so the local
// emulator, which plays FacturasApp, does not run these): a Spanish tax ID whose control character
// is wrong, and a company customer without a NIF. Run by the node before any HTTP call.
import type { ValidationIssue } from './checks';
import { got, isRecord } from './checks';
import { PERSON_TYPE, SPAIN_COUNTRY_ID } from './codes';
import { compactTaxId, hasForeignVatPrefix, spanishTaxIdProblem } from './taxId';

const NIF_IVA = '02';

const blank = (v: unknown): boolean =>
	v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Whether the customer's ID is Spanish, so held to §11: any ID with an ES prefix, or an ID of
 * type 02 (NIF-IVA; the builder's default when the type is not given) of a customer in Spain
 * (country '207' or not given) that carries no other country's VAT prefix. Passports, foreign IDs
 * (types 03–07) and other EU VAT numbers (FR40303265045) are not.
 */
export function isSpanishTaxId(
	identification: string,
	identificationType: unknown,
	country: unknown,
): boolean {
	const id = compactTaxId(identification);
	if (id.startsWith('ES')) return true;
	if (!blank(identificationType) && identificationType !== NIF_IVA) return false;
	if (!blank(country) && country !== SPAIN_COUNTRY_ID) return false;
	return !hasForeignVatPrefix(id);
}

export function recipientIssues(body: unknown): ValidationIssue[] {
	if (!isRecord(body) || !Array.isArray(body.contacts) || !isRecord(body.contacts[0])) return [];
	const c = body.contacts[0];
	const path = 'contacts[0].identification';
	if (blank(c.identification)) {
		if (c.personType !== PERSON_TYPE.company) return [];
		return [
			{
				path,
				message: `is required for a company customer (personType '02'): a full invoice to a company must carry its NIF; add it, or mark the customer as an individual (personType '01') if it is a natural person (got ${got(c.identification)})`,
			},
		];
	}
	if (
		typeof c.identification !== 'string' ||
		!isSpanishTaxId(c.identification, c.identificationType, c.country)
	)
		return [];
	const problem = spanishTaxIdProblem(c.identification);
	return problem ? [{ path, message: `${problem} (got ${got(c.identification)})` }] : [];
}
