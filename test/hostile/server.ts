// A hostile FacturasApp on loopback: each test scripts its answers (cut, trickled, redirected,
// oversized, odd envelopes, echoed secrets) and reads back what the server saw: every request
// with its headers and body, and every connection's closing. Bounded: every trickle and
// stream stops after a fixed count of writes, or as soon as the client has gone.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { INodeExecutionData } from 'n8n-workflow';

import { runNode, sampleBody } from '../unit/helpers/runNode';

export const LOGIN_PATH = '/ApiGateway/AppSecurity/ApiKey';
export const SERVICES = '/ApiGateway/ApiExternal/Invoice/api/InvoiceServices';
export const USER = 'tienda@example.es';
export const PASSWORD = 'Hostile-Passw0rd-Secret!';

export interface Seen {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: string;
	/** Set when this request's connection closed (by either side). */
	closed: boolean;
}

export type Handler = (
	req: IncomingMessage,
	res: ServerResponse,
	seen: Seen,
	server: HostileServer,
) => unknown;

export interface HostileServer {
	url: string;
	host: string;
	seen: Seen[];
	/** The key this server hands out at log-in; a new one after `rotateKey()`. */
	key: string;
	rotateKey(): string;
	logins(): number;
	calls(path?: string): Seen[];
	close(): Promise<void>;
}

export const newKey = () => `hk-${randomBytes(18).toString('hex')}`;

/** A whole, valid one-page PDF (the smallest a viewer opens). */
export function tinyPdf(): Buffer {
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
	];
	let out = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((o, i) => {
		offsets.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

export function json(
	res: ServerResponse,
	status: number,
	value: unknown,
	headers: Record<string, string> = {},
): void {
	const body = typeof value === 'string' ? value : JSON.stringify(value);
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(body);
}

/** Default log-in: the right user and password get this server's key. */
export function answerLogin(res: ServerResponse, seen: Seen, server: HostileServer): void {
	const body = JSON.parse(seen.body || '{}') as { User?: string; Password?: string };
	if (body.User === USER && body.Password === PASSWORD) json(res, 200, [server.key]);
	else json(res, 401, { message: 'Usuario o contraseña incorrectos' });
}

export async function startServer(handler: Handler): Promise<HostileServer> {
	const sockets = new Set<Socket>();
	const seen: Seen[] = [];
	const state: HostileServer = {
		url: '',
		host: '',
		seen,
		key: newKey(),
		rotateKey: () => (state.key = newKey()),
		logins: () => seen.filter((s) => s.path === LOGIN_PATH).length,
		calls: (path) =>
			seen.filter((s) => s.path !== LOGIN_PATH && (path === undefined || s.path.startsWith(path))),
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const entry: Seen = {
				method: req.method ?? '',
				path: decodeURIComponentSafe((req.url ?? '').split('?')[0]),
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
				closed: false,
			};
			seen.push(entry);
			res.on('close', () => (entry.closed = true));
			Promise.resolve(handler(req, res, entry, state)).catch(() => res.destroy());
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	state.url = `http://127.0.0.1:${port}`;
	state.host = `127.0.0.1:${port}`;
	return state;
}

function decodeURIComponentSafe(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

/**
 * Sends `chunk` every `everyMs`, at most `count` times, then ends; stops as soon as the
 * client has closed the connection. Returns whether the trickle was cut short by the client.
 */
export async function trickle(
	res: ServerResponse,
	chunk: string,
	everyMs: number,
	count: number,
): Promise<boolean> {
	for (let i = 0; i < count; i++) {
		if (res.destroyed || res.writableEnded || res.socket?.destroyed !== false) return true;
		res.write(chunk);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	if (!res.destroyed) res.end();
	return false;
}

/** Writes `total` bytes of JSON-ish filler in `chunkSize` pieces, stopping when the client leaves. */
export async function flood(
	res: ServerResponse,
	total: number,
	chunkSize = 64 * 1024,
): Promise<number> {
	const piece = Buffer.alloc(chunkSize, 'a');
	let written = 0;
	res.write('{"toolObject":"');
	while (written < total) {
		if (res.destroyed || res.socket?.destroyed !== false) return written;
		const ok = res.write(piece);
		written += piece.length;
		if (!ok) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
	}
	if (!res.destroyed) res.end('"}');
	return written;
}

export function credentials(server: { url: string }, extra: Record<string, unknown> = {}) {
	return {
		environment: 'custom',
		baseUrl: server.url,
		user: USER,
		password: PASSWORD,
		apiKey: '',
		...extra,
	};
}

export const readParams = (
	operation: string,
	numbers: string[] | ((i: number) => string),
	options: Record<string, unknown> = {},
) => ({
	resource: 'invoice',
	operation,
	invoiceNumber: (i: number) => (typeof numbers === 'function' ? numbers(i) : numbers[i]),
	binaryPropertyName: 'data',
	options: { timeout: 5, maxRetries: 0, ...options },
});

export const createParams = (numbers: string[], options: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation: 'create',
	inputMode: 'json',
	invoiceJson: (i: number) => JSON.stringify(sampleBody(numbers[i])),
	// These servers play AddInvoice: the numbering check's GetConsecutives would be the first call
	// and take the hostile answer instead (GetConsecutives' own hostile answers: Series → Get Many).
	options: { timeout: 5, maxRetries: 0, checkNumberIsNext: false, ...options },
});

export const seriesParams = (options: Record<string, unknown> = {}) => ({
	resource: 'series',
	operation: 'getAll',
	options: { timeout: 5, maxRetries: 0, ...options },
});

export async function run(
	server: { url: string },
	params: Record<string, unknown>,
	items = 1,
	extra: { continueOnFail?: boolean; credentials?: Record<string, unknown> } = {},
) {
	return await runNode({
		params,
		items: Array.from({ length: items }, (_, i): INodeExecutionData => ({ json: { i } })),
		credentials: credentials(server, extra.credentials),
		continueOnFail: extra.continueOnFail,
	});
}

/** Everything a user could see of a run: output JSON (binary excluded), error message, description, context. */
export function visible(result: Awaited<ReturnType<typeof run>>): string {
	const { error, output } = result;
	return JSON.stringify({
		output: output?.map((o) => o.json),
		error: error && {
			message: error.message,
			description: error.description,
			context: error.context,
		},
	});
}

/** Fails when `text` holds `secret` or any 8-character piece of it. */
export function expectNoSecret(text: string, secret: string): void {
	expect(text).not.toContain(secret);
	for (let i = 0; i + 8 <= secret.length; i++) {
		const piece = secret.slice(i, i + 8);
		if (text.includes(piece))
			throw new Error(`a piece of a secret leaked: "${piece}" in ${text.slice(0, 400)}`);
	}
}
