// The 40-order test (issue 16): for each tax situation the builder supports, one order filled in
// through the node's Define Below form, issued by the emulator (the contract's validator plus the
// independent §5 oracle), then the very body the node built sent again through JSON mode:
// accepted too, and stored unchanged. Each order's sumTotalTotal and sumTotalNetPayable are
// worked out by hand in its row (half away from zero on cents at every step); the oracle
// (test/oracle, which imports nothing from nodes/) rechecks every amount of every stored body;
// `shows` proves the situation really is in the body (a case that silently built a plain IVA 21 %
// invoice would still add up).
import type { IDataObject } from 'n8n-workflow';

import { oracleProblems } from '../oracle/totals';
import { pathTokens } from '../unit/invoice/helpers';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

interface Order {
	name: string;
	lines: IDataObject[];
	/** Invoice Details. */
	details?: IDataObject;
	/** Customer Details. */
	customer?: IDataObject;
	nif?: string;
	total: number;
	payable: number;
	/** Body path → value. */
	shows: Record<string, unknown>;
}

/** A form line: the four fields every line has, the rest as Add Line Field adds them. */
const line = (
	quantity: number,
	unitPrice: number,
	taxRate: number,
	lineFields: IDataObject = {},
): IDataObject => ({ description: 'Artículo', quantity, unitPrice, taxRate, lineFields });
const service = { productType: 'service' };
const individual = { customerType: 'individual' };
const DNI = '12345678Z';
const exempt = (cause: string, tax = 'IVA', rate = 21): Order => ({
	name: `exempt ${cause}${tax === 'IVA' ? '' : ` (${tax})`}`,
	// 1 × 100.00, exempt: rate 0 → 100.00; exempt base 100.00
	lines: [line(1, 100, rate, { tax, exemptCause: cause })],
	total: 100,
	payable: 100,
	shows: {
		'products[0].taxes[0].idExento': cause,
		'products[0].taxes[0].rate': 0,
		idOperationsExenta: cause,
		valueExemptBase: 100,
	},
});
const zeroQualified = (q: string): Order => ({
	name: `qualification ${q} on the line`,
	// 1 × 100.00 at 0 % → 100.00
	lines: [line(1, 100, 21, { qualification: q })],
	total: 100,
	payable: 100,
	shows: { 'products[0].taxes[0].qualificationOperation': q, 'products[0].taxes[0].rate': 0 },
});

