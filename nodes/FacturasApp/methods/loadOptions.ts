// Create → Next in Series: the account's series as a dropdown (GetConsecutives), the default
// series first. The value is the prefix, so an expression can still give any prefix.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FacturasAppClient } from '../transport';
import { defaultSeries, nextNumberIn, readSeriesList } from '../numbering/series';

export async function getSeries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	let value: unknown;
	try {
		const client = await FacturasAppClient.create(this);
		value = await client.getConsecutives(0);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not list the series: ${(error as Error).message}`,
		);
	}
	const list = readSeriesList(value);
	const fallback = defaultSeries(list);
	const next = (prefix: string) => {
		const s = list.find((x) => x.prefix === prefix);
		const n = s && nextNumberIn(s);
		return n ? `next number ${n.invoiceNumber}` : 'next number unknown';
	};
	return [
		{
			name: fallback ? `Default Series (${fallback.prefix})` : 'Default Series',
			value: '',
			description: fallback
				? `The series FacturasApp marks as default; ${next(fallback.prefix)}`
				: 'The series FacturasApp marks as default',
		},
		// A series without prefix is reachable only as the default ("" means default here).
		...list
			.filter((s) => s.prefix !== '')
			.map((s) => ({ name: s.prefix, value: s.prefix, description: next(s.prefix) })),
	];
}
