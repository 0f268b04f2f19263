// Builder behaviour beyond totals: defaults, fixed values, dates, customer, recargo, and
// passing unusable values through so the validator names them.
import type { InvoiceInput } from '../../../nodes/FacturasApp/invoice';
import { buildInvoiceBody, formatIssues, validateInvoiceBody } from '../../../nodes/FacturasApp/invoice';

const base = (extra: Partial<InvoiceInput> = {}): InvoiceInput => ({
	number: 'RA02',
	date: '2025-03-01',
	time: '10:30',
	customer: { name: 'Cliente SL', identification: 'B12345678' },
	lines: [{ description: 'Item', quantity: 1, unitPrice: 10, taxRate: 21 }],
	...extra,
});
const issuesOf = (input: InvoiceInput) => formatIssues(validateInvoiceBody(buildInvoiceBody(input)));

describe('buildInvoiceBody', () => {
	it('sets the fixed values of an ordinary invoice', () => {
		const body = buildInvoiceBody(base());
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
		expect(buildInvoiceBody(base({ number })).currentNumber).toBe(current);
	});

	it('leaves currentNumber out when the number has no trailing digits, and takes an explicit one', () => {
		expect(buildInvoiceBody(base({ number: 'ABC' }))).not.toHaveProperty('currentNumber');
		expect(buildInvoiceBody(base({ number: 'X9', currentNumber: 120 })).currentNumber).toBe(120);
	});

	it.each([
		['2025-03-01', '2025-03-01T12:00:00.000Z'],
		['2025-03-01T23:30:00.000+01:00', '2025-03-01T12:00:00.000Z'],
		['01/03/2025', '2025-03-01T12:00:00.000Z'],
		['1-3-2025', '2025-03-01T12:00:00.000Z'],
		[new Date('2025-03-01T23:30:00Z'), '2025-03-02T12:00:00.000Z'],
	])('reads the date %p as the calendar day', (date, expected) => {
		expect(buildInvoiceBody(base({ date, timeZone: 'Europe/Madrid' })).invoiceDate).toBe(expected);
	});

	it('defaults date and time to now in the time zone', () => {
		const body = buildInvoiceBody(base({ date: undefined, time: undefined, now: new Date('2025-03-01T23:30:05Z'), timeZone: 'Europe/Madrid' }));
		expect(body.invoiceDate).toBe('2025-03-02T12:00:00.000Z');
		expect(body.invoiceTime).toBe('00:30:05.0000000');
		const utc = buildInvoiceBody(base({ date: '', time: '', now: new Date('2025-03-01T23:30:05Z'), timeZone: 'UTC' }));
		expect([utc.invoiceDate, utc.invoiceTime]).toEqual(['2025-03-01T12:00:00.000Z', '23:30:05.0000000']);
	});

	it('survives an unknown time zone', () => {
		const body = buildInvoiceBody(base({ time: undefined, timeZone: 'Mars/Olympus', now: new Date('2025-06-01T10:00:00Z') }));
		expect(body.invoiceTime).toBe('12:00:00.0000000');
	});

	it('formats operation date, due days and notes', () => {
		const body = buildInvoiceBody(
			base({ operationDate: '2025-02-28', dueInDays: 30, paymentNote: ' IBAN ', observations: 'Gracias', customerObservations: 'Pedido 1', salesContact: 'Ana', paymentMethod: 'TF' }),
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
		const body = buildInvoiceBody(
			base({ customer: { name: ' Pepe Pérez ', personType: 'individual', identification: 'X1234567L', identificationType: '04', postalCode: '28001', province: '28', email: 'p@example.com' } }),
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
		expect(buildInvoiceBody(base({ customer: { name: 'Sin NIF' } })).contacts[0]).not.toHaveProperty('identificationType');
	});

	it('puts recargo on IVA goods of a customer in recargo, not on services or 0 % lines', () => {
		const body = buildInvoiceBody(
			base({
				customer: { name: 'Tienda', personType: 'individual', surchargeEquivalence: true },
				lines: [
					{ description: 'Goods', quantity: 1, unitPrice: 100, taxRate: 21 },
					{ description: 'Service', productType: 'service', quantity: 1, unitPrice: 100, taxRate: 21 },
					{ description: 'Book export', quantity: 1, unitPrice: 100, exemptCause: 'E2' },
					{ description: 'Opt out', quantity: 1, unitPrice: 100, taxRate: 10, recargo: false },
				],
			}),
		);
		expect(body.products.map((p) => [p.regime, p.totalSurCharges])).toEqual([['18', 5.2], ['01', 0], ['01', 0], ['01', 0]]);
		expect(body.contacts[0].applySurchargeEquivalence).toBe(true);
		expect(body.idOperationsExenta).toBe('E2');
		expect(body.products[2].taxes[0]).toMatchObject({ rate: 0, isExemptOperation: true, idExento: 'E2', qualificationOperation: null });
		expect(validateInvoiceBody(body)).toEqual([]);
	});

	it('copies the first line\'s tax treatment to a shipping line', () => {
		const body = buildInvoiceBody(base({ lines: [{ description: 'Export', quantity: 1, unitPrice: 50, exemptCause: 'E2' }], shipping: { amount: '6.00' } }));
		expect(body.products[1]).toMatchObject({ description: 'Gastos de envío', productType: 2, subTotal: 6, totalTax: 0 });
		expect(body.products[1].taxes[0].idExento).toBe('E2');
		expect(validateInvoiceBody(body)).toEqual([]);
	});

	it('never throws on junk: the validator names every unusable value', () => {
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
		} as unknown as InvoiceInput;
		const text = formatIssues(validateInvoiceBody(buildInvoiceBody(junk)));
		for (const want of [
			"invoiceDate: must be an ISO date-time such as '2025-03-01T12:00:00.000Z' (noon UTC keeps the day in every zone) (got 'tomorrow')",
			"invoiceTime: must be a time of day as HH:mm:ss.0000000, e.g. '10:30:00.0000000' (got '25:61')",
			'contacts[0].companyName: must not be empty',
			'products[0].quantity: must be a whole number from 1 to 999 (got 1.5)',
			"products[0].unitPrice: must be a number: the net unit price (tax excluded), 0 or more, with at most 6 decimals (got '1,50')",
			"products[1].taxes[0].taxCode: must be one of '01' (IVA), '02' (IPSI), '03' (IGIC) or '05' (other) (got 'VAT')",
			"products[1].taxes[0].rate: must be a number: the tax rate in percent (21, not 0.21) (got 'x')",
			'products[2].taxes[0].rate: is required',
			'products[3].withHoldingsSurChargesDto[0].idRateWithHoldings: no recargo de equivalencia on IVA 0 %',
			"products[3].withHoldingsSurChargesDto[0].rateValueWithHoldings: is required for idRateWithHoldings '11'",
			'products[4].description: is required',
			"chargeAndDiscount[0].valueFeeDiscount: must be a number: an amount of 0 or more with at most 2 decimals (got 'ten')",
		]) {
			expect(text).toContain(want);
		}
	});

	it('accepts a missing lines list and missing customer without throwing', () => {
		const text = issuesOf({ number: 'X1' } as InvoiceInput);
		expect(text).toContain('products: must have at least 1 element');
		expect(text).toContain('contacts[0].companyName: is required');
	});

	it('keeps prices exact and sends unitPrice with its own decimals', () => {
		const body = buildInvoiceBody(base({ lines: [{ description: 'Screw', quantity: 100, unitPrice: '0.0825', taxRate: 21 }] }));
		expect(body.products[0]).toMatchObject({ unitPrice: 0.0825, subTotal: 8.25, totalTax: 1.73 });
	});

	it('converts a tax-included price to a net unit price that gives back the line total', () => {
		const body = buildInvoiceBody(base({ pricesIncludeTax: true, lines: [{ description: 'Shirt', quantity: 3, unitPrice: 9.99, taxRate: 21 }] }));
		expect(body.products[0]).toMatchObject({ unitPrice: 8.256667, subTotal: 24.77, totalTax: 5.2 });
		expect(validateInvoiceBody(body)).toEqual([]);
	});
});
