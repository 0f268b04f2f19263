// Define Below and Lines From Field speak the form's language: a value that cannot be read is
// named by its field at once (before anything is built), and the validator's business-rule
// issues about the built body are shown as the form names the field (lines from 1, percents),
// each problem on its own line (<br>, which n8n's error panel renders). JSON mode keeps paths.
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	formIssues,
	formShape,
	readInvoiceInput,
} from '../../../nodes/FacturasApp/actions/invoice/createInput';
import { buildInvoiceBody, validateInvoiceBody } from '../../../nodes/FacturasApp/invoice';
import { runNode } from '../helpers/runNode';

const NODE = {
	id: '1',
	name: 'FacturasApp',
	type: 'x',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const fake = (params: Record<string, unknown>) =>
	({
		getNode: () => NODE,
		getTimezone: () => 'Europe/Madrid',
		getNodeParameter: (name: string, _i: number, fallback?: unknown) =>
			name in params ? params[name] : fallback,
	}) as unknown as IExecuteFunctions;

const goods = (extra: Record<string, unknown> = {}) => ({
	description: 'Goods',
	quantity: 1,
	unitPrice: 100,
	taxRate: 21,
	tax: 'IVA',
	productType: 'goods',
	recargo: 'auto',
	irpf: 0,
	discount: 0,
	...extra,
});
const params = (lines: unknown[], extra: Record<string, unknown> = {}) => ({
	invoiceNumber: 'FA2026-0001',
	customerName: 'Cliente SL',
	customerIdentification: 'B12345674',
	linesSource: 'list',
	lines: { line: lines },
	invoiceOptions: { date: '2026-11-20', time: '10:00' },
	...extra,
});

function thrown(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('did not throw');
}

describe('Define Below: values that cannot be read', () => {
	it('names the line and the field, in percent terms, all at once', () => {
		const error = thrown(() =>
			readInvoiceInput.call(
				fake(
					params([goods({ irpf: 'quince' }), goods({ quantity: 'dos', discount: '5,5' })], {
						invoiceOptions: { date: 'mañana', dueInDays: 2.5 },
					}),
				),
				2,
			),
		);
		expect(error.message).toBe(
			"Invoice FA2026-0001 has 5 problems: Line 1 → IRPF (%): must be a percent such as 15 (got 'quince') …",
		);
		expect(error.description).toBe(
			[
				'Nothing was sent. Fix these:',
				"• Line 1 → IRPF (%): must be a percent such as 15 (got 'quince')",
				"• Line 2 → Quantity: must be a number such as 2 (got 'dos')",
				"• Line 2 → Discount (%): must be a percent such as 15; write the decimals after a point ('12.5') (got '5,5')",
				"• Invoice Details → Invoice Date: must be a date such as 2025-03-01 or 01/03/2025 (got 'mañana')",
				'• Invoice Details → Due In (Days): must be a whole number of days such as 30 (got 2.5)',
			].join('<br>'),
		);
		expect(error.context.itemIndex).toBe(2);
	});

	it('names a custom recargo rate and a customer flag by their labels', () => {
		const error = thrown(() =>
			readInvoiceInput.call(
				fake(
					params([goods({ recargo: 'custom', recargoRate: 'x' })], {
						customerDetails: { surchargeEquivalence: 'maybe' },
					}),
				),
				0,
			),
		);
		expect(error.description).toContain(
			"• Line 1 → Recargo Rate (%): must be a percent such as 15 (got 'x')",
		);
		expect(error.description).toContain(
			"• Customer Details → Recargo De Equivalencia: must be true or false (got 'maybe')",
		);
	});
});

describe('Lines From Field: values that cannot be read', () => {
	it('names the element and the key the value came from', () => {
		const linesField = [
			{ name: 'A', quantity: 1, price: 10 },
			{ name: 'B', quantity: 1, price: 10 },
			{ name: 'C', quantity: 1, price: 10, irpf: 'quince', tax_lines: [{ rate: 'veintiuno' }] },
		];
		const error = thrown(() =>
			readInvoiceInput.call(fake(params([], { linesSource: 'field', linesField })), 0),
		);
		expect(error.description).toBe(
			[
				'Nothing was sent. Fix these:',
				'• Lines From Field, element 2: "tax_lines[0].rate": must be a fraction such as 0.21 (got \'veintiuno\')',
				'• Lines From Field, element 2: "irpf": must be a percent such as 15 (got \'quince\')',
			].join('<br>'),
		);
	});
});

describe("business rules in the form's terms", () => {
	const issuesFor = (p: Record<string, unknown>) => {
		const input = readInvoiceInput.call(fake(p), 0);
		const body = buildInvoiceBody(input);
		return formIssues(validateInvoiceBody(body), body, formShape(input, String(p.linesSource)));
	};

	it('an IRPF of 12 on line 1 is an IRPF percent problem, not a fraction at a body path', () => {
		expect(issuesFor(params([goods({ productType: 'service', irpf: 12 })]))).toEqual([
			'Line 1 → IRPF (%): must be an IRPF rate: 1, 2, 7, 15 or 19 (got 12)',
		]);
	});

	it('names lines from 1, the shipping line, the customer and the options', () => {
		const issues = issuesFor(
			params([goods(), goods({ taxRate: 22 })], {
				customerName: '',
				invoiceOptions: {
					date: '2026-11-20',
					time: '10:00',
					shippingAmount: 5,
					shippingTaxRate: 8,
					discountValue: 10,
					discountType: 'percent',
					irpfPercent: 12,
				},
			}),
		);
		expect(issues).toEqual([
			"Customer Name: must not be empty: the customer's name (got '')",
			'Line 2 → Tax Rate (%): must be an IVA rate: 21, 10, 5, 4 or 0 (got 22)',
			'Invoice Details → Shipping Tax Rate (%): must be an IVA rate: 21, 10, 5, 4 or 0 (got 8)',
			'Invoice Details → Global IRPF (%): must be an IRPF rate: 1, 2, 7, 15 or 19 (got 12)',
		]);
	});

	it('Lines From Field issues name the element (0-based, as in the expression)', () => {
		const issues = issuesFor(
			params([], {
				linesSource: 'field',
				linesField: [
					{ name: 'A', quantity: 1, price: 10 },
					{ name: 'B', quantity: 1000, price: 1 },
				],
			}),
		);
		expect(issues).toEqual([
			'Lines From Field, element 1 → Quantity: must be a whole number from 1 to 999 (got 1000); for fractional or larger quantities, put the quantity in the description and the line total as the unit price',
		]);
	});

	it('through the node: refused before any HTTP call, one problem per line of the description', async () => {
		const result = await runNode({
			params: {
				resource: 'invoice',
				operation: 'create',
				inputMode: 'fields',
				numbering: 'manual',
				options: {},
				...params([goods({ productType: 'service', irpf: 12 }), goods({ quantity: 1000 })]),
			},
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error!.message).toBe(
			'Invoice FA2026-0001 has 2 problems: Line 1 → IRPF (%): must be an IRPF rate: 1, 2, 7, 15 or 19 (got 12) …',
		);
		expect(result.error!.description!.split('<br>')).toEqual([
			'Nothing was sent. Fix these:',
			'• Line 1 → IRPF (%): must be an IRPF rate: 1, 2, 7, 15 or 19 (got 12)',
			'• Line 2 → Quantity: must be a whole number from 1 to 999 (got 1000); for fractional or larger quantities, put the quantity in the description and the line total as the unit price',
		]);
		expect(result.fake.requests).toHaveLength(0);
	});
});
