// Create → "Define Below": the form's parameters (createInput.ts reads them), shown only for
// Create in Define Below mode.
import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	PLACEHOLDER_NIF,
	PRODUCT_TYPE_OPTIONS,
	TAX_OPTIONS,
	taxRateField,
} from './createFieldOptions';
import { customerDetails, invoiceOptions } from './createDetailFields';
import { lineFormValues } from './createLineFields';

const displayOptions = {
	show: { resource: ['invoice'], operation: ['create'], inputMode: ['fields'] },
};

const properties: INodeProperties[] = [
	{
		displayName: 'Invoice Number',
		name: 'invoiceNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'FA2026-0001',
		description:
			'The full number with its series prefix; it must follow the last one issued in the series',
		displayOptions: { show: { numbering: ['manual'] } },
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		required: true,
		default: '',
		description: 'Company name, or the full name of an autónomo or person',
	},
	{
		displayName: 'Customer NIF',
		name: 'customerIdentification',
		type: 'string',
		default: '',
		placeholder: PLACEHOLDER_NIF,
		description:
			'Tax ID of the customer: a Spanish NIF, NIE or CIF (type NIF-IVA for a customer in Spain, or any ID starting with ES) must have the right control character, checked before sending; required for a company customer; for a foreign document set its type under Customer Details',
	},
	{
		displayName: 'Customer Details',
		name: 'customerDetails',
		type: 'collection',
		placeholder: 'Add Customer Detail',
		default: {},
		description: 'Address, email, customer type (company by default), foreign IDs…',
		options: customerDetails,
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
		displayOptions: { show: { linesSource: ['list'] } },
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
		displayOptions: { show: { linesSource: ['field'] } },
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
		displayOptions: { show: { linesSource: ['field'] } },
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
	},
];

export const invoiceFields = updateDisplayOptions(displayOptions, properties);
