// Issue 13 §4–8: every call is bounded. No assertion on elapsed time (issue 10): a trickle
// lasts far longer than the timeout, and the test asserts that the call failed with a timeout
// error and that the server saw the connection closed while it still had bytes to send.
import { parseDecimal } from '../../nodes/FacturasApp/invoice/money';
import { InputReader } from '../../nodes/FacturasApp/invoice/parse';
import type { HostileServer, Seen } from './server';
import {
	answerLogin,
	createParams,
	flood,
	json,
	LOGIN_PATH,
	readParams,
	run,
	seriesParams,
	startServer,
	trickle,
} from './server';

jest.setTimeout(30_000);

async function withServer(
	handler: Parameters<typeof startServer>[0],
	body: (server: HostileServer) => Promise<void>,
) {
	const server = await startServer(handler);
	try {
		await body(server);
	} finally {
		await server.close();
	}
}

// 1 byte every 250 ms for 120 bytes: 30 s of trickle against a 1 s Request Timeout.
const TRICKLE = { every: 250, count: 120 };

describe('§4 Request Timeout bounds the whole attempt, body included', () => {
	const cut: Seen[] = [];
	const cases: Array<[string, () => Record<string, unknown>]> = [
		['Get State', () => readParams('getState', ['FA2026-0001'], { timeout: 1 })],
		['Get PDF', () => readParams('getPdf', ['FA2026-0001'], { timeout: 1 })],
		['Series Get Many', () => seriesParams({ timeout: 1 })],
		['Create', () => createParams(['FA2026-0001'], { timeout: 1 })],
	];
	it.each(cases)(
		'%s: a trickling body fails with a timeout and the connection is closed',
		async (_name, params) => {
			await withServer(
				async (req, res, seen, self) => {
					if (seen.path === LOGIN_PATH) return answerLogin(res, seen, self);
					res.writeHead(200, { 'Content-Type': 'application/json' });
					const cutShort = await trickle(res, ' ', TRICKLE.every, TRICKLE.count);
					if (cutShort) cut.push(seen);
				},
				async (server) => {
					const result = await run(server, params());
					expect(result.error).toBeDefined();
					expect(result.error!.message).toMatch(
						/did not answer in time|not known whether|no complete answer/,
					);
					const calls = server.calls();
					expect(calls.length).toBeGreaterThan(0);
					// Every trickled answer was closed by the node before the trickle was over.
					// (the trickle notices the close at its next write, so wait for that too).
					await until(() => calls.every((c) => c.closed && cut.includes(c)));
					expect(calls.every((c) => c.closed && cut.includes(c))).toBe(true);
				},
			);
		},
	);

	it('a log-in whose answer trickles fails with the timeout, tried once with Max Retries 0', async () => {
		let cutShort = false;
		await withServer(
			async (req, res) => {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.write('["');
				cutShort = await trickle(res, 'a', TRICKLE.every, TRICKLE.count);
			},
			async (server) => {
				const result = await run(
					server,
					readParams('getState', ['FA2026-0001'], { timeout: 1, maxRetries: 0 }),
				);
				expect(result.error!.message).toContain('Could not log in');
				expect(result.error!.message).toContain('Request Timeout (1 s)');
				expect(server.logins()).toBe(1);
				// The trickle notices the close at its next write: wait for that (bounded), then check.
				await until(() => cutShort && server.seen.every((s) => s.closed));
				expect(cutShort).toBe(true);
			},
		);
	});
});

