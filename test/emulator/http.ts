// Small HTTP helpers on node:http: body reading, JSON answers, the ResponseTools envelope.
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			// Keep draining instead of destroying, so the 413 answer still reaches the client.
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => {
			if (size > MAX_BODY_BYTES)
				reject(new HttpError(413, 'El cuerpo de la petición es demasiado grande.'));
			else resolve(Buffer.concat(chunks));
		});
		req.on('error', reject);
	});
}

/** Parses a JSON body; malformed or empty → 400 like the live gateway. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
	const raw = (await readBody(req)).toString('utf8');
	if (raw.trim() === '') throw new HttpError(400, 'El cuerpo de la petición está vacío.');
	try {
		return JSON.parse(raw);
	} catch {
		throw new HttpError(400, 'El cuerpo de la petición no es un JSON válido.');
	}
}

export function send(
	res: ServerResponse,
	status: number,
	body: string | Buffer,
	contentType: string,
	headers: Record<string, string> = {},
): void {
	if (res.headersSent || res.destroyed) return;
	const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	res.writeHead(status, {
		'Content-Type': contentType,
		'Content-Length': String(payload.length),
		...headers,
	});
	res.end(payload);
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers?: Record<string, string>,
): void {
	send(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

export interface Envelope {
	id: number;
	messages: string | null;
	isError: boolean;
	toolObject: unknown;
}

export function envelope(
	id: number,
	messages: string | null,
	toolObject: unknown = null,
): Envelope {
	return { id, messages, isError: false, toolObject };
}

/** A business error: HTTP 200 with isError true and a Spanish message (§3). */
export function businessError(messages: string): Envelope {
	return { id: 0, messages, isError: true, toolObject: null };
}

/** The error body shape of the gateway for 4xx/5xx (fields seen: message, exception). */
export function errorBody(message: string): { message: string } {
	return { message };
}
