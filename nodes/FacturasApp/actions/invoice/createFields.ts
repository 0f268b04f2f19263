// Create → "Define Below": the parameters (createInput.ts reads them).
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { CodeEntry } from '../../invoice';
import {
	DEFAULT_RECARGO_HELP,
	EXEMPT_CAUSES,
	IDENTIFICATION_TYPES,
	PAYMENT_METHODS,
	QUALIFICATIONS,
	REGIMES,
	TAX_RATE_HELP,
	withControl,
} from '../../invoice';

/** A CIF with the right control character (B1234567 → 4), so the example itself is valid. */
const PLACEHOLDER_NIF = withControl('B1234567');

const show = { resource: ['invoice'], operation: ['create'], inputMode: ['fields'] };

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);
/** A code table as options, sorted by name; `extra` is an option such as "Not Exempt". */
const codeOptions = (
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
const aeatOptions = (
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

const TAX_OPTIONS: INodePropertyOptions[] = [
	{ name: 'IGIC (Canary Islands)', value: 'IGIC' },
	{ name: 'IPSI (Ceuta, Melilla)', value: 'IPSI' },
	{ name: 'IVA', value: 'IVA' },
	{ name: 'Other', value: 'other' },
];
const PRODUCT_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Goods', value: 'goods' },
	{ name: 'Service', value: 'service' },
];
const QUALIFICATION_OPTIONS = aeatOptions(QUALIFICATIONS);

const taxRateField: INodeProperties = {
	displayName: 'Tax Rate (%)',
	name: 'taxRate',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
	default: 21,
	description: `${TAX_RATE_HELP}. Ignored (0) on exempt and S2/N1/N2 lines.`,
};

// Every line field, for labels in messages. In the order people fill a line in (fixed
// collection values are not sorted by name).
export const lineValues: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		description: 'What was sold (up to 100 characters)',
	},
	{
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 999, numberPrecision: 0 },
		default: 1,
		description:
			'Whole number from 1 to 999 (for 1.5 kg, write "1.5 kg" in the description and the line total as the price)',
	},
	{
		displayName: 'Unit Price',
		name: 'unitPrice',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 6 },
		default: 0,
		description:
			'Price of one unit, tax excluded unless the invoice detail "Prices Include Tax" is on',
	},
	{ ...taxRateField },
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		description: 'Product code or SKU (up to 50 characters)',
	},
	{
		displayName: 'Tax',
		name: 'tax',
		type: 'options',
		options: TAX_OPTIONS,
		default: 'IVA',
		description:
			'IVA in the Peninsula and Balearic Islands; IGIC in the Canary Islands; IPSI in Ceuta and Melilla',
	},
	{
		displayName: 'Other Tax Name',
		name: 'taxName',
		type: 'string',
		default: '',
		description: 'Name of the tax when Tax is Other',
		displayOptions: { show: { tax: ['other'] } },
	},
	{
		displayName: 'Discount (%)',
		name: 'discount',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 4 },
		default: 0,
		description: 'Line discount before tax',
	},
	{
		displayName: 'Product Type',
		name: 'productType',
		type: 'options',
		options: PRODUCT_TYPE_OPTIONS,
		default: 'goods',
		description: 'Goods or a service; recargo de equivalencia applies only to goods',
	},
	{
		displayName: 'Recargo De Equivalencia',
		name: 'recargo',
		type: 'options',
		options: [
			{
				name: 'As the Customer',
				value: 'auto',
				description: 'On for IVA goods when the customer is in recargo de equivalencia',
			},
			{ name: 'Custom Rate', value: 'custom', description: 'Set the rate in Recargo Rate (%)' },
			{ name: 'No', value: 'no', description: 'Never on this line' },
			{ name: 'Yes', value: 'yes', description: `Rate from the IVA rate: ${DEFAULT_RECARGO_HELP}` },
		],
		default: 'auto',
		description: 'Surcharge for retailers in recargo de equivalencia',
	},
	{
		displayName: 'Recargo Rate (%)',
		name: 'recargoRate',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 5.2,
		description: 'Used when Recargo De Equivalencia is Custom Rate',
		displayOptions: { show: { recargo: ['custom'] } },
	},
	{
		displayName: 'IRPF (%)',
		name: 'irpf',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
		default: 0,
		description:
			'IRPF retention on this line: usually 15 or 7 for professional services, 19 for rentals',
	},
	{
		displayName: 'Causa De Exención (Exemption Cause)',
		name: 'exemptCause',
		type: 'options',
		options: aeatOptions(EXEMPT_CAUSES, {
			name: 'No Exenta',
			value: '',
			description: 'Not exempt: the usual case',
		}),
		default: '',
		description: 'Makes the line exempt (rate 0) for this reason',
	},
	{
		displayName: 'Calificación De La Operación (Qualification)',
		name: 'qualification',
		type: 'options',
		options: [
			{
				name: 'Como La Factura',
				value: '',
				description: 'As the invoice (S1 unless the invoice details say otherwise)',
			},
			...QUALIFICATION_OPTIONS,
		],
		default: '',
		description: 'AEAT operation qualification of this line',
	},
	{
		displayName: 'Clave De Régimen (Regime)',
		name: 'regime',
		type: 'options',
		options: aeatOptions(REGIMES, {
			name: 'Automática',
			value: '',
			description: "Automatic: 18 on recargo lines, else the customer's regime (01 unless set)",
		}),
		default: '',
		description: 'AEAT regime key of this line',
	},
];

