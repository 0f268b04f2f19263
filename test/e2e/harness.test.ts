// The harness itself, checked with n8n core nodes (and with our node when dist/ is built).
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	createN8n,
	ensureRuntime,
	packageBuilt,
	type N8n,
	type WorkflowInput,
} from './harness';

const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 };
const code = (name: string, jsCode: string) => ({
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode },
});
const chain = (...names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);

const itemsWorkflow: WorkflowInput = {
	id: 'harnessItems1',
	name: 'Items',
	nodes: [
		manualTrigger,
		code('Make', 'return [{ json: { n: 1 } }, { json: { n: 2 } }];'),
		{
			name: 'Greet',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			// An expression: exercises n8n's expression engine (isolated-vm) in the runtime.
			parameters: {
				assignments: {
					assignments: [
						{ id: 'a1', name: 'greeting', value: '=hello {{ $json.n * 10 }}', type: 'string' },
					],
				},
				includeOtherFields: true,
				options: {},
			},
		},
	],
	connections: chain('Start', 'Make', 'Greet'),
};

const failingWorkflow: WorkflowInput = {
	id: 'harnessFails1',
	name: 'Fails',
	nodes: [manualTrigger, code('Boom', "throw new Error('kaboom 42');")],
	connections: chain('Start', 'Boom'),
};

const binaryWorkflow: WorkflowInput = {
	id: 'harnessBinary1',
	name: 'Binary',
	nodes: [
		manualTrigger,
		code('Text', "return [{ json: { text: 'hola ñandú' } }];"),
		{
			name: 'To File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: {
				operation: 'toText',
				sourceProperty: 'text',
				options: { fileName: 'hola.txt' },
			},
		},
	],
	connections: chain('Start', 'Text', 'To File'),
};

const webhookWorkflow: WorkflowInput = {
	id: 'harnessHook1',
	name: 'Echo',
	nodes: [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: '5f0e0d3c-2c8b-4c37-9a51-0c8f4e0a1b01',
			parameters: { httpMethod: 'POST', path: 'echo', responseMode: 'responseNode', options: {} },
		},
		{
			name: 'Respond',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			parameters: {
				respondWith: 'json',
				responseBody: '={{ JSON.stringify({ echo: $json.body.name }) }}',
				options: {},
			},
		},
	],
	connections: chain('Webhook', 'Respond'),
};

describe('e2e harness (real n8n)', () => {
	let n8n: N8n;

	beforeAll(async () => {
		await ensureRuntime();
		n8n = await createN8n({ installPackage: packageBuilt() });
	}, 15 * 60_000);

	afterAll(async () => {
		await n8n?.dispose();
	});

	test('runs several workflows in one batch: items, failures, binary data', async () => {
		const results = await n8n.runWorkflows([itemsWorkflow, failingWorkflow, binaryWorkflow]);

		const items = results.harnessItems1;
		expect(items.error).toBeUndefined();
		expect(items.success).toBe(true);
		expect(items.output.Greet.map((i) => i.json)).toEqual([
			{ n: 1, greeting: 'hello 10' },
			{ n: 2, greeting: 'hello 20' },
		]);
		expect(items.runs.Make).toHaveLength(1);

		const failed = results.harnessFails1;
		expect(failed.success).toBe(false);
		expect(failed.error).toContain('kaboom 42');
		expect(failed.errorInfo?.node).toBe('Boom');
		expect(failed.output.Start).toHaveLength(1);

		const binary = results.harnessBinary1;
		expect(binary.success).toBe(true);
		const file = binary.output['To File'][0].binary?.data;
		expect(file).toMatchObject({ fileName: 'hola.txt', mimeType: 'text/plain' });
		expect(file?.bytes.toString('utf8')).toBe('hola ñandú');
		expect(file?.size).toBe(Buffer.byteLength('hola ñandú'));
		expect(file?.fileSize).toBeDefined();

		expect(n8n.runningProcesses()).toEqual([]);
	}, 180_000);

	test('reports a workflow id that was never imported', async () => {
		const result = await n8n.executeWorkflow('missing404');
		expect(result.success).toBe(false);
		expect(n8n.runningProcesses()).toEqual([]);
	}, 120_000);

	test('kills the process group of a command that times out', async () => {
		await expect(n8n.command(['start'], { timeoutMs: 3000 })).rejects.toThrow(
			/timed out after 3000 ms/,
		);
		expect(n8n.runningProcesses()).toEqual([]);
	}, 60_000);

	test('serves webhooks from n8n start and stops cleanly', async () => {
		await n8n.importWorkflows([webhookWorkflow]);
		const server = await n8n.startServer();
		try {
			const res = await fetch(server.webhookUrl('echo'), {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'Ana' }),
			});
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ echo: 'Ana' });

			const [execution] = await server.waitForExecutions(1);
			expect(execution.success).toBe(true);
			expect(execution.workflowId).toBe('harnessHook1');
			expect(execution.mode).toBe('webhook');
			expect(execution.output.Webhook[0].json.body).toEqual({ name: 'Ana' });
		} finally {
			await server.stop();
		}
		expect(n8n.runningProcesses()).toEqual([]);
	}, 180_000);

	(packageBuilt() ? test : test.skip)(
		'loads our package: our node runs and fails on an unreachable URL',
		async () => {
			const results = await n8n.runWorkflows(
				[
					{
						id: 'harnessOurs1',
						nodes: [
							manualTrigger,
							{
								name: 'FacturasApp',
								type: NODE_TYPE,
								typeVersion: 1,
								parameters: {
									resource: 'invoice',
									operation: 'getState',
									invoiceNumber: 'FA2026-0001',
								},
								credentials: {
									[CREDENTIAL_TYPE]: { id: 'harnessCred1', name: 'FacturasApp test' },
								},
							},
						],
						connections: chain('Start', 'FacturasApp'),
					},
				],
				{
					credentials: [
						{
							id: 'harnessCred1',
							name: 'FacturasApp test',
							type: CREDENTIAL_TYPE,
							// Port 9 (discard) on loopback: nothing listens, the connection is refused.
							data: {
								environment: 'custom',
								baseUrl: 'http://127.0.0.1:9',
								user: 'u',
								password: 'p',
							},
						},
					],
				},
			);
			const result = results.harnessOurs1;
			expect(result.success).toBe(false);
			// Our credential's log-in ran (and failed) instead of n8n rejecting an unknown node type.
			expect(result.error).not.toMatch(/unrecognized node type/i);
			expect(result.error).toMatch(/ECONNREFUSED|connect/i);
		},
		180_000,
	);
});
