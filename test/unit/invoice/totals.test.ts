// Table-driven §5 totals through the builder. Every expected amount is worked out by hand in
// the comments (half away from zero on cents at every step), never by the code under test.
import type { InvoiceDraft, LineDraft } from '../../../nodes/FacturasApp/invoice';
import { buildDraft } from './helpers';
import { formatIssues, validateInvoiceBody } from '../../../nodes/FacturasApp/invoice';
import { oracleProblems } from '../../oracle/totals';

interface Expected {
	sub: number;
	base: number;
	tax: number;
	subAndTax: number;
	total: number;
	net: number;
	exempt?: number;
	discount?: number;
	charge?: number;
	irpf?: number;
	exenta?: string;
	/** [taxName, rate, taxBase, valueTax] in body order. */
	rows?: Array<[string, number, number, number]>;
	/** Per line: subTotal, totaldiscount, totalTax, totalSurCharges, totalwithHoldings. */
	lines?: Array<[number, number, number, number, number]>;
}

const customer = { name: 'Cliente SL', identification: 'B12345678' };
const invoice = (lines: LineDraft[], extra: Partial<InvoiceDraft> = {}): InvoiceDraft => ({
	number: 'T-1',
	date: '2025-03-01',
	time: '09:00',
	customer,
	lines,
	...extra,
});
const iva = (
	quantity: number,
	unitPrice: number | string,
	taxRate: number,
	more: Partial<LineDraft> = {},
): LineDraft => ({
	description: 'Item',
	quantity,
	unitPrice,
	taxRate,
	...more,
});