const ORDERS: Order[] = [
	// 2 × 50.00 = 100.00; IVA 21.00
	{
		name: 'IVA 21 %',
		lines: [line(2, 50, 21)],
		total: 121,
		payable: 121,
		shows: { 'products[0].taxes[0].taxName': 'IVA', 'products[0].taxes[0].rate': 21 },
	},
	// 3 × 20.00 = 60.00; 6.00
	{
		name: 'IVA 10 %',
		lines: [line(3, 20, 10)],
		total: 66,
		payable: 66,
		shows: { 'products[0].taxes[0].rate': 10 },
	},
	// 4 × 25.00 = 100.00; 5.00
	{
		name: 'IVA 5 %',
		lines: [line(4, 25, 5)],
		total: 105,
		payable: 105,
		shows: { 'products[0].taxes[0].rate': 5 },
	},
	// 80.00; 3.20
	{
		name: 'IVA 4 %',
		lines: [line(1, 80, 4)],
		total: 83.2,
		payable: 83.2,
		shows: { 'products[0].taxes[0].rate': 4 },
	},
	// 2 × 15.00 = 30.00 at 0 %: the exempt base of §5 is the net of 0 % lines
	{
		name: 'IVA 0 %',
		lines: [line(2, 15, 0)],
		total: 30,
		payable: 30,
		shows: { 'products[0].taxes[0].rate': 0, valueExemptBase: 30, idOperationsExenta: 'E0' },
	},
	// 100.00 → 21.00; 3 × 5.55 = 16.65 → 1.665 → 1.67; 2 × 3.10 = 6.20 → 0.248 → 0.25
	{
		name: 'IVA 21 + 10 + 4 %, one summary row per rate',
		lines: [line(1, 100, 21), line(3, 5.55, 10), line(2, 3.1, 4)],
		total: 145.77,
		payable: 145.77,
		shows: { 'fieldTaxations.length': 3 },
	},
	// 100.00; IGIC 7.00
	{
		name: 'IGIC 7 %',
		lines: [line(1, 100, 7, { tax: 'IGIC' })],
		total: 107,
		payable: 107,
		shows: { 'products[0].taxes[0].taxName': 'IGIC', 'products[0].taxes[0].taxCode': '03' },
	},
	// 200.00; 30.00
	{
		name: 'IGIC 15 %',
		lines: [line(1, 200, 15, { tax: 'IGIC' })],
		total: 230,
		payable: 230,
		shows: { 'products[0].taxes[0].rate': 15 },
	},
	// 20.00 → 0.60; 15.55 × 9.5 % = 1.47725 → 1.48
	{
		name: 'IGIC 3 % and 9.5 %',
		lines: [line(1, 20, 3, { tax: 'IGIC' }), line(1, 15.55, 9.5, { tax: 'IGIC' })],
		total: 37.63,
		payable: 37.63,
		shows: { 'products[1].taxes[0].rate': 9.5 },
	},
	// 100.00; IPSI 4.00
	{
		name: 'IPSI 4 %',
		lines: [line(1, 100, 4, { tax: 'IPSI' })],
		total: 104,
		payable: 104,
		shows: { 'products[0].taxes[0].taxName': 'IPSI', 'products[0].taxes[0].taxCode': '02' },
	},
	// 99.00 × 0.5 % = 0.495 → 0.50
	{
		name: 'IPSI 0.5 %',
		lines: [line(1, 99, 0.5, { tax: 'IPSI' })],
		total: 99.5,
		payable: 99.5,
		shows: { 'products[0].taxes[0].rate': 0.5 },
	},
	// 2 × 12.50 = 25.00; 2.50
	{
		name: 'IPSI 10 %',
		lines: [line(2, 12.5, 10, { tax: 'IPSI' })],
		total: 27.5,
		payable: 27.5,
		shows: { 'products[0].taxes[0].rate': 10 },
	},
	// 100.00; IVA 3.00 under an "other" tax
	{
		name: 'other tax, named',
		lines: [line(1, 100, 3, { tax: 'other', taxName: 'Impuesto local' })],
		total: 103,
		payable: 103,
		shows: {
			'products[0].taxes[0].taxName': 'Impuesto local',
			'products[0].taxes[0].taxCode': '05',
		},
	},
	// 100.00; IVA 21.00; RE 5.2 % = 5.20
	{
		name: 'recargo 5.2 % on IVA 21 %',
		customer: individual,
		nif: DNI,
		lines: [line(1, 100, 21, { recargo: 'yes' })],
		total: 126.2,
		payable: 126.2,
		shows: {
			'products[0].totalSurCharges': 5.2,
			'contacts[0].applySurchargeEquivalence': true,
			'products[0].regime': '18',
		},
	},
	// 10 × 8.50 = 85.00; IVA 8.50; RE 1.4 % = 1.19
	{
		name: 'recargo 1.4 % on IVA 10 %',
		customer: individual,
		nif: DNI,
		lines: [line(10, 8.5, 10, { recargo: 'yes' })],
		total: 94.69,
		payable: 94.69,
		shows: { 'products[0].totalSurCharges': 1.19 },
	},
	// From the customer: 10.00 @5 → 0.50, RE 0.5 % 0.05; 3.33 @4 → 0.1332 → 0.13, RE 0.01665 → 0.02
	{
		name: 'recargo 0.5 % on IVA 5 % and 4 %, from the customer',
		customer: { ...individual, surchargeEquivalence: true },
		nif: DNI,
		lines: [line(1, 10, 5), line(1, 3.33, 4)],
		total: 14.03,
		payable: 14.03,
		shows: { 'products[0].totalSurCharges': 0.05, 'products[1].totalSurCharges': 0.02 },
	},
	// 19.80; IVA 4.158 → 4.16; RE 1.75 % = 0.3465 → 0.35
	{
		name: 'recargo 1.75 % (tobacco), custom rate',
		customer: individual,
		nif: DNI,
		lines: [line(1, 19.8, 21, { recargo: 'custom', recargoRate: 1.75 })],
		total: 24.31,
		payable: 24.31,
		shows: { 'products[0].totalSurCharges': 0.35 },
	},
	// 1000.00; IVA 210.00; IRPF 15 % 150.00 off the payable
	{
		name: 'IRPF 15 % on a service line',
		lines: [line(1, 1000, 21, { ...service, irpf: 15 })],
		total: 1210,
		payable: 1060,
		shows: { 'products[0].totalwithHoldings': 150 },
	},
	// 500.00; 105.00; IRPF 7 % 35.00
	{
		name: 'IRPF 7 % on a service line',
		lines: [line(1, 500, 21, { ...service, irpf: 7 })],
		total: 605,
		payable: 570,
		shows: { 'products[0].totalwithHoldings': 35 },
	},
	// 300.00; 63.00; IRPF 19 % 57.00
	{
		name: 'IRPF 19 % on a service line',
		lines: [line(1, 300, 21, { ...service, irpf: 19 })],
		total: 363,
		payable: 306,
		shows: { 'products[0].totalwithHoldings': 57 },
	},
	// 2 × (100.00 + 21.00); IRPF 1 % 1.00 and 2 % 2.00
	{
		name: 'IRPF 1 % and 2 % on two lines',
		lines: [line(1, 100, 21, { irpf: 1 }), line(1, 100, 21, { irpf: 2 })],
		total: 242,
		payable: 239,
		shows: { 'products[0].totalwithHoldings': 1, 'products[1].totalwithHoldings': 2 },
	},
	// 1000.00; 210.00; global IRPF 15 % of the taxable base 1000.00 = 150.00
	{
		name: 'global IRPF 15 %',
		details: { irpfPercent: 15 },
		lines: [line(1, 1000, 21, service)],
		total: 1210,
		payable: 1060,
		shows: { 'chargeAndDiscount[0].idtypeFeeDiscount': 'RT', sumTotalRetentionIRPF: 150 },
	},
	// 2 × 250.00 = 500.00; 105.00; global IRPF 7 % = 35.00
	{
		name: 'global IRPF 7 %',
		details: { irpfPercent: 7 },
		lines: [line(2, 250, 21, service)],
		total: 605,
		payable: 570,
		shows: { sumTotalRetentionIRPF: 35 },
	},
	exempt('E1'),
	exempt('E2'),
	exempt('E3'),
	exempt('E4'),
	exempt('E5'),
	exempt('E6'),
	exempt('E7', 'IGIC', 7),
	exempt('E8', 'IGIC', 7),
	zeroQualified('N1'),
	zeroQualified('N2'),
	zeroQualified('S2'),
	// 100.00 at 0 %: the invoice's qualification N1 (Invoice Details)
	{
		name: 'qualification N1 for the whole invoice',
		details: { qualification: 'N1' },
		lines: [line(1, 100, 21)],
		total: 100,
		payable: 100,
		shows: { idOperations: 'N1', 'products[0].taxes[0].rate': 0 },
	},
	// 2 × 50.00 = 100.00, 10 % off = 10.00 → 90.00; IVA 18.90
	{
		name: 'line discount 10 %',
		lines: [line(2, 50, 21, { discount: 10 })],
		total: 108.9,
		payable: 108.9,
		shows: { 'products[0].totaldiscount': 10 },
	},
	// 80.00 − 10.00 = 70.00 → 14.70; 3 × 9.99 = 29.97 − 3.74625 → 3.75 = 26.22 → 2.622 → 2.62
	{
		name: 'line discount 12.5 % on two rates',
		lines: [line(1, 80, 21, { discount: 12.5 }), line(3, 9.99, 10, { discount: 12.5 })],
		total: 113.54,
		payable: 113.54,
		shows: { 'products[1].totaldiscount': 3.75 },
	},
	// 121.00 − 5.00 invoice discount
	{
		name: 'invoice discount as an amount',
		details: { discountValue: 5, discountType: 'amount' },
		lines: [line(2, 50, 21)],
		total: 121,
		payable: 116,
		shows: {
			'chargeAndDiscount[0].idtypeFeeDiscount': 'DT',
			'chargeAndDiscount[0].idTypeValueFeeDiscount': 'VR',
		},
	},
	// 121.00 − 10 % of the taxable base 100.00
	{
		name: 'invoice discount as a percent',
		details: { discountValue: 10, discountType: 'percent' },
		lines: [line(2, 50, 21)],
		total: 121,
		payable: 111,
		shows: {
			'chargeAndDiscount[0].idTypeValueFeeDiscount': 'PJ',
			'chargeAndDiscount[0].baseFeeDiscount': 100,
		},
	},
	// 121.00 + 7.50 invoice charge
	{
		name: 'invoice charge as an amount',
		details: { chargeAmount: 7.5, chargeType: 'amount' },
		lines: [line(2, 50, 21)],
		total: 121,
		payable: 128.5,
		shows: {
			'chargeAndDiscount[0].idtypeFeeDiscount': 'CG',
			'chargeAndDiscount[0].idTypeValueFeeDiscount': 'VR',
		},
	},
	// 121.00 + 5 % of the taxable base 100.00
	{
		name: 'invoice charge as a percent',
		details: { chargeAmount: 5, chargeType: 'percent' },
		lines: [line(2, 50, 21)],
		total: 121,
		payable: 126,
		shows: {
			'chargeAndDiscount[0].idTypeValueFeeDiscount': 'PJ',
			sumTotalCharge: 5,
		},
	},
	// 121.00 with IVA 21 % included → 100.00 + 21.00
	{
		name: 'prices include IVA 21 %',
		details: { pricesIncludeTax: true },
		lines: [line(1, 121, 21)],
		total: 121,
		payable: 121,
		shows: { 'products[0].unitPrice': 100 },
	},
	// 2 × 55.00 with IVA 10 % included → 2 × 50.00 + 10.00
	{
		name: 'prices include IVA 10 %',
		details: { pricesIncludeTax: true },
		lines: [line(2, 55, 10)],
		total: 110,
		payable: 110,
		shows: { 'products[0].unitPrice': 50 },
	},
	// 100.00 + shipping line 10.00, both at 21 %: 110.00 + 23.10
	{
		name: 'shipping as a taxed line',
		details: { shippingAmount: 10, shippingAs: 'line', shippingTaxRate: 21 },
		lines: [line(1, 100, 21)],
		total: 133.1,
		payable: 133.1,
		shows: { 'products.length': 2, 'products[1].unitPrice': 10 },
	},
	// 121.00 + shipping 10.00 as a charge after tax
	{
		name: 'shipping as a charge after tax',
		details: { shippingAmount: 10, shippingAs: 'charge' },
		lines: [line(1, 100, 21)],
		total: 121,
		payable: 131,
		shows: { 'products.length': 1, 'chargeAndDiscount[0].idtypeFeeDiscount': 'CG' },
	},
	// §5 worked check: 630 → 132.30 + RE 32.76; 85 → 8.50 + RE 1.19; 150 → 31.50, IRPF 22.50
	{
		name: 'recargo, IRPF and two rates together (§5 worked check)',
		customer: individual,
		nif: DNI,
		lines: [
			line(3, 210, 21, { recargo: 'yes' }),
			line(10, 8.5, 10, { recargo: 'yes' }),
			line(1, 150, 21, { ...service, irpf: 15 }),
		],
		total: 1071.25,
		payable: 1048.75,
		shows: { sumTotalTax: 172.3, 'fieldTaxations.length': 4 },
	},
];

