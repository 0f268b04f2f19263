// `npm run bench`: throughput of the node against the emulator, against the round-trip limit,
// driven directly and inside a real n8n (bench-n8n.ts), side by side in one table. It is not a
// test and asserts nothing. The emulator runs in a child process so the CPU figures are the
// node's own. The real-n8n column needs the cached runtime (scripts/runtime.js).
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';

import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	buildInvoiceBody,
	type InvoiceDraft,
	readInvoiceDraft,
	validateInvoiceBody,
} from '../nodes/FacturasApp/invoice';
import { httpRequest } from '../test/unit/helpers/fakeContext';
import { runNode, sampleBody } from '../test/unit/helpers/runNode';
import { benchRealN8n, caseKey, type N8nFigures } from './bench-n8n';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const USER = 'demo@facturasapp.local';
const PASSWORD = 'demo-password';
const SERVICES = '/ApiGateway/ApiExternal/Invoice/api/InvoiceServices';

const READ_N = Number(process.env.BENCH_READ_N ?? 1000);
const CONCURRENCIES = [1, 5, 20];

interface Row {
	operation: 'create' | 'getState' | 'getPdf';
	n: number;
	c: number;
	wall: number;
	plainC1: number;
	plainSameC: number;
	logins: number;
	maxInFlight: number;
	cpu: number;
}
const rows: Row[] = [];
const LABELS = { create: 'Create', getState: 'Get State', getPdf: 'Get PDF' } as const;

async function startEmulatorProcess(): Promise<{ url: string; stop: () => void }> {
	const tsx = path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
	const child = spawn(
		process.execPath,
		[tsx, path.join(__dirname, '..', 'test', 'emulator', 'cli.ts'), '--port', '0'],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise<string>((resolve, reject) => {
		let text = '';
		child.stdout!.on('data', (chunk) => {
			text += chunk;
			const m = /listening on (http:\/\/\S+)/.exec(text);
			if (m) resolve(m[1]);
		});
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
	});
	return { url, stop: () => child.kill('SIGTERM') };
}

async function control(url: string, route: string, body?: unknown) {
	const res = await fetch(
		`${url}/__emulator/${route}`,
		body === undefined
			? {}
			: {
					method: 'POST',
					body: JSON.stringify(body),
					headers: { 'content-type': 'application/json' },
				},
	);
	return (await res.json()) as Record<string, any>;
}

const seconds = (ms: number) => ms / 1000;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const t = performance.now();
	const r = await fn();
	return [r, performance.now() - t];
}

/** A key from the log-in endpoint, without the node (for the plain baselines). */
async function plainLogin(url: string): Promise<string> {
	const response = await fetch(`${url}/ApiGateway/AppSecurity/ApiKey`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ User: USER, Password: PASSWORD }),
	});
	return JSON.parse(await response.text())[0] as string;
}

/**
 * The baseline: the same calls as plain calls through n8n's own HTTP client (the one the node
 * goes through, without the node), `concurrency` in flight. At concurrency 1 it is n round trips.
 */
async function plainCalls(
	url: string,
	n: number,
	request: (key: string, i: number) => IHttpRequestOptions,
	concurrency = 1,
) {
	const key = await plainLogin(url);
	let next = 0;
	const [, ms] = await timed(() =>
		Promise.all(
			Array.from({ length: concurrency }, async () => {
				while (next < n) await httpRequest(request(key, next++));
			}),
		),
	);
	return ms;
}

function credentials(url: string) {
	return { environment: 'custom', baseUrl: url, user: USER, password: PASSWORD, apiKey: '' };
}

async function nodeRun(url: string, n: number, params: Record<string, unknown>, extra = {}) {
	const before = (await control(url, 'peak', {})).loginsOk as number;
	const cpu = process.cpuUsage();
	const [result, ms] = await timed(() =>
		runNode({
			params,
			items: Array.from({ length: n }, () => ({ json: {} })),
			credentials: credentials(url),
			...extra,
		}),
	);
	const used = process.cpuUsage(cpu);
	if (result.error) throw result.error;
	const peak = await control(url, 'peak', {});
	// CPU per item of this process (the emulator runs in another one).
	return {
		ms,
		logins: (peak.loginsOk as number) - before,
		maxInFlight: peak.maxInFlight as number,
		result,
		cpu: (used.user + used.system) / 1000 / n,
	};
}

