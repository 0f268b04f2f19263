import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as getPdf from './getPdf';
import * as getState from './getState';

export { create, getPdf, getState };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Issue an invoice (AddInvoice)',
				action: 'Create an invoice',
			},
			{
				name: 'Get PDF',
				value: 'getPdf',
				description: 'Download the PDF of an invoice as binary data',
				action: 'Get the PDF of an invoice',
			},
			{
				name: 'Get State',
				value: 'getState',
				description: 'Get the tax (AEAT/VeriFactu) state of an invoice',
				action: 'Get the state of an invoice',
			},
		],
		default: 'create',
	},
	...create.description,
	...getState.description,
	...getPdf.description,
];