/** What a line shows at once; the rest is added per line with "Add Line Field". */
const LINE_MAIN = ['description', 'quantity', 'unitPrice', 'taxRate'];
export const LINE_FIELDS = 'lineFields';
const lineFormValues: INodeProperties[] = [
	...lineValues.filter((p) => LINE_MAIN.includes(p.name)),
	{
		displayName: 'Line Fields',
		name: LINE_FIELDS,
		type: 'collection',
		placeholder: 'Add Line Field',
		default: {},
		description:
			'Rarely needed: reference, discount, another tax, recargo, IRPF, exemption, qualification, regime',
		options: lineValues
			.filter((p) => !LINE_MAIN.includes(p.name))
			.sort((x, y) => x.displayName.localeCompare(y.displayName)),
	},
];

export const customerDetails: INodeProperties[] = [
	{ displayName: 'Address', name: 'address', type: 'string', default: '' },
	{
		displayName: 'Country ID',
		name: 'country',
		type: 'string',
		default: '207',
		placeholder: 'ES',
		description:
			"Leave as is for Spain (ES or 207, FacturasApp's ID for Spain). For another country, the ID FacturasApp gave you; the country name can also go in Address.",
	},
	{
		displayName: 'Customer Code',
		name: 'customerCode',
		type: 'string',
		default: '',
		description: 'Your own code for this customer (up to 150 characters)',
	},
	{
		displayName: 'Customer Type',
		name: 'customerType',
		type: 'options',
		options: [
			{ name: 'Company', value: 'company' },
			{ name: 'Individual or Autónomo', value: 'individual' },
		],
		default: 'company',
		description:
			'Company by default; an autónomo or a private person otherwise. A retailer autónomo in recargo de equivalencia also needs Recargo De Equivalencia on.',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
	},
	{
		displayName: 'Identification Type',
		name: 'identificationType',
		type: 'options',
		options: codeOptions(IDENTIFICATION_TYPES),
		default: '02',
		hint: 'Spanish NIF: NIF-IVA (02)',
	},
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{
		displayName: 'Population ID',
		name: 'population',
		type: 'string',
		default: '',
		description:
			"Leave empty: FacturasApp's internal town ID, only if FacturasApp gave it to you. Write the town in Address.",
	},
	{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
	{
		displayName: 'Province ID',
		name: 'province',
		type: 'string',
		default: '',
		description:
			"Leave empty: FacturasApp's internal province ID, only if FacturasApp gave it to you. Write the province in Address.",
	},
	{
		displayName: 'Recargo De Equivalencia',
		name: 'surchargeEquivalence',
		type: 'boolean',
		default: false,
		description:
			'Whether the customer is a retailer in recargo de equivalencia: IVA goods lines then carry recargo',
	},
	{
		displayName: 'Clave De Régimen (Regime)',
		name: 'regime',
		type: 'options',
		options: aeatOptions(REGIMES),
		default: '01',
		description:
			"AEAT regime key of the customer's invoices; 01 · Régimen general unless your gestor says otherwise",
	},
	{ displayName: 'Trade Name', name: 'tradeName', type: 'string', default: '' },
	{ displayName: 'Website', name: 'web', type: 'string', default: '' },
];

export const invoiceOptions: INodeProperties[] = [
	{
		displayName: 'Current Number',
		name: 'currentNumber',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description:
			'Numeric part of the number in its series; by default the trailing digits of Invoice Number',
	},
	{
		displayName: 'Customer Notes',
		name: 'customerObservations',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Notes for the customer (up to 350 characters)',
	},
	{
		displayName: 'Due In (Days)',
		name: 'dueInDays',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 999 },
		default: 30,
	},
	{
		displayName: 'Global IRPF (%)',
		name: 'irpfPercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
		default: 15,
		description: 'IRPF retention on the whole taxable base (RT), instead of per line',
	},
	// The field keeps its name 'chargeAmount' so saved workflows still read it.
	{
		displayName: 'Invoice Charge',
		name: 'chargeAmount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'Charge added after tax (CG), not taxed: an amount, or a percent of the taxable base (see Invoice Charge Type)',
	},
	{
		displayName: 'Invoice Charge Type',
		name: 'chargeType',
		type: 'options',
		options: [
			{ name: 'Amount', value: 'amount' },
			{ name: 'Percent of Taxable Base', value: 'percent' },
		],
		default: 'amount',
	},
	{
		displayName: 'Invoice Date',
		name: 'date',
		type: 'dateTime',
		default: '',
		description: "Default: today in the workflow's time zone",
	},
	{
		displayName: 'Invoice Discount',
		name: 'discountValue',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'Discount after tax (DT): it does not lower the tax; for a discount that does, use line discounts',
	},
	{
		displayName: 'Invoice Discount Type',
		name: 'discountType',
		type: 'options',
		options: [
			{ name: 'Amount', value: 'amount' },
			{ name: 'Percent of Taxable Base', value: 'percent' },
		],
		default: 'amount',
	},
	{
		displayName: 'Invoice Time',
		name: 'time',
		type: 'string',
		default: '',
		placeholder: '10:30:00',
		description: 'HH:mm or HH:mm:ss; default: now',
	},
	{
		displayName: 'Notes',
		name: 'observations',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Observations printed on the invoice (up to 500 characters)',
	},
	{
		displayName: 'Operation Date',
		name: 'operationDate',
		type: 'dateTime',
		default: '',
		description: 'Date of the sale when it differs from the invoice date',
	},
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'options',
		options: codeOptions(PAYMENT_METHODS),
		default: 'TF',
	},
	{
		displayName: 'Payment Note',
		name: 'paymentNote',
		type: 'string',
		default: '',
		description: 'For example the IBAN to pay to (up to 300 characters)',
	},
	{
		displayName: 'Prices Include Tax',
		name: 'pricesIncludeTax',
		type: 'boolean',
		default: false,
		description:
			'Whether unit prices include IVA/IGIC/IPSI (never recargo or IRPF); net prices are computed from them',
	},
	{
		displayName: 'Calificación De La Operación (Qualification)',
		name: 'qualification',
		type: 'options',
		options: QUALIFICATION_OPTIONS,
		default: 'S1',
		description:
			'AEAT operation qualification of the invoice; S1 for an ordinary sale. Lines can override it.',
	},
	{
		displayName: 'Sales Contact',
		name: 'salesContact',
		type: 'string',
		default: '',
		description: 'Your sales contact (up to 30 characters), not the customer',
	},
	{
		displayName: 'Shipping Amount',
		name: 'shippingAmount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
	},
	{
		displayName: 'Shipping As',
		name: 'shippingAs',
		type: 'options',
		options: [
			{ name: 'Charge After Tax (Not Taxed)', value: 'charge' },
			{ name: 'Invoice Line (Taxed)', value: 'line' },
		],
		default: 'line',
		description:
			'A taxed service line (tax of the first line unless Shipping Tax Rate is set), or an untaxed charge (CG)',
	},
	{
		...taxRateField,
		displayName: 'Shipping Tax Rate (%)',
		name: 'shippingTaxRate',
		description: 'Default: the rate of the first line',
	},
];

