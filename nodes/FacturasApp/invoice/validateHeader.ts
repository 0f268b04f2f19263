// The header of the AddInvoice body: number, dates, codes, notes, the invoice-type fields, and
// the customer (contacts[0]).
import { BODY_FIELDS } from './bodyFields';
import type { Issues, Obj } from './checks';
import {
	INT32_MAX,
	absent,
	checkBoolean,
	checkInteger,
	checkString,
	checkUnknownFields,
	got,
	isRecord,
} from './checks';
import {
	CONTACT_TYPE_CODES,
	IDENTIFICATION_CODES,
	PAYMENT_CODES,
	PERSON_TYPE_CODES,
	QUALIFICATION_CODES,
	QUALIFICATION_HELP,
	REGIME_CODES,
	REGIME_HELP,
} from './codes';
import { validDay } from './dates';

const ISO_DATE_TIME_RE =
	/^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const TIME_SPAN_RE = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,7})?$/;
/** operationDate as the API wants it: strictly dd-MM-yyyy. */
const OPERATION_DATE_RE = /^(\d{2})-(\d{2})-(\d{4})$/;
const EXPIRATION_RE = /^\d{1,3}$/;
const DIGITS_RE = /^\d+$/;

function checkDates(issues: Issues, body: Obj): void {
	const date = checkString(issues, body, 'invoiceDate', '', {
		required: true,
		pattern: ISO_DATE_TIME_RE,
		patternHelp:
			"an ISO date-time such as '2025-03-01T12:00:00.000Z' (noon UTC keeps the day in every zone)",
		hint: "the issue date, e.g. '2025-03-01T12:00:00.000Z'",
	});
	const m = date ? ISO_DATE_TIME_RE.exec(date) : null;
	if (m && !validDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
		issues.push({ path: 'invoiceDate', message: `must be a real calendar day (got ${got(date)})` });
	}
	if (date === '')
		issues.push({
			path: 'invoiceDate',
			message: "must not be empty: an ISO date-time such as '2025-03-01T12:00:00.000Z' (got '')",
		});
	const time = checkString(issues, body, 'invoiceTime', '', {
		required: true,
		pattern: TIME_SPAN_RE,
		patternHelp: "a time of day as HH:mm:ss.0000000, e.g. '10:30:00.0000000'",
		hint: "the issue time, e.g. '10:30:00.0000000'",
	});
	if (time === '')
		issues.push({
			path: 'invoiceTime',
			message: "must not be empty: a time such as '10:30:00.0000000' (got '')",
		});
	const op = checkString(issues, body, 'operationDate', '', {
		pattern: OPERATION_DATE_RE,
		patternHelp: "a date as dd-MM-yyyy, e.g. '28-02-2025'",
	});
	const o = op ? OPERATION_DATE_RE.exec(op) : null;
	if (o && !validDay(Number(o[3]), Number(o[2]), Number(o[1]))) {
		issues.push({
			path: 'operationDate',
			message: `must be a real calendar day as dd-MM-yyyy (got ${got(op)})`,
		});
	}
}

