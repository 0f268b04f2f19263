// Create → "Define Below": the Customer Details and Invoice Details collections.
import type { INodeProperties } from 'n8n-workflow';

import { IDENTIFICATION_TYPES, PAYMENT_METHODS, REGIMES } from '../../invoice';
import {
	aeatOptions,
	codeOptions,
	QUALIFICATION_OPTIONS,
	taxRateField,
} from './createFieldOptions';

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
