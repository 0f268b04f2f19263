// The Create form as issue 19 shaped it: four fields per line and the rest added per line,
// customer type and internal IDs among the customer details, AEAT terms in AEAT's words.
import type {
	IExecuteFunctions,
	INode,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
} from 'n8n-workflow';

import { invoiceFields } from '../../../nodes/FacturasApp/actions/invoice/createFields';
import { readInvoiceInput } from '../../../nodes/FacturasApp/actions/invoice/createInput';
import { buildInvoiceBody } from '../../../nodes/FacturasApp/invoice';

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

const field = (name: string) => invoiceFields.find((p) => p.name === name)!;
const lineForm = () =>
	(field('lines').options as INodePropertyCollection[])[0].values as INodeProperties[];
const lineExtra = () =>
	lineForm().find((p) => p.name === 'lineFields')!.options as INodeProperties[];

describe('the Create form', () => {
	it('shows four fields per line; the rarely needed ones are added per line', () => {
		const shown = lineForm()
			.filter((p) => p.type !== 'collection')
			.map((p) => p.name);
		expect(shown).toEqual(['description', 'quantity', 'unitPrice', 'taxRate']);
		expect(
			lineExtra()
				.map((p) => p.name)
				.sort(),
		).toEqual(
			[
				'reference',
				'tax',
				'taxName',
				'discount',
				'productType',
				'recargo',
				'recargoRate',
				'irpf',
				'exemptCause',
				'qualification',
				'regime',
			].sort(),
		);
		expect(lineForm().find((p) => p.name === 'quantity')!.typeOptions).toMatchObject({
			numberPrecision: 0,
			minValue: 1,
		});
	});

	it('has one collection for the invoice details and customer type among the customer details', () => {
		expect(field('invoiceOptions').displayName).toBe('Invoice Details');
		expect(invoiceFields.find((p) => p.name === 'customerType')).toBeUndefined();
		expect((field('customerDetails').options as INodeProperties[]).map((p) => p.name)).toContain(
			'customerType',
		);
	});

	it("names AEAT codes in AEAT's words, code first, the usual choice first, each with a one-line gloss", () => {
		const qualification = (field('invoiceOptions').options as INodeProperties[]).find(
			(p) => p.name === 'qualification',
		)!;
		const options = qualification.options as INodePropertyOptions[];
		expect(qualification.displayName).toMatch(/^Calificación De La Operación/);
		expect(options[0]).toMatchObject({ name: 'S1 · Sujeta y no exenta', value: 'S1' });
		const regime = lineExtra().find((p) => p.name === 'regime')!.options as INodePropertyOptions[];
		expect(regime[0].value).toBe('');
		expect(regime[1]).toMatchObject({ name: '01 · Régimen general', value: '01' });
		for (const o of [...options, ...regime]) expect(o.description).toMatch(/\S/);
	});

	it('reads line fields added on demand, customer type from the details and ES as Spain', () => {
		const input = readInvoiceInput.call(
			fake({
				invoiceNumber: 'FA2026-0001',
				customerName: 'Ana Ruiz',
				customerIdentification: '12345678Z',
				customerDetails: { customerType: 'individual', country: 'es' },
				linesSource: 'list',
				lines: {
					line: [
						{
							description: 'Asesoría',
							quantity: 1,
							unitPrice: 100,
							taxRate: 21,
							lineFields: { productType: 'service', irpf: 15, reference: 'AS-1' },
						},
					],
				},
				invoiceOptions: { date: '2026-03-01T00:00:00' },
			}),
			0,
		);
		const body = buildInvoiceBody(input);
		expect(body.contacts[0]).toMatchObject({ personType: '01', country: '207' });
		expect(body.products[0]).toMatchObject({
			reference: 'AS-1',
			productType: 2,
			totalwithHoldings: 15,
		});
	});
});
