// The FacturasApp Trigger's polls (n8n-core's PollContext, real HTTP) against the emulator in
// every answer form it offers (variants.ts): the [seen] defaults and each [unknown] guess of
// the series list, the state answer, its words, "not found" and the log-in. The same scenario
// must hold for all: no flood, new invoices once, a gap reported, a rejection emitted once.
import { triggerHarness } from '../unit/trigger/pollContext';
import { sampleInvoiceBody } from '../fixtures/emulator/invoiceBody';
import { call, paths } from './helpers';
import type { Emulator } from './index';
import { DEMO_USER, startEmulator } from './index';
import { VARIANTS } from './variants';

const SERIES = [
	{ prefix: 'FACT', lastNumber: 5, isDefault: true },
	{ prefix: 'REC', lastNumber: 12 },
];
const WRONG_NIF = 'B12345678'; // control character should be 4: the emulator's AEAT rejects it (4107)

describe.each(VARIANTS)('trigger against the emulator answering $name', ({ options }) => {
	let emulator: Emulator;
	beforeAll(async () => {
		emulator = await startEmulator({ ...options, series: SERIES });
	});
	afterAll(async () => await emulator.close());

	async function issue(number: string, identification = 'B12345674') {
		// Any of the log-in answer forms: ["k"], "k" or k.
		const answer = await call(emulator, 'POST', paths.login, {
			body: { User: DEMO_USER.user, Password: DEMO_USER.password },
		});
		const parsed: unknown = answer.json ?? answer.text;
		const key = String(Array.isArray(parsed) ? parsed[0] : parsed).trim();
		const res = await call(emulator, 'POST', paths.add, {
			key,
			body: sampleInvoiceBody(number, { identification }),
		});
		expect(res.status).toBe(200);
		expect((res.json as { isError?: boolean }).isError).toBe(false);
	}

	it('issued once each, a gap reported, a rejection emitted once when the AEAT decides', async () => {
		const credentials = {
			environment: 'custom',
			baseUrl: emulator.url,
			user: DEMO_USER.user,
			password: DEMO_USER.password,
			apiKey: '',
		};
		const fast = { maxRetries: 1, timeout: 5 };
		const issued = triggerHarness(
			{ event: 'invoiceIssued', series: [], options: fast },
			credentials,
		);
		const rejections = triggerHarness(
			{ event: 'invoiceStateChanged', series: [], onlyRejections: true, options: fast },
			credentials,
		);
		emulator.setConfig({ stateDelayMs: 60 * 60_000 });
		await issue('FACT0006'); // before activation
		expect(await issued.poll()).toBeNull();
		expect(await rejections.poll()).toBeNull();
		expect(emulator.counters.calls.state).toBe(0);

		await issue('FACT0007');
		await issue('FACT0008', WRONG_NIF);
		const first = (await issued.poll())![0].map((i) => i.json);
		expect(
			first.map((j) => [j.event, j.invoiceNumber, (j.summary as { outcome?: string }).outcome]),
		).toEqual([
			['invoiceIssued', 'FACT0007', 'pending'],
			['invoiceIssued', 'FACT0008', 'pending'],
		]);
		expect(await rejections.poll()).toBeNull();

		emulator.setConfig({ stateDelayMs: 0 });
		const decided = (await rejections.poll())![0].map((i) => i.json);
		expect(decided).toEqual([
			expect.objectContaining({
				event: 'invoiceStateChanged',
				invoiceNumber: 'FACT0008',
				summary: expect.objectContaining({ outcome: 'rejected', aeatCode: '4107' }),
			}),
		]);
		expect(await rejections.poll()).toBeNull();
		expect(await issued.poll()).toBeNull();

		// A number skipped in the series (only where FacturasApp accepts one out of sequence).
		if (options.numberCheck !== 'sequence') {
			await issue('FACT0010');
			const gap = (await issued.poll())![0].map((i) => [i.json.event, i.json.invoiceNumber]);
			expect(gap).toEqual([
				['numberingGap', 'FACT0009'],
				['invoiceIssued', 'FACT0010'],
			]);
		}
	});
});
