// The AddInvoice contract (facturasapp-api.md §4–§6) as one check. Used by the node before any
// HTTP call and by the local emulator to decide what it accepts: every problem is reported at
// once, each with its path, what is wrong, what to do, and the bad value.
import type { Issues, Obj, ValidationIssue } from './checks';
import {
	INT32_MAX,
	absent,
	checkAmount,
	checkArray,
	checkInteger,
	checkString,
	checkUnknownFields,
	expectCents,
	fieldSet,
	got,
	isRecord,
	money,
	objectsOf,
} from './checks';
import { EXEMPT_CODES, PAYMENT_CODES, QUALIFICATION_CODES } from './codes';
import type { Cents } from './money';
import type { LineFacts } from './validateProducts';
import { checkProduct } from './validateProducts';
import { checkCharges, checkContact, checkFieldTaxations } from './validateParts';

export type { ValidationIssue } from './checks';

const SUM_FIELDS = [
	'sumTotalSubTotal', 'sumTotalTaxBase', 'sumTotalTax', 'sumTotalSubTotalAndTax', 'sumTotalTotal', 'sumTotalNetPayable',
	'sumTotalExemptBase', 'sumTotalDiscount', 'sumTotalCharge', 'sumTotalRetentionIRPF',
] as const;
const TOP_FIELDS = fieldSet([
	'invoiceNumber', 'currentNumber', 'invoiceDate', 'invoiceTime', 'invoiceExpiration', 'invoiceIdTypeRegAEAT',
	'invoiceIdTypeRegSIF', 'contactName', 'operationDate', 'contacts', 'products', 'idPayment', 'paymentNote',
	'textObservations', 'textCustomerObservations', 'idOperations', 'idOperationsExenta', 'valueExemptBase',
	'chargeAndDiscount', 'fieldTaxations', ...SUM_FIELDS, 'invoiceTypeId', 'invoiceRectificativeTypeId',
	'typeRectificativeId', 'aditionalData',
], { additionaldata: 'aditionalData' });
const ADITIONAL_FIELDS = fieldSet(['invoiceId', 'startInvoiceId']);
const INVOICE_EXEMPT_CODES: ReadonlySet<string> = new Set(['E0', ...EXEMPT_CODES]);

const ISO_DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const TIME_SPAN_RE = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,7})?$/;
const DMY_RE = /^(\d{2})-(\d{2})-(\d{4})$/;
const EXPIRATION_RE = /^\d{1,3}$/;

