// Lines from shop data: an array of plain objects (a Shopify order's line_items, a WooCommerce
// order's line_items, a sheet's rows...) → builder lines. The first key found wins:
//
//   reference        reference | sku | ref | code
//   description      description | name | title | product_name
//   quantity         quantity | qty
//   unit price       unitPrice | unit_price | price                 (net, unless prices include tax)
//   gross unit price unitPriceWithTax | price_with_tax | grossPrice  (tax included)
//   tax rate         taxRate | tax_rate | vatRate | vat | iva       (percent: 21)
//                    else tax_lines[0].rate (Shopify, a fraction: 0.21), else the default
//   discount         discount | discountPercent | discount_percent  (percent)
//                    else an amount: discountAmount | discount_amount | total_discount, or the
//                    sum of discount_allocations[].amount (Shopify), turned into the percent
//                    of the line's price × quantity (4 decimals) so the discount is not lost
//   tax              tax | taxType ('IVA', 'IGIC', 'IPSI', 'other'); taxName for 'other'
//   product type     productType | type ('goods' | 'service' | 1 | 2)
//   recargo          recargo (true/false or a rate)
//   IRPF             irpf | retention                                (percent)
//   exemptCause, qualification, regime, priceIncludesTax             as named
import { decimalToNumber, decimalToString, fractionToPercent, makeDecimal, parseDecimal, rescale, roundDiv } from './money';
import type { DecimalInput, LineInput, TaxKind } from './types';

export interface LineDefaults {
	tax?: TaxKind;
	taxRate?: DecimalInput;
	productType?: 'goods' | 'service';
	priceIncludesTax?: boolean;
}

type Row = Record<string, unknown>;

const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';

function first(row: Row, keys: readonly string[]): unknown {
	for (const k of keys) if (!isBlank(row[k])) return row[k];
	return undefined;
}

const TAX_KINDS: Readonly<Record<string, TaxKind>> = { iva: 'IVA', igic: 'IGIC', ipsi: 'IPSI', other: 'other' };

function truthy(v: unknown): boolean | undefined {
	if (typeof v === 'boolean') return v;
	if (typeof v === 'string') {
		const t = v.trim().toLowerCase();
		if (['true', 'yes', 'sí', 'si', '1'].includes(t)) return true;
		if (['false', 'no', '0'].includes(t)) return false;
	}
	return undefined;
}

function shopifyRate(row: Row): DecimalInput | undefined {
	const lines = row.tax_lines;
	if (!Array.isArray(lines) || lines.length === 0) return undefined;
	const rate = (lines[0] as Row | null)?.rate;
	const d = parseDecimal(rate);
	return d ? decimalToNumber(fractionToPercent(d)) : undefined;
}

function productType(v: unknown): LineInput['productType'] | undefined {
	if (isBlank(v)) return undefined;
	const t = typeof v === 'string' ? v.trim().toLowerCase() : v;
	if (t === 'goods' || t === 1 || t === '1' || t === 'product') return 'goods';
	if (t === 'service' || t === 2 || t === '2') return 'service';
	return v as LineInput['productType'];
}

const asText = (v: unknown): string | undefined => (isBlank(v) ? undefined : String(v));

/** The line's discount amount, in the same tax mode as its price; undefined when none is given. */
function discountAmount(row: Row): unknown {
	const direct = first(row, ['discountAmount', 'discount_amount', 'total_discount']);
	if (direct !== undefined) return direct;
	const allocations = row.discount_allocations;
	if (!Array.isArray(allocations) || allocations.length === 0) return undefined;
	let sum = 0n;
	for (const a of allocations) {
		const amount = parseDecimal((a as Row | null)?.amount);
		if (!amount) return (a as Row | null)?.amount ?? a; // unusable: the validator names it
		sum += rescale(amount, 2);
	}
	return decimalToString(makeDecimal(sum, 2));
}

/**
 * An amount off the line as the percent the contract wants, to its 4 decimals. A value it
 * cannot use is passed through unchanged so the validator names it.
 */
