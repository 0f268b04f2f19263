// What the validator accepts beyond the builder's own output (older client forms, optional and
// nullable fields), reporting everything at once, and speed.
import type { InvoiceDraft } from '../../../nodes/FacturasApp/invoice';
import { formatIssues, validateInvoiceBody } from '../../../nodes/FacturasApp/invoice';
import { buildDraft, baseBody, patch } from './helpers';

type Body = Record<string, unknown>;
const simple = (extra: Partial<InvoiceDraft> = {}): Body =>
	buildDraft({
		number: 'S-1',
		date: '2025-03-01',
		time: '10:00',
		customer: { name: 'Cliente SL' },
		lines: [{ description: 'Item', quantity: 2, unitPrice: 10, taxRate: 21 }],
		...extra,
	}) as unknown as Body;
const issues = (body: unknown) => formatIssues(validateInvoiceBody(body));

describe('validateInvoiceBody accepts', () => {
	it('the older tariff form of IRPF and recargo', () => {
		const body = baseBody();
		patch(body, 'products[0].withHoldingsSurChargesDto', [
			{ idRateWithHoldings: '23', subTotalWithHoldings: 630, cuotaWithHoldings: 32.76 },
		]);
		patch(body, 'products[1].withHoldingsSurChargesDto', [
			{ idRateWithHoldings: '24', subTotalWithHoldings: 85, cuotaWithHoldings: 1.19 },
		]);
		patch(body, 'products[2].withHoldingsSurChargesDto', [
			{ idRateWithHoldings: '21', subTotalWithHoldings: 150, cuotaWithHoldings: 22.5 },
		]);
		expect(issues(body)).toBe('');
	});

	it('tax entries and summary rows without taxCode, in any order', () => {
		const body = baseBody() as { products: Array<{ taxes: Body[] }>; fieldTaxations: Body[] };
		for (const p of body.products)
			p.taxes = [
				{
					taxName: p.taxes[0].taxName,
					rate: p.taxes[0].rate,
					taxBase: p.taxes[0].taxBase,
					valueTax: p.taxes[0].valueTax,
				},
			];
		body.fieldTaxations = body.fieldTaxations
			.reverse()
			.map(({ taxCode, ...row }) => (taxCode === '01' ? row : { taxCode, ...row }));
		expect(issues(body)).toBe('');
	});

	it('a body without the optional fields', () => {
		const body = simple();
		for (const key of [
			'currentNumber',
			'invoiceExpiration',
			'invoiceIdTypeRegSIF',
			'operationDate',
			'chargeAndDiscount',
			'invoiceTypeId',
			'invoiceRectificativeTypeId',
			'typeRectificativeId',
			'aditionalData',
		]) {
			delete body[key];
		}
		const product = (body.products as Body[])[0];
		delete product.withHoldingsSurChargesDto;
		delete product.discountDtoModules;
		delete product.reference;
		delete product.regime;
		expect(issues(body)).toBe('');
	});

	it('null where the contract allows it', () => {
		const body = simple();
		Object.assign(body, {
			invoiceIdTypeRegSIF: null,
			paymentNote: null,
			textObservations: null,
			textCustomerObservations: null,
			chargeAndDiscount: null,
			operationDate: null,
		});
		Object.assign((body.products as Body[])[0], {
			withHoldingsSurChargesDto: null,
			discountDtoModules: null,
		});
		Object.assign((body.contacts as Body[])[0], {
			tradeName: null,
			identification: null,
			identificationType: null,
			webSite: null,
			province: '',
		});
		expect(issues(body)).toBe('');
	});

	it('a customer in recargo buying only services, an IGIC exempt line (E7) and two exempt causes', () => {
		const body = simple({
			customer: { name: 'Tienda', surchargeEquivalence: true },
			lines: [
				{
					description: 'Service',
					productType: 'service',
					quantity: 1,
					unitPrice: 100,
					taxRate: 21,
				},
				{ description: 'IGIC exempt', quantity: 1, unitPrice: 50, tax: 'IGIC', exemptCause: 'E7' },
				{ description: 'Export', quantity: 1, unitPrice: 30, exemptCause: 'E2' },
			],
		});
		expect(body.idOperationsExenta).toBe('E7');
		expect(issues(body)).toBe('');
		expect(issues({ ...body, idOperationsExenta: 'E2' })).toBe('');
		expect(issues({ ...body, idOperationsExenta: 'E1' })).toBe(
			"idOperationsExenta: must be the exemption cause of the exempt lines, 'E7' or 'E2' (got 'E1')",
		);
	});

	it('an invoice qualified S2 whose lines take it over', () => {
		const body = simple({
			qualification: 'S2',
			lines: [{ description: 'Obra', quantity: 1, unitPrice: 1000 }],
		});
		const products = body.products as Array<{ taxes: Body[] }>;
		delete products[0].taxes[0].qualificationOperation;
		expect(issues(body)).toBe('');
		products[0].taxes[0].rate = 21;
		expect(issues(body)).toContain('products[0].taxes[0].rate: must be 0 for qualification S2');
	});
});

