// Reading an answer's body under two bounds: a size cap (a hostile or broken server cannot
// fill the memory) and the attempt's deadline (n8n's `timeout` stops counting once the headers
// arrive, so a body trickling in byte by byte would otherwise keep the call open for ever).
// When a bound is hit the stream is destroyed, which closes the connection.
import type { IHttpRequestOptions } from 'n8n-workflow';

/** The part of a Node.js readable stream used here (no import: shipped code imports no `stream`). */
export interface BodyStream {
	on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	on(event: 'end' | 'close', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	destroy(error?: Error): unknown;
	removeListener?(event: string, listener: (...args: never[]) => void): unknown;
	readableEnded?: boolean;
}

/** Stands in for our error listener once the body is read: a late socket error must not throw. */
const ignoreLateError = () => undefined;

export function isBodyStream(value: unknown): value is BodyStream {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as BodyStream).on === 'function' &&
		typeof (value as BodyStream).destroy === 'function'
	);
}

export class BoundError extends Error {
	constructor(
		readonly bound: 'timeout' | 'size',
		message: string,
		readonly limit: number,
	) {
		super(message);
		this.name = 'FacturasAppBoundError';
	}
}

export function tooLarge(limitBytes: number): BoundError {
	return new BoundError(
		'size',
		`the answer is larger than this node accepts (${formatBytes(limitBytes)})`,
		limitBytes,
	);
}

export function tooSlow(timeoutMs: number): BoundError {
	return new BoundError(
		'timeout',
		`no complete answer within the Request Timeout (${timeoutMs / 1000} s)`,
		timeoutMs,
	);
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}

/**
 * Waits for `promise` but gives up at the deadline. A value that arrives after giving up is
 * handed to `late` (to close a stream nobody will read).
 */
export async function raceDeadline<T>(
	promise: Promise<T>,
	signal: AbortSignal,
	onTimeout: () => Error,
	late: (value: T) => void,
): Promise<T> {
	return await new Promise<T>((resolve, reject) => {
		let settled = false;
		const giveUp = () => {
			if (settled) return;
			settled = true;
			reject(onTimeout());
		};
		if (signal.aborted) giveUp();
		else signal.addEventListener('abort', giveUp, { once: true });
		promise.then(
			(value) => {
				if (settled) return late(value);
				settled = true;
				signal.removeEventListener('abort', giveUp);
				resolve(value);
			},
			(error: unknown) => {
				if (settled) return;
				settled = true;
				signal.removeEventListener('abort', giveUp);
				// The same signal may also have aborted the request itself: that is our deadline.
				reject(signal.aborted ? onTimeout() : (error as Error));
			},
		);
	});
}

/** Reads a whole body, destroying the stream when it exceeds `maxBytes` or the signal fires. */
export async function readBody(
	body: unknown,
	maxBytes: number,
	signal: AbortSignal,
	onTimeout: () => Error,
): Promise<Buffer> {
	if (!isBodyStream(body)) {
		const buffer = Buffer.isBuffer(body)
			? body
			: body instanceof ArrayBuffer
				? Buffer.from(body)
				: Buffer.from(
						typeof body === 'string'
							? body
							: body === undefined || body === null
								? ''
								: JSON.stringify(body),
					);
		if (buffer.length > maxBytes) throw tooLarge(maxBytes);
		return buffer;
	}
	const stream = body;
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let done = false;
		const finish = (error?: Error) => {
			if (done) return;
			done = true;
			signal.removeEventListener('abort', onAbort);
			// The stream may outlive this call (its socket stays tied to the attempt's signal):
			// our listeners would keep the chunks and the body alive with it, a PDF's worth per item.
			stream.on('error', ignoreLateError);
			for (const [event, listener] of Object.entries(listeners))
				stream.removeListener?.(event, listener);
			if (error) {
				chunks.length = 0;
				stream.destroy();
				reject(error);
			} else {
				resolve(Buffer.concat(chunks.splice(0), size));
			}
		};
		const listeners = {
			data: (chunk: Buffer | string) => {
				const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				size += piece.length;
				if (size > maxBytes) return finish(tooLarge(maxBytes));
				chunks.push(piece);
			},
			end: () => finish(),
			error: (error: Error) => finish(signal.aborted ? onTimeout() : error),
			// A connection closed before the end: 'close' without 'end'.
			close: () => {
				if (!done && stream.readableEnded !== true)
					finish(
						Object.assign(new Error('the connection was closed mid-answer'), {
							code: 'ECONNRESET',
						}),
					);
			},
		};
		const onAbort = () => finish(onTimeout());
		if (signal.aborted) return finish(onTimeout());
		signal.addEventListener('abort', onAbort, { once: true });
		stream.on('data', listeners.data);
		stream.on('end', listeners.end);
		stream.on('error', listeners.error);
		stream.on('close', listeners.close);
	});
}

/**
 * The options every call shares, the log-in included: the body as a stream (read under the bounds
 * above), statuses returned as answers, redirects never followed (the key must not go to another
 * host), and the deadline handed to the socket itself.
 */
export function boundedOptions(timeoutMs: number, socketSignal: AbortSignal) {
	return {
		headers: { Accept: 'application/json' },
		json: false,
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: timeoutMs,
		agentOptions: { signal: socketSignal } as IHttpRequestOptions['agentOptions'],
	} satisfies Partial<IHttpRequestOptions>;
}
