import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as invoice from './actions/invoice';
import * as series from './actions/series';
import { router } from './actions/router';
import { getSeries } from './methods/loadOptions';

// One main input and output (both n8n rule sets accept a shared constant; they disagree on literals).
const MAIN = [NodeConnectionTypes.Main];

export class FacturasApp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FacturasApp',
		name: 'facturasApp',
		icon: { light: 'file:facturasapp.svg', dark: 'file:facturasapp.dark.svg' },
		group: ['output'],
		version: 1,
		// Reads like the action: "Create Invoice", "Get State", "Get PDF", "Get Many Series".
		subtitle:
			'={{ ({ create: "Create Invoice", getState: "Get State", getPdf: "Get PDF", getAll: "Get Many Series" })[$parameter["operation"]] || $parameter["operation"] }}',
		description:
			'Issue Spanish e-invoices (VeriFactu) with FacturasApp, check their tax state and get their PDF',
		defaults: { name: 'FacturasApp' },
		usableAsTool: true,
		inputs: MAIN,
		outputs: MAIN,
		credentials: [{ name: 'facturasAppApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Series', value: 'series' },
				],
				default: 'invoice',
			},
			...invoice.description,
			...series.description,
		],
	};

	methods = { loadOptions: { getSeries } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
