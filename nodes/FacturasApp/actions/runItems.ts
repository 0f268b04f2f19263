// The per-item loop shared by all operations: bounded concurrency, input order kept,
// pairedItem on every output, continueOnFail honoured item by item.
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export type ItemRunner = (itemIndex: number) => Promise<INodeExecutionData | INodeExecutionData[]>;

interface RunOptions {
	concurrency: number;
	/** Shown in error items so a failed item can be traced back (e.g. its invoice number). */
	describeItem?: (itemIndex: number) => IDataObject;
	/** Run the first item alone first, so that a log-in it triggers is shared by the rest. */
	firstAlone?: boolean;
	/** Called when an item succeeds, to mention earlier successes if a later item stops the run. */
	successNote?: (itemIndex: number, output: INodeExecutionData[]) => string | undefined;
	/** Called when an item is finished, either way (after describeItem / successNote). */
	done?: (itemIndex: number) => void;
}

export async function runItems(
	ctx: IExecuteFunctions,
	itemCount: number,
	run: ItemRunner,
	options: RunOptions,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(itemCount);
	const done: string[] = [];
	let next = 0;
	let stopped: unknown;

	const runOne = async (itemIndex: number) => {
		try {
			const out = await run(itemIndex);
			const list = (Array.isArray(out) ? out : [out]).map((item) => ({
				...item,
				pairedItem: { item: itemIndex },
			}));
			results[itemIndex] = list;
			const note = options.successNote?.(itemIndex, list);
			if (note) done.push(note);
		} catch (error) {
			if (!ctx.continueOnFail()) {
				stopped ??= error;
				return;
			}
			const { message, description, context } = error as {
				message?: string;
				description?: string | null;
				context?: IDataObject;
			};
			// An error about an invoice names it (Next in Series numbers are known only once taken).
			const named =
				typeof context?.invoiceNumber === 'string' ? { invoiceNumber: context.invoiceNumber } : {};
			const json: IDataObject = {
				...named,
				...options.describeItem?.(itemIndex),
				error: message ?? String(error),
			};
			if (description) json.errorDescription = description;
			results[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
		} finally {
			options.done?.(itemIndex);
		}
	};

	const worker = async () => {
		while (stopped === undefined && next < itemCount) {
			await runOne(next++);
		}
	};
	// Without a key, concurrent first calls would each log in: one goes first, the rest reuse its key.
	if (options.firstAlone && itemCount > 0) await runOne(next++);
	const workers = Math.max(1, Math.min(options.concurrency, itemCount - next));
	await Promise.all(Array.from({ length: workers }, worker));

	if (stopped !== undefined) throw withProgress(ctx, stopped, done);
	return results.flat();
}

/** When a run stops on an error, say what had already happened, so nothing is lost silently. */
function withProgress(ctx: IExecuteFunctions, error: unknown, done: string[]): unknown {
	if (done.length === 0) return error;
	const shown =
		done.length > 20
			? `${done.slice(0, 20).join(', ')} and ${done.length - 20} more`
			: done.join(', ');
	const note = `Before this error, ${done.length} item(s) of this run completed: ${shown}.`;
	if (error instanceof Error && 'description' in error) {
		const described = error as Error & { description?: string | null };
		described.description = described.description ? `${described.description} ${note}` : note;
		return described;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { description: note });
}
