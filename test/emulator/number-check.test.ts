// Numbering → Enter It against the emulator: the number must be the next of its series as
// GetConsecutives reports it (read once per execution), in each GetConsecutives form.
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { runAgainst } from './nodeHelpers';
import { CONSECUTIVES_FORMS } from './types';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({
		series: [
			{ prefix: 'FA2026-', lastNumber: 4, isDefault: true },
			{ prefix: 'REC', lastNumber: 12 },
		],
	});
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const create = (numbers: string[], options: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation: 'create',
	inputMode: 'json',
	invoiceJson: (i: number) => JSON.stringify(sampleBody(numbers[i])),
	options: { timeout: 5, maxRetries: 0, ...options },
});
const outcome = (result: Awaited<ReturnType<typeof runAgainst>>) =>
	result.output!.map((o) => o.json.error ?? o.json.invoiceNumber);

describe.each(CONSECUTIVES_FORMS)('GetConsecutives answered as "%s"', (form) => {
	it('next numbers pass, a gap and a repeat are refused before sending; one read per execution', async () => {
		emulator.setConfig({ consecutivesForm: form });
		const first = await runAgainst(
			emulator,
			create(['FA2026-0005', 'FA2026-0009', 'FA2026-0006', 'REC0013']),
			4,
			{ continueOnFail: true },
		);
		expect(outcome(first)).toEqual([
			'FA2026-0005',
			'Invoice number FA2026-0009 would leave a gap in series FA2026-: the next number is FA2026-0006',
			'FA2026-0006',
			'REC0013',
		]);
		expect(emulator.counters.calls.consecutives).toBe(1);
		expect(emulator.counters.calls.addInvoice).toBe(3);
		// The next execution reads FacturasApp's counter again: it moved on with each invoice.
		const second = await runAgainst(emulator, create(['FA2026-0006', 'FA2026-0007']), 2, {
			continueOnFail: true,
		});
		expect(outcome(second)).toEqual([
			'Invoice number FA2026-0006 repeats a number already used in series FA2026-: the next number is FA2026-0007',
			'FA2026-0007',
		]);
		expect(emulator.counters.calls.consecutives).toBe(2);
		expect([...emulator.invoices.keys()].sort()).toEqual([
			'FA2026-0005',
			'FA2026-0006',
			'FA2026-0007',
			'REC0013',
		]);
	});
});

it('with the check off the number goes to FacturasApp, which decides (here: it stores the gap)', async () => {
	const result = await runAgainst(emulator, create(['FA2026-0010'], { checkNumberIsNext: false }));
	expect(result.error).toBeUndefined();
	expect(emulator.invoices.has('FA2026-0010')).toBe(true);
	expect(emulator.counters.calls.consecutives).toBe(0);
});

it('a number of a series the account does not list is sent unchecked', async () => {
	const result = await runAgainst(emulator, create(['TIENDA-0099']));
	expect(result.error).toBeUndefined();
	expect(emulator.invoices.has('TIENDA-0099')).toBe(true);
});

it('GetConsecutives failing: the item says so and nothing is sent', async () => {
	emulator.faults.set([{ endpoint: 'consecutives', script: ['503'] }]);
	const result = await runAgainst(emulator, create(['FA2026-0005']), 1, { continueOnFail: true });
	expect(result.output![0].json).toMatchObject({
		invoiceNumber: 'FA2026-0005',
		error: expect.stringMatching(
			/^Invoice FA2026-0005: could not check that it is the next number of its series/,
		),
	});
	expect(emulator.counters.calls.addInvoice).toBe(0);
});