/** The value at 'a.b[2].c' (a trailing `.length` counts an array). */
function at(body: unknown, path: string): unknown {
	let node = body as Record<string | number, unknown> | undefined;
	for (const t of pathTokens(path)) node = node?.[t] as Record<string | number, unknown>;
	return node;
}

const defineBelow = {
	resource: 'invoice',
	operation: 'create',
	inputMode: 'fields',
	invoiceNumber: (i: number) => `DB-${String(i + 1).padStart(4, '0')}`,
	customerName: (i: number) => (ORDERS[i].nif ? 'Marta Gil Ruiz' : 'Ferretería López SL'),
	customerIdentification: (i: number) => ORDERS[i].nif ?? 'B12345674',
	customerDetails: (i: number) => ORDERS[i].customer ?? {},
	linesSource: 'list',
	lines: (i: number) => ({ line: ORDERS[i].lines }),
	invoiceOptions: (i: number) => ({
		date: '2026-11-20T00:00:00',
		time: '10:30',
		paymentMethod: 'TF',
		...ORDERS[i].details,
	}),
	options: { timeout: 10 },
};

let emulator: Emulator;
/** The body each order's Define Below item sent, in order. */
let built: IDataObject[] = [];

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());

it(`${ORDERS.length} orders, one per tax situation, are issued from Define Below`, async () => {
	expect(ORDERS.length).toBeGreaterThanOrEqual(40);
	const result = await runAgainst(emulator, defineBelow, ORDERS.length, { continueOnFail: true });
	expect(result.error).toBeUndefined();
	const failed = result
		.output!.map((o, i) => [ORDERS[i].name, o.json.error, o.json.errorDescription])
		.filter(([, error]) => error !== undefined);
	expect(failed).toEqual([]);
	built = result.output!.map((o) => (o.json.raw as { request: IDataObject }).request);
	expect(emulator.invoices.size).toBe(ORDERS.length);
});

