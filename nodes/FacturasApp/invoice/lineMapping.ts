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
//
// Each value is parsed once (draft.ts readLine); a value that cannot be read is a problem
// naming the element and the key it came from: Lines From Field, element 2: "irpf" ….
import { readLine } from './draft';
import type { DecimalInput, LineDraft } from './draft';
import type { Decimal } from './money';
import {
	decimalToString,
	fractionToPercent,
	isZero,
	makeDecimal,
	parseDecimal,
	rescale,
	roundDiv,
} from './money';
import { InputReader, isBlank, quote } from './parse';
import type { LineInput } from './types';

export interface LineDefaults {
	tax?: string;
	/** Percent, for lines without a rate of their own. */
	taxRate?: DecimalInput;
	productType?: 'goods' | 'service';
}

type Row = Record<string, unknown>;

/** The first key of `keys` the row has a value for. */
function firstKey(row: Row, keys: readonly string[]): string | undefined {
	return keys.find((k) => !isBlank(row[k]));
}

const KEYS = {
	reference: ['reference', 'sku', 'ref', 'code'],
	description: ['description', 'name', 'title', 'product_name'],
	quantity: ['quantity', 'qty'],
	grossPrice: ['unitPriceWithTax', 'price_with_tax', 'grossPrice'],
	unitPrice: ['unitPrice', 'unit_price', 'price'],
	taxRate: ['taxRate', 'tax_rate', 'vatRate', 'vat', 'iva'],
	discount: ['discount', 'discountPercent', 'discount_percent'],
	discountAmount: ['discountAmount', 'discount_amount', 'total_discount'],
	tax: ['tax', 'taxType'],
	productType: ['productType', 'type'],
	irpf: ['irpf', 'retention'],
	recargo: ['recargo'],
	taxName: ['taxName'],
	exemptCause: ['exemptCause'],
	qualification: ['qualification'],
	regime: ['regime'],
	priceIncludesTax: ['priceIncludesTax'],
} as const;

/** gross price × quantity → the percent `amount` is of it, half away from zero to 4 decimals. */
function amountToPercent(amount: Decimal, price: Decimal, quantity: Decimal): Decimal | undefined {
	const scale = Math.max(amount.scale, price.scale + quantity.scale);
	const gross = price.units * quantity.units * 10n ** BigInt(scale - price.scale - quantity.scale);
	if (gross <= 0n) return undefined;
	return makeDecimal(roundDiv(rescale(amount, scale) * 1_000_000n, gross), 4);
}

export interface MapContext {
	reader: InputReader;
	/** Names a key of element `index` in problems. */
	name: (index: number, key: string) => string;
	/** The invoice's qualification (a line qualified S2/N1/N2 through it takes no rate). */
	qualification?: string;
}

const defaultContext = (): MapContext => ({
	reader: new InputReader('Europe/Madrid'),
	name: (index, key) => `Lines From Field, element ${index}: "${key}"`,
});

/** One object → one parsed line (problems go to `ctx.reader`). */
export function mapLineObject(
	row: Row,
	defaults: LineDefaults = {},
	ctx: MapContext = defaultContext(),
	index = 0,
): LineInput {
	const r = ctx.reader;
	const source: Record<string, string> = {};
	const draft: LineDraft = {};
	const take = (field: keyof LineDraft, keys: readonly string[]) => {
		const key = firstKey(row, keys);
		if (key === undefined) return;
		source[field] = key;
		// The row's values go to readLine as they are: it is the one place that parses them.
		(draft as Record<string, unknown>)[field] = row[key];
	};
	for (const field of [
		'reference',
		'description',
		'quantity',
		'taxRate',
		'discount',
		'tax',
		'productType',
		'irpf',
		'recargo',
		'taxName',
		'exemptCause',
		'qualification',
		'regime',
		'priceIncludesTax',
	] as const) {
		take(field, KEYS[field]);
	}
	const grossKey = firstKey(row, KEYS.grossPrice);
	if (grossKey !== undefined) {
		take('unitPrice', KEYS.grossPrice);
		draft.priceIncludesTax = true;
	} else take('unitPrice', KEYS.unitPrice);
	if (draft.taxRate === undefined) {
		const shopify = shopifyRate(row, (message) =>
			r.problem(ctx.name(index, 'tax_lines[0].rate'), message),
		);
		if (shopify) {
			draft.taxRate = shopify;
			source.taxRate = 'tax_lines[0].rate';
		} else if (defaults.taxRate !== undefined) {
			draft.taxRate = defaults.taxRate;
			source.taxRate = '(Line Defaults) Tax Rate';
		}
	}
	draft.tax ??= defaults.tax;
	draft.productType ??= defaults.productType;
	const name = (field: string) => ctx.name(index, source[field] ?? field);
	const line = readLine(r, draft, name, ctx.qualification);
	if (draft.discount === undefined) {
		// An amount off the line becomes the percent the contract wants, so it is not lost.
		const amountKey = firstKey(row, KEYS.discountAmount) ?? 'discount_allocations';
		const amount = discountAmount(row, r, (key) => ctx.name(index, key));
		if (amount && !isZero(amount)) {
			const percent = amountToPercent(amount, line.unitPrice, line.quantity);
			if (percent) line.discount = percent;
			else
				r.problem(
					ctx.name(index, amountKey),
					`cannot be taken off a line whose price × quantity is 0 (got ${decimalToString(amount)})`,
				);
		}
	}
	return line;
}

/** Shopify's tax_lines[0].rate, a fraction (0.21), as a percent; undefined when absent. */
function shopifyRate(row: Row, problem: (message: string) => void): string | undefined {
	const lines = row.tax_lines;
	if (!Array.isArray(lines) || lines.length === 0) return undefined;
	const rate = (lines[0] as Row | null)?.rate;
	const d = parseDecimal(rate);
	if (!d) {
		problem(`must be a fraction such as 0.21 (got ${quote(rate)})`);
		return undefined;
	}
	return decimalToString(fractionToPercent(d));
}

/** The line's discount as an amount (same tax mode as its price); undefined when none is given. */
function discountAmount(
	row: Row,
	r: InputReader,
	name: (key: string) => string,
): Decimal | undefined {
	const key = firstKey(row, KEYS.discountAmount);
	if (key !== undefined) return r.number(name(key), row[key], 'amount');
	const allocations = row.discount_allocations;
	if (!Array.isArray(allocations) || allocations.length === 0) return undefined;
	let sum = 0n;
	for (const [i, a] of allocations.entries()) {
		const amount = r.number(
			name(`discount_allocations[${i}].amount`),
			(a as Row | null)?.amount,
			'amount',
			true,
		);
		if (!amount) return undefined;
		sum += rescale(amount, 2);
	}
	return makeDecimal(sum, 2);
}

/**
 * The value of "Lines From Field" → parsed lines (their problems in `ctx.reader`), or the reason
 * it is not a list of lines at all. A JSON string of an array is accepted.
 */
export function mapLineObjects(
	value: unknown,
	defaults: LineDefaults = {},
	ctx: MapContext = defaultContext(),
): { lines: LineInput[] } | { error: string } {
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
			return {
				error: `element ${i} must be an object with description, quantity and price (got ${row === null ? 'null' : typeof row})`,
			};
		}
		lines.push(mapLineObject(row as Row, defaults, ctx, i));
	}
	return { lines };
}
