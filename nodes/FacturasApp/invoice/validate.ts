// The AddInvoice contract (docs/facturasapp-api.md §4–§6) as one check. Used by the node before any
// HTTP call and by the local emulator to decide what it accepts: every problem is reported at
// once, each with its path, what is wrong, what to do, and the bad value. The checks live by
// what they check: validateHeader (header, customer), validateLine (+ validateLineTax, validateLineWithholdings) and
// validateTotals; the rules come from rules.ts and every expected amount from totals.ts.
import type { Issues, Obj, ValidationIssue } from './checks';
import { BODY_FIELDS } from './bodyFields';
import { checkArray, checkUnknownFields, got, isRecord, objectsOf } from './checks';
import { checkAmount } from './checkNumbers';
import { sumOf } from './totals';
import { checkContact, checkHeader } from './validateHeader';
import type { LineFacts } from './validateLine';
import { checkProduct } from './validateLine';
import { checkCharges } from './validateCharges';
import { checkFieldTaxations } from './validateTaxSummary';
import { checkExemptCode, checkSums } from './validateTotals';

export type { ValidationIssue } from './checks';

export function validateInvoiceBody(body: unknown): ValidationIssue[] {
	const issues: Issues = [];
	if (!isRecord(body)) {
		issues.push({
			path: '(body)',
			message: `must be a JSON object: the AddInvoice body (got ${got(body)})`,
		});
		return issues;
	}
	checkUnknownFields(issues, body, BODY_FIELDS.top, '');
	const idOperations = checkHeader(issues, body);

	let surchargeFlag: boolean | undefined;
	const contacts = checkArray(issues, body, 'contacts', '', {
		required: true,
		min: 1,
		max: 1,
		hint: 'exactly one element: the customer',
	});
	for (const [i, c] of contacts ? objectsOf(issues, contacts, 'contacts', 'the customer') : []) {
		const flag = checkContact(issues, c, `contacts[${i}]`);
		if (i === 0) surchargeFlag = flag;
	}

	const products = checkArray(issues, body, 'products', '', {
		required: true,
		min: 1,
		hint: 'one element per invoice line',
	});
	let lines: LineFacts[] | undefined;
	if (products) {
		const objects = objectsOf(issues, products, 'products', 'an invoice line');
		const facts = objects.map(([i, p]) =>
			checkProduct(issues, p, `products[${i}]`, { idOperations }),
		);
		if (objects.length === products.length && products.length > 0) lines = facts;
		// A line with recargo needs the customer flagged as in recargo de equivalencia.
		const withRecargo = facts.findIndex((f) => f.needsSurchargeFlag);
		if (
			withRecargo >= 0 &&
			contacts &&
			contacts.length > 0 &&
			isRecord(contacts[0]) &&
			surchargeFlag !== true
		) {
			const value = (contacts[0] as Obj).applySurchargeEquivalence;
			if (value === undefined || value === null || value === false) {
				issues.push({
					path: 'contacts[0].applySurchargeEquivalence',
					message: `must be true: products[${objects[withRecargo][0]}] carries recargo de equivalencia (got ${got(value)})`,
				});
			}
		}
	}
	checkExemptCode(issues, body, lines);
	// PJ charges are a percent of the taxable base: from the lines, else as declared.
	const declaredBase = checkAmount([], body, 'sumTotalTaxBase', '');
	const fees = checkCharges(
		issues,
		body,
		(lines ? sumOf(lines, (l) => l.net) : undefined) ?? declaredBase,
	);
	checkFieldTaxations(issues, body, lines);
	checkSums(issues, body, lines, fees);
	return issues;
}

/** One line per issue: 'products[2].quantity: must be ...'. */
export function formatIssues(issues: ValidationIssue[]): string {
	return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n');
}