describe.each(ORDERS.map((o, i) => [o.name, i] as const))('%s', (_name, i) => {
	const order = ORDERS[i];
	const stored = () => emulator.invoices.get(`DB-${String(i + 1).padStart(4, '0')}`)?.body;

	it('is stored as built, its amounts agree with the §5 oracle and the hand-worked totals', () => {
		const body = stored();
		expect(body).toBeDefined();
		expect(JSON.stringify(body)).toBe(JSON.stringify(built[i]));
		expect(oracleProblems(body)).toEqual([]);
		expect(at(body, 'sumTotalTotal')).toBe(order.total);
		expect(at(body, 'sumTotalNetPayable')).toBe(order.payable);
	});

	it('carries its tax situation', () => {
		const body = stored();
		for (const [path, value] of Object.entries(order.shows)) {
			expect([path, at(body, path)]).toEqual([path, value]);
		}
	});
});

it('the same bodies sent through JSON mode are accepted and stored unchanged', async () => {
	expect(built).toHaveLength(ORDERS.length);
	const bodies = built.map((b, i) => ({
		...b,
		invoiceNumber: `JS-${String(i + 1).padStart(4, '0')}`,
		currentNumber: i + 1,
	}));
	const result = await runAgainst(
		emulator,
		{
			resource: 'invoice',
			operation: 'create',
			inputMode: 'json',
			invoiceJson: (i: number) => JSON.stringify(bodies[i]),
			options: { timeout: 10 },
		},
		bodies.length,
		{ continueOnFail: true },
	);
	const failed = result
		.output!.map((o, i) => [ORDERS[i].name, o.json.error, o.json.errorDescription])
		.filter(([, error]) => error !== undefined);
	expect(failed).toEqual([]);
	bodies.forEach((body) => {
		const stored = emulator.invoices.get(body.invoiceNumber)?.body;
		expect(JSON.stringify(stored)).toBe(JSON.stringify(body));
		expect(oracleProblems(stored)).toEqual([]);
	});
});
