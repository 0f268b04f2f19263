// State that must outlive one execution, kept in this n8n process's memory.
//
// THE documented exception to "no module-level state" in this package. n8n runs many
// executions of a workflow at once in one process (a burst of webhook orders); for one
// account and series they must take numbers one after the other, and the executions of one
// workflow must not read-modify-write n8n's processed-data record at the same moment (n8n
// takes no lock: two writers would lose each other's entries). Only ordering and small
// caches live here; what must survive a restart or be shared by queue-mode workers is in
// FacturasApp (the series counter) and in n8n's database (the Order Reference record).
// Everything here is bounded, and losing it (a restart) is safe: the counter is read again.
// What belongs to one execution only (its series read, its account) is in the run context the
// router makes for each execution (actions/run.ts), never here.

const tails = new Map<string, Promise<void>>();

/** Runs fn after every earlier fn of the same key has finished (a FIFO per key in this process). */
export async function inOrder<T>(key: string, fn: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	tails.set(key, tail);
	await previous;
	try {
		return await fn();
	} finally {
		release();
		// Nobody queued behind us: forget the key, so the map holds only live queues.
		if (tails.get(key) === tail) tails.delete(key);
	}
}

/** A Map that forgets its oldest entries beyond `max` (insertion order). */
export class BoundedMap<K, V> {
	private readonly map = new Map<K, V>();

	constructor(private readonly max: number) {}

	get(key: K): V | undefined {
		return this.map.get(key);
	}

	set(key: K, value: V): void {
		this.map.delete(key);
		this.map.set(key, value);
		while (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
	}

	delete(key: K): void {
		this.map.delete(key);
	}
}

/**
 * How many invoices this process issued per account and series. An execution that read the
 * counter before the latest of them reads it again (FacturasApp moves it on with each invoice).
 */
export const seriesIssues = new BoundedMap<string, number>(1_000);

/** Invoice number per Order Reference key, for the "already invoiced" answer (n8n keeps only a hash). */
export const invoicedAs = new BoundedMap<string, string>(20_000);