const cases: Array<[string, InvoiceDraft, Expected]> = [
	// 2 × 10.00 = 20.00; 20.00 × 21 % = 4.20
	[
		'single rate',
		invoice([iva(2, 10, 21)]),
		{
			sub: 20,
			base: 20,
			tax: 4.2,
			subAndTax: 24.2,
			total: 24.2,
			net: 24.2,
			rows: [['IVA', 21, 20, 4.2]],
		},
	],
	// 100.00 → 21.00; 3 × 5.55 = 16.65 → 1.665 → 1.67; 2 × 3.10 = 6.20 → 0.248 → 0.25
	[
		'multi rate',
		invoice([iva(1, 100, 21), iva(3, 5.55, 10), iva(2, 3.1, 4)]),
		{
			sub: 122.85,
			base: 122.85,
			tax: 22.92,
			subAndTax: 145.77,
			total: 145.77,
			net: 145.77,
			rows: [
				['IVA', 21, 100, 21],
				['IVA', 10, 16.65, 1.67],
				['IVA', 4, 6.2, 0.25],
			],
		},
	],
	// §5: 630 → tax 132.30, RE 32.76; 85 → tax 8.50, RE 1.19; 150 → tax 31.50, IRPF 22.50
	[
		'§5 worked check',
		invoice(
			[
				iva(3, '210.00', 21, { recargo: true }),
				iva(10, 8.5, 10, { recargo: true }),
				iva(1, 150, 21, { productType: 'service', irpf: 15 }),
			],
			{ customer: { ...customer, personType: 'individual' } },
		),
		{
			sub: 865,
			base: 865,
			tax: 172.3,
			subAndTax: 1037.3,
			total: 1071.25,
			net: 1048.75,
			rows: [
				['IVA', 21, 780, 163.8],
				['IVA', 10, 85, 8.5],
				['RE', 5.2, 630, 32.76],
				['RE', 1.4, 85, 1.19],
			],
			lines: [
				[630, 0, 132.3, 32.76, 0],
				[85, 0, 8.5, 1.19, 0],
				[150, 0, 31.5, 0, 22.5],
			],
		},
	],
	// Customer in recargo: 10.00 @5 → 0.50, RE 0.5 % → 0.05; 3.33 @4 → 0.1332 → 0.13, RE 0.01665 → 0.02
	[
		'recargo from the customer at 5 % and 4 %',
		invoice([iva(1, 10, 5), iva(1, 3.33, 4)], {
			customer: { ...customer, surchargeEquivalence: true },
		}),
		{
			sub: 13.33,
			base: 13.33,
			tax: 0.63,
			subAndTax: 13.96,
			total: 14.03,
			net: 14.03,
			rows: [
				['IVA', 5, 10, 0.5],
				['IVA', 4, 3.33, 0.13],
				['RE', 0.5, 13.33, 0.07],
			],
		},
	],
	// Tobacco: 4 × 4.95 = 19.80; tax 4.158 → 4.16; RE 1.75 % 0.3465 → 0.35
	[
		'explicit recargo 1.75 %',
		invoice([iva(4, 4.95, 21, { recargo: 1.75 })]),
		{
			sub: 19.8,
			base: 19.8,
			tax: 4.16,
			subAndTax: 23.96,
			total: 24.31,
			net: 24.31,
			rows: [
				['IVA', 21, 19.8, 4.16],
				['RE', 1.75, 19.8, 0.35],
			],
		},
	],
	// 1000 → tax 210, IRPF 15 % 150; 333.33 → tax 69.9993 → 70.00, IRPF 7 % 23.3331 → 23.33
	[
		'IRPF on services',
		invoice([
			iva(1, 1000, 21, { productType: 'service', irpf: 15 }),
			iva(1, 333.33, 21, { productType: 'service', irpf: 7 }),
		]),
		{
			sub: 1333.33,
			base: 1333.33,
			tax: 280,
			subAndTax: 1613.33,
			total: 1613.33,
			net: 1440,
			lines: [
				[1000, 0, 210, 0, 150],
				[333.33, 0, 70, 0, 23.33],
			],
		},
	],
	// 50.00 − 10 % 5.00 = 45.00 → 9.45; 29.97 − 15 % 4.4955→4.50 = 25.47 → 5.3487→5.35;
	// 10.00 − 33.333 % 3.3333→3.33 = 6.67 → @10 0.667→0.67
	[
		'line discounts',
		invoice([
			iva(4, 12.5, 21, { discount: 10 }),
			iva(3, 9.99, 21, { discount: 15 }),
			iva(1, 10, 10, { discount: '33.333' }),
		]),
		{
			sub: 89.97,
			base: 77.14,
			tax: 15.47,
			subAndTax: 92.61,
			total: 92.61,
			net: 92.61,
			rows: [
				['IVA', 21, 70.47, 14.8],
				['IVA', 10, 6.67, 0.67],
			],
			lines: [
				[50, 5, 9.45, 0, 0],
				[29.97, 4.5, 5.35, 0, 0],
				[10, 3.33, 0.67, 0, 0],
			],
		},
	],
	// 200 → 42; total 242; DT 10 % of 200 = 20.00; CG 5.95 → 242 − 20 + 5.95 = 227.95
	[
		'invoice discount percent and charge',
		invoice([iva(1, 200, 21)], {
			charges: [
				{ kind: 'discount', percent: 10 },
				{ kind: 'charge', amount: 5.95 },
			],
		}),
		{
			sub: 200,
			base: 200,
			tax: 42,
			subAndTax: 242,
			total: 242,
			net: 227.95,
			discount: 20,
			charge: 5.95,
		},
	],
	// 99.99 → 20.9979 → 21.00; total 120.99 − DT 10.00 = 110.99
	[
		'invoice discount amount',
		invoice([iva(1, 99.99, 21)], { charges: [{ kind: 'discount', amount: '10.00' }] }),
		{
			sub: 99.99,
			base: 99.99,
			tax: 21,
			subAndTax: 120.99,
			total: 120.99,
			net: 110.99,
			discount: 10,
		},
	],
	// RT 15 % of the base 1000 = 150 → 1210 − 150 = 1060
	[
		'global IRPF',
		invoice([iva(1, 1000, 21, { productType: 'service' })], {
			charges: [{ kind: 'withholding', percent: 15 }],
		}),
		{ sub: 1000, base: 1000, tax: 210, subAndTax: 1210, total: 1210, net: 1060, irpf: 150 },
	],
	// Export E2 500 at 0 % (exempt base) + 100 → 21
	[
		'exempt line E2',
		invoice([iva(1, 500, 0, { exemptCause: 'E2', taxRate: undefined }), iva(1, 100, 21)]),
		{
			sub: 600,
			base: 600,
			tax: 21,
			subAndTax: 621,
			total: 621,
			net: 621,
			exempt: 500,
			exenta: 'E2',
			rows: [
				['IVA', 0, 500, 0],
				['IVA', 21, 100, 21],
			],
		},
	],
	// N1 80 + N2 2 × 45 = 90: no tax, exempt base 170, nothing exempt (E0)
	[
		'not subject N1 and N2',
		invoice([
			iva(1, 80, 0, { qualification: 'N1' }),
			iva(2, 45, 0, { qualification: 'N2', taxRate: undefined }),
		]),
		{
			sub: 170,
			base: 170,
			tax: 0,
			subAndTax: 170,
			total: 170,
			net: 170,
			exempt: 170,
			exenta: 'E0',
			rows: [['IVA', 0, 170, 0]],
		},
	],
	[
		'reverse charge S2',
		invoice([{ description: 'Obra', productType: 'service', quantity: 1, unitPrice: 1000 }], {
			qualification: 'S2',
		}),
		{ sub: 1000, base: 1000, tax: 0, subAndTax: 1000, total: 1000, net: 1000, exempt: 1000 },
	],
	// IGIC: 2 × 50 @7 → 7.00; 20 @3 → 0.60; 15.55 @9.5 → 1.47725 → 1.48
	[
		'IGIC',
		invoice([
			iva(2, 50, 7, { tax: 'IGIC' }),
			iva(1, 20, 3, { tax: 'IGIC' }),
			iva(1, 15.55, 9.5, { tax: 'IGIC' }),
		]),
		{
			sub: 135.55,
			base: 135.55,
			tax: 9.08,
			subAndTax: 144.63,
			total: 144.63,
			net: 144.63,
			rows: [
				['IGIC', 7, 100, 7],
				['IGIC', 3, 20, 0.6],
				['IGIC', 9.5, 15.55, 1.48],
			],
		},
	],
	// IPSI: 100 @4 → 4.00; 99 @0.5 → 0.495 → 0.50
	[
		'IPSI',
		invoice([iva(1, 100, 4, { tax: 'IPSI' }), iva(1, 99, 0.5, { tax: 'IPSI' })]),
		{
			sub: 199,
			base: 199,
			tax: 4.5,
			subAndTax: 203.5,
			total: 203.5,
			net: 203.5,
			rows: [
				['IPSI', 4, 100, 4],
				['IPSI', 0.5, 99, 0.5],
			],
		},
	],
	// Other tax, free rate: 40 × 7.5 % = 3.00
	[
		'other tax',
		invoice([iva(1, 40, 7.5, { tax: 'other', taxName: 'Tasa X' })]),
		{
			sub: 40,
			base: 40,
			tax: 3,
			subAndTax: 43,
			total: 43,
			net: 43,
			rows: [['Tasa X', 7.5, 40, 3]],
		},
	],
	// Shipping line at the first line's 21 %: 4.95 → 1.0395 → 1.04; 40 → 8.40
	[
		'shipping as a line',
		invoice([iva(1, 40, 21)], { shipping: { amount: 4.95 } }),
		{
			sub: 44.95,
			base: 44.95,
			tax: 9.44,
			subAndTax: 54.39,
			total: 54.39,
			net: 54.39,
			lines: [
				[40, 0, 8.4, 0, 0],
				[4.95, 0, 1.04, 0, 0],
			],
		},
	],
	// Shipping as an untaxed charge after tax: 48.40 + 4.95
	[
		'shipping as a charge',
		invoice([iva(1, 40, 21)], { shipping: { amount: 4.95, as: 'charge' } }),
		{ sub: 40, base: 40, tax: 8.4, subAndTax: 48.4, total: 48.4, net: 53.35, charge: 4.95 },
	],
	// Tax included: 12.10/1.21 = 10.00 (+2.10); 3 × 9.99 = 29.97 → 2477/121·100 → 24.77 + 5.20;
	// 1.00/1.10 → 0.91 + 0.09. Each line's net + tax gives back the tax-included total.
	[
		'tax-included prices',
		invoice([iva(1, 12.1, 21), iva(3, 9.99, 21), iva(1, 1, 10)], { pricesIncludeTax: true }),
		{
			sub: 35.68,
			base: 35.68,
			tax: 7.39,
			subAndTax: 43.07,
			total: 43.07,
			net: 43.07,
			lines: [
				[10, 0, 2.1, 0, 0],
				[24.77, 0, 5.2, 0, 0],
				[0.91, 0, 0.09, 0, 0],
			],
		},
	],
	// 0.03 with 21 % included: no cent amount G has G + round(0.21 G) = 3; falls back to 0.02
	[
		'tax-included total no net can reproduce',
		invoice([iva(1, 0.03, 21, { priceIncludesTax: true })]),
		{ sub: 0.02, base: 0.02, tax: 0, subAndTax: 0.02, total: 0.02, net: 0.02 },
	],
	// 37 × 0.333 → 0.33 each, tax 0.0693 → 0.07 each: 12.21 and 2.59 (not 12.21 × 21 % = 2.56)
	[
		'37 lines of 0.333',
		invoice(Array.from({ length: 37 }, () => iva(1, 0.333, 21))),
		{
			sub: 12.21,
			base: 12.21,
			tax: 2.59,
			subAndTax: 14.8,
			total: 14.8,
			net: 14.8,
			rows: [['IVA', 21, 12.21, 2.59]],
		},
	],
	// 37 × (3 × 0.333 = 0.999 → 1.00), tax 0.21 each
	[
		'37 lines of 3 × 0.333',
		invoice(Array.from({ length: 37 }, () => iva(3, '0.333', 21))),
		{ sub: 37, base: 37, tax: 7.77, subAndTax: 44.77, total: 44.77, net: 44.77 },
	],
	// 100 × 0.0825 = 8.25 exactly; 8.25 × 21 % = 1.7325 → 1.73
	[
		'unit price with 4 decimals',
		invoice([iva(100, 0.0825, 21)]),
		{ sub: 8.25, base: 8.25, tax: 1.73, subAndTax: 9.98, total: 9.98, net: 9.98 },
	],
	// 0.05 × 10 % = 0.005 → 0.01; 0.15 × 10 % = 0.015 → 0.02 (binary floats would give 0.01)
	[
		'half away from zero on exact halves',
		invoice([iva(1, 0.05, 10), iva(1, 0.15, 10)]),
		{ sub: 0.2, base: 0.2, tax: 0.03, subAndTax: 0.23, total: 0.23, net: 0.23 },
	],
	// Strings: 2 × 12.345 = 24.69; × 21 % = 5.1849 → 5.18
	[
		'decimal strings',
		invoice([iva(2, '12.345', 21)]),
		{ sub: 24.69, base: 24.69, tax: 5.18, subAndTax: 29.87, total: 29.87, net: 29.87 },
	],
];