const plainOptions = (key: string): IHttpRequestOptions => ({
	url: '',
	headers: { 'X-API-KEY': key, Accept: 'application/json' },
	json: false,
	encoding: 'arraybuffer',
	returnFullResponse: true,
});

/** Create of n items, the node against the plain baseline; the numbers stay for the reads. */
async function createCase(url: string, n: number): Promise<string[]> {
	const prefix = `B${n}-`;
	const numbers = Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
	const bodies = numbers.map((num) => JSON.stringify(sampleBody(num)));
	const plainBodies = numbers.map((num) => sampleBody(`P${num}`));
	const base = await plainCalls(url, n, (key, i) => ({
		...plainOptions(key),
		method: 'POST',
		url: `${url}${SERVICES}/AddInvoice`,
		body: plainBodies[i],
	}));
	const run = await nodeRun(url, n, {
		resource: 'invoice',
		operation: 'create',
		inputMode: 'json',
		invoiceJson: (i: number) => bodies[i],
		options: {},
	});
	rows.push({
		operation: 'create',
		n,
		c: 1,
		wall: run.ms,
		plainC1: base,
		plainSameC: base,
		logins: run.logins,
		maxInFlight: run.maxInFlight,
		cpu: run.cpu,
	});
	return numbers;
}

async function readCases(url: string, numbers: string[]) {
	const n = numbers.length;
	for (const operation of ['getState', 'getPdf'] as const) {
		const request = (key: string, i: number): IHttpRequestOptions =>
			operation === 'getState'
				? {
						...plainOptions(key),
						method: 'GET',
						url: `${url}${SERVICES}/GetInvoiceStateByNumber/${numbers[i]}`,
					}
				: {
						...plainOptions(key),
						method: 'POST',
						url: `${url}${SERVICES}/PDFInvoice`,
						qs: { invoiceNumber: numbers[i] },
					};
		const base = await plainCalls(url, n, request);
		for (const c of CONCURRENCIES) {
			const plainSameC = c === 1 ? base : await plainCalls(url, n, request, c);
			const run = await nodeRun(url, n, {
				resource: 'invoice',
				operation,
				invoiceNumber: (i: number) => numbers[i],
				binaryPropertyName: 'data',
				options: { concurrency: c },
			});
			rows.push({
				operation,
				n,
				c,
				wall: run.ms,
				plainC1: base,
				plainSameC,
				logins: run.logins,
				maxInFlight: run.maxInFlight,
				cpu: run.cpu,
			});
		}
	}
}

async function throughput(url: string) {
	await control(url, 'reset', {});
	await control(url, 'faults', { latencyMs: LATENCY_MS, rules: [] });
	let forReads: string[] = [];
	for (const n of SIZES) {
		const numbers = await createCase(url, n);
		if (n >= READ_N && forReads.length === 0) forReads = numbers.slice(0, READ_N);
	}
	if (forReads.length === 0) forReads = await createCase(url, READ_N);
	await readCases(url, forReads);
}

