// The FacturasApp invoice: types, code tables, exact money, the fiscal rules, §5 totals, the
// builder and the contract validator. Nothing here knows HTTP or n8n. Only what the node and
// its tests use goes through here.
export type * from './types';
export type { CodeEntry } from './codes';
export {
	EXEMPT_CAUSES,
	IDENTIFICATION_TYPES,
	PAYMENT_METHODS,
	QUALIFICATIONS,
	REGIMES,
} from './codes';
export { DEFAULT_RECARGO_HELP, TAX_RATE_HELP } from './rules';
export { buildInvoiceBody } from './builder';
export type { ValidationIssue } from './validate';
export { formatIssues, validateInvoiceBody } from './validate';
export { recipientIssues } from './validateRecipient';
export { withControl } from './taxId';
export { mapLineObject, mapLineObjects } from './lineMapping';
export type { ChargeDraft, InvoiceDraft, LineDraft } from './draft';
export { readInvoiceDraft } from './draft';
export { InputReader } from './parse';
