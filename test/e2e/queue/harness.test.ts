// The burst harness itself, in both n8n execution modes: orders fired at once at the Shopify
// example's webhook reach n8n, run (in queue mode on the workers, never on main), and are
// recorded once each, seen alike by our hook and by n8n's own REST API; nothing is left running.
// Each order carries its own invoice number here, so the figures do not depend on numbering.
import { startEmulator, type Emulator } from '../../emulator/index';
import { CREDENTIAL_TYPE, ensureRuntime, emulatorCredentialData } from '../harness';
import { createCluster, fireAll, type Cluster, type ExecutionMode } from './cluster';
import { burstFigures, formatFigures } from './figures';
import { FA_CRED, shopifyOrder, shopifyWorkflow, webhookPathOf } from './orders';

const ORDERS = 30;
const WF = 'qHarness1';

describe.each<ExecutionMode>(['regular', 'queue'])('%s mode', (mode) => {
	let emulator: Emulator;
	let cluster: Cluster;

	beforeAll(async () => {
		await ensureRuntime();
		emulator = await startEmulator();
		cluster = await createCluster({ mode, workers: 2 });
		try {
			await cluster.n8n.importCredentials([
				{
					...FA_CRED,
					type: CREDENTIAL_TYPE,
					data: emulatorCredentialData(emulator.url),
				},
			]);
			await cluster.n8n.importWorkflows([
				shopifyWorkflow({ id: WF, numberFromOrder: '=PED-{{ $json.body.name.slice(1) }}' }),
			]);
			await cluster.start();
		} catch (err) {
			if (err instanceof Error) err.message += `\n${cluster.logs()}`;
			throw err;
		}
	}, 10 * 60_000);

	afterAll(async () => {
		await cluster?.dispose();
		await emulator?.close();
	});

	it(
		`${ORDERS} orders fired at once: ${ORDERS} executions, each recorded once, ${ORDERS} invoices`,
		async () => {
			const orders = Array.from({ length: ORDERS }, (_, i) => shopifyOrder(i + 1));
			const started = Date.now();
			const answers = await fireAll(
				cluster,
				orders.map((body) => ({ path: webhookPathOf(WF), body })),
			);
			const executions = await cluster.waitForExecutions(ORDERS);
			const wallMs = Date.now() - started;
			const figures = burstFigures({
				label: `harness, ${mode} mode`,
				emulator,
				orderNames: orders.map((o) => String(o.name)),
				requests: orders.length,
				executions,
				perProcess: cluster.perProcess(executions),
				wallMs,
			});
			process.stderr.write(`${formatFigures(figures)}\n`);
			try {
				expect(answers.map((a) => a.error ?? a.status)).toEqual(orders.map(() => 200));
				expect(answers.map((a) => a.body)).toEqual(
					orders.map((o) => ({ invoiceNumber: `PED-${String(o.name).slice(1)}`, order: o.name })),
				);
				expect(executions.map((e) => e.status)).toEqual(orders.map(() => 'success'));
				expect(new Set(executions.map((e) => e.executionId)).size).toBe(ORDERS);
				expect(figures).toMatchObject({
					invoices: ORDERS,
					duplicateInvoices: 0,
					ordersWithoutInvoice: 0,
					failedExecutions: 0,
				});
				const processes = Object.keys(figures.perProcess).sort();
				if (mode === 'queue') {
					// Every execution ran on a worker; the main process only took the webhooks.
					expect(processes.every((p) => p === 'worker1' || p === 'worker2')).toBe(true);
				} else {
					expect(processes).toEqual(['main']);
				}
				// n8n's own view agrees with our records.
				const listed = await cluster.rest.executions(WF);
				expect(listed.map((e) => e.id).sort()).toEqual(
					executions.map((e) => String(e.executionId)).sort(),
				);
				expect(listed.every((e) => e.status === 'success')).toBe(true);
			} catch (err) {
				if (err instanceof Error) err.message += `\n${cluster.logs()}`;
				throw err;
			}
		},
		5 * 60_000,
	);

	it('stops every process it started (n8n, workers, task runners, Redis, PostgreSQL)', async () => {
		await cluster.dispose();
		expect(cluster.runningProcesses()).toEqual([]);
	}, 60_000);
});
