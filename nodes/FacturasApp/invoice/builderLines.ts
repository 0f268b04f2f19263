// One builder line → one products[] entry, with its amounts by §5.
import { TAX_CODE, WH_TYPE_RECARGO, WH_TYPE_RETENTION } from './codes';
import type { Decimal } from './money';
import { ZERO, centsToNumber, decimalToNumber, isZero, parseDecimal, percentToFraction, withinMaxAmount } from './money';
import { defaultRecargo, isZeroRated, recargoByDefault, regimeFor } from './rules';
import type { LineAmounts, SummaryLine, TotalsLine } from './totals';
import { computeLineAmounts, netFromTaxIncluded } from './totals';
import type { InvoiceProduct, LineInput, LineWithholdingSurcharge, TaxKind } from './types';

export interface LineContext {
	qualification: string;
	pricesIncludeTax: boolean;
	customerRegime: string;
	surchargeEquivalence: boolean;
}

export interface BuiltLine {
	product: InvoiceProduct;
	summary: SummaryLine;
	totals: TotalsLine;
	exemptCause?: string;
	hasRecargo: boolean;
}

const NO_AMOUNTS: LineAmounts = { gross: 0, discount: 0, net: 0, tax: 0, recargo: 0, retention: 0 };

const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';

/** Parsed decimal, or undefined when blank; `bad` when present but unusable. */
function optionalDecimal(v: unknown): Decimal | undefined | 'bad' {
	if (isBlank(v)) return undefined;
	const d = parseDecimal(v);
	return d && withinMaxAmount(d) ? d : 'bad';
}

/** A number for the body, or the raw value so the validator can point at it. */
const out = (d: Decimal | undefined | 'bad', raw: unknown): number =>
	(d && d !== 'bad' ? decimalToNumber(d) : raw) as number;

function productTypeCode(v: LineInput['productType']): number {
	if (v === undefined || v === null || (v as unknown) === '' || v === 'goods' || v === 1) return 1;
	if (v === 'service' || v === 2) return 2;
	return v as unknown as number;
}

function taxIdentity(kind: TaxKind | undefined, name: string | undefined): { code: string; name: string } {
	const k = kind ?? 'IVA';
	if (k === 'IVA' || k === 'IGIC' || k === 'IPSI') return { code: TAX_CODE[k], name: k };
	if (k === 'other') return { code: TAX_CODE.other, name: (name ?? '').trim() };
	// Unknown kind: sent as is, the validator names it.
	return { code: String(k), name: String(k) };
}

function recargoRate(
	l: LineInput,
	ctx: LineContext,
	taxCode: string,
	rate: Decimal | undefined,
	productType: number,
	zeroForced: boolean,
): Decimal | undefined | 'bad' | 'derive-failed' {
	const derive = () => (rate ? defaultRecargo(rate) : undefined) ?? 'derive-failed';
	if (l.recargo === false) return undefined;
	if (l.recargo === true) return derive();
	if (!isBlank(l.recargo)) {
		const d = optionalDecimal(l.recargo);
		return d !== undefined && d !== 'bad' && isZero(d) ? undefined : d;
	}
	// Not set on the line: a customer in recargo gets it where the rule says so.
	if (!ctx.surchargeEquivalence || !recargoByDefault({ taxCode, productType, zeroRated: zeroForced, taxRate: rate })) return undefined;
	const derived = derive();
	return derived === 'derive-failed' ? undefined : derived;
}

