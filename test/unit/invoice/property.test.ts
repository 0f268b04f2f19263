// Property: any valid builder input gives a body the validator accepts, whose amounts add up
// when recomputed here independently (scaled BigInt, half away from zero).
import fc from 'fast-check';

import type { ChargeDraft, InvoiceDraft, LineDraft } from '../../../nodes/FacturasApp/invoice';
import { buildDraft } from './helpers';
import {
	buildInvoiceBody,
	formatIssues,
	readInvoiceDraft,
	validateInvoiceBody,
} from '../../../nodes/FacturasApp/invoice';
import { oracleProblems } from '../../oracle/totals';

// --- independent arithmetic for the checks ---------------------------------------------------
const scaled = (x: number | string): [bigint, number] => {
	const [int, frac = ''] = String(x).split('.');
	return [BigInt(int + frac), frac.length];
};
const roundDiv = (n: bigint, d: bigint): bigint => {
	const q = n / d;
	const r = n % d;
	return (r < 0n ? -r : r) * 2n >= d ? (n < 0n ? q - 1n : q + 1n) : q;
};
/** round(a × b / 10^extra) to cents, a and b decimals. */
const mulCents = (a: number | string, b: number | string, extraScale = 0): number => {
	const [ua, sa] = scaled(a);
	const [ub, sb] = scaled(b);
	return Number(roundDiv(ua * ub * 100n, 10n ** BigInt(sa + sb + extraScale)));
};
const c = (x: number) => Math.round(x * 100);

// --- generators ------------------------------------------------------------------------------
const decimal = (maxUnits: number, maxScale: number) =>
	fc
		.tuple(fc.integer({ min: 0, max: maxUnits }), fc.integer({ min: 0, max: maxScale }))
		.map(([u, s]) => {
			const text =
				s === 0 ? String(u) : `${Math.floor(u / 10 ** s)}.${String(u % 10 ** s).padStart(s, '0')}`;
			return text;
		});
/** A decimal string with exactly `scale` decimals, from 0 to maxUnits / 10^scale. */
const fixed = (maxUnits: number, scale: number) =>
	fc
		.integer({ min: 0, max: maxUnits })
		.map((u) => `${Math.floor(u / 10 ** scale)}.${String(u % 10 ** scale).padStart(scale, '0')}`);
const priceArb = fc
	.oneof(decimal(100_000_00, 2), decimal(1_000_0000, 4), decimal(5_000_000, 6))
	.chain((t) => fc.constantFrom<string | number>(t, Number(t)));
const taxArb = fc.oneof(
	fc.record({ tax: fc.constant<'IVA'>('IVA'), taxRate: fc.constantFrom(21, 10, 5, 4, 0) }),
	fc.record({
		tax: fc.constant<'IGIC'>('IGIC'),
		taxRate: fc.constantFrom(0, 3, 5, 7, 9.5, 13.5, 15, 20),
	}),
	fc.record({ tax: fc.constant<'IPSI'>('IPSI'), taxRate: fc.constantFrom(0, 0.5, 1, 2, 4, 8, 10) }),
	fc.record({
		tax: fc.constant<'other'>('other'),
		taxRate: fixed(2500, 2).map(Number),
		taxName: fc.constantFrom('Tasa', 'IEDMT'),
	}),
);
const RECARGO: Record<number, number[]> = { 21: [5.2, 1.75], 10: [1.4], 5: [0.5, 0.62], 4: [0.5] };

