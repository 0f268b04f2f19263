// `npm run bench`: throughput of the node against the emulator, against the round-trip limit.
// Prints a table; it is not a test and asserts nothing. The emulator runs in a child process
// so the CPU figures are the node's own. Real n8n gives one end-to-end figure when its
// runtime is cached (scripts/runtime.js), else that row says how to get it.
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';

import { buildInvoiceBody, type InvoiceDraft, readInvoiceDraft, validateInvoiceBody } from '../nodes/FacturasApp/invoice';
import { httpRequest } from '../test/unit/helpers/fakeContext';
import { runNode, sampleBody } from '../test/unit/helpers/runNode';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const USER = 'demo@facturasapp.local';
const PASSWORD = 'demo-password';
const SERVICES = '/ApiGateway/ApiExternal/Invoice/api/InvoiceServices';

interface Row { case: string; n: number; c: string; wall: number; ideal?: number; baseline?: number; plainSameC?: number; logins?: number | string; cpu?: number }
const rows: Row[] = [];
/** Plain sequential AddInvoice round trip, per call, from the first size measured. */
let createRttMs = 0;

async function startEmulatorProcess(): Promise<{ url: string; stop: () => void }> {
	const tsx = path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
	const child = spawn(process.execPath, [tsx, path.join(__dirname, '..', 'test', 'emulator', 'cli.ts'), '--port', '0'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
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
	const res = await fetch(`${url}/__emulator/${route}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
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
		method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ User: USER, Password: PASSWORD }),
	});
	return JSON.parse(await response.text())[0] as string;
}

/**
 * "The way users do it today": one plain HTTP call per item, in sequence (concurrency 1).
 * With a higher concurrency it is the floor this machine allows for that many calls in flight.
 */
async function plainSequence(url: string, n: number, call: (key: string, i: number) => Promise<Response>, concurrency = 1) {
	const key = await plainLogin(url);
	let next = 0;
	const [, ms] = await timed(() =>
		Promise.all(Array.from({ length: concurrency }, async () => {
			while (next < n) await (await call(key, next++)).arrayBuffer();
		})),
	);
	return ms;
}

function credentials(url: string) {
	return { environment: 'custom', baseUrl: url, user: USER, password: PASSWORD, apiKey: '' };
}

async function nodeRun(url: string, n: number, params: Record<string, unknown>, extra = {}) {
	const before = (await control(url, 'state')).counters.loginsOk as number;
	const cpu = process.cpuUsage();
	const [result, ms] = await timed(() => runNode({ params, items: Array.from({ length: n }, () => ({ json: {} })), credentials: credentials(url), ...extra }));
	const used = process.cpuUsage(cpu);
	if (result.error) throw result.error;
	const logins = ((await control(url, 'state')).counters.loginsOk as number) - before;
	// Share of one core this process kept busy: near 100 % means CPU-bound, not waiting.
	return { ms, logins, result, cpu: (used.user + used.system) / 1000 / ms };
}

async function throughput(url: string, n: number) {
	await control(url, 'reset', {});
	await control(url, 'faults', { latencyMs: LATENCY_MS, rules: [] });
	const prefix = `B${n}-`;
	const numbers = Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);
	const bodies = numbers.map((num) => JSON.stringify(sampleBody(num)));

	const baseCreate = await plainSequence(url, n, (key, i) =>
		fetch(`${url}${SERVICES}/AddInvoice`, { method: 'POST', headers: { 'X-API-KEY': key, 'content-type': 'application/json' }, body: bodies[i].replace(prefix, `P${prefix}`) }));
	const create = await nodeRun(url, n, { resource: 'invoice', operation: 'create', inputMode: 'json', invoiceJson: (i: number) => bodies[i], options: {} });
	rows.push({ case: 'Create (sequential)', n, c: '1', wall: create.ms, ideal: baseCreate, baseline: baseCreate, plainSameC: baseCreate, logins: create.logins, cpu: create.cpu });
	createRttMs ||= baseCreate / n;

	for (const [operation, label] of [['getState', 'Get State'], ['getPdf', 'Get PDF']] as const) {
		const call = (key: string, i: number) =>
			operation === 'getState'
				? fetch(`${url}${SERVICES}/GetInvoiceStateByNumber/${numbers[i]}`, { headers: { 'X-API-KEY': key } })
				: fetch(`${url}${SERVICES}/PDFInvoice?invoiceNumber=${numbers[i]}`, { method: 'POST', headers: { 'X-API-KEY': key } });
		const base = await plainSequence(url, n, call);
		for (const c of [1, 5, 20]) {
			const plainSameC = c === 1 ? base : await plainSequence(url, n, call, c);
			const run = await nodeRun(url, n, { resource: 'invoice', operation, invoiceNumber: (i: number) => numbers[i], binaryPropertyName: 'data', options: { concurrency: c } });
			rows.push({ case: label, n, c: String(c), wall: run.ms, ideal: base / c, baseline: base, plainSameC, logins: run.logins, cpu: run.cpu });
		}
	}
}

async function cpuPerCreate(url: string) {
	await control(url, 'reset', {});
	await control(url, 'faults', { latencyMs: 0, rules: [] });
	const n = 500;
	const bodies = Array.from({ length: n }, (_, i) => JSON.stringify(sampleBody(`CPU-${i + 1}`)));
	await nodeRun(url, 20, { resource: 'invoice', operation: 'create', inputMode: 'json', invoiceJson: (i: number) => bodies[i], options: {} }); // warm-up
	await control(url, 'reset', {});
	const cpu = process.cpuUsage();
	await nodeRun(url, n, { resource: 'invoice', operation: 'create', inputMode: 'json', invoiceJson: (i: number) => bodies[i], options: {} });
	const used = process.cpuUsage(cpu);
	const all = (used.user + used.system) / 1000 / n;

	// The node's own part: build + validate a 5-line invoice (the HTTP client is n8n's). The same
	// invoice as the unit test "a full 5-line invoice"; its figure lives here, not in a test.
	const draft: InvoiceDraft = {
		number: 'P-1', date: '2025-03-01', time: '10:00',
		customer: { name: 'Tienda', personType: 'individual', identification: '12345678Z', surchargeEquivalence: true },
		lines: [
			{ description: 'A', quantity: 3, unitPrice: '210.00', taxRate: 21 },
			{ description: 'B', quantity: 10, unitPrice: 8.5, taxRate: 10, discount: 5 },
			{ description: 'C', productType: 'service', quantity: 1, unitPrice: 150, taxRate: 21, irpf: 15 },
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
		await httpRequest({ method: 'POST', url: `${url}${SERVICES}/AddInvoice`, body: parsed[i], headers: { 'X-API-KEY': key }, json: false, encoding: 'arraybuffer', returnFullResponse: true });
	}
	const used3 = process.cpuUsage(cpu3);
	return { all, build: (used2.user + used2.system) / 1000 / m, client: (used3.user + used3.system) / 1000 / n };
}

async function pdfMemory(url: string, n: number) {
	await control(url, 'reset', {});
	await control(url, 'faults', { latencyMs: 0, rules: [] });
	await control(url, 'config', { pdfPadBytes: 100_000 });
	const numbers = Array.from({ length: n }, (_, i) => `M-${i + 1}`);
	const body = (i: number) => JSON.stringify(sampleBody(numbers[i]));
	await nodeRun(url, n, { resource: 'invoice', operation: 'create', inputMode: 'json', invoiceJson: body, options: {} });
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturasapp-bench-'));
	let bytes = 0;
	// Like n8n's filesystem binary mode: the bytes go to disk and only a reference stays.
	const toDisk = async (buffer: Buffer, fileName?: string) => {
		bytes += buffer.length;
		const file = path.join(dir, String(fileName));
		await fs.promises.writeFile(file, buffer);
		return { id: `filesystem-v2:${file}`, fileName, mimeType: 'application/pdf', fileSize: String(buffer.length) };
	};
	global.gc?.();
	const start = process.memoryUsage().rss;
	let peak = start;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
	const run = await nodeRun(url, n, { resource: 'invoice', operation: 'getPdf', invoiceNumber: (i: number) => numbers[i], binaryPropertyName: 'data', options: { concurrency: 5 } }, { prepareBinaryData: toDisk });
	clearInterval(timer);
	fs.rmSync(dir, { recursive: true, force: true });
	await control(url, 'config', { pdfPadBytes: 0 });
	return { n, avgKb: bytes / n / 1024, totalMb: bytes / 1024 / 1024, peakDeltaMb: (peak - start) / 1024 / 1024, wall: run.ms };
}

function printTable() {
	const header = ['case', 'n', 'conc.', 'wall s', 'ideal s', 'ratio', 'plain seq. s', 'speed-up', 'plain same conc. s', 'vs plain', 'log-ins', 'node CPU'];
	const lines = rows.map((r) => [
		r.case, String(r.n), r.c, seconds(r.wall).toFixed(2), r.ideal ? seconds(r.ideal).toFixed(2) : '-',
		r.ideal ? (r.wall / r.ideal).toFixed(3) : '-', r.baseline ? seconds(r.baseline).toFixed(2) : '-',
		r.baseline ? `${(r.baseline / r.wall).toFixed(1)}x` : '-',
		r.plainSameC ? seconds(r.plainSameC).toFixed(2) : '-', r.plainSameC ? (r.wall / r.plainSameC).toFixed(3) : '-', String(r.logins ?? '-'), r.cpu === undefined ? '-' : `${(r.cpu * 100).toFixed(0)} %`,
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	console.log(fmt(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const l of lines) console.log(fmt(l));
}

async function main() {
	const { url, stop } = await startEmulatorProcess();
	try {
		console.log(`FacturasApp node benchmark: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
		console.log(`Emulator in a child process with ${LATENCY_MS} ms added to every call. "ideal" = the plain sequential time (n round trips) divided by the concurrency.`);
		console.log(`"plain same conc." = plain fetch calls (keep-alive) with the same number in flight: what this machine allows; "vs plain" = our wall / that.`);
		console.log(`"node CPU" = CPU time of the node's process / wall time (100 % = one core busy). The emulator shares the same ${os.cpus().length} cores.\n`);
		for (const n of SIZES) await throughput(url, n);
		printTable();
		const cpu = await cpuPerCreate(url);
		console.log(`\nCPU per Create item in the node process (JSON + validation + request through n8n's HTTP client, no latency): ${cpu.all.toFixed(3)} ms`);
		console.log(`n8n's HTTP client (axios) alone for the same calls: ${cpu.client.toFixed(3)} ms per call`);
		console.log(`CPU per invoice for build + validate alone (5 lines with recargo, IRPF, an exemption and a global discount; Define Below mode): ${cpu.build.toFixed(3)} ms`);
		console.log(`\nGet PDF of ~100 KB PDFs, concurrency 5, binaries to disk like n8n's filesystem mode (flat memory = the peak does not grow with n):`);
		for (const n of [200, 1000]) {
			const mem = await pdfMemory(url, n);
			console.log(`  ${String(n).padStart(4)} PDFs of ${mem.avgKb.toFixed(0)} KB (${mem.totalMb.toFixed(0)} MB in all): peak RSS +${mem.peakDeltaMb.toFixed(0)} MB, ${seconds(mem.wall).toFixed(1)} s`);
		}
		const { benchRealN8n } = await import('./bench-n8n');
		console.log(await benchRealN8n(url, control, createRttMs, 100, LATENCY_MS));
	} finally {
		stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
