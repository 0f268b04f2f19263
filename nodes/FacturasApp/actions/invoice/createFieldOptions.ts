// Create → "Define Below": option lists and pieces shared by the form's line, customer and
// invoice fields (AEAT code tables in the AEAT's own words).
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { CodeEntry } from '../../invoice';
import { QUALIFICATIONS, TAX_RATE_HELP, withControl } from '../../invoice';

/** A CIF with the right control character (B1234567 → 4), so the example itself is valid. */
export const PLACEHOLDER_NIF = withControl('B1234567');

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);
/** A code table as options, sorted by name; `extra` is an option such as "Not Exempt". */
export const codeOptions = (
	entries: readonly CodeEntry[],
	extra?: INodePropertyOptions,
): INodePropertyOptions[] =>
	[
		...(extra ? [extra] : []),
		...entries.map((e) => ({ name: `${e.name} (${e.code})`, value: e.code })),
	].sort(byName);

// AEAT's own words (what a gestor reads in VeriFactu and on the AEAT's site), English as the gloss.
const AEAT_TERMS: Readonly<Record<string, string>> = {
	S1: 'Sujeta y no exenta',
	S2: 'Sujeta y no exenta, inversión del sujeto pasivo',
	N1: 'No sujeta (arts. 7, 14 y otros)',
	N2: 'No sujeta por reglas de localización',
	E1: 'Exenta por el art. 20',
	E2: 'Exenta por el art. 21 (exportación)',
	E3: 'Exenta por el art. 25 (entrega intracomunitaria)',
	E4: 'Exenta: servicios relacionados',
	E5: 'Exenta: asimilada a exportación',
	E6: 'Exenta por otra causa',
	E7: 'Exenta por el art. 25 Ley 19/1994 (IGIC)',
	E8: 'Exenta sin derecho a deducción (IGIC)',
	'01': 'Régimen general',
	'02': 'Exportación',
	'03': 'Bienes usados, arte y antigüedades (REBU)',
	'04': 'Oro de inversión',
	'05': 'Agencias de viajes',
	'06': 'Grupo de entidades en IVA',
	'07': 'Criterio de caja',
	'08': 'Operaciones sujetas al IPSI / IGIC',
	'09': 'Agencias de viajes como mediadoras',
	'10': 'Cobros por cuenta de terceros',
	'11': 'Arrendamiento de local de negocio',
	'14': 'IVA pendiente de devengo: certificaciones de obra pública',
	'15': 'IVA pendiente de devengo: tracto sucesivo',
	'17': 'OSS / IOSS (ventanilla única)',
	'18': 'Recargo de equivalencia',
	'19': 'REAGYP (agricultura, ganadería y pesca)',
	'20': 'Régimen simplificado',
};
/**
 * An AEAT code table as "S1 · Sujeta y no exenta" options in code order (the usual code is the
 * first), the English meaning as each one's description; `first` is a choice such as "Automatic".
 */
export const aeatOptions = (
	entries: readonly CodeEntry[],
	first?: INodePropertyOptions,
): INodePropertyOptions[] => [
	...(first ? [first] : []),
	...entries.map((e) => ({
		name: `${e.code} · ${AEAT_TERMS[e.code] ?? e.name}`,
		value: e.code,
		description: e.name,
	})),
];

export const TAX_OPTIONS: INodePropertyOptions[] = [
	{ name: 'IGIC (Canary Islands)', value: 'IGIC' },
	{ name: 'IPSI (Ceuta, Melilla)', value: 'IPSI' },
	{ name: 'IVA', value: 'IVA' },
	{ name: 'Other', value: 'other' },
];
export const PRODUCT_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Goods', value: 'goods' },
	{ name: 'Service', value: 'service' },
];
export const QUALIFICATION_OPTIONS = aeatOptions(QUALIFICATIONS);

export const taxRateField: INodeProperties = {
	displayName: 'Tax Rate (%)',
	name: 'taxRate',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
	default: 21,
	description: `${TAX_RATE_HELP}. Ignored (0) on exempt and S2/N1/N2 lines.`,
};

/** A parameter's label as the form shows it, for messages. */
export function labelOf(properties: readonly INodeProperties[], name: string): string {
	return properties.find((p) => p.name === name)?.displayName ?? name;
}
