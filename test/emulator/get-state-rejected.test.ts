// Get State is a read: a clear answer "rejected" is output as data (rejected: true) unless the
// user asks for a failure (Rejected Invoices → Fail the Item).
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
	const created = await runAgainst(emulator, {
		resource: 'invoice',
		operation: 'create',
		inputMode: 'json',
		invoiceJson: JSON.stringify(sampleBody('FA2026-0001')),
		options: { timeout: 5 },
	});
	expect(created.error).toBeUndefined();
	emulator.setStateOutcome('FA2026-0001', {
		state: 'Incorrecto',
		code: '4107',
		description: 'El NIF no es válido',
	});
});
afterAll(async () => await emulator.close());

const getState = (options: Record<string, unknown>, extra = {}) =>
	runAgainst(
		emulator,
		{
			resource: 'invoice',
			operation: 'getState',
			invoiceNumber: 'FA2026-0001',
			options: { timeout: 5, ...options },
		},
		1,
		extra,
	);

describe('Get State of a rejected invoice', () => {
	it('outputs it with rejected: true and the AEAT code by default', async () => {
		const result = await getState({});
		expect(result.error).toBeUndefined();
		expect(result.output![0].json).toMatchObject({
			invoiceNumber: 'FA2026-0001',
			rejected: true,
			summary: { outcome: 'rejected', aeatCode: '4107' },
		});
	});

	it('fails the item only when asked to', async () => {
		const result = await getState({ onRejected: 'error' }, { continueOnFail: true });
		expect(result.output![0].json).toMatchObject({
			error: 'The tax authority rejected invoice FA2026-0001: 4107 El NIF no es válido',
		});
	});
});
