// The one end-to-end figure of `npm run bench`: n Create items inside a real n8n (Node 24,
// n8n 2.41.1) against the same emulator, timed by n8n itself (the node's executionTime), so
// n8n's start-up is not counted. Skipped with a note when the runtime is not cached yet.
import fs from 'fs';
import path from 'path';

import { sampleBody } from '../test/unit/helpers/runNode';

type Control = (url: string, route: string, body?: unknown) => Promise<Record<string, any>>;

function runtimeCached(): boolean {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const runtime = require('./runtime.js') as { runtimeDir?: () => string };
	const dir = runtime.runtimeDir?.();
	return !!dir && fs.existsSync(path.join(dir, '.runtime-complete'));
}

export async function benchRealN8n(url: string, control: Control, rttMs: number, n = 100, latencyMs = 20): Promise<string> {
	if (!runtimeCached()) return `\nReal n8n: skipped (runtime not cached yet; \`npm test\` or \`node scripts/runtime.js\` builds it)`;
	const { CREDENTIAL_TYPE, NODE_TYPE, createN8n } = await import('../test/e2e/harness');
	await control(url, 'reset', {});
	await control(url, 'faults', { latencyMs, rules: [] });
	const invoices = Array.from({ length: n }, (_, i) => ({ json: { invoice: sampleBody(`N8N-${String(i + 1).padStart(4, '0')}`) } }));
	const n8n = await createN8n();
	try {
		const results = await n8n.runWorkflows(
			[
				{
					id: 'bench100',
					nodes: [
						{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 },
						{ name: 'Orders', type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: `return ${JSON.stringify(invoices)};` } },
						{
							name: 'Create',
							type: NODE_TYPE,
							typeVersion: 1,
							credentials: { facturasAppApi: { id: 'benchCred1', name: 'bench' } },
							parameters: { resource: 'invoice', operation: 'create', inputMode: 'json', invoiceJson: '={{ $json.invoice }}', options: {} },
						},
					],
					connections: {
						Start: { main: [[{ node: 'Orders', type: 'main', index: 0 }]] },
						Orders: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
					},
				},
			],
			{
				credentials: [
					{ id: 'benchCred1', name: 'bench', type: CREDENTIAL_TYPE, data: { environment: 'custom', baseUrl: url, user: 'demo@facturasapp.local', password: 'demo-password' } },
				],
			},
		);
		const result = results.bench100;
		if (!result.success) return `\nReal n8n: the workflow failed: ${result.error}`;
		const ms = result.runs.Create?.[0]?.executionTime ?? NaN;
		const stored = ((await control(url, 'state')).invoiceNumbers as string[]).length;
		const logins = (await control(url, 'state')).counters.loginsOk;
		const ideal = n * rttMs;
		return `\nReal n8n 2.41.1 (Node 24): Create of ${n} items took ${(ms / 1000).toFixed(2)} s inside n8n (node executionTime), ` +
			`${(ms / n).toFixed(1)} ms per item vs ${rttMs.toFixed(1)} ms plain round trip: ratio ${(ms / ideal).toFixed(3)}; ${stored} stored, ${logins} log-in(s)`;
	} finally {
		await n8n.dispose();
	}
}
