// Issue 15: one order, one invoice across executions and processes, in a real n8n, in both
// execution modes (regular: one `n8n start`; queue: main + 2 workers + Redis + PostgreSQL).
//   - 50 Shopify orders fired at once at the Shopify example (Next in Series, Order Reference),
//     5 of them (10 %) sent twice → 50 invoices, consecutive numbers, no gap, 0 failed executions;
//     the repeats come out alreadyInvoiced and skip the email branch.
//   - A batch of 20 orders refused once at item 11, retried through n8n's own retry → 20 invoices.
//   - Regular mode: after an n8n restart, resent orders are still recognised.
// Queue mode runs against an emulator that also refuses a number that is not the next one of its
// series (whether FacturasApp does is unknown: the node must be right either way).
import { startEmulator, type Emulator } from '../../emulator/index';
import {
	CREDENTIAL_TYPE,
	ensureRuntime,
	type WorkflowInput,
	emulatorCredentialData,
} from '../harness';
import {
	createCluster,
	fireAll,
	type Cluster,
	type ClusterExecution,
	type ExecutionMode,
} from './cluster';
import { burstFigures, formatFigures, orderOfInvoice } from './figures';
import { CREATE_NODE, FA_CRED, shopifyOrder, shopifyWorkflow, webhookPathOf } from './orders';
import { startRefusingProxy, type RefusingProxy } from './refusingProxy';

const ORDERS = 50;
const RESENT = 5;
const BATCH = 20;
const SERIES = 'FA2026-';
const BURST_WF = 'qBurst1';
const BATCH_WF = 'qBatch1';
const PROXY_CRED = { id: 'qFacturas2', name: 'FacturasApp (con rechazo)' };
const IF_NODE = '¿Ya facturada?';

const orderReference = { orderReference: '={{ $json.body.id }}' };

/** The Shopify example with Order Reference, and an IF that sends only new invoices on (to the email). */
function burstWorkflow(): WorkflowInput {
	const wf = shopifyWorkflow({ id: BURST_WF, createParameters: orderReference });
	wf.nodes.push({
		name: IF_NODE,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: 'c1',
						leftValue: '={{ $json.alreadyInvoiced }}',
						rightValue: true,
						operator: { type: 'boolean', operation: 'true', singleValue: true },
					},
				],
				combinator: 'and',
			},
			looseTypeValidation: true,
			options: {},
		},
	});
	(wf.connections as Record<string, unknown>)['Responder a Shopify'] = {
		main: [[{ node: IF_NODE, type: 'main', index: 0 }]],
	};
	return wf;
}

/** 20 orders in one webhook call, one item each (a Code node), then the same Create. */
function batchWorkflow(): WorkflowInput {
	const wf = shopifyWorkflow({ id: BATCH_WF, createParameters: orderReference });
	const create = wf.nodes.find((n) => n.name === CREATE_NODE)!;
	create.credentials = { facturasAppApi: PROXY_CRED };
	wf.nodes = wf.nodes.filter((n) => n.name !== 'Responder a Shopify');
	const webhook = wf.nodes.find((n) => n.name === 'Pedido de Shopify')!;
	(webhook.parameters as Record<string, unknown>).responseMode = 'onReceived';
	wf.nodes.push({
		name: 'Un pedido por elemento',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: 'return $input.first().json.body.orders.map((order) => ({ json: { body: order } }));',
		},
	});
	wf.connections = {
		'Pedido de Shopify': { main: [[{ node: 'Un pedido por elemento', type: 'main', index: 0 }]] },
		'Un pedido por elemento': { main: [[{ node: CREATE_NODE, type: 'main', index: 0 }]] },
	};
	return wf;
}

const createItems = (e: ClusterExecution) => e.output[CREATE_NODE] ?? [];

