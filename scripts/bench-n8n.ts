// The real-n8n column of `npm run bench`: the same cases as the direct bench inside a real
// n8n 2.41.1 (Node 24) against the same emulator, with the baseline measured in the same n8n:
// a probe node (scripts/bench-probe, bench-only, installed next to our package) makes the same
// calls as plain `this.helpers.httpRequest` calls at the same concurrency. Our node is timed by
// n8n itself (the node's executionTime, so start-up is not counted); probe "mark" nodes just
// before and after it read process.cpuUsage() of the n8n process (CPU per item) and the
// emulator's peak of calls in flight and its log-in count. All cases run in one execute-batch.
// Skipped with a note when the runtime is not cached yet.
import fs from 'fs';
import path from 'path';

import { sampleBody } from '../test/unit/helpers/runNode';

type Control = (url: string, route: string, body?: unknown) => Promise<Record<string, any>>;

export interface N8nCase {
	operation: 'create' | 'getState' | 'getPdf';
	n: number;
	c: number;
}

export interface N8nFigures {
	/** Our node: wall time (n8n's executionTime), log-ins and peak in flight during it, CPU per item. */
	wall: number;
	logins: number;
	maxInFlight: number;
	cpuMsPerItem: number;
	/** The plain httpRequest baseline at the same concurrency, and at concurrency 1 (n round trips). */
	plainSameC: number;
	plainC1: number;
	plainMaxInFlight: number;
	plainCpuMsPerItem: number;
	errors: number;
	/**
	 * The probe's variants (create cases and reads at the highest concurrency): `auth` sends the
	 * plain call through httpRequestWithAuthentication with our credential (what n8n costs any
	 * node like ours); `expr` reads each value with getNodeParameter (n8n's expression engine).
	 */
	variants: Partial<Record<ProbeVariant, ProbeFigures>>;
}

export type ProbeVariant = 'expr' | 'auth';
export interface ProbeFigures {
	ms: number;
	cpuMsPerItem: number;
	maxInFlight: number;
}

const PROBE = 'n8n-nodes-facturasapp-bench-probe';
const PROBE_TYPE = `${PROBE}.benchProbe`;
const MARKER = 'BENCHMARKER-0001';
const USER = 'demo@facturasapp.local';
const PASSWORD = 'demo-password';

function runtimeCached(): boolean {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const runtime = require('./runtime.js') as { runtimeDir?: () => string };
	const dir = runtime.runtimeDir?.();
	return !!dir && fs.existsSync(path.join(dir, '.runtime-complete'));
}

function installProbe(userFolder: string): void {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PROBE);
	fs.mkdirSync(path.join(target, 'dist'), { recursive: true });
	fs.copyFileSync(
		path.join(__dirname, 'bench-probe', 'package.json'),
		path.join(target, 'package.json'),
	);
	fs.copyFileSync(
		path.join(__dirname, 'bench-probe', 'BenchProbe.node.js'),
		path.join(target, 'dist', 'BenchProbe.node.js'),
	);
}

export const caseKey = (c: N8nCase) => `${c.operation}:${c.n}:${c.c}`;

