// chargeAndDiscount: each invoice-level discount, charge or IRPF retention checked, its
// expected amount from totals.ts; the sums feed the sumTotal* checks.
import { BODY_FIELDS } from './bodyFields';
import type { Issues, Obj } from './checks';
import { checkArray, checkString, checkUnknownFields, got, money, objectsOf } from './checks';
import { checkAmount, checkDecimal, expectCents } from './checkNumbers';
import { FEE_TYPES, FEE_VALUE_TYPES } from './codes';
import type { Cents } from './money';
import { HUNDRED, ZERO, decimalToString } from './money';
import { IRPF_PERCENTS, isIrpfRate } from './rules';
import type { TotalsCharge } from './totals';
import { chargeTotal, feeSum } from './totals';

export interface FeeSums {
	discount?: Cents;
	charge?: Cents;
	retentionIRPF?: Cents;
}

/** chargeAndDiscount entries; `taxBase` is the invoice's taxable base when known. */
export function checkCharges(issues: Issues, body: Obj, taxBase: Cents | undefined): FeeSums {
	const list = checkArray(issues, body, 'chargeAndDiscount', '', {
		hint: 'invoice-level charges (CG), discounts (DT) and global IRPF (RT)',
	});
	const charges: TotalsCharge[] = [];
	let unknown =
		list === undefined && body.chargeAndDiscount !== undefined && body.chargeAndDiscount !== null;
	const entries = list
		? objectsOf(issues, list, 'chargeAndDiscount', 'a charge, discount or global IRPF')
		: [];
	if (list && entries.length !== list.length) unknown = true;
	for (const [i, f] of entries) {
		const path = `chargeAndDiscount[${i}]`;
		checkUnknownFields(issues, f, BODY_FIELDS.fee, path);
		const type = checkString(issues, f, 'idtypeFeeDiscount', path, {
			required: true,
			codes: FEE_TYPES,
			codeHelp: "'CG' (charge), 'DT' (discount) or 'RT' (global IRPF)",
		});
		const valueType = checkString(issues, f, 'idTypeValueFeeDiscount', path, {
			required: true,
			codes: FEE_VALUE_TYPES,
			codeHelp: "'VR' (amount) or 'PJ' (percentage)",
		});
		const base = checkAmount(
			issues,
			f,
			'baseFeeDiscount',
			path,
			'0 for an amount (VR), the taxable base for a percentage (PJ)',
		);
		const total = checkAmount(issues, f, 'totalFeeDiscount', path);
		let expected: Cents | undefined;
		if (valueType === 'PJ') {
			const rate = checkDecimal(issues, f, 'valueFeeDiscount', path, {
				required: true,
				maxDecimals: 4,
				min: ZERO,
				max: HUNDRED,
				what: 'the percentage, from 0 to 100',
				floatNoise: true,
			});
			if (type === 'RT' && rate && !isIrpfRate(rate)) {
				issues.push({
					path: `${path}.valueFeeDiscount`,
					message: `must be an IRPF rate: ${IRPF_PERCENTS} (got ${got(f.valueFeeDiscount)})`,
				});
				unknown = true;
				continue;
			}
			if (taxBase !== undefined)
				expectCents(
					issues,
					`${path}.baseFeeDiscount`,
					base,
					taxBase,
					'the taxable base of the invoice (sumTotalTaxBase)',
				);
			const b = taxBase ?? base;
			if (rate && b !== undefined) {
				expected = chargeTotal('PJ', rate, b);
				expectCents(
					issues,
					`${path}.totalFeeDiscount`,
					total,
					expected,
					`baseFeeDiscount ${money(b)} × ${decimalToString(rate)} %, rounded to cents`,
				);
			}
		} else if (valueType === 'VR') {
			const value = checkAmount(issues, f, 'valueFeeDiscount', path, 'the amount');
			expectCents(
				issues,
				`${path}.baseFeeDiscount`,
				base,
				0,
				'nothing: an amount (VR) entry has no base',
			);
			if (value !== undefined) {
				expected = value;
				expectCents(
					issues,
					`${path}.totalFeeDiscount`,
					total,
					value,
					'valueFeeDiscount, for an amount (VR) entry',
				);
			}
		}
		const amount = expected ?? total;
		if (!type || amount === undefined) unknown = true;
		else if (type === 'CG' || type === 'DT' || type === 'RT') charges.push({ type, total: amount });
	}
	if (unknown) return {};
	return {
		discount: feeSum(charges, 'DT'),
		charge: feeSum(charges, 'CG'),
		retentionIRPF: feeSum(charges, 'RT'),
	};
}
