// readParam against n8n itself: the node's parameters read in n8n-core's own ExecuteContext over a
// real Workflow (n8n's legacy expression engine, as n8n 2.41 runs by default), once with
// readParam and once with getNodeParameter. They must agree on every value and every error,
// and n8n's engine must be skipped exactly for plain `$json` field references.
import { ExecuteContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypes,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { FacturasApp } from '../../../nodes/FacturasApp/FacturasApp.node';
import { readParam } from '../../../nodes/FacturasApp/readParam';

const ITEMS: IDataObject[] = [
	{ number: 'FA2026-0001', id: 1001, invoice: { invoiceNumber: 'FA2026-0001', lines: [1, 2] } },
	{ number: 42, id: '  7 ', 'odd key': 'x y', nested: { a: { b: 'deep' } }, list: ['p', 'q'] },
	{ number: null, id: true, invoice: { when: new Date('2026-01-02T03:04:05Z') } },
	{ number: '', invoice: [] },
	{ other: 'no number here', constructor: 'own key' },
	{ number: Number.NaN, id: { toString: 'not a function' } },
];

/** Raw parameter values as a user could write them; each is read for every item above. */
const CASES: Record<string, unknown> = {
	field: '={{ $json.number }}',
	tight: '={{$json.number}}',
	bracketDouble: '={{ $json["odd key"] }}',
	bracketSingle: "={{ $json['number'] }}",
	nested: '={{ $json.nested.a.b }}',
	index: '={{ $json.list[1] }}',
	object: '={{ $json.invoice }}',
	ownConstructor: '={{ $json.constructor }}',
	proto: '={{ $json.__proto__ }}',
	notAField: '={{ $json.number + "-x" }}',
	method: '={{ $json.number.toString() }}',
	template: '=FA-{{ $json.id }}',
	otherNode: "={{ $('Start').item.json.number }}",
	itemVar: '={{ $itemIndex }}',
	plainText: 'FA2026-0009',
	equalsText: '=FA2026-0009',
	number: 12,
	bool: false,
	collection: {
		pdfWait: 5,
		note: '={{ $json.id }}',
		deeper: { values: [{ v: '={{ $json.number }}' }, { v: 'plain' }] },
	},
	collectionWithOther: { a: '={{ $json.id }}', b: '={{ 1 + 1 }}' },
	emptyCollection: {},
};

function harness(parameters: IDataObject, items: IDataObject[]) {
	const nodeType = new FacturasApp();
	const node: INode = {
		id: 'node-1',
		name: 'FacturasApp',
		type: 'n8n-nodes-facturasapp.facturasApp',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
	};
	const start: INode = {
		id: 'start-1',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		id: 'wf-1',
		nodes: [start, node],
		connections: {
			Start: { main: [[{ node: 'FacturasApp', type: 'main' as never, index: 0 }]] },
		},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes,
	});
	// n8n's Workflow keeps only the parameters the node describes: these cases go in afterwards.
	workflow.nodes[node.name].parameters = parameters as INodeParameters;
	const input: INodeExecutionData[] = items.map((json, i) => ({ json, pairedItem: { item: i } }));
	const runExecutionData = {
		resultData: {
			runData: { Start: [{ data: { main: [input] }, source: [], startTime: 0, executionTime: 0 }] },
		},
	} as unknown as IRunExecutionData;
	const additionalData = {
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		runExecutionData,
		0,
		input,
		{ main: [input] },
		{ node, data: { main: [input] }, source: { main: [{ previousNode: 'Start' }] } },
		[],
	);
	let evaluations = 0;
	const evaluate = workflow.expression.getParameterValue.bind(workflow.expression);
	workflow.expression.getParameterValue = ((...args: Parameters<typeof evaluate>) => {
		evaluations++;
		return evaluate(...args);
	}) as typeof evaluate;
	return { context, evaluations: () => evaluations, input };
}

type Outcome = { value: unknown } | { error: string };
const outcome = (read: () => unknown): Outcome => {
	try {
		return { value: read() };
	} catch (error) {
		return { error: `${(error as Error).constructor.name}: ${(error as Error).message}` };
	}
};

describe('readParam reads what getNodeParameter reads', () => {
	const { context, evaluations } = harness(CASES as IDataObject, ITEMS);

	it('the harness really reads through n8n (values, not errors)', () => {
		expect(context.getNodeParameter('field', 0)).toBe('FA2026-0001');
		expect(context.getNodeParameter('template', 1)).toBe('FA-  7 ');
		expect(context.getNodeParameter('itemVar', 3)).toBe(3);
		expect(context.getNodeParameter('otherNode', 1)).toBe(42);
		expect((context.getNodeParameter('collection', 1) as IDataObject).note).toBe('  7 ');
	});

	for (const name of Object.keys(CASES)) {
		it(`${name}: same value or same error for every item, in n8n-core's ExecuteContext`, () => {
			for (let i = 0; i < ITEMS.length; i++) {
				const n8n = outcome(() => context.getNodeParameter(name, i));
				const ours = outcome(() => readParam(context, name, i));
				expect({ item: i, ...ours }).toEqual({ item: i, ...n8n });
			}
		});
	}

	it("a parameter that is not set: the fallback, or n8n's own error", () => {
		expect(readParam(context, 'notSet', 0, 'dflt')).toBe(
			context.getNodeParameter('notSet', 0, 'dflt'),
		);
		expect(outcome(() => readParam(context, 'notSet', 0))).toEqual(
			outcome(() => context.getNodeParameter('notSet', 0)),
		);
	});

	it("skips n8n's engine exactly for plain field references that hold plain JSON", () => {
		const engine = (name: string, item: number) => {
			const before = evaluations();
			outcome(() => readParam(context, name, item));
			return evaluations() - before;
		};
		// item 0 has number, invoice (plain JSON), id
		expect(engine('field', 0)).toBe(0);
		expect(engine('tight', 0)).toBe(0);
		expect(engine('bracketSingle', 0)).toBe(0);
		expect(engine('object', 0)).toBe(0);
		expect(engine('nested', 1)).toBe(0);
		expect(engine('index', 1)).toBe(0);
		expect(engine('bracketDouble', 1)).toBe(0);
		expect(engine('collection', 0)).toBe(0);
		expect(engine('plainText', 0)).toBe(0);
		// n8n decides: a missing field, null-like or non-JSON values, anything but a field reference
		expect(engine('field', 4)).toBe(1);
		expect(engine('field', 5)).toBe(1);
		expect(engine('object', 2)).toBe(1);
		expect(engine('proto', 0)).toBe(1);
		expect(engine('notAField', 0)).toBe(1);
		expect(engine('template', 0)).toBe(1);
		expect(engine('otherNode', 0)).toBe(1);
		expect(engine('equalsText', 0)).toBe(1);
		expect(engine('collectionWithOther', 0)).toBe(1);
	});

	it('an object field is the same object n8n hands out', () => {
		expect(readParam(context, 'object', 0)).toBe(context.getNodeParameter('object', 0));
	});

	it("never hands out the node's own parameter objects", () => {
		const read = readParam(context, 'collection', 0) as IDataObject;
		(read.deeper as IDataObject).values = [];
		expect(readParam(context, 'collection', 0)).toEqual(context.getNodeParameter('collection', 0));
		expect((readParam(context, 'collection', 0) as IDataObject).deeper).toEqual({
			values: [{ v: 'FA2026-0001' }, { v: 'plain' }],
		});
	});
});
