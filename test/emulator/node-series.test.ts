// Series → Get Many and Create with "Next in Series" against the emulator.
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ series: [{ prefix: 'FA2026-', lastNumber: 41, digits: 4 }, { prefix: 'R', lastNumber: 0 }] });
});
afterAll(async () => await emulator.close());

const nextParams = (invoiceJson: (i: number) => string) => ({
	resource: 'invoice',
	operation: 'create',
	numbering: 'next',
	seriesPrefix: 'FA2026-',
	inputMode: 'json',
	invoiceJson,
	options: { timeout: 5 },
});

it('Series → Get Many lists each series with its last and next number', async () => {
	const result = await runAgainst(emulator, { resource: 'series', operation: 'getAll', options: {} });
	expect(result.error).toBeUndefined();
	expect(result.output!.map((o) => [o.json.prefix, o.json.lastNumber, o.json.nextInvoiceNumber, o.pairedItem])).toEqual([
		['FA2026-', 41, 'FA2026-0042', { item: 0 }],
		['R', 0, 'R1', { item: 0 }],
	]);
});

it('Next in Series numbers items consecutively, and a refused item leaves no gap', async () => {
	const body = (i: number) => {
		const b = sampleBody('placeholder-1') as unknown as Record<string, unknown>;
		if (i === 1) (b.products as Array<Record<string, unknown>>)[0].quantity = 1.5; // invalid: never sent
		return JSON.stringify(b);
	};
	const result = await runAgainst(emulator, nextParams(body), 4, { continueOnFail: true });
	expect(result.output!.map((o) => o.json.invoiceNumber ?? o.json.error)).toEqual([
		'FA2026-0042',
		expect.stringContaining('quantity'),
		'FA2026-0043',
		'FA2026-0044',
	]);
	expect([...emulator.invoices.keys()]).toEqual(['FA2026-0042', 'FA2026-0043', 'FA2026-0044']);

	const again = await runAgainst(emulator, nextParams(() => JSON.stringify(sampleBody('x-1'))), 1);
	expect(again.output![0].json.invoiceNumber).toBe('FA2026-0045');
	expect(emulator.invoices.get('FA2026-0045')!.body.currentNumber).toBe(45);
});

it('an unknown series is a clear error naming the series that exist', async () => {
	const result = await runAgainst(emulator, { ...nextParams(() => JSON.stringify(sampleBody('x-1'))), seriesPrefix: 'ZZ' }, 1);
	expect(result.error!.message).toBe('Series: FacturasApp has no series "ZZ"');
	expect(result.error!.description).toContain('"FA2026-", "R"');
});