export function buildLine(l: LineInput, ctx: LineContext): BuiltLine {
	const tax = taxIdentity(l.tax, l.taxName);
	const exemptCause = isBlank(l.exemptCause) ? undefined : String(l.exemptCause).trim();
	const exempt = exemptCause !== undefined;
	const qualification = isBlank(l.qualification) ? ctx.qualification : String(l.qualification).trim();
	const zeroForced = isZeroRated(qualification, exemptCause);
	const productType = productTypeCode(l.productType);

	const rateIn = optionalDecimal(l.taxRate);
	const rate = rateIn === undefined && zeroForced ? ZERO : rateIn;
	const qty = optionalDecimal(l.quantity);
	const price = optionalDecimal(l.unitPrice);
	const discount = optionalDecimal(l.discount);
	const irpf = optionalDecimal(l.irpf);
	const usableRate = rate && rate !== 'bad' ? rate : undefined;
	const re = recargoRate(l, ctx, tax.code, usableRate, productType, zeroForced);
	const hasRecargo = re !== undefined;
	const reRate = re && typeof re === 'object' ? re : undefined;

	const usable = (d: Decimal | undefined | 'bad'): Decimal | undefined => (d && d !== 'bad' ? d : undefined);
	const qtyD = usable(qty);
	let unitPrice = usable(price);
	const includesTax = l.priceIncludesTax ?? ctx.pricesIncludeTax;
	if (unitPrice && qtyD && usableRate && includesTax) {
		unitPrice = netFromTaxIncluded(unitPrice, qtyD, usableRate).unitPrice;
	}
	const discountD = usable(discount);
	const irpfD = usable(irpf);
	// Amounts only from usable inputs; a bad input leaves 0s the validator will not cascade on.
	const amounts =
		unitPrice && qtyD && (usableRate || rate === undefined)
			? computeLineAmounts({
					unitPrice,
					quantity: qtyD,
					discountRate: discountD,
					taxRate: usableRate ?? ZERO,
					recargoRate: reRate,
					irpfRate: irpfD,
				})
			: NO_AMOUNTS;

	const regime = regimeFor(isBlank(l.regime) ? undefined : String(l.regime).trim(), ctx.customerRegime, hasRecargo);

	const wh: LineWithholdingSurcharge[] = [];
	if (irpfD && !isZero(irpfD)) {
		wh.push({
			idRateWithHoldings: WH_TYPE_RETENTION,
			isWithHolding: true,
			rateValueWithHoldings: decimalToNumber(percentToFraction(irpfD)),
			subTotalWithHoldings: centsToNumber(amounts.net),
			cuotaWithHoldings: centsToNumber(amounts.retention),
		});
	} else if (irpf === 'bad') {
		wh.push({
			idRateWithHoldings: WH_TYPE_RETENTION,
			isWithHolding: true,
			rateValueWithHoldings: l.irpf as unknown as number,
			subTotalWithHoldings: centsToNumber(amounts.net),
			cuotaWithHoldings: 0,
		});
	}
	if (hasRecargo) {
		wh.push({
			idRateWithHoldings: WH_TYPE_RECARGO,
			isWithHolding: false,
			rateValueWithHoldings: reRate
				? decimalToNumber(percentToFraction(reRate))
				: re === 'bad'
					? (l.recargo as unknown as number)
					: null,
			subTotalWithHoldings: centsToNumber(amounts.net),
			cuotaWithHoldings: centsToNumber(amounts.recargo),
		});
	}

	const hasDiscount = discount === 'bad' || (discountD !== undefined && !isZero(discountD));
	const product: InvoiceProduct = {
		typeUse: 'VEN',
		reference: l.reference === undefined || l.reference === null ? '' : String(l.reference).trim(),
		description: (typeof l.description === 'string' ? l.description.trim() : l.description) as string,
		productType,
		regime,
		unitPrice: out(unitPrice ?? price, l.unitPrice),
		quantity: out(qty, l.quantity),
		subTotal: centsToNumber(amounts.gross),
		totaldiscount: centsToNumber(amounts.discount),
		totalTax: centsToNumber(amounts.tax),
		totalSurCharges: centsToNumber(amounts.recargo),
		totalwithHoldings: centsToNumber(amounts.retention),
		taxes: [
			{
				taxCode: tax.code,
				taxName: tax.name,
				rate: out(rate, l.taxRate),
				taxBase: centsToNumber(amounts.net),
				valueTax: centsToNumber(amounts.tax),
				isExemptOperation: exempt,
				qualificationOperation: exempt ? null : qualification,
				regime,
				idExento: exempt ? exemptCause : null,
			},
		],
		withHoldingsSurChargesDto: wh,
		discountDtoModules: hasDiscount
			? [
					{
						discountName: 'Descuento',
						discountRate: out(discount, l.discount),
						discountBase: centsToNumber(amounts.gross),
						valueDiscount: centsToNumber(amounts.discount),
					},
				]
			: [],
	};
	return {
		product,
		summary: {
			taxCode: tax.code,
			taxName: tax.name,
			rate: usableRate ?? ZERO,
			net: amounts.net,
			tax: amounts.tax,
			recargoRate: reRate,
			recargo: amounts.recargo,
		},
		totals: { ...amounts, zeroRate: !usableRate || isZero(usableRate) },
		exemptCause,
		hasRecargo,
	};
}
