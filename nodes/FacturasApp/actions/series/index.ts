import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany';

export { getMany };

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
	...getMany.description,
];
