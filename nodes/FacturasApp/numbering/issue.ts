// Next in Series across executions and processes.
//   In one n8n process: the creates of one account and series wait for each other (a FIFO,
//   inProcess.ts); an execution whose counter read is older than another execution's invoice
//   reads the counter again (FacturasApp moves it on with every invoice).
//   Across processes (queue-mode workers): two may still take the same number. When FacturasApp
//   refuses a number as already used (or as not the next one), the counter is read again and
//   the next number taken, a bounded number of times. A number refused as used is known to exist,
//   so the next try is above it: never the same number twice, never a skipped one.
import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { FacturasAppClient } from '../transport';
import { backoffCap } from '../transport/retry';
import { inOrder, seriesIssues } from './inProcess';
import type { NextNumber, SeriesCounters } from './nextNumber';
import { nextInSeries } from './nextNumber';

const MAX_NUMBER_TRIES = 10;

// FacturasApp's wording for these refusals is not documented ([unknown]); Spanish and English.
const ALREADY_USED =
	/ya\s+existe|existe\s+ya|ya\s+est[aá]\s+registrad|duplicad|already\s+exists|duplicate/i;
const NOT_NEXT =
	/no\s+es\s+el\s+siguiente|no\s+sigue\s+la\s+numeraci|consecutiv|correlativ|fuera\s+de\s+secuencia|not\s+the\s+next|out\s+of\s+sequence/i;

type Refusal = 'alreadyUsed' | 'notNext' | undefined;

/** Whether a create failed because FacturasApp refused the number itself (nothing was issued). */
export function numberRefusal(error: unknown): Refusal {
	const e = error as {
		errorResponse?: { kind?: unknown; facturasApp?: { messages?: unknown } };
		description?: unknown;
	};
	if (e?.errorResponse?.kind !== 'business') return undefined;
	// Only a clean refusal: after a lost answer, "already exists" may be our own earlier attempt.
	if (!/Nothing was issued\./.test(String(e.description ?? ''))) return undefined;
	const said = String(e.errorResponse.facturasApp?.messages ?? '');
	if (ALREADY_USED.test(said)) return 'alreadyUsed';
	if (NOT_NEXT.test(said)) return 'notNext';
	return undefined;
}

/**
 * Takes the next number of the series and runs `issue` with it, in this process's queue for
 * the account and series; on a refused number, reads the counter again and retries.
 */
export async function issueNextInSeries<T>(
	ctx: IExecuteFunctions,
	client: FacturasAppClient,
	counters: SeriesCounters,
	account: string,
	prefix: string,
	itemIndex: number,
	issue: (numbered: NextNumber) => Promise<T>,
): Promise<T> {
	const key = `${account}|${prefix}`;
	const views = counters.seen;
	return await inOrder(`series:${key}`, async () => {
		let used: number | undefined;
		for (let attempt = 1; ; attempt++) {
			const issues = seriesIssues.get(key) ?? 0;
			// Another execution issued in this series since our read: FacturasApp's counter moved on.
			const stale = views.has(key) && views.get(key) !== issues;
			const numbered = await nextInSeries(ctx, client, counters, prefix, itemIndex, {
				floor: used,
				reread: attempt > 1 || stale,
			});
			views.set(key, issues);
			try {
				const result = await issue(numbered);
				seriesIssues.set(key, issues + 1);
				views.set(key, issues + 1);
				return result;
			} catch (error) {
				const refusal = numberRefusal(error);
				if (!refusal || attempt >= MAX_NUMBER_TRIES) throw nodeError(ctx.getNode(), error);
				// Used already (another worker took it): it exists, so ours comes after it.
				if (refusal === 'alreadyUsed') used = Math.max(used ?? 0, numbered.currentNumber);
				// Two workers taking turns in lockstep could keep colliding: a short random pause first.
				await sleep(Math.random() * backoffCap(attempt, 50, 1000));
			}
		}
	});
}

/**
 * Which FacturasApp account the run's credential speaks to (environment, base URL, user; never
 * the password): the key of its series queues and Order Reference records.
 */
export async function accountKey(ctx: IExecuteFunctions): Promise<string> {
	const c = await ctx.getCredentials('facturasAppApi');
	return [
		c.environment,
		c.baseUrl,
		String(c.user ?? '')
			.trim()
			.toLowerCase(),
	]
		.map((v) => String(v ?? ''))
		.join('|');
}

/** An error to throw on unchanged: n8n's own error classes as they are, anything else wrapped. */
export function nodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}