const lineArb: fc.Arbitrary<LineDraft> = fc
	.record({
		description: fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim().length > 0),
		reference: fc.option(
			fc.string({ maxLength: 50 }).map((s) => s.trim()),
			{ nil: undefined },
		),
		productType: fc.constantFrom<'goods' | 'service'>('goods', 'service'),
		quantity: fc
			.integer({ min: 1, max: 999 })
			.chain((q) => fc.constantFrom<number | string>(q, String(q))),
		unitPrice: priceArb,
		priceIncludesTax: fc.boolean(),
		discount: fc.option(fixed(10000, 2), { nil: undefined }),
		taxInfo: taxArb,
		special: fc.constantFrom('none', 'none', 'none', 'exempt', 'N1', 'N2', 'S2'),
		cause: fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5', 'E6'),
		recargoPick: fc.option(fc.nat(1), { nil: undefined }),
		recargoMode: fc.constantFrom('auto', 'true', 'explicit', 'off'),
		irpf: fc.option(fc.constantFrom(1, 2, 7, 15, 19), { nil: undefined }),
	})
	.map((r) => {
		const line: LineDraft = {
			description: r.description,
			reference: r.reference,
			productType: r.productType,
			quantity: r.quantity,
			unitPrice: r.unitPrice,
			priceIncludesTax: r.priceIncludesTax,
			discount: r.discount,
			...r.taxInfo,
			irpf: r.irpf,
		};
		if (r.special === 'exempt') {
			line.exemptCause = r.taxInfo.tax === 'IGIC' && r.cause === 'E6' ? 'E7' : r.cause;
			delete line.taxRate;
		} else if (r.special !== 'none') {
			line.qualification = r.special;
			delete line.taxRate;
		}
		const canRecargo =
			r.taxInfo.tax === 'IVA' &&
			r.productType === 'goods' &&
			r.special === 'none' &&
			RECARGO[r.taxInfo.taxRate];
		if (!canRecargo || r.recargoMode === 'off') line.recargo = false;
		else if (r.recargoMode === 'true') line.recargo = true;
		else if (r.recargoMode === 'explicit')
			line.recargo =
				RECARGO[r.taxInfo.taxRate][(r.recargoPick ?? 0) % RECARGO[r.taxInfo.taxRate].length];
		return line;
	});

const chargeArb: fc.Arbitrary<ChargeDraft> = fc.oneof(
	fc.record({ kind: fc.constant<'discount'>('discount'), percent: fixed(2000, 2) }),
	fc.record({ kind: fc.constant<'discount'>('discount'), amount: fixed(500, 2) }),
	fc.record({ kind: fc.constant<'charge'>('charge'), amount: fixed(10000, 2) }),
	fc.record({ kind: fc.constant<'charge'>('charge'), percent: fixed(1000, 2) }),
	fc.record({
		kind: fc.constant<'withholding'>('withholding'),
		percent: fc.constantFrom(1, 2, 7, 15, 19),
	}),
);

const inputArb: fc.Arbitrary<InvoiceDraft> = fc.record({
	number: fc
		.tuple(fc.constantFrom('FA', 'R-', ''), fc.integer({ min: 1, max: 99999 }))
		.map(([p, n]) => `${p}${n}`),
	date: fc
		.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
		.map((d) => d.toISOString().slice(0, 10)),
	time: fc
		.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
		.map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
	customer: fc.record({
		name: fc.constantFrom('Cliente SL', 'Pepa Pérez'),
		identification: fc.constantFrom('B12345678', '12345678Z'),
		personType: fc.constantFrom<'company' | 'individual'>('company', 'individual'),
		surchargeEquivalence: fc.boolean(),
	}),
	lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }),
	charges: fc.array(chargeArb, { maxLength: 3 }),
	shipping: fc.option(
		fc.record({ amount: fixed(2000, 2), as: fc.constantFrom<'line' | 'charge'>('line', 'charge') }),
		{ nil: undefined },
	),
});

