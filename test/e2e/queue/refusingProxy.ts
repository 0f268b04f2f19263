// A pass-through in front of the emulator that refuses chosen AddInvoice calls the way
// FacturasApp refuses an invoice (HTTP 200 + isError, nothing stored): "a batch refused once at
// item 11". Everything else is forwarded untouched. Loopback only.
import * as http from 'http';
import type { AddressInfo } from 'net';

import { SERVICES } from '../../emulator/index';
import { businessError } from '../../emulator/http';

export interface RefusingProxy {
	url: string;
	/** AddInvoice calls seen so far (refused ones included). */
	readonly addInvoiceCalls: number;
	/** Refuse these AddInvoice calls (1-based, counted from now). */
	refuseCalls(calls: number[]): void;
	close(): Promise<void>;
}

export async function startRefusingProxy(target: string): Promise<RefusingProxy> {
	const upstream = new URL(target);
	let calls = 0;
	let base = 0;
	let refuse = new Set<number>();
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			if (req.method === 'POST' && req.url?.startsWith(`${SERVICES}AddInvoice`)) {
				calls++;
				if (refuse.has(calls - base)) {
					const answer = JSON.stringify(
						businessError(
							'La factura no se ha podido registrar en este momento (rechazo de prueba).',
						),
					);
					res.writeHead(200, {
						'content-type': 'application/json; charset=utf-8',
						'content-length': Buffer.byteLength(answer),
					});
					res.end(answer);
					return;
				}
			}
			const forward = http.request(
				{
					host: upstream.hostname,
					port: upstream.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: upstream.host },
				},
				(up) => {
					res.writeHead(up.statusCode ?? 502, up.headers);
					up.pipe(res);
				},
			);
			forward.on('error', () => res.destroy());
			forward.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get addInvoiceCalls() {
			return calls;
		},
		refuseCalls(list) {
			base = calls;
			refuse = new Set(list);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
