// Order Reference: one invoice per order in a workflow, across executions, retries, resends
// and restarts. The record is n8n's own processed-data store (this.helpers.checkProcessedAndRecord,
// scope "workflow", kept in n8n's database, shared by queue-mode workers). That store keeps
// only hashes, has no read-only check and no lock, so:
//   - the reference is claimed (recorded) before the create and released again only when
//     FacturasApp refused the invoice, i.e. when nothing was issued;
//   - every call on one workflow's record goes through one in-process queue (no lost writes
//     between executions of this process);
//   - across processes, a claim is written with a one-off token and read back: when two
//     processes claim at the same moment the last write wins, and only its writer finds its
//     token, so only one of them invoices.
// What remains is in the README's safety section.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { backoffCap } from '../transport/retry';
import { inOrder, invoicedAs } from './inProcess';
import { readParam } from '../readParam';

const SCOPE = 'workflow' as const;
// Order references kept per workflow (a claim briefly holds two entries).
const OPTIONS = { mode: 'entries' as const, maxEntries: 20_000 };
// Under a burst on a busy machine, other processes' writes can replace ours several times in a
// row: enough attempts, spread at random, that two processes stop colliding.
const ATTEMPTS = 8;
// Longer than a processed-data read-modify-write takes (a few ms on a busy database): after it,
// no write that read the record before our claim can still land over it.
const SETTLE_MS = 300;

export interface Claim {
	status: 'claimed' | 'alreadyInvoiced';
	reference: string;
	/** What is recorded: the account and the reference (so another account starts afresh). */
	key: string;
	/** The number it was invoiced as, when this n8n process knows it. */
	invoiceNumber?: string;
}

/** The Order Reference of an item, '' when not given. */
export function readReference(ctx: IExecuteFunctions, itemIndex: number): string {
	const value = readParam(ctx, 'orderReference', itemIndex, '');
	if (value === undefined || value === null || value === '') return '';
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new NodeOperationError(
			ctx.getNode(),
			'Order Reference must be text or a number, such as {{ $json.id }}',
			{ itemIndex, description: 'Nothing was sent.' },
		);
	}
	const reference = String(value).trim();
	if (reference.length > 200) {
		throw new NodeOperationError(ctx.getNode(), 'Order Reference is longer than 200 characters', {
			itemIndex,
			description: "Use the order's id or number. Nothing was sent.",
		});
	}
	return reference;
}

function queueKey(ctx: IExecuteFunctions): string {
	return `processed-data:${ctx.getWorkflow().id ?? ''}`;
}

async function record(
	ctx: IExecuteFunctions,
	values: string[],
	itemIndex: number,
): Promise<Set<string>> {
	let lastError: unknown;
	// Two processes creating the workflow's record at once: one insert fails; the next call updates.
	for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
		try {
			const out = await ctx.helpers.checkProcessedAndRecord(values, SCOPE, OPTIONS);
			return new Set(out.processed.map(String));
		} catch (error) {
			lastError = error;
		}
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`Order Reference could not be checked in n8n's database: ${(lastError as Error)?.message ?? String(lastError)}`,
		{
			itemIndex,
			description: 'Nothing was sent. Run the item again.',
		},
	);
}

/** Claims the reference for this item, or says it was invoiced already. */
export async function claimReference(
	ctx: IExecuteFunctions,
	account: string,
	reference: string,
	itemIndex: number,
): Promise<Claim> {
	const key = `facturasapp:${account}:${reference}`;
	const already = (): Claim => ({
		status: 'alreadyInvoiced',
		reference,
		key,
		invoiceNumber: invoicedAs.get(key),
	});
	const token = `${key}#claim:${Date.now()}:${Math.random()}`;
	const first = await inOrder(
		queueKey(ctx),
		async () => await record(ctx, [key, token], itemIndex),
	);
	if (first.has(key)) {
		await forget(ctx, [token]);
		return already();
	}
	for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
		// Let every write that started before ours land (another process's, read before our
		// write, would overwrite it), then read back: did our write survive? (A read is a
		// write here: the store has no read-only check.)
		await sleep(SETTLE_MS + Math.random() * backoffCap(attempt, SETTLE_MS, 8 * SETTLE_MS));
		const check = await inOrder(
			queueKey(ctx),
			async () => await record(ctx, [key, token], itemIndex),
		);
		if (check.has(key) && check.has(token)) {
			await forget(ctx, [token]);
			return { status: 'claimed', reference, key };
		}
		// Another process wrote the reference over our write: that one invoices this order.
		if (check.has(key)) {
			await forget(ctx, [token]);
			return already();
		}
		// Both gone: an unrelated write from another process replaced ours; this call wrote them again.
	}
	throw new NodeOperationError(
		ctx.getNode(),
		"Order Reference could not be recorded in n8n's database (other processes kept overwriting it)",
		{
			itemIndex,
			description: 'Nothing was sent. Run the item again.',
		},
	);
}

async function forget(ctx: IExecuteFunctions, values: string[]): Promise<void> {
	await inOrder(queueKey(ctx), async () => {
		await ctx.helpers.removeProcessed(values, SCOPE, OPTIONS);
	});
}

/** FacturasApp refused the invoice (nothing issued): a later run may invoice the order. */
export async function releaseReference(ctx: IExecuteFunctions, claim: Claim): Promise<void> {
	await forget(ctx, [claim.key]);
}

/** The invoice is issued: remember its number here, and make sure the record still holds it. */
export async function confirmReference(
	ctx: IExecuteFunctions,
	claim: Claim,
	invoiceNumber: string,
	itemIndex: number,
): Promise<void> {
	invoicedAs.set(claim.key, invoiceNumber);
	await inOrder(queueKey(ctx), async () => {
		// A write from another process may have dropped it since the claim: this records it again.
		await record(ctx, [claim.key], itemIndex);
	});
}