/** The header fields; returns idOperations when usable. */
export function checkHeader(issues: Issues, body: Obj): string | undefined {
	checkString(issues, body, 'invoiceNumber', '', {
		required: true,
		nonEmpty: true,
		max: 50,
		hint: 'the full number with its series prefix',
	});
	checkInteger(issues, body, 'currentNumber', '', {
		min: 1,
		max: INT32_MAX,
		help: 'the numeric part of the invoice number in its series',
	});
	checkDates(issues, body);
	checkString(issues, body, 'invoiceExpiration', '', {
		pattern: EXPIRATION_RE,
		patternHelp: "the days until due as a string of up to 3 digits, e.g. '30'",
		max: 3,
	});
	checkString(issues, body, 'invoiceIdTypeRegAEAT', '', {
		required: true,
		nonEmpty: true,
		max: 2,
		hint: "'AI' for a new invoice",
	});
	checkString(issues, body, 'invoiceIdTypeRegSIF', '', { max: 2 });
	checkString(issues, body, 'contactName', '', {
		required: true,
		max: 30,
		hint: "the issuer's sales contact, may be ''",
	});
	checkString(issues, body, 'idPayment', '', {
		required: true,
		codes: PAYMENT_CODES,
		codeHelp: `a payment method code: ${[...PAYMENT_CODES].join(', ')}`,
	});
	checkString(issues, body, 'paymentNote', '', { max: 300 });
	checkString(issues, body, 'textObservations', '', { max: 500 });
	checkString(issues, body, 'textCustomerObservations', '', { max: 350 });
	for (const key of ['invoiceTypeId', 'invoiceRectificativeTypeId', 'typeRectificativeId']) {
		checkInteger(issues, body, key, '', {
			min: 0,
			max: INT32_MAX,
			help: '0 for an ordinary invoice',
		});
	}
	const extra = body.aditionalData;
	if (!absent(extra)) {
		if (!isRecord(extra)) {
			issues.push({
				path: 'aditionalData',
				message: `must be an object { invoiceId, startInvoiceId } ({ 0, 0 } for an ordinary invoice) (got ${got(extra)})`,
			});
		} else {
			checkUnknownFields(issues, extra, BODY_FIELDS.aditionalData, 'aditionalData');
			for (const key of ['invoiceId', 'startInvoiceId']) {
				checkInteger(issues, extra, key, 'aditionalData', {
					required: true,
					min: 0,
					max: INT32_MAX,
					help: '0 for an ordinary invoice',
				});
			}
		}
	}
	return checkString(issues, body, 'idOperations', '', {
		required: true,
		codes: QUALIFICATION_CODES,
		codeHelp: QUALIFICATION_HELP,
	});
}

/** Returns contacts[0].applySurchargeEquivalence (undefined when unknown or absent). */
export function checkContact(issues: Issues, c: Obj, path: string): boolean | undefined {
	checkUnknownFields(issues, c, BODY_FIELDS.contact, path);
	checkString(issues, c, 'contactType', path, {
		required: true,
		codes: CONTACT_TYPE_CODES,
		codeHelp: "'01' (customer) or '02' (supplier)",
	});
	checkString(issues, c, 'personType', path, {
		required: true,
		codes: PERSON_TYPE_CODES,
		codeHelp: "'01' (autónomo or natural person) or '02' (company)",
	});
	checkString(issues, c, 'companyName', path, {
		required: true,
		nonEmpty: true,
		max: 450,
		hint: "the customer's name",
	});
	checkString(issues, c, 'tradeName', path, { max: 450 });
	checkString(issues, c, 'customerCode', path, { max: 150 });
	checkString(issues, c, 'identificationType', path, {
		codes: IDENTIFICATION_CODES,
		codeHelp:
			"'02' (NIF-IVA), '03' (passport), '04' (official ID of the country of residence), '05' (residence certificate), '06' (other document) or '07' (not registered)",
	});
	checkString(issues, c, 'identification', path, { max: 20 });
	checkString(issues, c, 'regime', path, { codes: REGIME_CODES, codeHelp: REGIME_HELP });
	const ids: Array<[string, number]> = [
		['country', 3],
		['province', 4],
		['population', 5],
	];
	for (const [key, max] of ids) {
		checkString(issues, c, key, path, {
			max,
			pattern: DIGITS_RE,
			patternHelp: `FacturasApp's numeric id as a string of digits${key === 'country' ? " ('207' for Spain)" : ''}`,
		});
	}
	checkString(issues, c, 'addressCustomer', path, { max: 200 });
	checkString(issues, c, 'postalCodeCustomer', path, { max: 10 });
	for (const key of ['phoneCustomer', 'webSite', 'emailCustomer'])
		checkString(issues, c, key, path, {});
	return checkBoolean(issues, c, 'applySurchargeEquivalence', path);
}
