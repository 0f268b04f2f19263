// Issue 13 §1–3: secrets stay home. Redirects are never followed (a second loopback server
// records whatever reaches it), plain http:// is refused off loopback, and every string that
// leaves the node is redacted, outputs included.
import nock from 'nock';

import { FacturasAppApi } from '../../credentials/FacturasAppApi.credentials';
import { httpRequest } from '../unit/helpers/fakeContext';
import type { HostileServer } from './server';
import {
	answerLogin,
	createParams,
	credentials,
	expectNoSecret,
	json,
	LOGIN_PATH,
	PASSWORD,
	readParams,
	run,
	seriesParams,
	SERVICES,
	startServer,
	tinyPdf,
	visible,
} from './server';

let elsewhere: HostileServer;
beforeAll(async () => {
	// The "foreign host": answers everything with a success, so following would look fine.
	elsewhere = await startServer((req, res, seen) => {
		if (seen.path.endsWith('/PDFInvoice'))
			return json(res, 200, {
				id: 1,
				isError: false,
				messages: null,
				toolObject: tinyPdf().toString('base64'),
			});
		if (seen.path === LOGIN_PATH) return json(res, 200, ['foreign-key-0123456789abcdef']);
		json(res, 200, {
			id: 99,
			isError: false,
			messages: null,
			toolObject: { facturasDeAlta: [{ prefijo: 'X', consecutivoActual: 1 }] },
		});
	});
});
afterAll(async () => await elsewhere.close());
beforeEach(() => elsewhere.seen.splice(0));

const STATUSES = [301, 302, 303, 307, 308];
const CALLS: Array<[string, () => Record<string, unknown>]> = [
	['Create', () => createParams(['FA2026-0001'])],
	['Get State', () => readParams('getState', ['FA2026-0001'])],
	['Get PDF', () => readParams('getPdf', ['FA2026-0001'])],
	['Series Get Many', () => seriesParams()],
];

describe('§1 redirects are never followed', () => {
	it.each(STATUSES)(
		'a %i on the log-in: the password stays home, the error names the host and the Base URL',
		async (status) => {
			const server = await startServer((req, res, seen) => {
				res.writeHead(status, { Location: `${elsewhere.url}${seen.path}?token=abc` });
				res.end();
			});
			try {
				const result = await run(server, readParams('getState', ['FA2026-0001']));
				expect(elsewhere.seen).toHaveLength(0);
				expect(server.logins()).toBe(1);
				expect(result.error!.message).toContain(`redirected to ${elsewhere.host}`);
				expect(result.error!.message).toContain('Base URL needs fixing');
				expect(result.error!.message).not.toContain('token=abc');
				expectNoSecret(visible(result), PASSWORD);
			} finally {
				await server.close();
			}
		},
	);

	describe.each(CALLS)('%s', (_name, params) => {
		it.each(STATUSES)(
			'a %i: neither the key nor the body goes to the other host; no success is output',
			async (status) => {
				const server = await startServer((req, res, seen, self) => {
					if (seen.path === LOGIN_PATH) return answerLogin(res, seen, self);
					res.writeHead(status, { Location: `${elsewhere.url}${seen.path}` });
					res.end();
				});
				try {
					const result = await run(server, params());
					expect(elsewhere.seen).toHaveLength(0);
					expect(result.output).toBeUndefined();
					expect(result.error!.message).toContain(`redirected the request to ${elsewhere.host}`);
					expect(result.error!.description).toContain('needs fixing');
					const text = visible(result);
					expectNoSecret(text, server.key);
					expectNoSecret(text, PASSWORD);
				} finally {
					await server.close();
				}
			},
		);
	});

	it('the credential Test request does not follow redirects either', () => {
		expect(new FacturasAppApi().test.request.disableFollowRedirect).toBe(true);
	});
});

