import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import { operation as create } from './create';
import { operation as getPdf } from './getPdf';
import { operation as getState } from './getState';

/** Keyed by the operation's value. */
export const operations: Record<string, Operation<unknown>> = { create, getPdf, getState };

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
				description: 'Download the PDF of an invoice, by its full number, as binary data',
				// Also an AI tool's automatic description ("<action> in FacturasApp").
				action: 'Get the PDF of an invoice by its number',
			},
			{
				name: 'Get State',
				value: 'getState',
				description:
					'Get the tax (AEAT/VeriFactu) state of an invoice by its full number: pending, accepted, accepted with errors or rejected, with the AEAT code and reason',
				action: 'Get the AEAT state of an invoice by its number',
			},
		],
		default: 'create',
	},
	...create.description,
	...getState.description,
	...getPdf.description,
];