async function cpuPerCreate(url: string) {
	await control(url, 'reset', {});
	await control(url, 'faults', { latencyMs: 0, rules: [] });
	const n = 500;
	const bodies = Array.from({ length: n }, (_, i) => JSON.stringify(sampleBody(`CPU-${i + 1}`)));
	await nodeRun(url, 20, {
		resource: 'invoice',
		operation: 'create',
		inputMode: 'json',
		invoiceJson: (i: number) => bodies[i],
		options: {},
	}); // warm-up
	await control(url, 'reset', {});
	const cpu = process.cpuUsage();
	await nodeRun(url, n, {
		resource: 'invoice',
		operation: 'create',
		inputMode: 'json',
		invoiceJson: (i: number) => bodies[i],
		options: {},
	});
	const used = process.cpuUsage(cpu);
	const all = (used.user + used.system) / 1000 / n;

	// The node's own part: build + validate a 5-line invoice (the HTTP client is n8n's). The same
	// invoice as the unit test "a full 5-line invoice"; its figure lives here, not in a test.
	const draft: InvoiceDraft = {
		number: 'P-1',
		date: '2025-03-01',
		time: '10:00',
		customer: {
			name: 'Tienda',
			personType: 'individual',
			identification: '12345678Z',
			surchargeEquivalence: true,
		},
		lines: [
			{ description: 'A', quantity: 3, unitPrice: '210.00', taxRate: 21 },
			{ description: 'B', quantity: 10, unitPrice: 8.5, taxRate: 10, discount: 5 },
			{
				description: 'C',
				productType: 'service',
				quantity: 1,
				unitPrice: 150,
				taxRate: 21,
				irpf: 15,
			},
			{ description: 'D', quantity: 7, unitPrice: 0.0825, taxRate: 4 },
			{ description: 'E', quantity: 1, unitPrice: 40, exemptCause: 'E2' },
		],
		charges: [{ kind: 'discount', percent: 2 }],
	};
	const input = readInvoiceDraft(draft).input; // parsed once, as the node does per item
	const issues = validateInvoiceBody(buildInvoiceBody(input));
	if (issues.length > 0) throw new Error(`bench invoice is invalid: ${JSON.stringify(issues)}`);
	for (let i = 0; i < 500; i++) validateInvoiceBody(buildInvoiceBody(input)); // warm-up
	const m = 5000;
	const cpu2 = process.cpuUsage();
	for (let i = 0; i < m; i++) validateInvoiceBody(buildInvoiceBody(input));
	const used2 = process.cpuUsage(cpu2);
	// n8n's own HTTP client (axios) for the same calls, to tell its cost from the node's.
	await control(url, 'reset', {});
	const key = await plainLogin(url);
	const parsed = bodies.map((b) => JSON.parse(b));
	const cpu3 = process.cpuUsage();
	for (let i = 0; i < n; i++) {
		await httpRequest({
			method: 'POST',
			url: `${url}${SERVICES}/AddInvoice`,
			body: parsed[i],
			headers: { 'X-API-KEY': key },
			json: false,
			encoding: 'arraybuffer',
			returnFullResponse: true,
		});
	}
	const used3 = process.cpuUsage(cpu3);
	return {
		all,
		build: (used2.user + used2.system) / 1000 / m,
		client: (used3.user + used3.system) / 1000 / n,
	};
}

async function pdfMemory(url: string, n: number) {
	await control(url, 'reset', {});
	await control(url, 'faults', { latencyMs: 0, rules: [] });
	await control(url, 'config', { pdfPadBytes: 100_000 });
	const numbers = Array.from({ length: n }, (_, i) => `M-${i + 1}`);
	const body = (i: number) => JSON.stringify(sampleBody(numbers[i]));
	await nodeRun(url, n, {
		resource: 'invoice',
		operation: 'create',
		inputMode: 'json',
		invoiceJson: body,
		options: {},
	});
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturasapp-bench-'));
	let bytes = 0;
	// Like n8n's filesystem binary mode: the bytes go to disk and only a reference stays.
	const toDisk = async (buffer: Buffer, fileName?: string) => {
		bytes += buffer.length;
		const file = path.join(dir, String(fileName));
		await fs.promises.writeFile(file, buffer);
		return {
			id: `filesystem-v2:${file}`,
			fileName,
			mimeType: 'application/pdf',
			fileSize: String(buffer.length),
		};
	};
	global.gc?.();
	const start = process.memoryUsage().rss;
	let peak = start;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const run = await nodeRun(
		url,
		n,
		{
			resource: 'invoice',
			operation: 'getPdf',
			invoiceNumber: (i: number) => numbers[i],
			binaryPropertyName: 'data',
			options: { concurrency: 5 },
		},
		{ prepareBinaryData: toDisk },
	);
	clearInterval(timer);
	fs.rmSync(dir, { recursive: true, force: true });
	await control(url, 'config', { pdfPadBytes: 0 });
	return {
		n,
		avgKb: bytes / n / 1024,
		totalMb: bytes / 1024 / 1024,
		peakDeltaMb: (peak - start) / 1024 / 1024,
		wall: run.ms,
	};
}

