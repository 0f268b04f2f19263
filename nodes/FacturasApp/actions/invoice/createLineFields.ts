// Create → "Define Below": the fields of one invoice line.
import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_RECARGO_HELP, EXEMPT_CAUSES, REGIMES } from '../../invoice';
import {
	aeatOptions,
	PRODUCT_TYPE_OPTIONS,
	QUALIFICATION_OPTIONS,
	TAX_OPTIONS,
	taxRateField,
} from './createFieldOptions';

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
export const lineFormValues: INodeProperties[] = [
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
