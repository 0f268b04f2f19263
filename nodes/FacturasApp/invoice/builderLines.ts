// One parsed line → one products[] entry, with its amounts by §5 (totals.ts) and its tax
// treatment by the rules (rules.ts). A plain function of its input: whatever breaks a rule is
// sent as given and named by the validator.
import { TAX_CODE, WH_TYPE_RECARGO, WH_TYPE_RETENTION } from './codes';
import type { Decimal } from './money';
import { ZERO, centsToNumber, decimalToNumber, isZero, percentToFraction } from './money';
import { defaultRecargo, isZeroRated, recargoByDefault, regimeFor } from './rules';
import type { SummaryLine, TotalsLine } from './totals';
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

function taxIdentity(
	kind: TaxKind | undefined,
	name: string | undefined,
): { code: string; name: string } {
	const k = kind ?? 'IVA';
	return k === 'other'
		? { code: TAX_CODE.other, name: name ?? '' }
		: { code: TAX_CODE[k], name: k };
}

/**
 * The line's recargo: `null` when it has none; `undefined` rate when it asked for one ("yes")
 * but its IVA rate has no default (the validator names that).
 */
function recargoOf(
	l: LineInput,
	ctx: LineContext,
	taxCode: string,
	rate: Decimal,
	productType: number,
	zeroRated: boolean,
): { rate?: Decimal } | null {
	if (l.recargo === false) return null;
	if (l.recargo === true) return { rate: defaultRecargo(rate) };
	if (l.recargo !== undefined) return { rate: l.recargo };
	if (
		!ctx.surchargeEquivalence ||
		!recargoByDefault({ taxCode, productType, zeroRated, taxRate: rate })
	)
		return null;
	const derived = defaultRecargo(rate);
	return derived ? { rate: derived } : null;
}

export function buildLine(l: LineInput, ctx: LineContext): BuiltLine {
	const tax = taxIdentity(l.tax, l.taxName);
	const exemptCause = l.exemptCause;
	const exempt = exemptCause !== undefined;
	const qualification = l.qualification ?? ctx.qualification;
	const zeroRated = isZeroRated(qualification, exemptCause);
	const productType = l.productType === 'service' ? 2 : 1;
	// readLine (draft.ts) requires a rate on every taxed line: a line without one is a caller bug.
	const rate = zeroRated ? ZERO : l.taxRate;
	if (!rate) throw new Error(`buildLine: '${l.description}' is taxed but has no taxRate`);
	const recargo = recargoOf(l, ctx, tax.code, rate, productType, zeroRated);

	const unitPrice =
		(l.priceIncludesTax ?? ctx.pricesIncludeTax)
			? netFromTaxIncluded(l.unitPrice, l.quantity, rate).unitPrice
			: l.unitPrice;
	const amounts = computeLineAmounts({
		unitPrice,
		quantity: l.quantity,
		discountRate: l.discount,
		taxRate: rate,
		recargoRate: recargo?.rate,
		irpfRate: l.irpf,
	});
	const regime = regimeFor(l.regime, ctx.customerRegime, recargo !== null);

	const wh: LineWithholdingSurcharge[] = [];
	if (l.irpf && !isZero(l.irpf)) {
		wh.push({
			idRateWithHoldings: WH_TYPE_RETENTION,
			isWithHolding: true,
			rateValueWithHoldings: decimalToNumber(percentToFraction(l.irpf)),
			subTotalWithHoldings: centsToNumber(amounts.net),
			cuotaWithHoldings: centsToNumber(amounts.retention),
		});
	}
	if (recargo) {
		wh.push({
			idRateWithHoldings: WH_TYPE_RECARGO,
			isWithHolding: false,
			rateValueWithHoldings: recargo.rate ? decimalToNumber(percentToFraction(recargo.rate)) : null,
			subTotalWithHoldings: centsToNumber(amounts.net),
			cuotaWithHoldings: centsToNumber(amounts.recargo),
		});
	}

	const product: InvoiceProduct = {
		typeUse: 'VEN',
		reference: l.reference ?? '',
		description: l.description,
		productType,
		regime,
		unitPrice: decimalToNumber(unitPrice),
		quantity: decimalToNumber(l.quantity),
		subTotal: centsToNumber(amounts.gross),
		totaldiscount: centsToNumber(amounts.discount),
		totalTax: centsToNumber(amounts.tax),
		totalSurCharges: centsToNumber(amounts.recargo),
		totalwithHoldings: centsToNumber(amounts.retention),
		taxes: [
			{
				taxCode: tax.code,
				taxName: tax.name,
				rate: decimalToNumber(rate),
				taxBase: centsToNumber(amounts.net),
				valueTax: centsToNumber(amounts.tax),
				isExemptOperation: exempt,
				qualificationOperation: exempt ? null : qualification,
				regime,
				idExento: exempt ? exemptCause : null,
			},
		],
		withHoldingsSurChargesDto: wh,
		discountDtoModules:
			l.discount && !isZero(l.discount)
				? [
						{
							discountName: 'Descuento',
							discountRate: decimalToNumber(l.discount),
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
			rate,
			net: amounts.net,
			tax: amounts.tax,
			recargoRate: recargo?.rate,
			recargo: amounts.recargo,
		},
		totals: { ...amounts, zeroRate: isZero(rate) },
		exemptCause,
		hasRecargo: recargo !== null,
	};
}
