// An independent oracle for the amounts of an AddInvoice body, written from the contract
// (facturasapp-api.md §4 field meanings, §5 totals) and NOTHING else: it imports nothing from
// nodes/, so a bug in the product's builder or validator cannot hide in it.
//
// Per line, rounding to cents half away from zero at every step:
//   gross = unitPrice × qty; disc = gross × d%; net = gross − disc;
//   tax = net × rate; ret = net × irpf%; re = net × re%
// Invoice: Σ gross, Σ net, Σ tax, net + tax, + Σ re, − Σ ret − DT + CG − RT; exempt base =
// Σ net of 0 % lines; charges VR = the amount, PJ = base × value %; fieldTaxations = one row per
// (tax code, name, rate) plus one recargo row per recargo rate, with summed bases and values.
//
// oracleProblems(body) lists every amount of the body that disagrees with this recomputation
// (empty when all agree). It reads the RATES from the body (taxes[0].rate, the discount rate,
// the withholding fractions or tariff codes, the charge values) and recomputes every AMOUNT.

type Json = Record<string, unknown>;

/** A decimal as integer units and a scale (value = units / 10^scale), from its shortest text. */
interface Dec {
	u: bigint;
	s: number;
}

function dec(v: unknown): Dec | undefined {
	if (typeof v !== 'number' && typeof v !== 'string') return undefined;
	const text = typeof v === 'number' ? String(v) : v.trim();
	// Exponent notation (1e-7) from JSON numbers: expand by hand.
	const m = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
	if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
	const digits = `${m[2]}${m[3] ?? ''}` || '0';
	let s = (m[3] ?? '').length - Number(m[4] ?? 0);
	let u = BigInt(digits);
	if (s < 0) {
		u *= 10n ** BigInt(-s);
		s = 0;
	}
	return { u: m[1] === '-' ? -u : u, s };
}

/** round(n / d), half away from zero, d > 0. */
function half(n: bigint, d: bigint): bigint {
	const neg = n < 0n;
	const a = neg ? -n : n;
	const q = a / d;
	const r = a % d;
	const out = r * 2n >= d ? q + 1n : q;
	return neg ? -out : out;
}

/** Cents of x (any decimal), rounded. */
const centsOf = (x: Dec): bigint => half(x.u * 100n, 10n ** BigInt(x.s));
/** round(a × b) in cents, a and b decimals. */
const productCents = (a: Dec, b: Dec): bigint => half(a.u * b.u * 100n, 10n ** BigInt(a.s + b.s));
/** round(cents × pct / 100), cents an integer and pct a decimal percent. */
const pctOf = (cents: bigint, pct: Dec): bigint => half(cents * pct.u, 100n * 10n ** BigInt(pct.s));
/** A percent as text for row keys: 1.40 and 1.4 are one rate. */
function rateKey(d: Dec): string {
	let { u, s } = d;
	// Float noise (1.4000000000000001 = 0.014 × 100 in a client's doubles) is not another rate.
	if (s > 8) {
		u = half(u, 10n ** BigInt(s - 8));
		s = 8;
	}
	while (s > 0 && u % 10n === 0n) {
		u /= 10n;
		s--;
	}
	return `${u}e-${s}`;
}
/** A fraction (0.052) as a percent (5.2). */
const fractionToPct = (f: Dec): Dec =>
	f.s >= 2 ? { u: f.u, s: f.s - 2 } : { u: f.u * 10n ** BigInt(2 - f.s), s: 0 };

// Older tariff codes of withHoldingsSurChargesDto (§4): kind and rate in percent.
const TARIFFS: Record<string, { recargo: boolean; pct: string }> = {
	'20': { recargo: false, pct: '7' },
	'21': { recargo: false, pct: '15' },
	'22': { recargo: false, pct: '19' },
	'23': { recargo: true, pct: '5.2' },
	'24': { recargo: true, pct: '1.4' },
	'25': { recargo: true, pct: '0.5' },
	'26': { recargo: true, pct: '1.75' },
};
const RECARGO_NAMES = new Set(['RE', 'RecargoEquivalencia', 'Recargo de equivalencia']);

const list = (v: unknown): Json[] =>
	Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : [];
const show = (c: bigint): string => {
	const neg = c < 0n;
	const a = neg ? -c : c;
	return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};

interface Row {
	base: bigint;
	value: bigint;
}

