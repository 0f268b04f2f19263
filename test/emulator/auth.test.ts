// Log-in forms, API-key checks and expiry, unknown paths, the request log.
import { DEMO_USER, startEmulator, type Emulator } from './index';
import { call, login, paths, until } from './helpers';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const credentials = { User: DEMO_USER.user, Password: DEMO_USER.password };

describe('log-in', () => {
	it('answers ["key"] by default (live behaviour)', async () => {
		const res = await call(emu, 'POST', paths.login, { body: credentials });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/application\/json/);
		const body = res.json as string[];
		expect(Array.isArray(body)).toBe(true);
		expect(body).toHaveLength(1);
		expect(body[0]).toMatch(/^[0-9a-f]{48}$/);
		expect(emu.counters.loginsOk).toBe(1);
	});

	it('answers a JSON string or plain text when configured', async () => {
		emu.setConfig({ loginForm: 'string' });
		const asString = await call(emu, 'POST', paths.login, { body: credentials });
		expect(typeof asString.json).toBe('string');
		expect(asString.text.startsWith('"')).toBe(true);

		emu.setConfig({ loginForm: 'plain' });
		const plain = await call(emu, 'POST', paths.login, { body: credentials });
		expect(plain.headers.get('content-type')).toMatch(/text\/plain/);
		expect(plain.text).toMatch(/^[0-9a-f]{48}$/);
		// Both keys work.
		for (const key of [asString.json as string, plain.text]) {
			expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(200);
		}
	});

	it('issues a different key on every log-in', async () => {
		expect(await login(emu)).not.toBe(await login(emu));
	});

	it('rejects a wrong password or user with 401 and a Spanish message', async () => {
		for (const body of [
			{ ...credentials, Password: 'nope' },
			{ User: 'someone@else', Password: DEMO_USER.password },
		]) {
			const res = await call(emu, 'POST', paths.login, { body });
			expect(res.status).toBe(401);
			expect(res.json).toEqual({ message: 'Usuario o contraseña incorrectos' });
		}
		expect(emu.counters.loginsFailed).toBe(2);
		expect(emu.counters.unauthorized).toBe(2);
	});

	it('answers 400 for missing fields or malformed JSON', async () => {
		expect((await call(emu, 'POST', paths.login, { body: { User: DEMO_USER.user } })).status).toBe(
			400,
		);
		expect(
			(await call(emu, 'POST', paths.login, { body: { user: 'a', password: 'b' } })).status,
		).toBe(400);
		expect((await call(emu, 'POST', paths.login, { rawBody: '{"User": ' })).status).toBe(400);
		expect((await call(emu, 'POST', paths.login)).status).toBe(400);
	});

	it('accepts configured users', async () => {
		const other = await startEmulator({ users: [{ user: 'a@b.c', password: 'pw' }] });
		try {
			await expect(login(other, { user: 'a@b.c', password: 'pw' })).resolves.toEqual(
				expect.any(String),
			);
			await expect(login(other)).rejects.toThrow(/401/);
		} finally {
			await other.close();
		}
	});
});

describe('API key', () => {
	it('is required by every other endpoint', async () => {
		const key = await login(emu);
		const requests: Array<['GET' | 'POST', string]> = [
			['POST', paths.add],
			['POST', paths.pdf('FA2026-0001')],
			['GET', paths.state('FA2026-0001')],
			['GET', paths.consecutives],
		];
		for (const [method, path] of requests) {
			for (const bad of [undefined, 'unknown-key', `"${key}"`, `["${key}"]`]) {
				const res = await call(emu, method, path, {
					key: bad,
					body: method === 'POST' ? {} : undefined,
				});
				expect(res.status).toBe(401);
				expect(res.json).toEqual({ message: expect.any(String) });
			}
		}
		expect(emu.counters.unauthorized).toBe(16);
	});

	it('expires after keyTtlMs', async () => {
		// The emulator's clock is moved on rather than slept through: a short TTL and a sleep would
		// also expire the key before its first use on a busy machine.
		emu.setConfig({ keyTtlMs: 600_000 });
		const key = await login(emu);
		expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(200);
		emu.advanceClock(599_000);
		expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(200);
		emu.advanceClock(1_000);
		expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(401);
		// A fresh log-in works again.
		expect((await call(emu, 'GET', paths.consecutives, { key: await login(emu) })).status).toBe(
			200,
		);
	});

	it('expires on expireAllKeys()', async () => {
		const key = await login(emu);
		emu.expireAllKeys();
		expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(401);
	});

	it('is forgotten by reset()', async () => {
		const key = await login(emu);
		emu.reset();
		expect((await call(emu, 'GET', paths.consecutives, { key })).status).toBe(401);
	});
});

describe('routing', () => {
	it('answers 404 for unknown paths and 405 for a wrong method', async () => {
		const key = await login(emu);
		for (const path of [
			'/',
			'/ApiGateway/ApiExternal/Invoice/api/InvoiceServices/Nope',
			paths.add.toLowerCase(),
		]) {
			expect((await call(emu, 'GET', path, { key })).status).toBe(404);
		}
		expect(emu.counters.notFound).toBe(3);
		expect((await call(emu, 'GET', paths.add, { key })).status).toBe(405);
		expect((await call(emu, 'POST', paths.consecutives, { key })).status).toBe(405);
	});
});

describe('log option', () => {
	it('writes one line per request and never the password, key or query', async () => {
		const lines: string[] = [];
		const logged = await startEmulator({ log: (line) => lines.push(line) });
		try {
			const key = await login(logged);
			await call(logged, 'POST', paths.pdf('SECRET-NUMBER'), { key });
			// The line is written when the server has finished the answer, which may come just
			// after the client has read it: wait for the event, not for a guessed time.
			await until(() => lines.length >= 2);
			expect(lines).toHaveLength(2);
			expect(lines[0]).toMatch(/^POST \/ApiGateway\/AppSecurity\/ApiKey 200 \d+ms$/);
			const all = lines.join('\n');
			for (const secret of [DEMO_USER.password, key, 'SECRET-NUMBER'])
				expect(all).not.toContain(secret);
		} finally {
			await logged.close();
		}
	});
});
