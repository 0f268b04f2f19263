// The credential's "Test" button in a real n8n: it logs in through preAuthentication and makes
// one read with the key; it must pass on the right password and fail on a wrong one with our
// message. Driven through n8n's REST API as the UI does it (owner set-up, create, test).
import type { Emulator } from '../emulator/index';
import { DEMO_USER, startEmulator } from '../emulator/index';
import type { N8n, N8nServer } from './harness';
import { CREDENTIAL_TYPE, createN8n, ensureRuntime, emulatorCredentialData } from './harness';

let emulator: Emulator;
let n8n: N8n;
let server: N8nServer;
let cookie = '';

async function rest(path: string, body: unknown): Promise<{ status: number; json: any }> {
	const response = await fetch(`${server.baseUrl}/rest/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie, 'browser-id': 'e2e' },
		body: JSON.stringify(body),
	});
	return { status: response.status, json: await response.json().catch(() => null) };
}

/** Creates the credential, then presses "Test" on it; returns n8n's verdict. */
async function testCredential(password: string): Promise<{ status: string; message: string }> {
	const data = emulatorCredentialData(emulator.url, { password });
	const created = await rest('credentials', {
		name: `FacturasApp ${password}`,
		type: CREDENTIAL_TYPE,
		data,
	});
	expect(created.status).toBe(200);
	const tested = await rest('credentials/test', {
		credentials: {
			id: created.json.data.id,
			name: `FacturasApp ${password}`,
			type: CREDENTIAL_TYPE,
			data,
		},
	});
	expect(tested.status).toBe(200);
	return tested.json.data;
}

beforeAll(async () => {
	await ensureRuntime();
	emulator = await startEmulator();
	n8n = await createN8n();
	server = await n8n.startServer();
	const setup = await fetch(`${server.baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			email: 'owner@example.es',
			firstName: 'Ana',
			lastName: 'García',
			password: 'Owner-Passw0rd!',
		}),
	});
	expect(setup.status).toBe(200);
	cookie = setup.headers.get('set-cookie')?.split(';')[0] ?? '';
}, 15 * 60_000);

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await emulator?.close();
});

it('passes with the right password: it logged in and made one read with the key', async () => {
	const before = {
		logins: emulator.counters.loginsOk,
		reads: emulator.counters.calls.consecutives,
	};
	await expect(testCredential(DEMO_USER.password)).resolves.toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
	expect(emulator.counters.loginsOk).toBe(before.logins + 1);
	expect(emulator.counters.calls.consecutives).toBe(before.reads + 1);
});

it('fails with a wrong password, saying so, without echoing it', async () => {
	const verdict = await testCredential('wrong-password-123');
	expect(verdict.status).toBe('Error');
	expect(verdict.message).toContain('FacturasApp rejected the user or password');
	expect(verdict.message).not.toContain('wrong-password-123');
});
