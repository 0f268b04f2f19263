// "Next in Series" numbering for Create: the counter is read once per execution and advanced
// only when an invoice is really issued, so a refused item never leaves a gap in the series.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FacturasAppClient } from '../../transport';
import { formatInvoiceNumber, readSeriesList } from './series';

interface Counter {
	last: number;
	digits: number;
}

// One counter set per execution: the client is made once per execution.
const counters = new WeakMap<FacturasAppClient, Map<string, Counter>>();

export interface NextNumber {
	invoiceNumber: string;
	currentNumber: number;
	/** Call once the invoice is issued (or found issued) to move the counter on. */
	commit: () => void;
}

export async function nextInSeries(
	ctx: IExecuteFunctions,
	client: FacturasAppClient,
	prefix: string,
	itemIndex: number,
): Promise<NextNumber> {
	let byPrefix = counters.get(client);
	if (!byPrefix) {
		const value = await client.getConsecutives(itemIndex);
		byPrefix = new Map();
		for (const s of readSeriesList(value)) {
			if (s.lastNumber !== undefined) byPrefix.set(s.prefix, { last: s.lastNumber, digits: s.digits ?? 0 });
		}
		counters.set(client, byPrefix);
	}
	const counter = byPrefix.get(prefix);
	if (!counter) {
		const known = [...byPrefix.keys()].map((p) => `"${p}"`).join(', ') || 'none with a readable last number';
		throw new NodeOperationError(ctx.getNode(), `Series: FacturasApp has no series "${prefix}"`, {
			itemIndex,
			description: `Series found: ${known}. Use Series → Get Many to see them, or enter the number yourself.`,
		});
	}
	const currentNumber = counter.last + 1;
	return {
		invoiceNumber: formatInvoiceNumber(prefix, currentNumber, counter.digits),
		currentNumber,
		commit: () => {
			counter.last = Math.max(counter.last, currentNumber);
		},
	};
}