describe('§5 the log-in honours the options and runs once per execution', () => {
	it('a hung log-in with Max Retries 2 is tried exactly 3 times, each bounded by the timeout', async () => {
		await withServer(
			() => undefined, // never answers
			async (server) => {
				const result = await run(
					server,
					readParams('getState', ['FA2026-0001'], { timeout: 1, maxRetries: 2 }),
				);
				expect(result.error!.message).toContain('Could not log in');
				expect(result.error!.message).toContain('after 2 retries');
				expect(server.logins()).toBe(3);
			},
		);
	});

	it.each([
		['a wrong password (401)', 401, 0],
		['a 503', 503, 0],
		['a 503 with Max Retries 2', 503, 2],
	])(
		'%s with Continue On Fail and 30 items: one log-in attempt series, every item fails with the same message',
		async (_name, status, maxRetries) => {
			await withServer(
				(req, res) => json(res, status, { message: 'no' }),
				async (server) => {
					const result = await run(
						server,
						readParams('getState', (i) => `FA2026-${String(i + 1).padStart(4, '0')}`, {
							maxRetries,
							concurrency: 5,
						}),
						30,
						{
							continueOnFail: true,
						},
					);
					expect(result.error).toBeUndefined();
					expect(server.logins()).toBe(status === 401 ? 1 : maxRetries + 1);
					expect(server.calls()).toHaveLength(0);
					const messages = new Set(result.output!.map((o) => o.json.error));
					expect(result.output).toHaveLength(30);
					expect(messages.size).toBe(1);
					expect([...messages][0]).toMatch(
						status === 401 ? /rejected the user or password/ : /log-in failed with HTTP 503/,
					);
				},
			);
		},
	);

	it('20 concurrent calls that find the key expired share one log-in', async () => {
		let expired = '';
		await withServer(
			(req, res, seen, self) => {
				if (seen.path === LOGIN_PATH) return setTimeout(() => answerLogin(res, seen, self), 100);
				if (seen.headers['x-api-key'] !== self.key || seen.headers['x-api-key'] === expired)
					return json(res, 401, 'expired');
				setTimeout(() => json(res, 200, { estado: 'Correcto' }), 20);
			},
			async (server) => {
				expired = server.key;
				const stale = server.key;
				server.rotateKey();
				const result = await run(
					server,
					readParams('getState', (i) => `FA2026-${String(i + 1).padStart(4, '0')}`, {
						concurrency: 20,
					}),
					40,
					{
						credentials: { apiKey: stale },
					},
				);
				expect(result.error).toBeUndefined();
				expect(result.output).toHaveLength(40);
				expect(server.logins()).toBe(1);
				// At most one 401 per call that was already in flight with the stale key.
				expect(
					server.calls().filter((c) => c.headers['x-api-key'] === stale).length,
				).toBeLessThanOrEqual(20);
			},
		);
	});

	it('without a key, 20 concurrent first calls share one log-in', async () => {
		await withServer(
			(req, res, seen, self) => {
				if (seen.path === LOGIN_PATH) setTimeout(() => answerLogin(res, seen, self), 100);
				else json(res, 200, { estado: 'Correcto' });
			},
			async (server) => {
				const result = await run(
					server,
					readParams('getState', (i) => `FA2026-${String(i + 1).padStart(4, '0')}`, {
						concurrency: 20,
					}),
					40,
				);
				expect(result.error).toBeUndefined();
				expect(server.logins()).toBe(1);
				expect(server.calls().every((c) => c.headers['x-api-key'] === server.key)).toBe(true);
			},
		);
	});
});

