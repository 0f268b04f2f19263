// Picks the operation, makes the run context once per execution and runs the items with the
// operation's own concurrency. Knows no operation by name: each one describes itself.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as invoice from './invoice';
import type { Operation } from './operation';
import { Run } from './run';
import { runItems } from './runItems';
import * as series from './series';

/** Each resource's operations, keyed by the operation's value. */
export const operations: Record<string, Record<string, Operation<unknown>>> = {
	invoice: invoice.operations,
	series: series.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const itemCount = this.getInputData().length;
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	// Own keys only: "constructor" or "toString" are not operations.
	const ops = Object.hasOwn(operations, resource) ? operations[resource] : {};
	const op = Object.hasOwn(ops, operation) ? ops[operation] : undefined;
	if (!op) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	let run: Run;
	try {
		run = await Run.create(this);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message);
	}
	const { client } = run;
	const concurrency = op.concurrency(run.options);
	// Each item's parameters, read once: kept until the item is done, to describe its outcome.
	const params = new Map<number, unknown>();
	let output: INodeExecutionData[];
	try {
		output = await runItems(
			this,
			itemCount,
			async (itemIndex) => {
				const read = op.read(this, itemIndex);
				params.set(itemIndex, read);
				return await op.execute(this, run, read, itemIndex);
			},
			{
				concurrency,
				firstAlone: concurrency > 1 && !client.hasKey,
				describeItem: (itemIndex) =>
					params.has(itemIndex) ? (op.describeFailure?.(params.get(itemIndex)) ?? {}) : {},
				successNote: (itemIndex, out) => op.successNote?.(params.get(itemIndex), out, itemIndex),
				done: (itemIndex) => params.delete(itemIndex),
			},
		);
	} catch (error) {
		throw client.redactor.error(error);
	}
	// The one place every output passes: secrets echoed anywhere in the JSON are blanked.
	return [output.map((item) => ({ ...item, json: client.redactor.deep(item.json) }))];
}
