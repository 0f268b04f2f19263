// The independent §5 oracle (test/oracle/totals.ts) checked against the contract's own worked
// example and hand-made bodies, and shown to catch each kind of wrong amount.
import { oracleProblems } from '../../oracle/totals';
import { baseBody, patch } from './helpers';

// §5 worked check, written out by hand: 3 × 210.00 IVA 21 % + RE 5.2 %; 10 × 8.50 IVA 10 % +
// RE 1.4 %; 1 × 150.00 IVA 21 % + IRPF 15 %.
const line = (
	unitPrice: number,
	quantity: number,
	rate: number,
	totalTax: number,
	wh: unknown[],
	re: number,
	ret: number,
) => ({
	unitPrice,
	quantity,
	subTotal: unitPrice * quantity,
	totaldiscount: 0,
	totalTax,
	totalSurCharges: re,
	totalwithHoldings: ret,
	taxes: [{ taxCode: '01', taxName: 'IVA', rate }],
	withHoldingsSurChargesDto: wh,
});
const worked = () => ({
	products: [
		line(210, 3, 21, 132.3, [{ idRateWithHoldings: '11', rateValueWithHoldings: 0.052 }], 32.76, 0),
		line(8.5, 10, 10, 8.5, [{ idRateWithHoldings: '24' }], 1.19, 0),
		line(150, 1, 21, 31.5, [{ idRateWithHoldings: '10', rateValueWithHoldings: 0.15 }], 0, 22.5),
	],
	chargeAndDiscount: [],
	fieldTaxations: [
		{ taxCode: '01', taxName: 'IVA', rate: 21, taxBase: 780, valueTax: 163.8 },
		{ taxCode: '01', taxName: 'IVA', rate: 10, taxBase: 85, valueTax: 8.5 },
		{ taxCode: '01', taxName: 'RE', rate: 5.2, taxBase: 630, valueTax: 32.76 },
		{ taxCode: '01', taxName: 'RE', rate: 1.4, taxBase: 85, valueTax: 1.19 },
	],
	sumTotalSubTotal: 865,
	sumTotalTaxBase: 865,
	sumTotalTax: 172.3,
	sumTotalSubTotalAndTax: 1037.3,
	sumTotalTotal: 1071.25,
	sumTotalNetPayable: 1048.75,
	sumTotalExemptBase: 0,
	valueExemptBase: 0,
	sumTotalDiscount: 0,
	sumTotalCharge: 0,
	sumTotalRetentionIRPF: 0,
});

describe('§5 oracle', () => {
	it("agrees with the contract's worked check and the corpus base body", () => {
		expect(oracleProblems(worked())).toEqual([]);
		expect(oracleProblems(baseBody())).toEqual([]);
	});

	it.each([
		['products[0].subTotal', 630.01],
		['products[1].totalSurCharges', 1.2],
		['products[2].totalwithHoldings', 22.49],
		['fieldTaxations[0].valueTax', 163.81],
		['fieldTaxations[3].taxBase', 84],
		['sumTotalTotal', 1071.24],
		['sumTotalNetPayable', 1071.25],
	])('catches a wrong %s', (path, value) => {
		const body = worked();
		patch(body, path, value);
		expect(oracleProblems(body).join('\n')).toContain(path);
	});

	it('catches a missing summary row, a wrong rounding direction and a wrong charge', () => {
		const body = worked();
		body.fieldTaxations.pop();
		expect(oracleProblems(body)).toEqual(['fieldTaxations: oracle expects a recargo row 14e-1']);
		// 0.05 × 10 % = 0.005 → 0.01 (half away from zero), never 0.00
		const half = { ...worked(), products: [line(0.05, 1, 10, 0, [], 0, 0)] };
		expect(oracleProblems(half)).toContain('products[0].totalTax: oracle says 0.01 (body has 0)');
		const charged = {
			...worked(),
			chargeAndDiscount: [
				{
					idtypeFeeDiscount: 'DT',
					idTypeValueFeeDiscount: 'PJ',
					baseFeeDiscount: 865,
					valueFeeDiscount: 10,
					totalFeeDiscount: 86.5,
				},
			],
		};
		expect(oracleProblems(charged)).toEqual(
			expect.arrayContaining(['sumTotalDiscount: oracle says 86.50 (body has 0)']),
		);
	});
});
