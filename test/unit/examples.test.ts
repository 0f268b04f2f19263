// Every FacturasApp node in examples/ (plain or as an AI tool) uses only parameters, options and
// values the node really has, for the operation it is set to: a renamed field or option would
// otherwise be silently ignored by n8n after import.
import * as fs from 'fs';
import * as path from 'path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { FacturasApp } from '../../nodes/FacturasApp/FacturasApp.node';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const OUR_TYPES = ['n8n-nodes-facturasapp.facturasApp', 'n8n-nodes-facturasapp.facturasAppTool'];
// Added by n8n to every tool made from a node with usableAsTool.
const TOOL_PARAMETERS = ['descriptionType', 'toolDescription'];

interface ExampleNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

const properties = new FacturasApp().description.properties;

// Whether a property is shown for these parameter values (displayOptions.show only, as used here).
function shown(p: INodeProperties, values: Record<string, unknown>): boolean {
	const show = p.displayOptions?.show;
	if (!show) return true;
	return Object.entries(show).every(([key, allowed]) => {
		const value = values[key] ?? properties.find((q) => q.name === key)?.default;
		return typeof value === 'string' && value.startsWith('=')
			? true
			: (allowed as unknown[]).includes(value);
	});
}

function problemsOf(node: ExampleNode): string[] {
	const problems: string[] = [];
	const values: Record<string, unknown> = { resource: 'invoice', ...node.parameters };
	const visible = properties.filter((p) => shown(p, values));
	for (const [key, value] of Object.entries(node.parameters)) {
		if (node.type.endsWith('Tool') && TOOL_PARAMETERS.includes(key)) continue;
		const prop = visible.find((p) => p.name === key);
		if (!prop) {
			problems.push(
				`${node.name}: parameter "${key}" is not a field of ${String(values.resource)} → ${String(values.operation)}`,
			);
			continue;
		}
		const literal = typeof value === 'string' && !value.startsWith('=');
		if (
			prop.type === 'options' &&
			literal &&
			prop.options &&
			!(prop.options as INodePropertyOptions[]).some((o) => o.value === value)
		) {
			problems.push(`${node.name}: "${key}" has no option "${String(value)}"`);
		}
		if (prop.type === 'collection' && value && typeof value === 'object') {
			const entries = prop.options as INodeProperties[];
			for (const [option, optionValue] of Object.entries(value)) {
				const entry = entries.find((e) => e.name === option);
				if (!entry) problems.push(`${node.name}: "${prop.displayName}" has no entry "${option}"`);
				else if (
					entry.type === 'options' &&
					typeof optionValue === 'string' &&
					!optionValue.startsWith('=') &&
					!(entry.options as INodePropertyOptions[]).some((o) => o.value === optionValue)
				) {
					problems.push(
						`${node.name}: "${prop.displayName}" → "${option}" has no option "${optionValue}"`,
					);
				}
			}
		}
		if (prop.type === 'fixedCollection' && value && typeof value === 'object') {
			for (const group of Object.keys(value)) {
				if (!(prop.options as INodePropertyCollection[]).some((o) => o.name === group))
					problems.push(`${node.name}: "${key}" has no group "${group}"`);
			}
		}
	}
	return problems;
}

const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

describe('example workflows', () => {
	it('include WooCommerce and AI-agent examples', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'woocommerce-order-to-invoice-email.json',
				'ai-agent-invoice-state.json',
			]),
		);
	});

	it.each(files)('%s: FacturasApp nodes use only real fields, options and values', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as {
			nodes: ExampleNode[];
		};
		// Trigger-only examples (FacturasApp Trigger) have none of the action node's fields to check.
		const ours = workflow.nodes.filter((n) => OUR_TYPES.includes(n.type));
		expect(ours.flatMap(problemsOf)).toEqual([]);
	});

	it('the checker catches a misspelt field', () => {
		expect(
			problemsOf({
				name: 'x',
				type: OUR_TYPES[0],
				parameters: { resource: 'invoice', operation: 'getState', invoiceNumbr: 'A1' },
			}),
		).toHaveLength(1);
		expect(
			problemsOf({
				name: 'x',
				type: OUR_TYPES[0],
				parameters: {
					resource: 'invoice',
					operation: 'getState',
					options: { onRejected: 'maybe' },
				},
			}),
		).toHaveLength(1);
	});

	it('the AI agent reaches FacturasApp only through Get State and Get PDF tools, the model filling in just the invoice number', () => {
		const workflow = JSON.parse(
			fs.readFileSync(path.join(EXAMPLES, 'ai-agent-invoice-state.json'), 'utf8'),
		) as { nodes: ExampleNode[] };
		const tools = workflow.nodes.filter((n) => n.type === OUR_TYPES[1]);
		expect(tools.map((t) => t.parameters.operation).sort()).toEqual(['getPdf', 'getState']);
		for (const tool of tools) {
			const fromAi = Object.entries(tool.parameters).filter(
				([, v]) => typeof v === 'string' && v.includes('$fromAI('),
			);
			expect(fromAi.map(([k]) => k)).toEqual(['invoiceNumber']);
			expect(String(tool.parameters.toolDescription).length).toBeGreaterThan(60);
		}
	});
});

describe('wording', () => {
	it("README and examples use n8n 2.x's wording for credentials", () => {
		const texts = [
			path.resolve(__dirname, '../../README.md'),
			path.join(EXAMPLES, 'README.md'),
			...files.map((f) => path.join(EXAMPLES, f)),
		];
		const stale = texts.filter((f) =>
			/Credential to connect with|Settings → Credentials/.test(fs.readFileSync(f, 'utf8')),
		);
		expect(stale.map((f) => path.basename(f))).toEqual([]);
	});
});
