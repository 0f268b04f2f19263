// Issue 17: the execution reads the credential once and hands the same object to every call
// (`credentialsDecrypted`); after a 401 the key is refreshed in that object, and a key that
// another execution stored meanwhile is taken over without a log-in of our own.
import nock from 'nock';

import { BASE, KEY, KEY2, LOGIN, runNode } from '../helpers/runNode';
import { DEMO_CREDENTIALS } from '../helpers/fakeContext';

const NUMBERS = Array.from({ length: 10 }, (_, i) => `FA2026-${String(i + 1).padStart(4, '0')}`);
const state = { id: 1, messages: null, isError: false, toolObject: { state: 'Pendiente' } };
const params = {
	resource: 'invoice',
	operation: 'getState',
	invoiceNumber: (i: number) => NUMBERS[i],
	options: { concurrency: 5, maxRetries: 1, timeout: 2 },
};
const items = NUMBERS.map(() => ({ json: {} }));
const statePath = /GetInvoiceStateByNumber\/FA2026-\d{4}$/;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

it('a key refused mid-run is renewed once, in the object every call shares: one log-in for all calls', async () => {
	nock(BASE, { reqheaders: { 'X-API-KEY': KEY } })
		.get(statePath)
		.times(10)
		.reply(401, 'expired');
	let httpLogins = 0;
	nock(BASE)
		.post(LOGIN)
		.times(10)
		.reply(() => {
			httpLogins++;
			return [200, [KEY2]];
		});
	const good = nock(BASE, { reqheaders: { 'X-API-KEY': KEY2 } })
		.get(statePath)
		.times(10)
		.reply(200, state);
	const result = await runNode({ params, items, credentials: { apiKey: KEY } });
	expect(result.error).toBeUndefined();
	expect(result.output).toHaveLength(10);
	expect(good.isDone()).toBe(true);
	// n8n may call preAuthentication from each waiting call; the log-in itself runs once.
	expect(httpLogins).toBe(1);
	// n8n wrote the new key into the execution's credential object itself (in place).
	expect(result.fake.credentials.apiKey).toBe(KEY2);
});

it('a key another execution stored meanwhile is taken over: no log-in of our own', async () => {
	// What n8n's database holds; each getCredentials decrypts a fresh copy of it.
	const stored = { ...DEMO_CREDENTIALS, apiKey: KEY };
	let firstRefusal = true;
	nock(BASE, { reqheaders: { 'X-API-KEY': KEY } })
		.get(statePath)
		.times(10)
		.reply(() => {
			// The key expired and another execution logged in and stored its new key.
			if (firstRefusal) stored.apiKey = KEY2;
			firstRefusal = false;
			return [401, 'expired'];
		});
	const good = nock(BASE, { reqheaders: { 'X-API-KEY': KEY2 } })
		.get(statePath)
		.times(10)
		.reply(200, state);
	const login = nock(BASE).post(LOGIN).reply(200, ['never-used-key-0123456789']);
	const result = await runNode({
		params,
		items,
		credentials: { apiKey: KEY },
		storedCredentials: () => ({ ...stored }),
	});
	expect(result.error).toBeUndefined();
	expect(result.output).toHaveLength(10);
	expect(good.isDone()).toBe(true);
	expect(login.isDone()).toBe(false);
	expect(result.fake.logins).toBe(0);
	// Calls went out with the old key at most once each, then with the stored one.
	const sent = result.fake.requests.map((r) => (r.headers as Record<string, string>)['X-API-KEY']);
	expect(sent.filter((k) => k === KEY2)).toHaveLength(10);
	expect(sent.filter((k) => k === KEY).length).toBeLessThanOrEqual(10);
});
