// readInvoiceInput with a tiny stand-in for IExecuteFunctions, and the line key mapping.
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invoiceFields } from '../../../nodes/FacturasApp/actions/invoice/createFields';
import { readInvoiceInput } from '../../../nodes/FacturasApp/actions/invoice/createInput';
import {
	buildInvoiceBody,
	mapLineObject,
	validateInvoiceBody,
} from '../../../nodes/FacturasApp/invoice';
import { plain } from './helpers';

const NODE = {
	id: '1',
	name: 'FacturasApp',
	type: 'x',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;

function fake(params: Record<string, unknown>): IExecuteFunctions {
	return {
		getNode: () => NODE,
		getTimezone: () => 'Europe/Madrid',
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in params ? params[name] : fallback,
	} as unknown as IExecuteFunctions;
}

const listParams = {
	invoiceNumber: 'FA2025-0007',
	customerName: 'Tienda Pérez',
	customerIdentification: '12345678Z',
	customerType: 'individual',
	customerDetails: { surchargeEquivalence: true, postalCode: '28001', country: '207' },
	linesSource: 'list',
	lines: {
		line: [
			{
				description: 'Goods A',
				quantity: 3,
				unitPrice: 210,
				taxRate: 21,
				tax: 'IVA',
				productType: 'goods',
				recargo: 'auto',
				discount: 0,
				irpf: 0,
				exemptCause: '',
				qualification: '',
				regime: '',
			},
			{
				description: 'Goods B',
				quantity: 10,
				unitPrice: 8.5,
				taxRate: 10,
				tax: 'IVA',
				productType: 'goods',
				recargo: 'yes',
				discount: 0,
				irpf: 0,
			},
			{
				description: 'Consulting',
				quantity: 1,
				unitPrice: 150,
				taxRate: 21,
				tax: 'IVA',
				productType: 'service',
				recargo: 'auto',
				irpf: 15,
			},
			{
				description: 'Export',
				quantity: 1,
				unitPrice: 40,
				taxRate: 21,
				tax: 'IVA',
				productType: 'goods',
				recargo: 'auto',
				exemptCause: 'E2',
			},
		],
	},
	invoiceOptions: {
		date: '2025-03-01T00:00:00',
		time: '09:15',
		paymentMethod: 'TF',
		dueInDays: 30,
		discountValue: 0,
		shippingAmount: 0,
	},
};

describe('invoiceFields', () => {
	it('shows every parameter only for Create in "Define Below" mode', () => {
		for (const p of invoiceFields) {
			expect(p.displayOptions?.show).toMatchObject({
				resource: ['invoice'],
				operation: ['create'],
				inputMode: ['fields'],
			});
		}
	});

	it('describes booleans with "Whether"', () => {
		const all = invoiceFields.flatMap((p) => [p, ...((p.options ?? []) as typeof invoiceFields)]);
		for (const p of all.filter((x) => x.type === 'boolean'))
			expect(p.description).toMatch(/^Whether /);
	});
});

describe('readInvoiceInput', () => {
	it('reads the list lines into a body that matches the §5 example plus an exempt line', () => {
		const input = readInvoiceInput.call(fake(listParams), 0);
		expect(plain(input)).toMatchObject({
			number: 'FA2025-0007',
			date: { year: 2025, month: 3, day: 1 },
			time: { hour: 9, minute: 15, second: 0 },
			timeZone: 'Europe/Madrid',
			paymentMethod: 'TF',
			dueInDays: '30',
		});
		expect(input.customer).toMatchObject({
			name: 'Tienda Pérez',
			identification: '12345678Z',
			personType: 'individual',
			surchargeEquivalence: true,
		});
		expect(input.lines[3].taxRate).toBeUndefined(); // the UI's 21 does not apply to an exempt line
		const body = buildInvoiceBody(input);
		expect(validateInvoiceBody(body)).toEqual([]);
		// §5 lines plus 40.00 exempt: totals grow by 40 in base and total, nothing in tax.
		expect([
			body.sumTotalTaxBase,
			body.sumTotalTax,
			body.sumTotalTotal,
			body.sumTotalNetPayable,
		]).toEqual([905, 172.3, 1111.25, 1088.75]);
		expect(body.idOperationsExenta).toBe('E2');
		expect(body.products.map((p) => p.regime)).toEqual(['18', '18', '01', '01']);
	});

	it('maps invoice options to charges and shipping', () => {
		const input = readInvoiceInput.call(
			fake({
				...listParams,
				invoiceOptions: {
					discountValue: 5,
					discountType: 'percent',
					chargeAmount: 2.5,
					irpfPercent: 15,
					shippingAmount: 4.95,
					shippingAs: 'charge',
				},
			}),
			0,
		);
		expect(plain(input.charges)).toEqual([
			{ kind: 'discount', percent: '5' },
			{ kind: 'charge', amount: '2.5' },
			{ kind: 'withholding', percent: '15' },
		]);
		expect(plain(input.shipping)).toEqual({ amount: '4.95', as: 'charge' });
	});

	it('an Invoice Charge as a percent of the taxable base becomes a PJ charge (CG)', () => {
		const input = readInvoiceInput.call(
			fake({ ...listParams, invoiceOptions: { chargeAmount: 2.5, chargeType: 'percent' } }),
			0,
		);
		expect(plain(input.charges)).toEqual([{ kind: 'charge', percent: '2.5' }]);
		const body = buildInvoiceBody(input);
		expect(validateInvoiceBody(body)).toEqual([]);
		// 2.5 % of the taxable base 905.00 = 22.63 (22.625 rounded half away from zero).
		expect(body.chargeAndDiscount).toEqual([
			{
				idtypeFeeDiscount: 'CG',
				idTypeValueFeeDiscount: 'PJ',
				baseFeeDiscount: 905,
				valueFeeDiscount: 2.5,
				totalFeeDiscount: 22.63,
			},
		]);
		expect(body.sumTotalCharge).toBe(22.63);
	});

	it('reads "Lines From Field" with the key mapping and default rate', () => {
		const lineItems = [
			{ sku: 'TS-1', title: 'T-shirt', quantity: 2, price: '19.99', tax_lines: [{ rate: 0.21 }] },
			{ reference: 'B-1', name: 'Libro', qty: 1, unitPrice: 15, taxRate: 4 },
			{ name: 'Sticker', quantity: 3, price: 1.5 },
			{ name: 'Service abroad', quantity: 1, price: 100, qualification: 'N2', type: 'service' },
		];
		const input = readInvoiceInput.call(
			fake({
				...listParams,
				linesSource: 'field',
				linesField: lineItems,
				lineDefaults: { taxRate: 10 },
				invoiceOptions: { pricesIncludeTax: true },
			}),
			0,
		);
		expect(plain(input.lines)).toEqual([
			{
				reference: 'TS-1',
				description: 'T-shirt',
				quantity: '2',
				unitPrice: '19.99',
				taxRate: '21',
			},
			{ reference: 'B-1', description: 'Libro', quantity: '1', unitPrice: '15', taxRate: '4' },
			{ description: 'Sticker', quantity: '3', unitPrice: '1.5', taxRate: '10' },
			{
				description: 'Service abroad',
				quantity: '1',
				unitPrice: '100',
				productType: 'service',
				qualification: 'N2',
			},
		]);
		expect(input.pricesIncludeTax).toBe(true);
		const body = buildInvoiceBody({ ...input, customer: { name: 'Consumidor' } });
		expect(validateInvoiceBody(body)).toEqual([]);
		// 39.98 incl. 21 % → 33.04 + 6.94; 15 incl. 4 % → 14.42 + 0.58; 4.50 incl. 10 % → 4.09 + 0.41; 100 N2
		expect(body.products.map((p) => [p.subTotal, p.totalTax])).toEqual([
			[33.04, 6.94],
			[14.42, 0.58],
			[4.09, 0.41],
			[100, 0],
		]);
		expect(body.sumTotalTotal).toBe(159.48);
	});

	it('accepts a JSON string of lines', () => {
		const input = readInvoiceInput.call(
			fake({
				...listParams,
				linesSource: 'field',
				linesField: '[{"name":"A","quantity":1,"price":2}]',
			}),
			0,
		);
		expect(plain(input.lines)).toEqual([
			{ description: 'A', quantity: '1', unitPrice: '2', taxRate: '21' },
		]);
	});

	it.each([
		[
			{ line_items: [] },
			'Lines From Field must be an array of line objects, e.g. {{ $json.line_items }} (got an object)',
		],
		[
			'',
			'Lines From Field must be an array of line objects, e.g. {{ $json.line_items }} (got string)',
		],
		[[], 'Lines From Field is an empty array: an invoice needs at least one line'],
		[
			[{ name: 'A' }, 7],
			'Lines From Field element 1 must be an object with description, quantity and price (got number)',
		],
		['[{"name": }]', 'Lines From Field is text that looks like a JSON array but does not parse'],
	])('throws a NodeOperationError for lines %p', (linesField, message) => {
		const run = () =>
			readInvoiceInput.call(fake({ ...listParams, linesSource: 'field', linesField }), 3);
		expect(run).toThrow(NodeOperationError);
		expect(run).toThrow(message);
		try {
			run();
		} catch (error) {
			expect((error as NodeOperationError).context.itemIndex).toBe(3);
		}
	});

	it('reads dates given as date objects (an expression such as {{ $now }})', () => {
		const luxonLike = { toISO: () => '2025-04-30T22:10:00.000+02:00' };
		const input = readInvoiceInput.call(
			fake({ ...listParams, invoiceOptions: { date: luxonLike } }),
			0,
		);
		expect(buildInvoiceBody(input).invoiceDate).toBe('2025-04-30T12:00:00.000Z');
	});
});

describe('mapLineObject', () => {
	it('reads gross prices, recargo and IRPF keys', () => {
		expect(
			plain(
				mapLineObject({
					description: 'X',
					quantity: '2',
					unitPriceWithTax: '12.10',
					vat: 21,
					recargo: 'yes',
					irpf: 15,
					tax: 'iva',
				}),
			),
		).toEqual({
			description: 'X',
			quantity: '2',
			unitPrice: '12.1',
			priceIncludesTax: true,
			tax: 'IVA',
			taxRate: '21',
			recargo: true,
			irpf: '15',
		});
	});
});
