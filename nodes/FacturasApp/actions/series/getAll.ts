// Series → Get Many (value getAll): the account's invoice series with their numbers.
import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { nextNumberIn, readSeriesList } from '../../numbering/series';
import type { Operation } from '../operation';
import { concurrencyFromOptions } from '../operation';
import type { Run } from '../run';
import { maxRetriesOption, timeoutOption } from '../shared/options';

const properties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [maxRetriesOption, timeoutOption],
	},
];

const displayOptions = { show: { resource: ['series'], operation: ['getAll'] } };

/**
 * One output item per series: prefix, last number used, the next number, FacturasApp's default
 * flag, plus the entry as FacturasApp sent it.
 */
async function execute(run: Run, itemIndex: number): Promise<INodeExecutionData[]> {
	const value = await run.client.getConsecutives(itemIndex);
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

export const operation: Operation<undefined> = {
	description: updateDisplayOptions(displayOptions, properties),
	read: () => undefined,
	execute: async (_ctx, run, _params, itemIndex) => await execute(run, itemIndex),
	// No Concurrency option here: the default applies (one call per input item).
	concurrency: concurrencyFromOptions,
};
