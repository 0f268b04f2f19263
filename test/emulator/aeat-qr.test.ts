// aeatQrUrl (issue 16 point 6) against the emulator, whose own verification URL (built with
// URLSearchParams from the stored body, test/emulator/state.ts) is the independent oracle.
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { runAgainst } from './nodeHelpers';
import { CONFIG_CHOICES } from './types';

// The emulator's demo user issues as B12345674.
const ISSUER = { issuerNif: 'B12345674', invoicingMode: 'verifactu' };

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

const params = (url: string) => {
	const parsed = new URL(url);
	const p = Object.fromEntries(parsed.searchParams);
	return { base: parsed.origin + parsed.pathname, ...p, importe: Number(p.importe) };
};

async function emulatorsUrl(number: string): Promise<string> {
	// The state answer's qrUrl (default form) is the emulator's own, returned untouched as `state`.
	const result = await runAgainst(emulator, {
		resource: 'invoice',
		operation: 'getState',
		invoiceNumber: number,
		options: { timeout: 5 },
	});
	return String((result.output![0].json.state as { qrUrl: string }).qrUrl);
}

describe('aeatQrUrl against the emulator', () => {
	it.each(['FA2026-0001', 'A&B 0001', 'FA+2026 7'])(
		'Create %s: the same URL the emulator builds for what it stored',
		async (number) => {
			const created = await runAgainst(
				emulator,
				{
					resource: 'invoice',
					operation: 'create',
					inputMode: 'json',
					invoiceJson: JSON.stringify(sampleBody(number)),
					options: { timeout: 5 },
				},
				1,
				{ credentials: ISSUER },
			);
			expect(created.error).toBeUndefined();
			const ours = String(created.output![0].json.aeatQrUrl);
			expect(params(ours)).toEqual(params(await emulatorsUrl(number)));
			expect(params(ours)).toMatchObject({ numserie: number, fecha: '20-11-2026', importe: 24.2 });
		},
	);

	it.each(CONFIG_CHOICES.stateForm)(
		'Get State, state answer form %s: the URL from the date and total the answer carries',
		async (stateForm) => {
			await runAgainst(emulator, {
				resource: 'invoice',
				operation: 'create',
				inputMode: 'json',
				invoiceJson: JSON.stringify(sampleBody('FA2026-0001')),
				options: { timeout: 5 },
			});
			const expected = params(await emulatorsUrl('FA2026-0001'));
			emulator.setConfig({ stateForm });
			const read = await runAgainst(
				emulator,
				{
					resource: 'invoice',
					operation: 'getState',
					invoiceNumber: 'FA2026-0001',
					options: { timeout: 5 },
				},
				1,
				{ credentials: ISSUER },
			);
			expect(read.error).toBeUndefined();
			const { json } = read.output![0];
			// Every emulator form carries a verification URL; its fecha and importe are used.
			expect(params(String(json.aeatQrUrl))).toEqual(expected);
		},
	);
});