describe('builder → validator property', () => {
	it('builds bodies that pass the validator and add up', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				const body = buildDraft(input);
				const issues = validateInvoiceBody(body);
				// Every body the builder emits agrees with the independent §5 oracle.
				expect(oracleProblems(body)).toEqual([]);
				const ps = body.products;
				const sum = (f: (p: (typeof ps)[number]) => number) => ps.reduce((s, p) => s + c(f(p)), 0);

				for (const p of ps) {
					expect(c(p.subTotal)).toBe(mulCents(p.unitPrice, p.quantity));
					const rate = p.discountDtoModules?.[0]?.discountRate ?? 0;
					expect(c(p.totaldiscount)).toBe(mulCents(p.subTotal, rate, 2));
					const net = c(p.subTotal) - c(p.totaldiscount);
					expect(c(p.totalTax)).toBe(mulCents(net / 100, p.taxes[0].rate, 2));
				}
				(input.lines ?? []).forEach((l, i) => {
					const p = ps[i];
					if (l.priceIncludesTax) {
						// net + tax gives back the tax-included line total, to within the one cent
						// that no net amount can reach for some totals.
						const target = mulCents(l.unitPrice ?? 0, l.quantity ?? 0);
						expect(
							Math.abs(c(p.subTotal) - c(p.totaldiscount) + c(p.totalTax) - target),
						).toBeLessThanOrEqual(l.discount && Number(l.discount) > 0 ? target : 1);
					} else {
						expect(p.unitPrice).toBe(Number(l.unitPrice));
					}
				});

				const taxBase = sum((p) => p.subTotal) - sum((p) => p.totaldiscount);
				const tax = sum((p) => p.totalTax);
				const fees = (t: string) =>
					(body.chargeAndDiscount ?? [])
						.filter((f) => f.idtypeFeeDiscount === t)
						.reduce((s, f) => s + c(f.totalFeeDiscount), 0);
				const total = taxBase + tax + sum((p) => p.totalSurCharges);
				const netPayable =
					total - sum((p) => p.totalwithHoldings) - fees('DT') + fees('CG') - fees('RT');
				if (netPayable < 0) {
					expect(issues.map((i) => i.path)).toEqual(['sumTotalNetPayable']);
					return;
				}
				expect(formatIssues(issues)).toBe('');
				expect(c(body.sumTotalSubTotal)).toBe(sum((p) => p.subTotal));
				expect(c(body.sumTotalTaxBase)).toBe(taxBase);
				expect(c(body.sumTotalTax)).toBe(tax);
				expect(c(body.sumTotalSubTotalAndTax)).toBe(taxBase + tax);
				expect(c(body.sumTotalTotal)).toBe(total);
				expect(c(body.sumTotalNetPayable)).toBe(netPayable);
				expect(c(body.sumTotalExemptBase)).toBe(
					ps
						.filter((p) => p.taxes[0].rate === 0)
						.reduce((s, p) => s + c(p.subTotal) - c(p.totaldiscount), 0),
				);
				const rows = body.fieldTaxations;
				expect(rows.filter((r) => r.taxName !== 'RE').reduce((s, r) => s + c(r.taxBase), 0)).toBe(
					taxBase,
				);
				expect(rows.filter((r) => r.taxName !== 'RE').reduce((s, r) => s + c(r.valueTax), 0)).toBe(
					tax,
				);
				expect(rows.filter((r) => r.taxName === 'RE').reduce((s, r) => s + c(r.valueTax), 0)).toBe(
					sum((p) => p.totalSurCharges),
				);
			}),
			{ numRuns: 400 },
		);
	});

	it('never throws, whatever it is given: what it cannot read is named at the boundary', () => {
		fc.assert(
			fc.property(fc.anything(), fc.array(fc.anything(), { maxLength: 3 }), (junk, lines) => {
				const input = {
					number: junk,
					date: junk,
					time: junk,
					customer: junk,
					lines: [
						...lines,
						{
							description: junk,
							quantity: junk,
							unitPrice: junk,
							taxRate: junk,
							recargo: junk,
							irpf: junk,
							discount: junk,
						},
					],
					charges: [{ kind: 'charge', amount: junk }],
				};
				const read = readInvoiceDraft(input);
				// Every problem names the field it is about ('lines[0].quantity: …').
				for (const problem of read.problems) expect(problem).toMatch(/^[\w.[\]]+: \S/);
				if (read.problems.length === 0)
					expect(Array.isArray(validateInvoiceBody(buildInvoiceBody(read.input)))).toBe(true);
				expect(Array.isArray(validateInvoiceBody(junk))).toBe(true);
			}),
			{ numRuns: 300 },
		);
	});
});