describe('§6 a Retry-After longer than the cap fails at once and names the wait', () => {
	const cases: Array<[string, () => Record<string, unknown>, number]> = [
		['Get State', () => readParams('getState', ['FA2026-0001'], { maxRetries: 3 }), 429],
		['Get State (503)', () => readParams('getState', ['FA2026-0001'], { maxRetries: 3 }), 503],
		['Series Get Many', () => seriesParams({ maxRetries: 3 }), 429],
		['Create', () => createParams(['FA2026-0001'], { maxRetries: 3 }), 429],
	];
	it.each(cases)('%s', async (_name, params, status) => {
		await withServer(
			(req, res, seen, self) => {
				if (seen.path === LOGIN_PATH) return answerLogin(res, seen, self);
				json(res, status, { message: 'slow down' }, { 'Retry-After': '3600' });
			},
			async (server) => {
				const result = await run(server, params());
				expect(result.error!.message).toContain('asked to wait 3600 s (1 h)');
				expect(result.error!.description).toContain('Run it again later');
				expect(server.calls()).toHaveLength(1);
			},
		);
	});

	it('on the log-in too', async () => {
		await withServer(
			(req, res) => json(res, 429, 'busy', { 'Retry-After': '3600' }),
			async (server) => {
				const result = await run(
					server,
					readParams('getState', ['FA2026-0001'], { maxRetries: 3 }),
				);
				expect(result.error!.message).toContain('asked to wait 3600 s (1 h)');
				expect(server.logins()).toBe(1);
			},
		);
	});
});

describe('§7 numeric text: linear parsing and a length cap', () => {
	it('parses long but sane texts exactly and refuses over-long ones', () => {
		expect(parseDecimal(`10.${'0'.repeat(60)}`)).toEqual({ units: 10n, scale: 0 });
		expect(parseDecimal(`0.${'0'.repeat(50)}5`)).toEqual({ units: 5n, scale: 51 });
		expect(parseDecimal(`10.${'0'.repeat(120_000)}`)).toBeUndefined();
		expect(parseDecimal(`${' '.repeat(300)}1`)).toBeUndefined();
		expect(parseDecimal('12.50')).toEqual({ units: 125n, scale: 1 });
	});

	it('the webhook path (Lines From Field reads numbers with InputReader) names the field and quotes 40 characters at most', () => {
		const reader = new InputReader('Europe/Madrid');
		expect(
			reader.number('Line 1 → Unit Price', `10.${'0'.repeat(120_000)}`, 'price'),
		).toBeUndefined();
		expect(reader.problems).toHaveLength(1);
		expect(reader.problems[0]).toMatch(/^Line 1 → Unit Price: must be a price/);
		expect(reader.problems[0].length).toBeLessThan(200);
	});
});

describe('§8 answers are size-capped, and the limit is named', () => {
	it('a JSON answer that never ends is cut at 8 MB and the connection closed', async () => {
		let written = 0;
		await withServer(
			async (req, res, seen, self) => {
				if (seen.path === LOGIN_PATH) return answerLogin(res, seen, self);
				res.writeHead(200, { 'Content-Type': 'application/json' });
				written = await flood(res, 40 * 1024 * 1024);
			},
			async (server) => {
				const result = await run(server, readParams('getState', ['FA2026-0001'], { timeout: 30 }));
				expect(result.error!.message).toContain('larger than 8 MB');
				await until(() => server.calls().every((c) => c.closed));
				expect(written).toBeLessThan(40 * 1024 * 1024);
			},
		);
	});

	it.each([
		['Get PDF', () => readParams('getPdf', ['FA2026-0001']), '64 MB'],
		['Get State', () => readParams('getState', ['FA2026-0001']), '8 MB'],
	])(
		'%s: a declared 600 MB answer fails at once, naming the limit, and its connection is closed',
		async (_name, params, limit) => {
			await withServer(
				(req, res, seen, self) => {
					if (seen.path === LOGIN_PATH) return answerLogin(res, seen, self);
					res.writeHead(200, {
						'Content-Type': 'application/pdf',
						'Content-Length': String(600 * 1024 * 1024),
					});
					res.write('%PDF-1.4\n');
				},
				async (server) => {
					const result = await run(server, params());
					expect(result.error!.message).toContain(`larger than ${limit}`);
					await until(() => server.calls().every((c) => c.closed));
					expect(server.calls().every((c) => c.closed)).toBe(true);
				},
			);
		},
	);
});

/** Waits (bounded: 100 × 50 ms) for a server-side event the client has caused. */
async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 100 && !condition(); i++)
		await new Promise((resolve) => setTimeout(resolve, 50));
}