describe('validateInvoiceBody reports', () => {
	it('every problem at once, one line each', () => {
		const body = baseBody();
		patch(body, 'products[2].quantity', 1.5);
		patch(body, 'contacts[0].companyName', '');
		patch(body, 'idPayment', 'XX');
		patch(body, 'sumTotalCharge', 6);
		const text = issues(body);
		expect(text.split('\n')).toEqual([
			`idPayment: must be one of a payment method code: ND, EF, TF, TB, DB, PP, FR, CF, TL, TC, TD, PA, CH, RB, CD, BZ, LC, CP (got 'XX')`,
			"contacts[0].companyName: must not be empty: the customer's name (got '')",
			'products[2].quantity: must be a whole number from 1 to 999 (got 1.5); for fractional or larger quantities, put the quantity in the description and the line total as the unit price',
			"sumTotalCharge: must be 5.00 = the sum of chargeAndDiscount[].totalFeeDiscount of type 'CG' (got 6.00)",
		]);
	});

	it('formats issues as "path: message" lines', () => {
		expect(
			formatIssues([
				{ path: 'a', message: 'x' },
				{ path: 'b[1].c', message: 'y' },
			]),
		).toBe('a: x\nb[1].c: y');
		expect(formatIssues([])).toBe('');
	});

	it('values far beyond any invoice without throwing', () => {
		const body = baseBody();
		patch(body, 'products[0].unitPrice', 1e300);
		patch(body, 'sumTotalTotal', 1e308);
		const text = issues(body);
		expect(text).toContain('products[0].unitPrice: must be at most 99999999999.99');
		expect(text).toContain('sumTotalTotal: must be at most 99999999999.99');
	});
});

// Its speed is measured by `npm run bench` (CPU per invoice for build + validate), never here:
// a test that bounds CPU time fails on a busy machine.
describe('a full 5-line invoice', () => {
	it('builds (recargo, IRPF, exemption, a global discount) into a body with no validation issue', () => {
		const input: InvoiceDraft = {
			number: 'P-1',
			date: '2025-03-01',
			time: '10:00',
			customer: {
				name: 'Tienda',
				personType: 'individual',
				identification: '12345678Z',
				surchargeEquivalence: true,
			},
			lines: [
				{ description: 'A', quantity: 3, unitPrice: '210.00', taxRate: 21 },
				{ description: 'B', quantity: 10, unitPrice: 8.5, taxRate: 10, discount: 5 },
				{
					description: 'C',
					productType: 'service',
					quantity: 1,
					unitPrice: 150,
					taxRate: 21,
					irpf: 15,
				},
				{ description: 'D', quantity: 7, unitPrice: 0.0825, taxRate: 4 },
				{ description: 'E', quantity: 1, unitPrice: 40, exemptCause: 'E2' },
			],
			charges: [{ kind: 'discount', percent: 2 }],
		};
		const body = buildDraft(input);
		expect(formatIssues(validateInvoiceBody(body))).toBe('');
		expect(body.products).toHaveLength(5);
	});
});
