// JSON mode sends bodies in the newest public client's shape unchanged, and the emulator
// (validator + independent §5 oracle) accepts them.
import { newestClientBody } from '../fixtures/newestClient/body';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

it.each(['RecargoEquivalencia', 'RE', 'Recargo de equivalencia'])(
	"JSON mode issues the newest client's body (recargo rows %s) unchanged",
	async (name) => {
		const body = newestClientBody({ recargoName: name, invoiceNumber: 'NC2026-0001' });
		const run = await runAgainst(emulator, {
			resource: 'invoice',
			operation: 'create',
			inputMode: 'json',
			invoiceJson: JSON.stringify(body),
			options: { timeout: 5 },
		});
		expect(run.error).toBeUndefined();
		expect(run.output![0].json.invoiceNumber).toBe('NC2026-0001');
		const stored = emulator.invoices.get('NC2026-0001') as { body: unknown } | undefined;
		expect(stored).toBeDefined();
		expect(JSON.stringify(stored!.body)).toBe(JSON.stringify(body));
	},
);