describe('§5 totals (builder)', () => {
	it.each(cases)('%s', (_name, input, e) => {
		const body = buildDraft(input);
		expect(formatIssues(validateInvoiceBody(body))).toBe('');
		expect(oracleProblems(body)).toEqual([]);
		expect({
			sub: body.sumTotalSubTotal,
			base: body.sumTotalTaxBase,
			tax: body.sumTotalTax,
			subAndTax: body.sumTotalSubTotalAndTax,
			total: body.sumTotalTotal,
			net: body.sumTotalNetPayable,
		}).toEqual({
			sub: e.sub,
			base: e.base,
			tax: e.tax,
			subAndTax: e.subAndTax,
			total: e.total,
			net: e.net,
		});
		expect(body.sumTotalExemptBase).toBe(e.exempt ?? 0);
		expect(body.valueExemptBase).toBe(e.exempt ?? 0);
		expect(body.sumTotalDiscount).toBe(e.discount ?? 0);
		expect(body.sumTotalCharge).toBe(e.charge ?? 0);
		expect(body.sumTotalRetentionIRPF).toBe(e.irpf ?? 0);
		if (e.exenta) expect(body.idOperationsExenta).toBe(e.exenta);
		if (e.rows)
			expect(body.fieldTaxations.map((r) => [r.taxName, r.rate, r.taxBase, r.valueTax])).toEqual(
				e.rows,
			);
		if (e.lines) {
			expect(
				body.products.map((p) => [
					p.subTotal,
					p.totaldiscount,
					p.totalTax,
					p.totalSurCharges,
					p.totalwithHoldings,
				]),
			).toEqual(e.lines);
		}
	});
});
