// Next in Series with executions running at the same time: in one n8n process (they wait for
// each other) and in two (a module copy per process, as queue-mode workers have: a number taken
// twice is refused and the next one taken). Against an emulator that refuses only a used number
// (default) and one that also refuses a number that is not the next of its series, in each of
// the emulator's wordings (FacturasApp's own is [unknown]).
import type { INodeExecutionData } from 'n8n-workflow';

import { fakeContext } from '../unit/helpers/fakeContext';
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator, NumberCheck, Wording } from './index';
import { startEmulator } from './index';
import { emulatorCredentials } from './nodeHelpers';

type NodeClass = new () => { execute(this: unknown): Promise<INodeExecutionData[][]> };

/** The node as one n8n process has it: its own copy of every module (and so of their state). */
function processCopy(): NodeClass {
	let node!: NodeClass;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		node = require('../../nodes/FacturasApp/FacturasApp.node').FacturasApp;
	});
	return node;
}

const params = {
	resource: 'invoice',
	operation: 'create',
	numbering: 'next',
	seriesPrefix: 'FACT',
	inputMode: 'json',
	invoiceJson: JSON.stringify(sampleBody('placeholder-1')),
	options: { timeout: 10 },
};

async function execution(Node: NodeClass, emulator: Emulator, items = 1) {
	const fake = fakeContext({
		params,
		items: Array.from({ length: items }, (_, i) => ({ json: { i } })),
		credentials: emulatorCredentials(emulator),
	});
	try {
		const [out] = await new Node().execute.call(fake.ctx);
		return out.map((o) => String(o.json.invoiceNumber));
	} catch (error) {
		return [`error: ${(error as Error).message}`];
	}
}

const expected = (from: number, count: number) =>
	Array.from({ length: count }, (_, i) => `FACT${String(from + i).padStart(4, '0')}`);

// numberCheck "sequence" also refuses a number that is not the next; each wording of the refusals.
const WORLDS: [NumberCheck, Wording][] = [
	['duplicates', 'es'],
	['sequence', 'es'],
	['duplicates', 'es2'],
	['sequence', 'es2'],
	['sequence', 'en'],
];

describe.each(WORLDS)('emulator numberCheck %s, wording %s', (numberCheck, wording) => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({
			series: [{ prefix: 'FACT', lastNumber: 5, isDefault: true }],
			numberCheck,
			wording,
		});
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

	it('one process: 30 executions at once and a 5-item one among them take consecutive numbers, none refused', async () => {
		const Node = processCopy();
		const runs = await Promise.all([
			execution(Node, emulator, 5),
			...Array.from({ length: 30 }, () => execution(Node, emulator)),
		]);
		const numbers = runs.flat();
		expect(numbers.filter((n) => n.startsWith('error'))).toEqual([]);
		expect([...numbers].sort()).toEqual(expected(6, 35));
		// The 5 items of one execution are consecutive among themselves too (one after the other).
		const batch = runs[0].map((n) => Number(n.slice(4)));
		expect(batch).toEqual([...batch].sort((a, b) => a - b));
		// Waiting for each other: no number was sent twice.
		expect(Object.values(emulator.counters.createAttempts).every((n) => n === 1)).toBe(true);
		expect([...emulator.invoices.keys()].sort()).toEqual(expected(6, 35));
	}, 60_000);

	it('two processes: 40 executions at once, split between them: 40 invoices, consecutive, no gap, none failed', async () => {
		const workers = [processCopy(), processCopy()];
		const runs = await Promise.all(
			Array.from({ length: 40 }, (_, i) => execution(workers[i % 2], emulator)),
		);
		const numbers = runs.flat();
		expect(numbers.filter((n) => n.startsWith('error'))).toEqual([]);
		expect([...numbers].sort()).toEqual(expected(6, 40));
		expect([...emulator.invoices.keys()].sort()).toEqual(expected(6, 40));
		// They did collide (that is what the retry is for), and no number was stored twice.
		const attempts = Object.values(emulator.counters.createAttempts).reduce((a, b) => a + b, 0);
		process.stderr.write(
			`[across] numberCheck ${numberCheck}, wording ${wording}: 40 invoices after ${attempts} AddInvoice calls\n`,
		);
		expect(Object.values(emulator.counters.commits).every((n) => n === 1)).toBe(true);
	}, 120_000);

	it("after a restart (a fresh process) numbering continues from FacturasApp's counter", async () => {
		await execution(processCopy(), emulator, 3);
		expect(await execution(processCopy(), emulator, 2)).toEqual(expected(9, 2));
	}, 60_000);
});
