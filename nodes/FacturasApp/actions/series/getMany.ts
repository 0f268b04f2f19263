import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { FacturasAppClient } from '../../transport';
import { maxRetriesOption, timeoutOption } from '../common';
import { nextNumberIn, readSeriesList } from './series';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['series'], operation: ['getAll'] } },
		options: [maxRetriesOption, timeoutOption],
	},
];

/**
 * One output item per series: prefix, last number used, the next number, FacturasApp's default
 * flag, plus the entry as FacturasApp sent it.
 */
export async function execute(
	this: IExecuteFunctions,
	client: FacturasAppClient,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const value = await client.getConsecutives(itemIndex);
	const series = readSeriesList(value);
	if (series.length === 0) {
		// Unknown shape: hand it over untouched rather than guess.
		return [
			{
				json: {
					series: value as never,
					note: 'No series could be read from the answer; it is in "series" as FacturasApp sent it',
				},
			},
		];
	}
	return series.map((s) => {
		const next = nextNumberIn(s);
		return {
			json: {
				prefix: s.prefix,
				...(s.lastNumber !== undefined && { lastNumber: s.lastNumber }),
				...(next && { nextNumber: next.currentNumber, nextInvoiceNumber: next.invoiceNumber }),
				isDefault: s.isDefault,
				...(s.list !== undefined && { list: s.list }),
				raw: s.raw,
			},
		};
	});
}
