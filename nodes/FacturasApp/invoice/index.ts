// The FacturasApp invoice: types, code tables, exact money, §5 totals, the builder and the
// contract validator. Nothing here knows HTTP or n8n.
export * from './types';
export * from './codes';
export type { Cents, Decimal } from './money';
export {
	centsToDecimal,
	centsToNumber,
	compareDecimal,
	decimalToCents,
	decimalToNumber,
	decimalToString,
	fractionOf,
	fractionToPercent,
	isZero,
	makeDecimal,
	multiplyToCents,
	parseDecimal,
	percentOf,
	percentToFraction,
	rescale,
	roundDiv,
	toHundredths,
} from './money';
export type {
	FeeType,
	InvoiceTotals,
	LineAmounts,
	LineAmountsInput,
	SummaryLine,
	SummaryRow,
	TotalsCharge,
	TotalsLine,
} from './totals';
export { chargeTotal, computeLineAmounts, computeTotals, netFromTaxIncluded, summarizeTaxes } from './totals';
export { buildInvoiceBody, deriveCurrentNumber, SHIPPING_DESCRIPTION } from './builder';
export { DEFAULT_TIME_ZONE } from './dates';
export type { ValidationIssue } from './validate';
export { formatIssues, validateInvoiceBody } from './validate';
export type { LineDefaults } from './lineMapping';
export { mapLineObject, mapLineObjects } from './lineMapping';
