import fc from 'fast-check';

import {
	centsToNumber,
	decimalToString,
	fractionToPercent,
	makeDecimal,
	multiplyToCents,
	parseDecimal,
	percentOf,
	percentToFraction,
	roundDiv,
	toHundredths,
} from '../../../nodes/FacturasApp/invoice/money';

const d = (v: number | string) => {
	const x = parseDecimal(v);
	if (!x) throw new Error(`unparseable ${v}`);
	return x;
};

describe('parseDecimal', () => {
	it.each([
		[0.1, '0.1'],
		[12.345, '12.345'],
		['12.345', '12.345'],
		[' 7.50 ', '7.5'],
		['-3.10', '-3.1'],
		['.5', '0.5'],
		['12.', '12'],
		['+4', '4'],
		[1e-7, '0.0000001'],
		[1.5e21, '1500000000000000000000'],
		[0.1 + 0.2, '0.30000000000000004'],
		[210, '210'],
	])('%p → %s', (input, text) => {
		expect(decimalToString(d(input))).toBe(text);
	});

	it.each([
		['1,5'],
		['1.234,56'],
		[''],
		['.'],
		['abc'],
		['1e3'],
		[NaN],
		[Infinity],
		[null],
		[undefined],
		[{}],
		[true],
	])('rejects %p', (input) => {
		expect(parseDecimal(input)).toBeUndefined();
	});
});

describe('parseDecimal on numbers', () => {
	it('always gives the shortest decimal representation, whatever path it takes', () => {
		const viaString = (x: number) => {
			const t = String(x);
			if (t.includes('e')) return undefined;
			return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
		};
		fc.assert(
			fc.property(
				fc.oneof(
					fc.double({ noNaN: true, noDefaultInfinity: true }),
					fc.integer({ min: -1e9, max: 1e9 }).map((u) => u / 10000),
				),
				(x) => {
					const want = viaString(x);
					if (want !== undefined) expect(decimalToString(d(x))).toBe(want === '-0' ? '0' : want);
				},
			),
			{ numRuns: 3000 },
		);
	});
});

describe('rounding half away from zero', () => {
	it.each([
		[5n, 2n, 3n],
		[-5n, 2n, -3n],
		[4n, 3n, 1n],
		[-4n, 3n, -1n],
		[149n, 100n, 1n],
		[150n, 100n, 2n],
		[-150n, 100n, -2n],
	])('%p / %p → %p', (n, dd, q) => {
		expect(roundDiv(n, dd)).toBe(q);
	});

	it('takes percentages exactly: 5.2 %, 1.75 %, 0.5 %, 1.4 %', () => {
		expect(percentOf(63000, d(5.2))).toBe(3276);
		expect(percentOf(1980, d(1.75))).toBe(35); // 34.65 → 35
		expect(percentOf(333, d(0.5))).toBe(2); // 1.665 → 2
		expect(percentOf(8500, d(1.4))).toBe(119);
		expect(percentOf(15, d(10))).toBe(2); // 0.015 € → 0.02 €
		expect(percentOf(-15, d(10))).toBe(-2);
	});

	it('multiplies prices with many decimals without floats', () => {
		expect(multiplyToCents(d(0.0825), d(100))).toBe(825);
		expect(multiplyToCents(d('0.333'), d(3))).toBe(100);
		expect(multiplyToCents(d('1.005'), d(1))).toBe(101);
		expect(multiplyToCents(d('99999999.99'), d(999))).toBe(9989999999001); // 99 899 999 990.01
	});
});

describe('conversions', () => {
	it('prints cents with at most 2 decimals', () => {
		expect(JSON.stringify([107125, 17230, 1, 10, 0, 123456789].map(centsToNumber))).toBe(
			'[1071.25,172.3,0.01,0.1,0,1234567.89]',
		);
	});

	it('turns percents into fractions and back exactly', () => {
		expect(decimalToString(percentToFraction(d(5.2)))).toBe('0.052');
		expect(decimalToString(percentToFraction(d(15)))).toBe('0.15');
		expect(decimalToString(fractionToPercent(d(0.0175)))).toBe('1.75');
		expect(decimalToString(fractionToPercent(d(0.21)))).toBe('21');
	});

	it('gives hundredths only for at most 2 decimals', () => {
		expect(toHundredths(d(9.5))).toBe(950);
		expect(toHundredths(d(21))).toBe(2100);
		expect(toHundredths(d('0.625'))).toBeUndefined();
		expect(decimalToString(makeDecimal(520, 2))).toBe('5.2');
	});
});
