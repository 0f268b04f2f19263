// Picks the operation, makes one client for the whole execution (one log-in, one base URL)
// and runs the items: creates strictly one after the other, reads with bounded concurrency.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FacturasAppClient } from '../transport';
import { clientOptions } from './common';
import * as invoice from './invoice';
import * as series from './series';
import { runItems } from './runItems';

type Operation = (
	this: IExecuteFunctions,
	client: FacturasAppClient,
	itemIndex: number,
) => Promise<INodeExecutionData | INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	invoice: {
		create: invoice.create.execute,
		getState: invoice.getState.execute,
		getPdf: invoice.getPdf.execute,
	},
	series: {
		getAll: series.getMany.execute,
	},
};

/** The invoice number an item is about, for error items; undefined when it cannot be read. */
function itemInvoiceNumber(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	// With "Next in Series" a failed item got no number: the next item takes it.
	if (ctx.getNodeParameter('numbering', itemIndex, 'manual') === 'next') return undefined;
	for (const read of [
		() => ctx.getNodeParameter('invoiceNumber', itemIndex),
		() => {
			const json = ctx.getNodeParameter('invoiceJson', itemIndex) as unknown;
			return ((typeof json === 'string' ? JSON.parse(json) : json) as IDataObject)?.invoiceNumber;
		},
	]) {
		try {
			const value = read();
			if (typeof value === 'string' || typeof value === 'number') return String(value);
		} catch {
			// not this operation's parameter
		}
	}
	return undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const itemCount = this.getInputData().length;
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	let client: FacturasAppClient;
	try {
		client = await FacturasAppClient.create(this, clientOptions(this));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message);
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = operation === 'create' ? 1 : Number(options.concurrency ?? 5);
	let output: INodeExecutionData[];
	try {
		output = await runItems(this, itemCount, (itemIndex) => run.call(this, client, itemIndex), {
			concurrency,
			firstAlone: concurrency > 1 && !client.hasKey,
			describeItem: (itemIndex) => {
				const invoiceNumber = itemInvoiceNumber(this, itemIndex);
				return invoiceNumber === undefined ? {} : { invoiceNumber };
			},
			successNote: (itemIndex, out) => {
				const number = out[0]?.json?.invoiceNumber;
				return operation === 'create'
					? `item ${itemIndex + 1} issued as ${String(number)}`
					: undefined;
			},
		});
	} catch (error) {
		throw client.redactor.error(error);
	}
	// The one place every output passes: secrets echoed anywhere in the JSON are blanked.
	return [output.map((item) => ({ ...item, json: client.redactor.deep(item.json) }))];
}