export function oracleProblems(input: unknown): string[] {
	const problems: string[] = [];
	if (typeof input !== 'object' || input === null) return ['body: not an object'];
	const body = input as Json;
	const check = (path: string, declared: unknown, want: bigint) => {
		const d = dec(declared);
		const got = d ? centsOf(d) : undefined;
		if (!d || d.s > 2 || got !== want)
			problems.push(`${path}: oracle says ${show(want)} (body has ${String(declared)})`);
	};

	let sumGross = 0n;
	let sumNet = 0n;
	let sumTax = 0n;
	let sumRe = 0n;
	let sumRet = 0n;
	let exemptBase = 0n;
	const taxRows = new Map<string, Row>();
	const reRows = new Map<string, Row>();
	list(body.products).forEach((p, i) => {
		const at = `products[${i}]`;
		const price = dec(p.unitPrice);
		const qty = dec(p.quantity);
		const tax = list(p.taxes)[0] ?? {};
		const rate = dec(tax.rate);
		if (!price || !qty || !rate) {
			problems.push(`${at}: oracle cannot read unitPrice, quantity or taxes[0].rate`);
			return;
		}
		const gross = productCents(price, qty);
		const d = dec(list(p.discountDtoModules)[0]?.discountRate);
		const disc = d ? pctOf(gross, d) : 0n;
		const net = gross - disc;
		const taxValue = pctOf(net, rate);
		let re = 0n;
		let ret = 0n;
		let reRate: Dec | undefined;
		for (const w of list(p.withHoldingsSurChargesDto)) {
			const tariff = TARIFFS[String(w.idRateWithHoldings)];
			const isRecargo = tariff ? tariff.recargo : String(w.idRateWithHoldings) === '11';
			const fraction = dec(w.rateValueWithHoldings);
			const pct = tariff ? dec(tariff.pct) : fraction ? fractionToPct(fraction) : undefined;
			if (!pct) {
				problems.push(`${at}.withHoldingsSurChargesDto: oracle cannot read a rate`);
				continue;
			}
			if (isRecargo) {
				re = pctOf(net, pct);
				reRate = pct;
			} else ret = pctOf(net, pct);
		}
		check(`${at}.subTotal`, p.subTotal, gross);
		check(`${at}.totaldiscount`, p.totaldiscount, disc);
		check(`${at}.totalTax`, p.totalTax, taxValue);
		check(`${at}.totalSurCharges`, p.totalSurCharges, re);
		check(`${at}.totalwithHoldings`, p.totalwithHoldings, ret);
		sumGross += gross;
		sumNet += net;
		sumTax += taxValue;
		sumRe += re;
		sumRet += ret;
		if (rate.u === 0n) exemptBase += net;
		const key = `${String(tax.taxCode ?? '')}|${String(tax.taxName)}|${rateKey(rate)}`;
		const row = taxRows.get(key) ?? { base: 0n, value: 0n };
		row.base += net;
		row.value += taxValue;
		taxRows.set(key, row);
		if (reRate) {
			const reKey = rateKey(reRate);
			const r = reRows.get(reKey) ?? { base: 0n, value: 0n };
			r.base += net;
			r.value += re;
			reRows.set(reKey, r);
		}
	});

	const fees: Record<string, bigint> = { CG: 0n, DT: 0n, RT: 0n };
	list(body.chargeAndDiscount).forEach((f, j) => {
		const value = dec(f.valueFeeDiscount);
		if (!value) {
			problems.push(`chargeAndDiscount[${j}]: oracle cannot read valueFeeDiscount`);
			return;
		}
		// PJ: a percent of the taxable base (the invoice's Σ net); VR: the amount itself.
		const total = f.idTypeValueFeeDiscount === 'PJ' ? pctOf(sumNet, value) : centsOf(value);
		if (f.idTypeValueFeeDiscount === 'PJ')
			check(`chargeAndDiscount[${j}].baseFeeDiscount`, f.baseFeeDiscount, sumNet);
		check(`chargeAndDiscount[${j}].totalFeeDiscount`, f.totalFeeDiscount, total);
		const type = String(f.idtypeFeeDiscount);
		if (type in fees) fees[type] += total;
	});

	const subAndTax = sumNet + sumTax;
	const total = subAndTax + sumRe;
	check('sumTotalSubTotal', body.sumTotalSubTotal, sumGross);
	check('sumTotalTaxBase', body.sumTotalTaxBase, sumNet);
	check('sumTotalTax', body.sumTotalTax, sumTax);
	check('sumTotalSubTotalAndTax', body.sumTotalSubTotalAndTax, subAndTax);
	check('sumTotalTotal', body.sumTotalTotal, total);
	check(
		'sumTotalNetPayable',
		body.sumTotalNetPayable,
		total - sumRet - fees.DT + fees.CG - fees.RT,
	);
	check('sumTotalExemptBase', body.sumTotalExemptBase, exemptBase);
	check('valueExemptBase', body.valueExemptBase, exemptBase);
	check('sumTotalDiscount', body.sumTotalDiscount, fees.DT);
	check('sumTotalCharge', body.sumTotalCharge, fees.CG);
	check('sumTotalRetentionIRPF', body.sumTotalRetentionIRPF, fees.RT);

	// fieldTaxations: every expected row once with its sums, and no other row.
	const seen = new Set<string>();
	list(body.fieldTaxations).forEach((r, k) => {
		const rate = dec(r.rate);
		if (!rate) {
			problems.push(`fieldTaxations[${k}]: oracle cannot read rate`);
			return;
		}
		const recargo = RECARGO_NAMES.has(String(r.taxName));
		const key = recargo
			? `RE|${rateKey(rate)}`
			: `${String(r.taxCode ?? '')}|${String(r.taxName)}|${rateKey(rate)}`;
		const want = recargo ? reRows.get(rateKey(rate)) : taxRows.get(key);
		if (!want || seen.has(key)) {
			problems.push(`fieldTaxations[${k}]: oracle expects no such row (${key})`);
			return;
		}
		seen.add(key);
		check(`fieldTaxations[${k}].taxBase`, r.taxBase, want.base);
		check(`fieldTaxations[${k}].valueTax`, r.valueTax, want.value);
	});
	for (const key of taxRows.keys())
		if (!seen.has(key)) problems.push(`fieldTaxations: oracle expects a row ${key}`);
	for (const key of reRows.keys())
		if (!seen.has(`RE|${key}`))
			problems.push(`fieldTaxations: oracle expects a recargo row ${key}`);
	return problems;
}