describe.each<ExecutionMode>(['regular', 'queue'])('%s mode', (mode) => {
	let emulator: Emulator;
	let proxy: RefusingProxy;
	let cluster: Cluster;
	const fail = (err: unknown) => {
		if (err instanceof Error && cluster) err.message += `\n${cluster.logs()}`;
		return err;
	};

	beforeAll(async () => {
		await ensureRuntime();
		emulator = await startEmulator({ numberCheck: mode === 'queue' ? 'sequence' : 'duplicates' });
		proxy = await startRefusingProxy(emulator.url);
		cluster = await createCluster({ mode, workers: 2 });
		try {
			await cluster.n8n.importCredentials([
				{ ...FA_CRED, type: CREDENTIAL_TYPE, data: emulatorCredentialData(emulator.url) },
				{ ...PROXY_CRED, type: CREDENTIAL_TYPE, data: emulatorCredentialData(proxy.url) },
			]);
			await cluster.n8n.importWorkflows([burstWorkflow(), batchWorkflow()]);
			await cluster.start();
		} catch (err) {
			throw fail(err);
		}
	}, 10 * 60_000);

	afterAll(async () => {
		await cluster?.dispose();
		await proxy?.close();
		await emulator?.close();
	});

	it(
		`${ORDERS} orders at once, ${RESENT} of them sent twice: ${ORDERS} invoices, consecutive, no gap, 0 failed executions`,
		async () => {
			const orders = Array.from({ length: ORDERS }, (_, i) => shopifyOrder(i + 1));
			const resent = orders.filter((_, i) => i % (ORDERS / RESENT) === 3);
			const calls = [...orders, ...resent].map((body) => ({ path: webhookPathOf(BURST_WF), body }));
			const started = Date.now();
			const answers = await fireAll(cluster, calls);
			const executions = (await cluster.waitForExecutions(calls.length)).filter(
				(e) => e.workflowId === BURST_WF,
			);
			const figures = burstFigures({
				label: `${mode} mode`,
				emulator,
				orderNames: orders.map((o) => String(o.name)),
				requests: calls.length,
				executions,
				perProcess: cluster.perProcess(executions),
				wallMs: Date.now() - started,
				series: { prefix: SERIES, lastBefore: 0 },
			});
			process.stderr.write(`${formatFigures(figures)}\n`);
			// A failed execution's own error, so a failure says why (not only "execution failed").
			for (const e of executions.filter((x) => !x.success))
				process.stderr.write(`[burst] execution ${e.executionId} failed: ${e.error}\n`);
			try {
				expect(answers.filter((a) => a.status !== 200)).toEqual([]);
				expect(figures).toMatchObject({
					invoices: ORDERS,
					duplicateInvoices: 0,
					ordersWithoutInvoice: 0,
					gaps: [],
					consecutive: true,
					failedExecutions: 0,
				});
				expect(executions).toHaveLength(calls.length);
				expect(Object.values(emulator.counters.commits).every((n) => n === 1)).toBe(true);

				// Each order: one execution issued its invoice; its repeat came out alreadyInvoiced.
				const outputs = executions.map((e) => createItems(e)[0]?.json ?? {});
				const issued = outputs.filter((o) => o.alreadyInvoiced !== true);
				const repeats = outputs.filter((o) => o.alreadyInvoiced === true);
				expect(issued).toHaveLength(ORDERS);
				expect(repeats).toHaveLength(RESENT);
				const byOrder = new Map(
					[...emulator.invoices.values()].map((inv) => [
						orderOfInvoice(inv.body),
						inv.invoiceNumber,
					]),
				);
				for (const o of issued)
					expect(o.invoiceNumber).toBe(
						byOrder.get(`#${Number(o.orderReference) - 5804319800000 + 1000}`),
					);
				for (const r of repeats) {
					expect(resent.map((o) => String(o.id))).toContain(String(r.orderReference));
					// When this process knows it, the number of the first invoice.
					if (r.invoiceNumber !== undefined)
						expect(r.invoiceNumber).toBe(
							byOrder.get(`#${Number(r.orderReference) - 5804319800000 + 1000}`),
						);
				}
				// Only new invoices reach the email branch (the IF's "false" output).
				const toEmail = executions.reduce(
					(n, e) => n + (e.runs[IF_NODE]?.[0]?.outputs[1]?.length ?? 0),
					0,
				);
				const skipped = executions.reduce(
					(n, e) => n + (e.runs[IF_NODE]?.[0]?.outputs[0]?.length ?? 0),
					0,
				);
				expect({ toEmail, skipped }).toEqual({ toEmail: ORDERS, skipped: RESENT });
				if (mode === 'queue')
					expect(Object.keys(figures.perProcess).sort()).toEqual(['worker1', 'worker2']);
			} catch (err) {
				throw fail(err);
			}
		},
		5 * 60_000,
	);

	it(
		`a batch of ${BATCH} refused once at item 11, retried with n8n's own retry: ${BATCH} invoices, not ${BATCH + 10}`,
		async () => {
			const before = emulator.invoices.size;
			const orders = Array.from({ length: BATCH }, (_, i) => shopifyOrder(500 + i));
			proxy.refuseCalls([11]);
			const seen = cluster.executions().length;
			const [answer] = await fireAll(cluster, [
				{ path: webhookPathOf(BATCH_WF), body: { orders } },
			]);
			try {
				expect(answer.status).toBe(200);
				const failed = (await cluster.waitForExecutions(seen + 1)).at(-1)!;
				expect(failed.workflowId).toBe(BATCH_WF);
				expect(failed.success).toBe(false);
				expect(failed.error).toMatch(/rechazo de prueba/);
				expect(emulator.invoices.size - before).toBe(10);

				await cluster.rest.retry(String(failed.executionId));
				const retried = (await cluster.waitForExecutions(seen + 2)).at(-1)!;
				expect(retried.mode).toBe('retry');
				expect(retried.success).toBe(true);
				const items = createItems(retried).map((i) => i.json);
				expect(items).toHaveLength(BATCH);
				expect(items.slice(0, 10).every((i) => i.alreadyInvoiced === true)).toBe(true);
				expect(
					items
						.slice(10)
						.every((i) => i.alreadyInvoiced !== true && typeof i.invoiceNumber === 'string'),
				).toBe(true);

				const figures = burstFigures({
					label: `${mode} mode, batch of ${BATCH} refused at item 11 then retried`,
					emulator,
					orderNames: orders.map((o) => String(o.name)),
					requests: 1,
					executions: [failed, retried],
					perProcess: cluster.perProcess([failed, retried]),
					wallMs: 0,
					series: { prefix: SERIES, lastBefore: 0 },
				});
				process.stderr.write(`${formatFigures(figures)}\n`);
				expect(emulator.invoices.size - before).toBe(BATCH);
				expect(figures).toMatchObject({
					duplicateInvoices: 0,
					ordersWithoutInvoice: 0,
					gaps: [],
					consecutive: true,
				});
				// n8n's executions list: the failed one and its successful retry.
				const listed = await cluster.rest.executions(BATCH_WF);
				expect(listed.map((e) => e.status).sort()).toEqual(['error', 'success']);
			} catch (err) {
				throw fail(err);
			}
		},
		5 * 60_000,
	);

	if (mode === 'regular') {
		it(
			'after an n8n restart, orders sent again are recognised as invoiced: no new invoice',
			async () => {
				const before = emulator.invoices.size;
				await cluster.restart();
				const again = [shopifyOrder(1), shopifyOrder(2), shopifyOrder(3)];
				const seen = cluster.executions().length;
				const answers = await fireAll(
					cluster,
					again.map((body) => ({ path: webhookPathOf(BURST_WF), body })),
				);
				try {
					expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
					const executions = (await cluster.waitForExecutions(seen + 3)).slice(seen);
					expect(executions.map((e) => createItems(e)[0]?.json.alreadyInvoiced)).toEqual([
						true,
						true,
						true,
					]);
					expect(emulator.invoices.size).toBe(before);
				} catch (err) {
					throw fail(err);
				}
			},
			5 * 60_000,
		);
	}

	it('stops every process it started', async () => {
		await cluster.dispose();
		expect(cluster.runningProcesses()).toEqual([]);
	}, 60_000);
});
