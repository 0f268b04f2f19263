// Lines From Field: a discount given as an amount (Shopify's total_discount or
// discount_allocations) must not be dropped; it becomes the line's percent, to 4 decimals.
import {
	InputReader,
	buildInvoiceBody,
	mapLineObject,
	mapLineObjects,
	validateInvoiceBody,
} from '../../../nodes/FacturasApp/invoice';
import { plain } from './helpers';

const customer = { name: 'Cliente SL', identificationType: '02', identification: 'B12345674' };

describe('line discount amounts', () => {
	it.each([
		[{ price: '30.00', quantity: 1, total_discount: '5.00' }, '16.6667'],
		[
			{
				price: '10.00',
				quantity: 3,
				discount_allocations: [{ amount: '1.50' }, { amount: '1.50' }],
			},
			'10',
		],
		[{ unitPrice: 8.5, qty: 4, discountAmount: 3.4 }, '10'],
		[{ price: '12.345', quantity: 2, discount_amount: '0.01' }, '0.0405'],
	])('%j → discount %s %%', (row, percent) => {
		expect(plain(mapLineObject({ title: 'X', ...row })).discount).toBe(percent);
	});

	it('a zero amount is no discount, and an explicit percent wins over an amount', () => {
		expect(
			mapLineObject({ title: 'X', price: '10', quantity: 1, total_discount: '0.00' }).discount,
		).toBeUndefined();
		expect(
			plain(
				mapLineObject({
					title: 'X',
					price: '10',
					quantity: 1,
					discount: 5,
					total_discount: '3.00',
				}),
			).discount,
		).toBe('5');
	});

	it('a Shopify line of 30.00 incl. 21 % IVA with 5.00 off invoices 25.00, as the customer paid', () => {
		const line = mapLineObject({
			title: 'Taza',
			sku: 'T-1',
			price: '30.00',
			quantity: 1,
			total_discount: '5.00',
			tax_lines: [{ rate: 0.21 }],
		});
		const body = buildInvoiceBody({
			number: 'FA2026-0001',
			date: { year: 2026, month: 11, day: 20 },
			time: { hour: 10, minute: 0, second: 0 },
			pricesIncludeTax: true,
			customer,
			lines: [line],
		});
		expect(validateInvoiceBody(body)).toEqual([]);
		expect(body.sumTotalTotal).toBe(25);
		expect(body.products[0].totaldiscount).toBeGreaterThan(0);
	});

	it('an amount it cannot read is named at once with its key; one larger than the line reaches the validator', () => {
		const reader = new InputReader('Europe/Madrid');
		const name = (i: number, key: string) => `Lines From Field, element ${i}: "${key}"`;
		mapLineObjects(
			[
				{ title: 'A', price: '10', quantity: 1 },
				{ title: 'X', price: '10', quantity: 1, total_discount: 'cinco' },
			],
			{ taxRate: 21 },
			{ reader, name },
		);
		expect(reader.problems).toEqual([
			`Lines From Field, element 1: "total_discount": must be an amount such as 12.50 (got 'cinco')`,
		]);
		const tooBig = mapLineObject({
			title: 'X',
			price: '10',
			quantity: 1,
			total_discount: '15',
			taxRate: 21,
		});
		const body = buildInvoiceBody({
			number: 'FA2026-0001',
			date: { year: 2026, month: 11, day: 20 },
			time: { hour: 10, minute: 0, second: 0 },
			customer,
			lines: [tooBig],
		});
		expect(validateInvoiceBody(body).map((i) => i.path)).toContain(
			'products[0].discountDtoModules[0].discountRate',
		);
	});
});
