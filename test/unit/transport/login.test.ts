import nock from 'nock';

import { FacturasAppApi } from '../../../credentials/FacturasAppApi.credentials';
import { parseLoginBody } from '../../../nodes/FacturasApp/transport/loginAnswer';
import { DEMO_CREDENTIALS, httpRequest } from '../helpers/fakeContext';

const BASE = DEMO_CREDENTIALS.baseUrl;
const LOGIN = '/ApiGateway/AppSecurity/ApiKey';
const KEY = 'k3y-0123456789abcdef';

async function preAuth(credentials: Record<string, unknown> = DEMO_CREDENTIALS) {
	const helper = { helpers: { httpRequest } };
	return await new FacturasAppApi().preAuthentication.call(helper as never, credentials as never);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('parseLoginBody', () => {
	it.each([
		['a one-element JSON array (live form)', `["${KEY}"]`],
		['a JSON string', `"${KEY}"`],
		['plain text', KEY],
		['plain text with whitespace', `  ${KEY}\n`],
		['an array with spaces inside', `[ " ${KEY} " ]`],
	])('accepts %s', (_name, body) => {
		expect(parseLoginBody(body)).toEqual({ ok: true, apiKey: KEY });
	});

	it.each([
		['empty', '', 'an empty body'],
		['an empty array', '[]', 'array with 0 elements'],
		['two keys', '["a1234567","b1234567"]', 'array with 2 elements'],
		[
			'an object with a message (issue 13 §11: its reason is shown)',
			'{"message":"x"}',
			'a refusal: "x"',
		],
		['broken JSON', '["abc', 'not valid JSON'],
		['HTML', '<html><body>Login</body></html>', 'does not look like an API key'],
	])('refuses %s and says what came back', (_name, body, expected) => {
		const result = parseLoginBody(body);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.problem).toContain(expected);
	});
});

describe('credential preAuthentication', () => {
	it('posts User and Password and returns the key from ["<key>"]', async () => {
		const scope = nock(BASE)
			.post(LOGIN, { User: DEMO_CREDENTIALS.user, Password: DEMO_CREDENTIALS.password })
			.reply(200, [KEY]);
		await expect(preAuth()).resolves.toEqual({ apiKey: KEY });
		expect(scope.isDone()).toBe(true);
	});

	it.each([
		['"k"', JSON.stringify(KEY), 'application/json'],
		['plain k', KEY, 'text/plain'],
	])('accepts %s', async (_name, body, type) => {
		nock(BASE).post(LOGIN).reply(200, body, { 'Content-Type': type });
		await expect(preAuth()).resolves.toEqual({ apiKey: KEY });
	});

	it('uses the test or production URL for those environments', async () => {
		const scope = nock('https://facturasapp-qa.cenet.ws').post(LOGIN).reply(200, [KEY]);
		await expect(preAuth({ ...DEMO_CREDENTIALS, environment: 'test' })).resolves.toEqual({
			apiKey: KEY,
		});
		expect(scope.isDone()).toBe(true);
	});

	it('a 401 says the user or password was rejected, without the password', async () => {
		nock(BASE)
			.post(LOGIN)
			.reply(401, { message: `bad password ${DEMO_CREDENTIALS.password}` });
		const error = await preAuth().catch((e: Error) => e);
		expect((error as Error).message).toContain('FacturasApp rejected the user or password');
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(
			DEMO_CREDENTIALS.password,
		);
	});

	it('a 500 says what came back, with secrets blanked', async () => {
		nock(BASE).post(LOGIN).reply(500, `Error for ${DEMO_CREDENTIALS.password}: database down`);
		const error = (await preAuth().catch((e: Error) => e)) as Error;
		expect(error.message).toContain('HTTP 500');
		expect(error.message).toContain('database down');
		expect(error.message).not.toContain(DEMO_CREDENTIALS.password);
	});

	it('an empty 200 body is an error that says so', async () => {
		nock(BASE).post(LOGIN).reply(200, '');
		await expect(preAuth()).rejects.toThrow(/answered HTTP 200 with an empty body/);
	});

	it('retries a 503 and a dropped connection, then succeeds', async () => {
		nock(BASE).post(LOGIN).reply(503, 'busy', { 'Retry-After': '0' });
		nock(BASE).post(LOGIN).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		nock(BASE).post(LOGIN).reply(200, [KEY]);
		await expect(preAuth()).resolves.toEqual({ apiKey: KEY });
	});

	it('an unreachable server is named, and the password is not', async () => {
		nock(BASE)
			.post(LOGIN)
			.times(4)
			.replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
		const error = (await preAuth().catch((e: Error) => e)) as Error;
		expect(error.message).toContain(`Could not log in to FacturasApp at ${BASE}`);
		expect(error.message).not.toContain(DEMO_CREDENTIALS.password);
	});

	it('refuses a custom environment without a usable URL before any call', async () => {
		await expect(preAuth({ ...DEMO_CREDENTIALS, baseUrl: 'facturas.local' })).rejects.toThrow(
			/Base URL: must be a full http/,
		);
	});
});