export const invoiceFields: INodeProperties[] = [
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'FA2026-0001',
		description:
			'The full number with its series prefix; it must follow the last one issued in the series',
		displayOptions: { show: { ...show, numbering: ['manual'] } },
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		required: true,
		default: '',
		description: 'Company name, or the full name of an autónomo or person',
		displayOptions: { show },
	},
	{
		displayName: 'Customer NIF',
		name: 'customerIdentification',
		type: 'string',
		default: '',
		placeholder: PLACEHOLDER_NIF,
		description:
			'Tax ID of the customer: a Spanish NIF, NIE or CIF (type NIF-IVA for a customer in Spain, or any ID starting with ES) must have the right control character, checked before sending; required for a company customer; for a foreign document set its type under Customer Details',
		displayOptions: { show },
	},
	{
		displayName: 'Customer Details',
		name: 'customerDetails',
		type: 'collection',
		placeholder: 'Add Customer Detail',
		default: {},
		description: 'Address, email, customer type (company by default), foreign IDs…',
		options: customerDetails,
		displayOptions: { show },
	},
	{
		displayName: 'Lines Source',
		name: 'linesSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'list' },
			{
				name: 'From Field',
				value: 'field',
				description: "An array of line objects, e.g. a shop order's line items",
			},
		],
		default: 'list',
		displayOptions: { show },
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Line',
		default: {},
		options: [{ displayName: 'Line', name: 'line', values: lineFormValues }],
		hint: 'IVA, recargo de equivalencia, IRPF and every total are computed to the cent',
		displayOptions: { show: { ...show, linesSource: ['list'] } },
	},
	{
		displayName: 'Lines From Field',
		name: 'linesField',
		type: 'json',
		default: '',
		placeholder: '{{ $json.line_items }}',
		description:
			'An expression giving an array of objects. Keys read: reference|sku, description|name|title, quantity|qty, unitPrice|price (or unitPriceWithTax for tax-included), taxRate|vat (or Shopify tax_lines), discount (%, or an amount: total_discount, discount_allocations), tax, productType, recargo, irpf, exemptCause, qualification, regime.',
		hint: 'Shopify, WooCommerce and sheet rows work as they are; missing tax rates take the default below',
		displayOptions: { show: { ...show, linesSource: ['field'] } },
	},
	{
		displayName: 'Line Defaults',
		name: 'lineDefaults',
		type: 'collection',
		placeholder: 'Add Default',
		default: {},
		options: [
			{
				displayName: 'Product Type',
				name: 'productType',
				type: 'options',
				options: PRODUCT_TYPE_OPTIONS,
				default: 'goods',
			},
			{ displayName: 'Tax', name: 'tax', type: 'options', options: TAX_OPTIONS, default: 'IVA' },
			{ ...taxRateField, description: 'For lines without a tax rate of their own' },
		],
		displayOptions: { show: { ...show, linesSource: ['field'] } },
	},
	{
		displayName: 'Invoice Details',
		name: 'invoiceOptions',
		type: 'collection',
		placeholder: 'Add Invoice Detail',
		default: {},
		description:
			'What the invoice says beyond customer and lines: date, payment, notes, shipping, discounts, qualification…',
		options: invoiceOptions,
		displayOptions: { show },
	},
];

/** A parameter's label as the form shows it, for messages. */
export function labelOf(properties: readonly INodeProperties[], name: string): string {
	return properties.find((p) => p.name === name)?.displayName ?? name;
}