function realDay(y: number, m: number, d: number): boolean {
	return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function checkDates(issues: Issues, body: Obj): void {
	const date = checkString(issues, body, 'invoiceDate', '', {
		required: true,
		pattern: ISO_DATE_TIME_RE,
		patternHelp: "an ISO date-time such as '2025-03-01T12:00:00.000Z' (noon UTC keeps the day in every zone)",
		hint: "the issue date, e.g. '2025-03-01T12:00:00.000Z'",
	});
	const m = date ? ISO_DATE_TIME_RE.exec(date) : null;
	if (m && !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
		issues.push({ path: 'invoiceDate', message: `must be a real calendar day (got ${got(date)})` });
	}
	if (date === '') issues.push({ path: 'invoiceDate', message: "must not be empty: an ISO date-time such as '2025-03-01T12:00:00.000Z' (got '')" });
	const time = checkString(issues, body, 'invoiceTime', '', {
		required: true,
		pattern: TIME_SPAN_RE,
		patternHelp: "a time of day as HH:mm:ss.0000000, e.g. '10:30:00.0000000'",
		hint: "the issue time, e.g. '10:30:00.0000000'",
	});
	if (time === '') issues.push({ path: 'invoiceTime', message: "must not be empty: a time such as '10:30:00.0000000' (got '')" });
	const op = checkString(issues, body, 'operationDate', '', { pattern: DMY_RE, patternHelp: "a date as dd-MM-yyyy, e.g. '28-02-2025'" });
	const o = op ? DMY_RE.exec(op) : null;
	if (o && !realDay(Number(o[3]), Number(o[2]), Number(o[1]))) {
		issues.push({ path: 'operationDate', message: `must be a real calendar day as dd-MM-yyyy (got ${got(op)})` });
	}
}

function checkHeader(issues: Issues, body: Obj): void {
	checkString(issues, body, 'invoiceNumber', '', { required: true, nonEmpty: true, max: 50, hint: 'the full number with its series prefix' });
	checkInteger(issues, body, 'currentNumber', '', { min: 1, max: INT32_MAX, help: 'the numeric part of the invoice number in its series' });
	checkDates(issues, body);
	checkString(issues, body, 'invoiceExpiration', '', { pattern: EXPIRATION_RE, patternHelp: "the days until due as a string of up to 3 digits, e.g. '30'", max: 3 });
	checkString(issues, body, 'invoiceIdTypeRegAEAT', '', { required: true, nonEmpty: true, max: 2, hint: "'AI' for a new invoice" });
	checkString(issues, body, 'invoiceIdTypeRegSIF', '', { max: 2 });
	checkString(issues, body, 'contactName', '', { required: true, max: 30, hint: "the issuer's sales contact, may be ''" });
	checkString(issues, body, 'idPayment', '', { required: true, codes: PAYMENT_CODES, codeHelp: `a payment method code: ${[...PAYMENT_CODES].join(', ')}` });
	checkString(issues, body, 'paymentNote', '', { max: 300 });
	checkString(issues, body, 'textObservations', '', { max: 500 });
	checkString(issues, body, 'textCustomerObservations', '', { max: 350 });
	for (const key of ['invoiceTypeId', 'invoiceRectificativeTypeId', 'typeRectificativeId']) {
		checkInteger(issues, body, key, '', { min: 0, max: INT32_MAX, help: '0 for an ordinary invoice' });
	}
	const extra = body.aditionalData;
	if (!absent(extra)) {
		if (!isRecord(extra)) {
			issues.push({ path: 'aditionalData', message: `must be an object { invoiceId, startInvoiceId } ({ 0, 0 } for an ordinary invoice) (got ${got(extra)})` });
		} else {
			checkUnknownFields(issues, extra, ADITIONAL_FIELDS, 'aditionalData');
			for (const key of ['invoiceId', 'startInvoiceId']) {
				checkInteger(issues, extra, key, 'aditionalData', { required: true, min: 0, max: INT32_MAX, help: '0 for an ordinary invoice' });
			}
		}
	}
}

/** Σ of a line fact, or undefined when any line's value is unknown. */
function sum(lines: LineFacts[] | undefined, pick: (l: LineFacts) => Cents | undefined): Cents | undefined {
	if (!lines) return undefined;
	let total = 0;
	for (const l of lines) {
		const v = pick(l);
		if (v === undefined) return undefined;
		total += v;
	}
	return total;
}

function checkSums(issues: Issues, body: Obj, lines: LineFacts[] | undefined, fees: ReturnType<typeof checkCharges>): void {
	const d: Record<string, Cents | undefined> = {};
	// A negative net payable gets one issue saying why, not also "must be 0 or more".
	const payableIssues: Issues = [];
	for (const key of SUM_FIELDS) d[key] = checkAmount(key === 'sumTotalNetPayable' ? payableIssues : issues, body, key, '');
	const exemptDeclared = checkAmount(issues, body, 'valueExemptBase', '', 'the sum of the bases of the 0 % lines');
	const subTotal = sum(lines, (l) => l.gross);
	const taxBase = sum(lines, (l) => l.net);
	const tax = sum(lines, (l) => l.tax);
	const recargo = sum(lines, (l) => l.recargo);
	const retention = sum(lines, (l) => l.retention);
	const exempt = sum(lines, (l) => (l.zeroRate === undefined ? undefined : l.zeroRate ? l.net : 0));
	const expect = (key: string, value: Cents | undefined, why: string) => {
		if (value !== undefined) expectCents(issues, key, d[key], value, why);
	};
	const add = (...parts: Array<Cents | undefined>): Cents | undefined =>
		parts.every((p) => p !== undefined) ? (parts as Cents[]).reduce((a, b) => a + b, 0) : undefined;
	// Each total is checked against the value computed from the lines; the declared value of a
	// step stands in only when the lines cannot tell (so one wrong step is one issue).
	const or = (key: string, computed: Cents | undefined) => computed ?? d[key];

	expect('sumTotalSubTotal', subTotal, 'the sum of products[].subTotal');
	expect('sumTotalTaxBase', taxBase, 'the sum of the line bases (subTotal − totaldiscount)');
	expect('sumTotalTax', tax, 'the sum of products[].totalTax (recargo excluded)');
	const subTotalAndTax = add(or('sumTotalTaxBase', taxBase), or('sumTotalTax', tax));
	expect('sumTotalSubTotalAndTax', subTotalAndTax, 'sumTotalTaxBase + sumTotalTax');
	const total = add(or('sumTotalSubTotalAndTax', subTotalAndTax), recargo);
	expect('sumTotalTotal', total, 'sumTotalSubTotalAndTax + the recargo of the lines (Σ totalSurCharges)');
	expect('sumTotalDiscount', fees.discount, "the sum of chargeAndDiscount[].totalFeeDiscount of type 'DT'");
	expect('sumTotalCharge', fees.charge, "the sum of chargeAndDiscount[].totalFeeDiscount of type 'CG'");
	expect('sumTotalRetentionIRPF', fees.retentionIRPF, "the sum of chargeAndDiscount[].totalFeeDiscount of type 'RT' (global IRPF)");
	const parts = [or('sumTotalTotal', total), retention, or('sumTotalDiscount', fees.discount), or('sumTotalCharge', fees.charge), or('sumTotalRetentionIRPF', fees.retentionIRPF)];
	if (parts.every((p) => p !== undefined)) {
		const [t, ret, dt, cg, rt] = parts as Cents[];
		const netPayable = t - ret - dt + cg - rt;
		if (netPayable < 0) {
			payableIssues.length = 0;
			issues.push({
				path: 'sumTotalNetPayable',
				message: `would be ${money(netPayable)}: retentions and invoice discounts exceed the total; reduce them (got ${got(body.sumTotalNetPayable)})`,
			});
		} else {
			expect('sumTotalNetPayable', netPayable, 'sumTotalTotal − the IRPF of the lines (Σ totalwithHoldings) − sumTotalDiscount + sumTotalCharge − sumTotalRetentionIRPF');
		}
	}
	issues.push(...payableIssues);
	expect('sumTotalExemptBase', exempt, 'the sum of the bases of the 0 % lines');
	if (exempt !== undefined) expectCents(issues, 'valueExemptBase', exemptDeclared, exempt, 'the sum of the bases of the 0 % lines');
}

function checkExemptCode(issues: Issues, body: Obj, lines: LineFacts[] | undefined): void {
	const code = checkString(issues, body, 'idOperationsExenta', '', {
		required: true,
		codes: INVOICE_EXEMPT_CODES,
		codeHelp: "'E0' when nothing is exempt, else the exemption cause E1–E8",
	});
	if (code === undefined || !lines) return;
	const causes = new Set(lines.filter((l) => l.exemptCause !== undefined).map((l) => l.exemptCause as string));
	causes.delete('');
	if (causes.size === 0 && code !== 'E0' && !lines.some((l) => l.exemptCause === '')) {
		issues.push({ path: 'idOperationsExenta', message: `must be 'E0': no line is exempt (got ${got(code)})` });
	} else if (causes.size > 0 && !causes.has(code)) {
		const list = [...causes].map((c) => `'${c}'`).join(' or ');
		issues.push({ path: 'idOperationsExenta', message: `must be the exemption cause of the exempt lines, ${list} (got ${got(code)})` });
	}
}

export function validateInvoiceBody(body: unknown): ValidationIssue[] {
	const issues: Issues = [];
	if (!isRecord(body)) {
		issues.push({ path: '(body)', message: `must be a JSON object: the AddInvoice body (got ${got(body)})` });
		return issues;
	}
	checkUnknownFields(issues, body, TOP_FIELDS, '');
	checkHeader(issues, body);
	const idOperations = checkString(issues, body, 'idOperations', '', {
		required: true,
		codes: QUALIFICATION_CODES,
		codeHelp: 'S1 (not exempt), S2 (reverse charge), N1 or N2 (not subject)',
	});

	let surchargeFlag: boolean | undefined;
	const contacts = checkArray(issues, body, 'contacts', '', { required: true, min: 1, max: 1, hint: 'exactly one element: the customer' });
	for (const [i, c] of contacts ? objectsOf(issues, contacts, 'contacts', 'the customer') : []) {
		const flag = checkContact(issues, c, `contacts[${i}]`);
		if (i === 0) surchargeFlag = flag;
	}

	const products = checkArray(issues, body, 'products', '', { required: true, min: 1, hint: 'one element per invoice line' });
	let lines: LineFacts[] | undefined;
	if (products) {
		const objects = objectsOf(issues, products, 'products', 'an invoice line');
		const facts = objects.map(([i, p]) => checkProduct(issues, p, `products[${i}]`, { idOperations }));
		if (objects.length === products.length && products.length > 0) lines = facts;
		const withRecargo = facts.findIndex((f) => f.needsSurchargeFlag);
		if (withRecargo >= 0 && contacts && contacts.length > 0 && isRecord(contacts[0]) && surchargeFlag !== true) {
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
	const fees = checkCharges(issues, body, sum(lines, (l) => l.net) ?? declaredBase);
	checkFieldTaxations(issues, body, lines);
	checkSums(issues, body, lines, fees);
	return issues;
}

/** One line per issue: 'products[2].quantity: must be ...'. */
export function formatIssues(issues: ValidationIssue[]): string {
	return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('\n');
}
