// Issue 17: a key refreshed by another execution, in a real n8n 2.41. Two executions share one
// credential: B starts with the stored key and has its calls in flight when the emulator expires
// every key; A then runs, gets a 401, logs in again and n8n stores A's new key. B's calls, sent
// with the old key, come back 401: B must go on with a fresh key (A's, read from the stored
// credential, or at most one log-in of its own) and every one of its items must succeed.
// The emulator orders the events: B's calls wait in its added latency until A is done.
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from '../emulator/index';
import { DEMO_USER, LOGIN_PATH, SERVICES, startEmulator } from '../emulator/index';
import type { N8n, N8nServer, WorkflowInput, WorkflowResult } from './harness';
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	createN8n,
	ensureRuntime,
	emulatorCredentialData,
} from './harness';

const NUMBERS = ['FA2026-0701', 'FA2026-0702', 'FA2026-0703'];
/** How long each Get State call waits in the emulator before its key is checked. */
const STATE_LATENCY_MS = 4000;

const chain = (...names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
const webhook = (path: string, webhookId: string) => ({
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId,
	parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
});
const facturas = (name: string, parameters: Record<string, unknown>) => ({
	name,
	type: NODE_TYPE,
	typeVersion: 1,
	credentials: { facturasAppApi: { id: 'credShared1', name: 'credShared1' } },
	parameters,
});

/** B: Get State of three invoices, all three calls in flight at once. */
const workflowB: WorkflowInput = {
	id: 'keyRefreshB1',
	nodes: [
		webhook('refresh-b', '7a1c2f0e-5b8d-4e21-9f3a-2d6c8e0b1a17'),
		{
			name: 'Numbers',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: {
				jsCode: `return ${JSON.stringify(NUMBERS.map((number) => ({ json: { number } })))};`,
			},
		},
		facturas('State', {
			resource: 'invoice',
			operation: 'getState',
			invoiceNumber: '={{ $json.number }}',
			options: { concurrency: 3 },
		}),
	],
	connections: chain('Webhook', 'Numbers', 'State'),
};

/** A: one read on another endpoint (no added latency): it finds the key expired and logs in. */
const workflowA: WorkflowInput = {
	id: 'keyRefreshA1',
	nodes: [
		webhook('refresh-a', '3e9b6d42-0c7a-4f18-8b25-6a4d1e9c7f03'),
		facturas('Series', { resource: 'series', operation: 'getAll', options: {} }),
	],
	connections: chain('Webhook', 'Series'),
};

let emulator: Emulator;
let n8n: N8n;
let server: N8nServer | undefined;
let firstKey: string;
const seen: {
	loginsBefore: number;
	unauthorizedBefore: number;
	loginsAfterA: number;
	bStatus: number;
	aStatus: number;
	bStillWaitingWhenADone: boolean;
	results: WorkflowResult[];
} = {} as never;

async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

beforeAll(async () => {
	await ensureRuntime();
	emulator = await startEmulator();
	// The stored credential already holds a valid key, as after an earlier execution's log-in.
	const login = await fetch(`${emulator.url}${LOGIN_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ User: DEMO_USER.user, Password: DEMO_USER.password }),
	});
	firstKey = (JSON.parse(await login.text()) as string[])[0];
	for (const number of NUMBERS) {
		const res = await fetch(`${emulator.url}${SERVICES}AddInvoice`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'X-API-KEY': firstKey },
			body: JSON.stringify(sampleBody(number)),
		});
		expect(res.status).toBe(200);
	}
	expect([...emulator.invoices.keys()]).toEqual(NUMBERS);

	n8n = await createN8n();
	await n8n.importCredentials([
		{
			id: 'credShared1',
			name: 'credShared1',
			type: CREDENTIAL_TYPE,
			data: emulatorCredentialData(emulator.url, {
				apiKey: firstKey,
			}),
		},
	]);
	await n8n.importWorkflows([workflowB, workflowA]);
	server = await n8n.startServer();
	emulator.faults.set({ rules: [{ endpoint: 'state', kind: 'latency', ms: STATE_LATENCY_MS }] });
	seen.loginsBefore = emulator.counters.loginsOk;
	seen.unauthorizedBefore = emulator.counters.unauthorized;

	// B: its three calls leave with the stored key and wait in the emulator.
	const b = fetch(server.webhookUrl('refresh-b'), { method: 'POST', body: '{}' });
	await until(() => emulator.counters.calls.state >= NUMBERS.length, "B's three calls");
	emulator.expireAllKeys();
	// A: finds the key expired, logs in, n8n stores A's new key.
	const a = await fetch(server.webhookUrl('refresh-a'), { method: 'POST', body: '{}' });
	seen.aStatus = a.status;
	await a.text();
	seen.loginsAfterA = emulator.counters.loginsOk;
	seen.bStillWaitingWhenADone = emulator.counters.unauthorized - seen.unauthorizedBefore === 1;
	const bResponse = await b;
	seen.bStatus = bResponse.status;
	await bResponse.text();
	seen.results = await server.waitForExecutions(2, 60_000);
}, 15 * 60_000);

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await emulator?.close();
});

const resultOf = (id: string) => seen.results.find((r) => r.workflowId === id)!;

it('A, finding the shared key expired, logs in once and succeeds', () => {
	expect(seen.aStatus).toBe(200);
	const a = resultOf('keyRefreshA1');
	expect(a.success).toBe(true);
	expect(a.output.Series.length).toBeGreaterThan(0);
	expect(seen.loginsAfterA - seen.loginsBefore).toBe(1);
});

it('B, holding the old key, goes on with a fresh one: at most one extra log-in, every item succeeds', () => {
	// The order the test relies on: B's calls were still waiting when A was done.
	expect(seen.bStillWaitingWhenADone).toBe(true);
	expect(seen.bStatus).toBe(200);
	const b = resultOf('keyRefreshB1');
	expect(b.success).toBe(true);
	expect(b.output.State.map((item) => [item.json.invoiceNumber, item.json.error ?? null])).toEqual(
		NUMBERS.map((number) => [number, null]),
	);
	for (const item of b.output.State)
		expect(item.json.summary).toMatchObject({ status: expect.any(String) });
	// B's three calls went out with the old key and were refused (A's one 401 before them).
	expect(emulator.counters.unauthorized - seen.unauthorizedBefore).toBe(1 + NUMBERS.length);
	// Each call resent once, with a key that worked.
	expect(emulator.counters.calls.state).toBe(2 * NUMBERS.length);
	// The goal allows B at most one log-in of its own. Here B's refusals came after A had stored
	// its key, so B takes that key over from the stored credential: A's log-in is the only one.
	expect(emulator.counters.loginsOk - seen.loginsBefore).toBe(1);
	// No secret in B's output.
	const text = JSON.stringify(b.output);
	expect(text).not.toContain(DEMO_USER.password);
	for (const key of emulator.issuedKeys()) expect(text).not.toContain(key);
});
