// Plain-HTTP helpers for the emulator's own tests (Node's fetch; no client code from the node).
import { DEMO_USER, LOGIN_PATH, SERVICES, type Emulator } from './index';

export { manyLinesBody, sampleInvoiceBody, SAMPLE_TOTALS } from '../fixtures/emulator/invoiceBody';

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	bytes: Buffer;
	json: unknown;
}

export async function call(
	emu: Emulator,
	method: 'GET' | 'POST' | 'PUT',
	path: string,
	options: { body?: unknown; rawBody?: string; key?: string; signal?: AbortSignal } = {},
): Promise<Answer> {
	const headers: Record<string, string> = {};
	if (options.key !== undefined) headers['X-API-KEY'] = options.key;
	let body: string | undefined = options.rawBody;
	if (options.body !== undefined) body = JSON.stringify(options.body);
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(emu.url + path, { method, headers, body, signal: options.signal });
	const bytes = Buffer.from(await res.arrayBuffer());
	const text = bytes.toString('utf8');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, bytes, json };
}

export const paths = {
	login: LOGIN_PATH,
	add: SERVICES + 'AddInvoice',
	pdf: (n: string) => `${SERVICES}PDFInvoice?invoiceNumber=${encodeURIComponent(n)}`,
	state: (n: string) => `${SERVICES}GetInvoiceStateByNumber/${encodeURIComponent(n)}`,
	consecutives: SERVICES + 'GetConsecutives',
};

export async function login(emu: Emulator, user = DEMO_USER): Promise<string> {
	const res = await call(emu, 'POST', paths.login, {
		body: { User: user.user, Password: user.password },
	});
	if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
	return (res.json as string[])[0];
}

export interface EnvelopeJson {
	id: number;
	messages: string | null;
	isError: boolean;
	toolObject: unknown;
}

export function envelopeOf(answer: Answer): EnvelopeJson {
	expect(answer.status).toBe(200);
	const env = answer.json as EnvelopeJson;
	expect(Object.keys(env).sort()).toEqual(['id', 'isError', 'messages', 'toolObject']);
	return env;
}

/** What a failed request raised, as plain data (fetch's errors come from another realm than jest's). */
export interface FetchFailure {
	name: string;
	message: string;
	causeCode?: string;
}

export async function fetchError(promise: Promise<unknown>): Promise<FetchFailure> {
	try {
		await promise;
	} catch (error) {
		const e = error as Error & { cause?: { code?: string } };
		return { name: e.name, message: e.message, causeCode: e.cause?.code };
	}
	throw new Error('expected the request to fail');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `condition` holds (checked every few ms); no deadline of its own, jest's applies. */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await sleep(5);
}
