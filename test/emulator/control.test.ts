// The /__emulator/ control API (for tests in another process) and the CLI.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startEmulator, type Emulator } from './index';
import { call, envelopeOf, login, paths, sampleInvoiceBody } from './helpers';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const control = (method: 'GET' | 'POST', route: string, body?: unknown) =>
	call(emu, method, `/__emulator/${route}`, { body });

it('GET state shows counters, invoices, commits per number, config and faults', async () => {
	const key = await login(emu);
	await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody('FA2026-0001') });
	await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody('FA2026-0001') });
	const res = await control('GET', 'state');
	expect(res.status).toBe(200);
	const state = res.json as Record<string, any>;
	expect(state.invoiceNumbers).toEqual(['FA2026-0001']);
	expect(state.commits).toEqual({ 'FA2026-0001': 1 });
	expect(state.counters.createAttempts).toEqual({ 'FA2026-0001': 2 });
	expect(state.counters.calls).toMatchObject({ login: 1, addInvoice: 2 });
	expect(state.invoices[0]).toMatchObject({
		id: 1,
		invoiceNumber: 'FA2026-0001',
		state: 'Correcto',
	});
	expect(state.invoices[0].body).toBeUndefined();
	expect(state.config).toMatchObject({ loginForm: 'array', pdfForm: 'envelope' });
	expect(state.faults).toEqual({ latencyMs: 0, rules: [] });

	const invoices = (await control('GET', 'invoices')).json as Array<Record<string, unknown>>;
	expect(invoices[0].body).toMatchObject({ invoiceNumber: 'FA2026-0001' });
});

it('POST faults, config, state-outcome, expire-keys and reset drive the emulator', async () => {
	expect(
		(await control('POST', 'faults', [{ endpoint: 'consecutives', script: ['500'] }])).status,
	).toBe(200);
	expect((await control('POST', 'config', { loginForm: 'plain', stateDelayMs: 0 })).status).toBe(
		200,
	);
	const key = (
		await call(emu, 'POST', paths.login, {
			body: { User: 'demo@facturasapp.local', Password: 'demo-password' },
		})
	).text;
	expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(500);
	expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(200);

	expect(
		(
			await control('POST', 'state-outcome', {
				invoiceNumber: 'S1',
				state: 'Incorrecto',
				code: '9',
			})
		).status,
	).toBe(200);
	await call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody('S1') });
	const state = envelopeOf(await call(emu, 'GET', paths.state('S1'), { key }));
	expect(state.toolObject).toMatchObject({ state: 'Incorrecto', aeatCode: '9' });

	expect((await control('POST', 'expire-keys')).status).toBe(200);
	expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(401);

	expect((await control('POST', 'reset')).status).toBe(200);
	expect(emu.invoices.size).toBe(0);
	expect(emu.config.loginForm).toBe('array');
	expect(emu.counters.calls.consecutives).toBe(0);
});

it('answers 400 for bad control input and 404 for unknown routes', async () => {
	expect(
		(await control('POST', 'faults', { rules: [{ endpoint: 'x', kind: '500' }] })).status,
	).toBe(400);
	expect((await control('POST', 'config', { pdfForm: 'zip' })).status).toBe(400);
	expect((await control('POST', 'config', { colour: 'red' })).status).toBe(400);
	expect(
		(await control('POST', 'state-outcome', { invoiceNumber: 'A', state: 'Bien' })).status,
	).toBe(400);
	expect((await call(emu, 'POST', '/__emulator/faults', { rawBody: '{' })).status).toBe(400);
	expect((await control('GET', 'nope')).status).toBe(404);
});

it('the CLI starts the emulator, prints URL and demo user, and stops on SIGINT', async () => {
	// Node with tsx's loader, not the tsx CLI: the CLI relays Ctrl-C to its child and kills it
	// (exit 130) unless the child confirms within 30 ms, which a busy machine can miss.
	const tsxLoader = join(__dirname, '../../node_modules/tsx/dist/loader.mjs');
	const child = spawn(
		process.execPath,
		['--import', tsxLoader, join(__dirname, 'cli.ts'), '--port', '0'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	try {
		const output = await new Promise<string>((resolve, reject) => {
			let out = '';
			// Generous: tsx compiles the CLI first, which takes long on a busy machine.
			const timer = setTimeout(() => reject(new Error(`CLI did not start: ${out}`)), 100_000);
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('Ctrl-C')) {
					clearTimeout(timer);
					resolve(out);
				}
			});
			child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)));
		});
		const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
		expect(output).toContain('demo@facturasapp.local');
		expect(output).toContain('demo-password');
		const res = await fetch(`${url}/__emulator/state`);
		expect(res.status).toBe(200);
		const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
		child.kill('SIGINT');
		expect(await exited).toBe(0);
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}, 120_000);