describe('§2 plain http:// only to this machine, unless the user allows it', () => {
	// Nothing may leave the machine: nock refuses every connection that is not loopback, and
	// answers the one allowed case itself.
	beforeAll(() => {
		nock.disableNetConnect();
		nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
	});
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());
	const remote = 'http://192.0.2.10:8080';

	it('refuses a remote http:// Base URL before any call, saying why and what to do', async () => {
		const scope = nock(remote).post(LOGIN_PATH).reply(200, ['never-sent-0123456789abcdef']);
		const result = await run({ url: remote }, readParams('getState', ['FA2026-0001']));
		expect(scope.isDone()).toBe(false);
		expect(result.error!.message).toContain('plain http://');
		expect(result.error!.message).toContain('unencrypted');
		expect(result.error!.message).toContain('Allow Unencrypted HTTP');
	});

	it('refuses it in the credential preAuthentication too (the Test button)', async () => {
		const helper = { helpers: { httpRequest } };
		await expect(
			new FacturasAppApi().preAuthentication.call(
				helper as never,
				credentials({ url: remote }) as never,
			),
		).rejects.toThrow(/plain http:\/\//);
	});

	it('sends it when "Allow Unencrypted HTTP" is on', async () => {
		const scope = nock(remote).post(LOGIN_PATH).reply(200, ['allowed-key-0123456789abcdef']);
		nock(remote)
			.get(`${SERVICES}/GetInvoiceStateByNumber/FA2026-0001`)
			.reply(200, { estado: 'Correcto' });
		const result = await run({ url: remote }, readParams('getState', ['FA2026-0001']), 1, {
			credentials: { allowUnencryptedHttp: true },
		});
		expect(scope.isDone()).toBe(true);
		expect(result.error).toBeUndefined();
	});

	it('a refused Base URL is printed without its user:password@', async () => {
		const result = await run(
			{ url: 'http://proxyuser:Pr0xy-Secret-99@192.0.2.10' },
			readParams('getState', ['FA2026-0001']),
		);
		expect(result.error!.message).toContain('http://192.0.2.10');
		expect(visible(result)).not.toContain('Pr0xy-Secret-99');
	});

	it('the option says what it risks', () => {
		const option = new FacturasAppApi().properties.find((p) => p.name === 'allowUnencryptedHttp')!;
		expect(option.displayName).toBe('Allow Unencrypted HTTP');
		expect(option.description).toMatch(/unencrypted/i);
		expect(option.description).toMatch(/password/i);
	});
});

describe('§3 one redactor for everything that leaves the node', () => {
	// Echoes the key and the password into every kind of answer.
	const echo = (key: string) => `k=${key} p=${PASSWORD}`;
	let server: HostileServer;
	let mode = '';
	beforeAll(async () => {
		server = await startServer((req, res, seen, self) => {
			const key = String(seen.headers['x-api-key'] ?? '');
			if (seen.path === LOGIN_PATH) {
				if (mode === 'cut-login') {
					// A log-in answer cut mid-key: no Content-Length, the connection just ends.
					res.writeHead(200, { 'Content-Type': 'application/json' });
					return res.end(`["${self.key.slice(0, 20)}`);
				}
				return answerLogin(res, seen, self);
			}
			if (mode === 'state')
				return json(res, 200, { estado: 'Correcto', nota: echo(key), [echo(key)]: 1 });
			if (mode === 'series')
				return json(res, 200, {
					facturasDeAlta: [
						{ prefijo: 'FA', consecutivoActual: 3, isDefault: true, eco: echo(key) },
					],
				});
			if (mode === 'create')
				return json(res, 200, {
					id: 5,
					isError: false,
					messages: echo(key),
					toolObject: { eco: echo(key) },
				});
			if (mode === 'business')
				return json(res, 200, { id: 0, isError: true, messages: `Clave ${echo(key)} no válida` });
			if (mode === 'half-key')
				return json(res, 200, {
					id: 0,
					isError: true,
					messages: `Clave ${key.slice(0, 14)}… y ${key.slice(20)}`,
				});
			if (mode === 'lost-create') {
				// AddInvoice is cut (ambiguous), and the look-up fails echoing the key.
				if (seen.path.endsWith('/AddInvoice')) return res.destroy();
				return json(res, 200, { id: 0, isError: true, messages: `Consulta fallida: ${echo(key)}` });
			}
			json(res, 500, `Error interno: ${echo(key)}`);
		});
	});
	afterAll(async () => await server.close());

	it.each([
		['state', () => readParams('getState', ['FA2026-0001'])],
		['series', () => seriesParams()],
		['create', () => createParams(['FA2026-0001'])],
		['business', () => createParams(['FA2026-0001'])],
		['half-key', () => readParams('getPdf', ['FA2026-0001'])],
		['lost-create', () => createParams(['FA2026-0001'])],
		['http-500', () => readParams('getState', ['FA2026-0001'])],
	])('%s: the echoed key and password are blanked in outputs and errors', async (which, params) => {
		mode = which;
		const result = await run(server, params());
		const text = visible(result);
		expect(server.calls().length).toBeGreaterThan(0);
		expect(text).toContain('***');
		expectNoSecret(text, server.key);
		expectNoSecret(text, PASSWORD);
	});

	it('a log-in answer cut mid-key quotes none of it', async () => {
		mode = 'cut-login';
		const result = await run(server, readParams('getState', ['FA2026-0001']));
		expect(result.error!.message).toContain('not valid JSON');
		expectNoSecret(visible(result), server.key);
	});

	it('a Base URL with user:password@ is never printed with them', async () => {
		mode = 'http-500';
		const withUserInfo = server.url.replace('http://', 'http://proxyuser:Pr0xy-Secret-99@');
		const result = await run({ url: withUserInfo }, readParams('getState', ['FA2026-0001']));
		const text = visible(result);
		expect(result.error).toBeDefined();
		expect(text).not.toContain('Pr0xy-Secret-99');
		expect(text).not.toContain('proxyuser:');
	});
});