export async function benchRealN8n(
	url: string,
	control: Control,
	cases: N8nCase[],
	latencyMs = 20,
	/** Extra environment for n8n (e.g. NODE_OPTIONS=--cpu-prof to profile it). */
	env: Record<string, string> = {},
): Promise<{ figures: Map<string, N8nFigures>; note?: string }> {
	const figures = new Map<string, N8nFigures>();
	if (!runtimeCached())
		return {
			figures,
			note: 'Real n8n: skipped (runtime not cached yet; `npm test` or `node scripts/runtime.js` builds it)',
		};
	const { CREDENTIAL_TYPE, NODE_TYPE, createN8n } = await import('../test/e2e/harness');
	await control(url, 'reset', {});
	await control(url, 'faults', { latencyMs, rules: [] });
	const template = JSON.stringify(sampleBody(MARKER));
	const probe = (name: string, parameters: Record<string, unknown>) => ({
		name,
		type: PROBE_TYPE,
		typeVersion: 1,
		parameters: { url, ...parameters },
	});
	const chain = (...names: string[]) =>
		Object.fromEntries(
			names
				.slice(0, -1)
				.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
		);
	// Creates write the numbers the reads then read: each create size has its own prefix.
	const readPrefix = (n: number) => `NC${n}-`;
	const workflows: {
		id: string;
		c: N8nCase;
		plain: boolean;
		variant: 'plain' | ProbeVariant | 'node';
		nodes: unknown[];
		connections: unknown;
	}[] = [];
	const maxC = Math.max(...cases.map((c) => c.c));
	let seq = 0;
	for (const c of cases) {
		const kinds = ['plain', 'node'] as ('plain' | ProbeVariant | 'node')[];
		if (c.operation === 'create' || c.c === maxC) kinds.splice(1, 0, 'expr', 'auth');
		for (const variant of kinds) {
			const plain = variant !== 'node';
			const prefix =
				c.operation === 'create'
					? `${variant === 'node' ? '' : variant === 'plain' ? 'P' : variant === 'expr' ? 'E' : 'A'}NC${c.n}-`
					: readPrefix(c.n);
			const orders = probe('Orders', {
				mode: 'orders',
				count: c.n,
				prefix,
				marker: MARKER,
				template,
			});
			// Zero-padded: execute-batch runs the ids in sorted order.
			const id = `bench${String(++seq).padStart(3, '0')}`;
			if (plain) {
				const base = probe('Plain', {
					mode: 'plain',
					operation: c.operation,
					concurrency: c.c,
					user: USER,
					password: PASSWORD,
					variant,
					value: c.operation === 'create' ? '={{ $json.invoice }}' : '={{ $json.number }}',
				});
				workflows.push({
					id,
					c,
					plain,
					variant,
					nodes: [
						{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 },
						orders,
						base,
					],
					connections: chain('Start', 'Orders', 'Plain'),
				});
				continue;
			}
			const params =
				c.operation === 'create'
					? {
							resource: 'invoice',
							operation: 'create',
							inputMode: 'json',
							invoiceJson: '={{ $json.invoice }}',
							options: {},
						}
					: {
							resource: 'invoice',
							operation: c.operation,
							invoiceNumber: '={{ $json.number }}',
							binaryPropertyName: 'data',
							options: { concurrency: c.c },
						};
			workflows.push({
				id,
				c,
				plain,
				variant,
				nodes: [
					{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 },
					orders,
					probe('Before', { mode: 'mark', operation: 'before' }),
					{
						name: 'Node',
						type: NODE_TYPE,
						typeVersion: 1,
						credentials: { facturasAppApi: { id: 'benchCred1', name: 'bench' } },
						parameters: params,
					},
					probe('After', { mode: 'mark', operation: 'after' }),
				],
				connections: chain('Start', 'Orders', 'Before', 'Node', 'After'),
			});
		}
	}
	const n8n = await createN8n({ env });
	try {
		installProbe(n8n.userFolder);
		const results = await n8n.runWorkflows(workflows as never, {
			credentials: [
				{
					id: 'benchCred1',
					name: 'bench',
					type: CREDENTIAL_TYPE,
					data: { environment: 'custom', baseUrl: url, user: USER, password: PASSWORD },
				},
			],
			timeoutMs: 30 * 60_000,
		});
		const plainC1 = new Map<string, number>();
		const plains = new Map<string, Record<string, number>>();
		const variants = new Map<string, Partial<Record<ProbeVariant, ProbeFigures>>>();
		for (const w of workflows) {
			const r = results[w.id];
			if (!r.success)
				throw new Error(
					`real n8n: workflow ${w.id} (${caseKey(w.c)}, ${w.variant}) failed: ${r.error}`,
				);
			if (!w.plain) continue;
			const out = r.output.Plain[0].json as Record<string, number>;
			if (w.variant === 'expr' || w.variant === 'auth') {
				const got = variants.get(caseKey(w.c)) ?? {};
				got[w.variant] = {
					ms: out.ms,
					cpuMsPerItem: out.cpuUs / 1000 / w.c.n,
					maxInFlight: out.maxInFlight,
				};
				variants.set(caseKey(w.c), got);
				continue;
			}
			plains.set(caseKey(w.c), out);
			if (w.c.c === 1) plainC1.set(`${w.c.operation}:${w.c.n}`, out.ms);
		}
		for (const w of workflows) {
			if (w.plain) continue;
			const r = results[w.id];
			const before = r.output.Before[0].json.benchMark as {
				cpuUs: number;
				at: { loginsOk: number };
			};
			const afterItem = r.output.After[0].json as {
				benchMark: { cpuUs: number; at: { loginsOk: number; maxInFlight: number } };
				errors: number;
			};
			const plain = plains.get(caseKey(w.c))!;
			figures.set(caseKey(w.c), {
				wall: r.runs.Node?.[0]?.executionTime ?? NaN,
				logins: afterItem.benchMark.at.loginsOk - before.at.loginsOk,
				maxInFlight: afterItem.benchMark.at.maxInFlight,
				cpuMsPerItem: (afterItem.benchMark.cpuUs - before.cpuUs) / 1000 / w.c.n,
				plainSameC: plain.ms,
				plainC1: plainC1.get(`${w.c.operation}:${w.c.n}`) ?? plain.ms,
				plainMaxInFlight: plain.maxInFlight,
				plainCpuMsPerItem: plain.cpuUs / 1000 / w.c.n,
				errors: afterItem.errors,
				variants: variants.get(caseKey(w.c)) ?? {},
			});
		}
		return { figures };
	} finally {
		await n8n.dispose();
	}
}