function printTable(n8n: Map<string, N8nFigures>) {
	const ratio = (a: number, b: number) => (Number.isFinite(a) && b > 0 ? (a / b).toFixed(3) : '-');
	const header = [
		'case',
		'n',
		'conc.',
		'direct s',
		'vs ideal',
		'vs plain',
		'in flight',
		'log-ins',
		'CPU ms/item',
		'n8n s',
		'vs ideal',
		'vs plain',
		'in flight',
		'log-ins',
		'CPU ms/item',
		'plain CPU ms/item',
	];
	const lines = rows.map((r) => {
		const f = n8n.get(caseKey(r));
		const ideal = r.plainC1 / r.c;
		const cells = [
			LABELS[r.operation],
			String(r.n),
			String(r.c),
			seconds(r.wall).toFixed(2),
			ratio(r.wall, ideal),
			ratio(r.wall, r.plainSameC),
			String(r.maxInFlight),
			String(r.logins),
			r.cpu.toFixed(2),
		];
		if (!f) return [...cells, '-', '-', '-', '-', '-', '-', '-'];
		return [
			...cells,
			seconds(f.wall).toFixed(2),
			ratio(f.wall, f.plainC1 / r.c),
			ratio(f.wall, f.plainSameC),
			`${f.maxInFlight} (${f.plainMaxInFlight})`,
			String(f.logins),
			f.cpuMsPerItem.toFixed(2),
			f.plainCpuMsPerItem.toFixed(2),
		];
	});
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	const fmt = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	const directWidth = widths.slice(3, 9).reduce((a, b) => a + b + 2, -2);
	const leftWidth = widths.slice(0, 3).reduce((a, b) => a + b + 2, 0);
	console.log(
		`${' '.repeat(leftWidth)}${'direct (node driven by a fake n8n context)'.padEnd(directWidth)}  real n8n 2.41.1 (Node 24)`,
	);
	console.log(fmt(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const l of lines) console.log(fmt(l));
}

/**
 * Where the real-n8n time goes: the probe's variants add what n8n costs any node doing these
 * calls (httpRequestWithAuthentication with our credential, for PDFs the binary): that is n8n's
 * floor; what our node takes beyond it is ours. The probe's `expr` variant shows what reading
 * each item's value through n8n's expression engine would add (our node skips it for plain
 * `$json` field references).
 */
function printDecomposition(n8n: Map<string, N8nFigures>, latencyMs: number) {
	const lines: string[][] = [];
	for (const r of rows) {
		const f = n8n.get(caseKey(r));
		const expr = f?.variants.expr;
		const auth = f?.variants.auth;
		if (!f || !expr || !auth) continue;
		const ideal = f.plainC1 / r.c;
		const x = (ms: number) => `${seconds(ms).toFixed(2)} (${(ms / ideal).toFixed(2)})`;
		lines.push([
			LABELS[r.operation],
			String(r.n),
			String(r.c),
			seconds(ideal).toFixed(2),
			x(f.plainSameC),
			x(auth.ms),
			x(f.wall),
			(f.wall / auth.ms).toFixed(3),
			`${f.plainCpuMsPerItem.toFixed(2)} / ${auth.cpuMsPerItem.toFixed(2)} / ${f.cpuMsPerItem.toFixed(2)}`,
			`${seconds(auth.ms - ideal).toFixed(2)} / ${seconds(f.wall - auth.ms).toFixed(2)}`,
			`${auth.maxInFlight} / ${f.maxInFlight}`,
			`${x(expr.ms)}, +${(expr.cpuMsPerItem - f.plainCpuMsPerItem).toFixed(2)} ms/item`,
		]);
	}
	if (lines.length === 0) return;
	const header = [
		'case',
		'n',
		'conc.',
		'ideal s',
		'plain s (×ideal)',
		'+auth = n8n floor',
		'our node',
		'ours/floor',
		'CPU ms/item plain / floor / ours',
		"excess s: n8n's / ours",
		'in flight floor / ours',
		'plain + expression read: s (×ideal), CPU',
	];
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	const fmt = (cells: string[]) =>
		cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	console.log(
		"\nReal n8n, where the time goes (the probe adds n8n's own per-item costs; same run, same n8n):",
	);
	console.log(
		'  plain = httpRequest, values from item.json; +auth = httpRequestWithAuthentication with our credential and one',
	);
	console.log(
		"  credentialsDecrypted object (PDF: also decoded and put through prepareBinaryData) = n8n's floor for any node making",
	);
	console.log(
		"  these calls. excess = time above the ideal: n8n's = floor - ideal, ours = our node - floor. Last column: the plain",
	);
	console.log(
		"  call with each value read by getNodeParameter ({{ $json.number }} / {{ $json.invoice }}) through n8n's expression",
	);
	console.log(
		'  engine: our node reads such plain field references from the item instead (nodes/FacturasApp/readParam.ts).',
	);
	console.log(fmt(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const l of lines) console.log(fmt(l));
	console.log(
		`  At concurrency c the ideal leaves ${latencyMs} ms / c of wall time per item (${(latencyMs / 20).toFixed(2)} ms at c = 20) for all of`,
	);
	console.log(
		"  the process's CPU per item: whenever the floor's CPU per item is above that, the n8n process, not the network, sets the pace.",
	);
}

async function main() {
	const { url, stop } = await startEmulatorProcess();
	try {
		console.log(
			`FacturasApp node benchmark: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
		);
		console.log(
			`Emulator in a child process with ${LATENCY_MS} ms added to every call; load average now ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(', ')}.`,
		);
		console.log(
			"Each column has its own baseline, measured in the same run: the same calls as plain httpRequest calls through n8n's HTTP client",
		);
		console.log(
			'(direct: in this process; real n8n: from a probe node inside that n8n), with the same latency.',
		);
		console.log(
			'"vs ideal" = wall / (plain time at concurrency 1 / concurrency) = wall / (n·RTT/c); "vs plain" = wall / plain time at the same concurrency.',
		);
		console.log(
			'"in flight" = most calls the emulator was answering at once (n8n: ours (plain)); "log-ins" counted at the emulator during the run;',
		);
		console.log(
			'"CPU ms/item" = CPU time of the process running the node (direct: this one; n8n: the n8n process, between the nodes around ours) / n.\n',
		);
		await throughput(url);
		const cases = rows.map(({ operation, n, c }) => ({ operation, n, c }));
		const real = await benchRealN8n(url, control, cases, LATENCY_MS);
		printTable(real.figures);
		printDecomposition(real.figures, LATENCY_MS);
		if (real.note) console.log(`\n${real.note}`);
		const errors = [...real.figures.values()].reduce((sum, f) => sum + f.errors, 0);
		if (errors > 0)
			console.log(
				`\nReal n8n: ${errors} item(s) ended as errors: the figures above are not valid.`,
			);
		const cpu = await cpuPerCreate(url);
		console.log(
			`\nCPU per Create item in the node process (JSON + validation + request through n8n's HTTP client, no latency): ${cpu.all.toFixed(3)} ms`,
		);
		console.log(
			`n8n's HTTP client (axios) alone for the same calls: ${cpu.client.toFixed(3)} ms per call`,
		);
		console.log(
			`CPU per invoice for build + validate alone (5 lines with recargo, IRPF, an exemption and a global discount; Define Below mode): ${cpu.build.toFixed(3)} ms`,
		);
		console.log(
			`\nGet PDF of ~100 KB PDFs, concurrency 5, binaries to disk like n8n's filesystem mode (flat memory = the peak does not grow with n):`,
		);
		for (const n of [200, 1000]) {
			const mem = await pdfMemory(url, n);
			console.log(
				`  ${String(n).padStart(4)} PDFs of ${mem.avgKb.toFixed(0)} KB (${mem.totalMb.toFixed(0)} MB in all): peak RSS +${mem.peakDeltaMb.toFixed(0)} MB, ${seconds(mem.wall).toFixed(1)} s`,
			);
		}
	} finally {
		stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
