// Builder behaviour beyond totals: defaults, fixed values, dates, customer, recargo; values it
// cannot read are named at the boundary, readable ones that break a rule by the validator.
import type { InvoiceDraft } from '../../../nodes/FacturasApp/invoice';
import { buildDraft } from './helpers';
import {
	formatIssues,
	readInvoiceDraft,
	validateInvoiceBody,
} from '../../../nodes/FacturasApp/invoice';

const base = (extra: Partial<InvoiceDraft> = {}): InvoiceDraft => ({
	number: 'RA02',
	date: '2025-03-01',
	time: '10:30',
	customer: { name: 'Cliente SL', identification: 'B12345678' },
	lines: [{ description: 'Item', quantity: 1, unitPrice: 10, taxRate: 21 }],
	...extra,
});
const issuesOf = (input: InvoiceDraft) => formatIssues(validateInvoiceBody(buildDraft(input)));

describe('buildInvoiceBody', () => {
	it('sets the fixed values of an ordinary invoice', () => {
		const body = buildDraft(base());
		expect(body).toMatchObject({
			invoiceNumber: 'RA02',
			currentNumber: 2,
			invoiceDate: '2025-03-01T12:00:00.000Z',
			invoiceTime: '10:30:00.0000000',
			invoiceIdTypeRegAEAT: 'AI',
			invoiceIdTypeRegSIF: null,
			contactName: '',
			idPayment: 'ND',
			idOperations: 'S1',
			idOperationsExenta: 'E0',
			invoiceTypeId: 0,
			invoiceRectificativeTypeId: 0,
			typeRectificativeId: 0,
			aditionalData: { invoiceId: 0, startInvoiceId: 0 },
			chargeAndDiscount: [],
		});
		expect(body).not.toHaveProperty('paymentNote');
		expect(body).not.toHaveProperty('operationDate');
		expect(validateInvoiceBody(body)).toEqual([]);
	});

	it.each([
		['FA2025-0042', 42],
		['25', 25],
		['F 7 ', 7],
	])('derives currentNumber from %p', (number, current) => {
		expect(buildDraft(base({ number })).currentNumber).toBe(current);
	});

	it('leaves currentNumber out when the number has no trailing digits, and takes an explicit one', () => {
		expect(buildDraft(base({ number: 'ABC' }))).not.toHaveProperty('currentNumber');
		expect(buildDraft(base({ number: 'X9', currentNumber: 120 })).currentNumber).toBe(120);
	});

	it.each([
		['2025-03-01', '2025-03-01T12:00:00.000Z'],
		['2025-03-01T23:30:00.000+01:00', '2025-03-01T12:00:00.000Z'],
		['01/03/2025', '2025-03-01T12:00:00.000Z'],
		['1-3-2025', '2025-03-01T12:00:00.000Z'],
		[new Date('2025-03-01T23:30:00Z'), '2025-03-02T12:00:00.000Z'],
	])('reads the date %p as the calendar day', (date, expected) => {
		expect(buildDraft(base({ date, timeZone: 'Europe/Madrid' })).invoiceDate).toBe(expected);
	});

	it('defaults date and time to now in the time zone', () => {
		const body = buildDraft(
			base({
				date: undefined,
				time: undefined,
				now: new Date('2025-03-01T23:30:05Z'),
				timeZone: 'Europe/Madrid',
			}),
		);
		expect(body.invoiceDate).toBe('2025-03-02T12:00:00.000Z');
		expect(body.invoiceTime).toBe('00:30:05.0000000');
		const utc = buildDraft(
			base({ date: '', time: '', now: new Date('2025-03-01T23:30:05Z'), timeZone: 'UTC' }),
		);
		expect([utc.invoiceDate, utc.invoiceTime]).toEqual([
			'2025-03-01T12:00:00.000Z',
			'23:30:05.0000000',
		]);
	});

	it('survives an unknown time zone', () => {
		const body = buildDraft(
			base({ time: undefined, timeZone: 'Mars/Olympus', now: new Date('2025-06-01T10:00:00Z') }),
		);
		expect(body.invoiceTime).toBe('12:00:00.0000000');
	});

	it('formats operation date, due days and notes', () => {
		const body = buildDraft(
			base({
				operationDate: '2025-02-28',
				dueInDays: 30,
				paymentNote: ' IBAN ',
				observations: 'Gracias',
				customerObservations: 'Pedido 1',
				salesContact: 'Ana',
				paymentMethod: 'TF',
			}),
		);
		expect(body).toMatchObject({
			operationDate: '28-02-2025',
			invoiceExpiration: '30',
			paymentNote: 'IBAN',
			textObservations: 'Gracias',
			textCustomerObservations: 'Pedido 1',
			contactName: 'Ana',
			idPayment: 'TF',
		});
		expect(validateInvoiceBody(body)).toEqual([]);
	});

	it('maps the customer', () => {
		const body = buildDraft(
			base({
				customer: {
					name: ' Pepe Pérez ',
					personType: 'individual',
					identification: 'X1234567L',
					identificationType: '04',
					postalCode: '28001',
					province: '28',
					email: 'p@example.com',
				},
			}),
		);
		expect(body.contacts).toEqual([
			{
				contactType: '01',
				personType: '01',
				companyName: 'Pepe Pérez',
				regime: '01',
				country: '207',
				applySurchargeEquivalence: false,
				identification: 'X1234567L',
				identificationType: '04',
				postalCodeCustomer: '28001',
				province: '28',
				emailCustomer: 'p@example.com',
			},
		]);
		expect(buildDraft(base({ customer: { name: 'Sin NIF' } })).contacts[0]).not.toHaveProperty(
			'identificationType',
		);
	});

	it('puts recargo on IVA goods of a customer in recargo, not on services or 0 % lines', () => {
		const body = buildDraft(
			base({
				customer: { name: 'Tienda', personType: 'individual', surchargeEquivalence: true },
				lines: [
					{ description: 'Goods', quantity: 1, unitPrice: 100, taxRate: 21 },
					{
						description: 'Service',
						productType: 'service',
						quantity: 1,
						unitPrice: 100,
						taxRate: 21,
					},
					{ description: 'Book export', quantity: 1, unitPrice: 100, exemptCause: 'E2' },
					{ description: 'Opt out', quantity: 1, unitPrice: 100, taxRate: 10, recargo: false },
				],
			}),
		);
		expect(body.products.map((p) => [p.regime, p.totalSurCharges])).toEqual([
			['18', 5.2],
			['01', 0],
			['01', 0],
			['01', 0],
		]);
		expect(body.contacts[0].applySurchargeEquivalence).toBe(true);
		expect(body.idOperationsExenta).toBe('E2');
		expect(body.products[2].taxes[0]).toMatchObject({
			rate: 0,
			isExemptOperation: true,
			idExento: 'E2',
			qualificationOperation: null,
		});
		expect(validateInvoiceBody(body)).toEqual([]);
	});

	it("copies the first line's tax treatment to a shipping line", () => {
		const body = buildDraft(
			base({
				lines: [{ description: 'Export', quantity: 1, unitPrice: 50, exemptCause: 'E2' }],
				shipping: { amount: '6.00' },
			}),
		);
		expect(body.products[1]).toMatchObject({
			description: 'Gastos de envío',
			productType: 2,
			subTotal: 6,
			totalTax: 0,
		});
		expect(body.products[1].taxes[0].idExento).toBe('E2');
		expect(validateInvoiceBody(body)).toEqual([]);
	});

	it('names every value it cannot read at the boundary, at once, before building', () => {
		const junk = {
			number: 'J1',
			date: 'tomorrow',
			time: '25:61',
			customer: { name: '' },
			lines: [
				{ description: 'A', quantity: 1.5, unitPrice: '1,50', taxRate: 21 },
				{ description: 'B', quantity: 1, unitPrice: 2, tax: 'VAT', taxRate: 'x' },
				{ description: 'C', quantity: 1, unitPrice: 2 },
				{ description: 'D', quantity: 1, unitPrice: 2, taxRate: 0, recargo: true },
				null,
			],
			charges: [{ kind: 'discount', amount: 'ten' }],
		} as unknown as InvoiceDraft;
		expect(readInvoiceDraft(junk).problems).toEqual([
			"lines[0].unitPrice: must be a price such as 12.50 or 0.0825; write the decimals after a point ('12.5') (got '1,50')",
			"lines[1].tax: must be IVA, IGIC, IPSI or other (got 'VAT')",
			"lines[1].taxRate: must be a percent such as 15 (got 'x')",
			'lines[2].taxRate: is required: a percent such as 15',
			'lines[4]: must be an object with description, quantity and price (got null)',
			"date: must be a date such as 2025-03-01 or 01/03/2025 (got 'tomorrow')",
			"time: must be a time such as 10:30 or 10:30:15 (got '25:61')",
			"charges[0].amount: must be an amount such as 12.50 (got 'ten')",
		]);
	});

	it('sends readable values that break a rule as given: the validator names them', () => {
		const text = issuesOf({
			number: 'J1',
			date: '2025-03-01',
			time: '10:00',
			customer: { name: '' },
			lines: [
				{ description: 'A', quantity: 1.5, unitPrice: '1.50', taxRate: 21 },
				{ description: 'B', quantity: 1, unitPrice: 2, taxRate: 22 },
				{ description: 'D', quantity: 1, unitPrice: 2, taxRate: 0, recargo: true },
				{ quantity: 1, unitPrice: 2, taxRate: 21 },
			],
		});
		for (const want of [
			'contacts[0].companyName: must not be empty',
			'products[0].quantity: must be a whole number from 1 to 999 (got 1.5)',
			'products[1].taxes[0].rate: must be an IVA rate: 21, 10, 5, 4 or 0 (got 22)',
			'products[2].withHoldingsSurChargesDto[0].idRateWithHoldings: no recargo de equivalencia on IVA 0 %',
			"products[2].withHoldingsSurChargesDto[0].rateValueWithHoldings: is required for idRateWithHoldings '11'",
			'products[3].description: must not be empty',
		]) {
			expect(text).toContain(want);
		}
	});

	it('accepts a missing lines list and missing customer without throwing', () => {
		const text = issuesOf({ number: 'X1' } as InvoiceDraft);
		expect(text).toContain('products: must have at least 1 element');
		expect(text).toContain('contacts[0].companyName: must not be empty');
	});

	it('keeps prices exact and sends unitPrice with its own decimals', () => {
		const body = buildDraft(
			base({ lines: [{ description: 'Screw', quantity: 100, unitPrice: '0.0825', taxRate: 21 }] }),
		);
		expect(body.products[0]).toMatchObject({ unitPrice: 0.0825, subTotal: 8.25, totalTax: 1.73 });
	});

	it('converts a tax-included price to a net unit price that gives back the line total', () => {
		const body = buildDraft(
			base({
				pricesIncludeTax: true,
				lines: [{ description: 'Shirt', quantity: 3, unitPrice: 9.99, taxRate: 21 }],
			}),
		);
		expect(body.products[0]).toMatchObject({ unitPrice: 8.256667, subTotal: 24.77, totalTax: 5.2 });
		expect(validateInvoiceBody(body)).toEqual([]);
	});
});
