// Order Reference against a stand-in for n8n's processed-data store that behaves like n8n's
// (n8n 2.41 DeduplicationHelper): each call reads the workflow's one record, awaits, and writes
// the whole record back: no lock, so concurrent writers lose each other's entries.
import type { IExecuteFunctions } from 'n8n-workflow';

type OrderReferenceModule = typeof import('../../../nodes/FacturasApp/numbering/orderReference');

class ProcessedDataStore {
	entries: string[] = [];
	writes = 0;

	private async tick(): Promise<void> {
		// A database round trip: other callers run in between.
		for (let i = 0; i < 1 + Math.floor(Math.random() * 3); i++)
			await new Promise((r) => setImmediate(r));
	}

	async checkProcessedAndRecord(
		values: (string | number)[],
	): Promise<{ new: string[]; processed: string[] }> {
		const read = [...this.entries];
		await this.tick();
		const out = { new: [] as string[], processed: [] as string[] };
		for (const v of values.map(String)) {
			if (read.includes(v)) out.processed.push(v);
			else {
				out.new.push(v);
				read.push(v);
			}
		}
		await this.tick();
		this.entries = read;
		this.writes++;
		return out;
	}

	async removeProcessed(values: (string | number)[]): Promise<void> {
		const read = [...this.entries];
		await this.tick();
		this.entries = read.filter((e) => !values.map(String).includes(e));
		this.writes++;
	}
}

function contextFor(store: ProcessedDataStore, reference: string): IExecuteFunctions {
	return {
		getNode: () => ({
			id: 'n1',
			name: 'FacturasApp',
			type: 'x',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
		getWorkflow: () => ({ id: 'wf1', name: 'wf', active: true }),
		getNodeParameter: (name: string) => (name === 'orderReference' ? reference : undefined),
		helpers: {
			checkProcessedAndRecord: (values: (string | number)[]) =>
				store.checkProcessedAndRecord(values),
			removeProcessed: (values: (string | number)[]) => store.removeProcessed(values),
		},
	} as unknown as IExecuteFunctions;
}

/** A fresh copy of the module: what another n8n process (a queue-mode worker) would have. */
function processCopy(): OrderReferenceModule {
	let mod!: OrderReferenceModule;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		mod = require('../../../nodes/FacturasApp/numbering/orderReference');
	});
	return mod;
}

const ACCOUNT = 'custom|http://fa.test|shop@example.es';

describe('Order Reference', () => {
	it('reads the reference: trimmed, numbers allowed, empty means off, objects refused', () => {
		const { readReference } = processCopy();
		expect(readReference(contextFor(new ProcessedDataStore(), ' 1001 '), 0)).toBe('1001');
		expect(
			readReference(
				{
					...contextFor(new ProcessedDataStore(), ''),
					getNodeParameter: () => 5804319834297,
				} as never,
				0,
			),
		).toBe('5804319834297');
		expect(readReference(contextFor(new ProcessedDataStore(), ''), 0)).toBe('');
		expect(() =>
			readReference(
				{
					...contextFor(new ProcessedDataStore(), ''),
					getNodeParameter: () => ({ id: 1 }),
				} as never,
				0,
			),
		).toThrow(/Order Reference must be text or a number/);
	});

	it('a reference invoiced once comes out "already invoiced" with its number; a released one can be invoiced again', async () => {
		const mod = processCopy();
		const store = new ProcessedDataStore();
		const ctx = contextFor(store, '');
		const first = await mod.claimReference(ctx, ACCOUNT, '1001', 0);
		expect(first.status).toBe('claimed');
		await mod.confirmReference(ctx, first, 'FA2026-0001', 0);
		expect(await mod.claimReference(ctx, ACCOUNT, '1001', 0)).toMatchObject({
			status: 'alreadyInvoiced',
			invoiceNumber: 'FA2026-0001',
		});
		// Another account is another record.
		expect((await mod.claimReference(ctx, 'other-account', '1001', 0)).status).toBe('claimed');

		const refused = await mod.claimReference(ctx, ACCOUNT, '1002', 0);
		expect(refused.status).toBe('claimed');
		await mod.releaseReference(ctx, refused);
		expect((await mod.claimReference(ctx, ACCOUNT, '1002', 0)).status).toBe('claimed');
		// The one-off claim tokens are removed again.
		expect(store.entries.filter((e) => e.includes('#claim:'))).toEqual([]);
	});

	it('the stand-in store really loses writes when called concurrently (so the next test means something)', async () => {
		const store = new ProcessedDataStore();
		await Promise.all(
			Array.from({ length: 50 }, (_, i) => store.checkProcessedAndRecord([`r${i}`])),
		);
		expect(store.entries.length).toBeLessThan(50);
	});

	it('50 executions of one process claiming at once: every reference claimed once and kept', async () => {
		const mod = processCopy();
		const store = new ProcessedDataStore();
		const refs = Array.from({ length: 50 }, (_, i) => String(2000 + i));
		// Each reference twice (a resend), all at the same moment.
		const claims = await Promise.all(
			[...refs, ...refs].map((r) => mod.claimReference(contextFor(store, r), ACCOUNT, r, 0)),
		);
		for (const r of refs) {
			expect(
				claims
					.filter((c) => c.reference === r)
					.map((c) => c.status)
					.sort(),
			).toEqual(['alreadyInvoiced', 'claimed']);
		}
		for (const r of refs) expect(store.entries).toContain(`facturasapp:${ACCOUNT}:${r}`);
	});

	it('two processes receiving the same order at the same moment (a resent webhook on another worker): one claim wins', async () => {
		const workerA = processCopy();
		const workerB = processCopy();
		const store = new ProcessedDataStore();
		for (let round = 0; round < 40; round++) {
			const r = String(3000 + round);
			// The pair races, while each process also writes the record for another order.
			const [a, b] = await Promise.all([
				workerA.claimReference(contextFor(store, r), ACCOUNT, r, 0),
				workerB.claimReference(contextFor(store, r), ACCOUNT, r, 0),
				workerA.claimReference(contextFor(store, `x${round}`), ACCOUNT, `x${round}`, 0),
				workerB.claimReference(contextFor(store, `y${round}`), ACCOUNT, `y${round}`, 0),
			]);
			expect([a.status, b.status].sort()).toEqual(['alreadyInvoiced', 'claimed']);
		}
	}, 60_000);
});
