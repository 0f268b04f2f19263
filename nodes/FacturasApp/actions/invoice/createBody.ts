// Create: the invoice body to send, from the item's form or JSON, checked against the contract
// before anything leaves the node.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AddInvoiceBody, InvoiceInput, ValidationIssue } from '../../invoice';
import {
	buildInvoiceBody,
	formatIssues,
	recipientIssues,
	validateInvoiceBody,
} from '../../invoice';
import type { NextNumber } from '../../numbering/nextNumber';
import { invoiceNumberProblem } from '../../transport';
import { formIssues, formShape, nothingSent, plural, readInvoiceInput } from './createInput';
import { readParam } from '../../readParam';

/** What the item gives to build the body from; a problem found while reading waits for execute. */
export type InvoiceSource =
	| { mode: 'json'; body: IDataObject }
	| { mode: 'fields'; input: InvoiceInput; linesSource: string }
	| { mode: 'json' | 'fields'; problem: Error };

function parseJsonBody(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const value = readParam(ctx, 'invoiceJson', itemIndex);
	let body: unknown = value;
	if (typeof value === 'string') {
		try {
			body = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Invoice (JSON) is not valid JSON: ${(error as Error).message}`,
				{ itemIndex },
			);
		}
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Invoice (JSON) must be one JSON object: the AddInvoice body',
			{ itemIndex },
		);
	}
	return body as IDataObject;
}

/** Reads the JSON body or the Define Below form of one item. */
export function readInvoiceSource(ctx: IExecuteFunctions, itemIndex: number): InvoiceSource {
	const mode = readParam(ctx, 'inputMode', itemIndex, 'fields') as string;
	try {
		if (mode === 'json') return { mode, body: parseJsonBody(ctx, itemIndex) };
		return {
			mode: 'fields',
			input: readInvoiceInput.call(ctx, itemIndex),
			linesSource: readParam(ctx, 'linesSource', itemIndex, 'list') as string,
		};
	} catch (error) {
		return { mode: mode === 'json' ? 'json' : 'fields', problem: error as Error };
	}
}

/** The body to send, checked against the contract; nothing invalid ever leaves the node. */
export function invoiceBody(
	ctx: IExecuteFunctions,
	source: InvoiceSource,
	itemIndex: number,
	numbered?: NextNumber,
): AddInvoiceBody {
	if ('problem' in source) throw source.problem;
	let body: AddInvoiceBody;
	let show = (issues: ValidationIssue[]) => formatIssues(issues).split('\n');
	const number = numbered && {
		invoiceNumber: numbered.invoiceNumber,
		currentNumber: numbered.currentNumber,
	};
	if (source.mode === 'json') {
		// A copy: the item's own object (from an expression) is left as it was.
		body = { ...source.body, ...number } as unknown as AddInvoiceBody;
	} else {
		const input: InvoiceInput = number
			? { ...source.input, number: number.invoiceNumber, currentNumber: number.currentNumber }
			: source.input;
		const built = buildInvoiceBody(input);
		body = built;
		// Define Below: issues in the form's terms (Line 1 → IRPF (%)); JSON keeps body paths.
		const shape = formShape(input, source.linesSource);
		show = (issues) => formIssues(issues, built, shape);
	}
	// The contract, then what the AEAT would reject about the customer (tax ID, company NIF).
	const issues = [...validateInvoiceBody(body), ...recipientIssues(body)];
	const numberProblem = invoiceNumberProblem(body.invoiceNumber);
	if (numberProblem && !issues.some((issue) => issue.path === 'invoiceNumber')) {
		issues.unshift({ path: 'invoiceNumber', message: numberProblem });
	}
	if (issues.length > 0) {
		const shown =
			typeof body.invoiceNumber === 'string' && body.invoiceNumber ? ` ${body.invoiceNumber}` : '';
		const lines = show(issues);
		throw new NodeOperationError(
			ctx.getNode(),
			`Invoice${shown} has ${plural(lines.length)}: ${lines[0]}${lines.length > 1 ? ' …' : ''}`,
			{
				itemIndex,
				description: nothingSent(lines),
			},
		);
	}
	return body;
}