function amountToPercent(amount: unknown, price: unknown, quantity: unknown): DecimalInput | undefined {
	const a = parseDecimal(amount);
	const p = parseDecimal(price);
	const q = parseDecimal(quantity);
	if (!a || !p || !q) return amount as DecimalInput;
	const scale = Math.max(a.scale, p.scale + q.scale);
	const gross = rescale(p, p.scale) * rescale(q, q.scale) * 10n ** BigInt(scale - p.scale - q.scale);
	const off = rescale(a, scale);
	if (off === 0n) return undefined;
	if (gross <= 0n) return amount as DecimalInput;
	// percent = off / gross × 100, rounded half away from zero to 4 decimals
	return decimalToString(makeDecimal(roundDiv(off * 1_000_000n, gross), 4));
}

/** One object → one builder line. Unusable values pass through for the validator to name. */
export function mapLineObject(row: Row, defaults: LineDefaults = {}): LineInput {
	const gross = first(row, ['unitPriceWithTax', 'price_with_tax', 'grossPrice']);
	const taxRaw = asText(first(row, ['tax', 'taxType']));
	const recargo = row.recargo;
	const line: LineInput = {
		reference: asText(first(row, ['reference', 'sku', 'ref', 'code'])),
		description: asText(first(row, ['description', 'name', 'title', 'product_name'])) as string,
		quantity: first(row, ['quantity', 'qty']) as DecimalInput,
		unitPrice: (gross ?? first(row, ['unitPrice', 'unit_price', 'price'])) as DecimalInput,
		priceIncludesTax: gross !== undefined ? true : (truthy(row.priceIncludesTax) ?? defaults.priceIncludesTax),
		tax: taxRaw === undefined ? defaults.tax : (TAX_KINDS[taxRaw.toLowerCase()] ?? (taxRaw as TaxKind)),
		taxName: asText(row.taxName),
		taxRate: (first(row, ['taxRate', 'tax_rate', 'vatRate', 'vat', 'iva']) ?? shopifyRate(row) ?? defaults.taxRate) as DecimalInput,
		discount: (first(row, ['discount', 'discountPercent', 'discount_percent']) ??
			amountToPercent(discountAmount(row), gross ?? first(row, ['unitPrice', 'unit_price', 'price']), first(row, ['quantity', 'qty']))) as
			| DecimalInput
			| undefined,
		productType: productType(first(row, ['productType', 'type'])) ?? defaults.productType,
		recargo: isBlank(recargo) ? undefined : (truthy(recargo) ?? (recargo as DecimalInput)),
		irpf: first(row, ['irpf', 'retention']) as DecimalInput | undefined,
		exemptCause: asText(row.exemptCause),
		qualification: asText(row.qualification),
		regime: asText(row.regime),
	};
	for (const key of Object.keys(line) as Array<keyof LineInput>) {
		if (line[key] === undefined) delete line[key];
	}
	return line;
}

/**
 * The value of "Lines From Field" → builder lines, or the reason it is not a list of lines
 * (a parameter-shape problem the caller reports). A JSON string of an array is accepted.
 */
export function mapLineObjects(value: unknown, defaults: LineDefaults = {}): { lines: LineInput[] } | { error: string } {
	let list = value;
	if (typeof list === 'string' && list.trim().startsWith('[')) {
		try {
			list = JSON.parse(list);
		} catch {
			return { error: 'is text that looks like a JSON array but does not parse' };
		}
	}
	if (!Array.isArray(list)) {
		const kind = list === null ? 'null' : typeof list === 'object' ? 'an object' : typeof list;
		return { error: `must be an array of line objects, e.g. {{ $json.line_items }} (got ${kind})` };
	}
	if (list.length === 0) return { error: 'is an empty array: an invoice needs at least one line' };
	const lines: LineInput[] = [];
	for (let i = 0; i < list.length; i++) {
		const row = list[i] as unknown;
		if (typeof row !== 'object' || row === null || Array.isArray(row)) {
			return { error: `element ${i} must be an object with description, quantity and price (got ${row === null ? 'null' : typeof row})` };
		}
		lines.push(mapLineObject(row as Row, defaults));
	}
	return { lines };
}
