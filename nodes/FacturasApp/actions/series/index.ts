import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import { operation as getAll } from './getAll';

/** Keyed by the operation's value. */
export const operations: Record<string, Operation<unknown>> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['series'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the invoice series with their last numbers (GetConsecutives)',
				action: 'Get many series',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
