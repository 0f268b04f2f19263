// The HTTP server: routing, API-key check, fault injection around the handlers, socket
// bookkeeping so close() ends even with requests left hanging on purpose.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { findRoute, type Reply } from './api';
import { handleControl } from './control';
import type { EmulatorCore } from './core';
import { AFTER_EFFECT } from './faults';
import { envelope, errorBody, HttpError, send, sendJson } from './http';
import { buildStateObject } from './state';
import type { FaultAction } from './types';

export class EmulatorServer {
	readonly http: Server;
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private closed = false;

	constructor(
		private readonly core: EmulatorCore,
		private readonly log: ((line: string) => void) | null,
	) {
		this.http = createServer((req, res) => {
			this.handle(req, res).catch((error) => this.fail(res, error));
		});
		// Idle keep-alive sockets are closed by the client only. Node's 5 s server-side close races
		// a client reusing the socket just then (ECONNRESET on a busy machine); close() still
		// destroys every socket.
		this.http.keepAliveTimeout = 0;
		this.http.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	listen(port: number, host: string): Promise<string> {
		return new Promise((resolve, reject) => {
			this.http.once('error', reject);
			this.http.listen(port, host, () => {
				const address = this.http.address();
				if (address === null || typeof address === 'string')
					return reject(new Error('no TCP address'));
				resolve(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
			});
		});
	}

	/** Stops listening, drops every connection (hanging ones included) and pending delays. */
	close(): Promise<void> {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const done = new Promise<void>((resolve) => this.http.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		return done;
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const started = Date.now();
		const url = new URL(req.url ?? '/', 'http://emulator.local');
		if (this.log) this.logWhenDone(req, res, url.pathname, started);
		if (url.pathname.startsWith('/__emulator/')) return handleControl(this.core, req, res, url);
		// Calls really in flight at once (the bench reports it); a reset mid-call starts from 0.
		const counters = this.core.counters;
		counters.maxInFlight = Math.max(counters.maxInFlight, ++counters.inFlight);
		res.once('close', () => {
			if (counters.inFlight > 0) counters.inFlight--;
		});

		const route = findRoute(req.method ?? '', url.pathname);
		if (route === null) {
			this.core.counters.notFound++;
			return sendJson(res, 404, errorBody('Recurso no encontrado.'));
		}
		if (route === 'method') return sendJson(res, 405, errorBody('Método no permitido.'));

		const { endpoint } = route;
		this.core.counters.calls[endpoint]++;
		const decision = this.core.faults.decide(endpoint);
		if (decision.latencyMs > 0) {
			this.core.countFault(endpoint, 'latency');
			await this.sleep(decision.latencyMs);
			if (this.closed) return;
		}
		const action = decision.action;
		if (action) this.core.countFault(endpoint, action);
		if (action && !AFTER_EFFECT.includes(action)) {
			return this.inject(action, req, res, decision.retryAfterSec, route.param);
		}

		let reply: Reply;
		const user = route.needsKey ? this.core.userForKey(headerValue(req, 'x-api-key')) : null;
		if (route.needsKey && !user && this.core.config.staleKeyStatus === 500) {
			// The public client's reading: a stale key may come back as a plain 500.
			req.resume();
			this.core.counters.staleKey500++;
			reply = { status: 500, json: errorBody('Se ha producido un error interno en el servidor.') };
		} else if (route.needsKey && !user) {
			req.resume();
			reply = { status: 401, json: errorBody('API key no válida o caducada.') };
		} else {
			reply = await route
				.handler({ core: this.core, req, url, user, param: route.param })
				.catch((error) => errorReply(error));
		}
		// commitThen*: the effect (if any) has happened; the client still sees a failure.
		if (action === 'commitThen500' || action === 'commitThenReset') {
			return this.inject(action === 'commitThen500' ? '500' : 'reset', req, res, 0);
		}
		if (action === 'commitThenHang') {
			this.core.onHang?.(endpoint);
			return;
		}
		if (action === 'commitThenCutHeaders' || action === 'commitThenCutBody')
			return this.cut(res, reply, action === 'commitThenCutBody');
		if (action === 'isErrorString') reply = withStringIsError(reply);
		// Counted here, not in the handlers, so a 401 swapped for a fault is not counted as sent.
		if (reply.status === 401) this.core.counters.unauthorized++;
		writeReply(res, reply);
	}

	/** Sends the reply's headers (Content-Length of the whole body) and maybe half the body, then drops the connection. */
	private cut(res: ServerResponse, reply: Reply, halfBody: boolean): void {
		const body = reply.raw ? Buffer.from(reply.raw.body) : Buffer.from(JSON.stringify(reply.json));
		const contentType = reply.raw?.contentType ?? 'application/json; charset=utf-8';
		res.writeHead(reply.status, {
			'Content-Type': contentType,
			'Content-Length': String(body.length),
		});
		if (halfBody) res.write(body.subarray(0, Math.floor(body.length / 2)));
		else res.flushHeaders();
		// Let the bytes leave before the drop, so the client really sees headers first.
		void this.sleep(15).then(() => res.socket?.destroy());
	}

	private inject(
		action: FaultAction,
		req: IncomingMessage,
		res: ServerResponse,
		retryAfterSec: number,
		asked?: string,
	): void {
		if (action === 'timeout') {
			// Accept the request (drain the body) and never answer; close() destroys the socket.
			req.resume();
			return;
		}
		if (action === 'reset') {
			const socket = req.socket as Socket & { resetAndDestroy?: () => void };
			// A TCP RST where the platform allows it (ECONNRESET at the client), else a plain close.
			if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
			else socket.destroy();
			return;
		}
		req.resume();
		if (action === '500')
			return sendJson(res, 500, errorBody('Se ha producido un error interno en el servidor.'));
		if (action.startsWith('answer')) return sendJson(res, 200, this.hostileAnswer(action, asked));
		const status = action === '429' ? 429 : 503;
		const text = status === 429 ? 'Too Many Requests' : 'Service Unavailable';
		send(res, status, text, 'text/plain; charset=utf-8', { 'Retry-After': String(retryAfterSec) });
	}

	/** HTTP 200 answers that prove nothing about the number asked for. */
	private hostileAnswer(action: FaultAction, asked: string | undefined): unknown {
		switch (action) {
			case 'answerEmptyArray':
				return [];
			case 'answerNull':
				return null;
			case 'answerEmptyObject':
				return {};
			case 'answerNotFoundOk':
				return { id: 0, messages: 'Factura no encontrada', isError: false, toolObject: null };
			case 'answerStatusError':
				return { status: 'error' };
			default: {
				const other = [...this.core.records.values()]
					.reverse()
					.find((r) => r.invoiceNumber !== asked);
				const state = other
					? buildStateObject(
							other,
							this.core.now(),
							this.core.config.stateDelayMs,
							this.core.overrides.get(other.invoiceNumber),
						)
					: { invoiceNumber: 'OTRA-000001', state: 'Correcto' };
				return envelope(other?.id ?? 999_999, null, state);
			}
		}
	}

	private fail(res: ServerResponse, error: unknown): void {
		writeReply(res, errorReply(error));
	}

	private logWhenDone(
		req: IncomingMessage,
		res: ServerResponse,
		pathname: string,
		started: number,
	): void {
		// Path only: the query and the headers can carry numbers or keys, bodies carry passwords.
		let written = false;
		const write = (outcome: string) => {
			if (written) return;
			written = true;
			this.log!(`${req.method} ${pathname} ${outcome} ${Date.now() - started}ms`);
		};
		res.on('finish', () => write(String(res.statusCode)));
		res.on('close', () => write(res.writableFinished ? String(res.statusCode) : 'no answer'));
	}
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
	const v = req.headers[name];
	return Array.isArray(v) ? v[0] : v;
}

/** The same reply with an envelope's isError as the string "true" / "false". */
function withStringIsError(reply: Reply): Reply {
	const json = reply.json as { isError?: unknown } | undefined;
	if (!json || typeof json !== 'object' || typeof json.isError !== 'boolean') return reply;
	return { ...reply, json: { ...json, isError: String(json.isError) } };
}

function errorReply(error: unknown): Reply {
	if (error instanceof HttpError) return { status: error.status, json: errorBody(error.message) };
	return { status: 500, json: errorBody('Se ha producido un error interno en el servidor.') };
}

function writeReply(res: ServerResponse, reply: Reply): void {
	if (reply.raw) send(res, reply.status, reply.raw.body, reply.raw.contentType);
	else sendJson(res, reply.status, reply.json);
}
