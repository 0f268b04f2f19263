/// <reference lib="dom" />
// The Create form in the real n8n 2.41 editor, in headless Chromium, as a new user meets it:
// n8n started with this package (`n8n start`), the owner created through the REST API, a
// workflow with the node opened in the editor. It switches through every operation and input
// mode, fills a one-line invoice to a Spanish company, runs it against the local emulator and
// checks what the user sees. Screenshots of each panel go to .e2e-screenshots/ (ignored).
import * as path from 'path';

import type { Emulator } from '../../emulator/index';
import { startEmulator } from '../../emulator/index';
import type { N8n, N8nServer } from '../harness';
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	REPO_ROOT,
	createN8n,
	ensureRuntime,
	emulatorCredentialData,
} from '../harness';
import type { LaunchedBrowser, Problem } from './lib/browser';
import { launchBrowser, screenshotDir } from './lib/browser';
import * as editor from './lib/editor';

const WORKFLOW_ID = 'wfEditor1';
const NODE = 'FacturasApp';
const TRIGGER = 'Al pulsar «Ejecutar»';
/** A node after ours: its input panel shows our output schema ("Usually outputs") before a run. */
const NEXT = 'Siguiente paso';
const CREDENTIAL = { id: 'edFacturas1', name: 'FacturasApp (emulador)' };
/** Goal of issue 19: a one-line invoice to a Spanish company, before the user adds anything. */
const MAX_INPUTS = 12;

let emulator: Emulator;
let n8n: N8n;
let server: N8nServer;
let browser: LaunchedBrowser;
const shots: string[] = [];
const counts: Record<string, number> = {};

async function shot(name: string): Promise<void> {
	const file = path.join(screenshotDir(REPO_ROOT), `${name}.png`);
	await browser.page.screenshot({ path: file });
	shots.push(file);
	process.stderr.write(`[browser] screenshot ${file}\n`);
}

const describeProblems = (list: Problem[]) =>
	list.map((p) => `${p.kind}: ${p.text}${p.url ? ` (${p.url})` : ''}`);

// n8n's and the browser's side in the message of a failing test.
function check(name: string, fn: () => Promise<void>): void {
	it(
		name,
		async () => {
			try {
				await fn();
			} catch (error) {
				if (browser)
					await shot(`failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`).catch(
						() => undefined,
					);
				if (error instanceof Error) {
					error.message += `\n\n--- editor problems ---\n${describeProblems(browser?.problems ?? []).join('\n')}`;
					if (n8n) error.message += `\n\n--- n8n logs ---\n${n8n.logs(20)}`;
				}
				throw error;
			}
		},
		5 * 60_000,
	);
}

beforeAll(async () => {
	await ensureRuntime();
	emulator = await startEmulator();
	n8n = await createN8n();
	await n8n.importCredentials([
		{
			...CREDENTIAL,
			type: CREDENTIAL_TYPE,
			data: emulatorCredentialData(emulator.url),
		},
	]);
	// A node as it lands on the canvas: only the credential chosen, everything else default.
	await n8n.importWorkflows([
		{
			id: WORKFLOW_ID,
			name: 'Factura de prueba',
			nodes: [
				{
					name: TRIGGER,
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					name: NODE,
					type: NODE_TYPE,
					typeVersion: 1,
					position: [260, 0],
					parameters: {},
					credentials: { facturasAppApi: CREDENTIAL },
				},
				{
					name: NEXT,
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [520, 0],
					parameters: {},
				},
			],
			connections: {
				[TRIGGER]: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
				[NODE]: { main: [[{ node: NEXT, type: 'main', index: 0 }]] },
			},
		},
	]);
	// N8N_VERIFIED_PACKAGES_ENABLED=false: the editor's community-node list would make n8n
	// fetch api.n8n.io (only loopback is ever contacted here).
	server = await n8n.startServer({ env: { N8N_VERIFIED_PACKAGES_ENABLED: 'false' } });
	await editor.setupOwner(server.baseUrl);
	browser = await launchBrowser();
	await editor.signIn(browser.page, server.baseUrl);
	await editor.openWorkflow(browser.page, server.baseUrl, WORKFLOW_ID, NODE);
	await editor.openNode(browser.page, NODE);
}, 15 * 60_000);

afterAll(async () => {
	await browser?.close();
	await n8n?.dispose();
	await emulator?.close();
	process.stderr.write(
		`[browser] inputs shown: ${JSON.stringify(counts)}\n[browser] screenshots:\n${shots.map((s) => `  ${s}`).join('\n')}\n`,
	);
}, 120_000);

describe('the node in the n8n editor', () => {
	check(
		'every operation and input mode opens without console errors, and its output schema is served',
		async () => {
			const { page } = browser;
			const panels: Array<[string, string, () => Promise<void>]> = [
				[
					'invoice-get-pdf',
					'invoice/getPdf',
					() => editor.selectOption(page, 'operation', 'Get PDF'),
				],
				[
					'invoice-get-state',
					'invoice/getState',
					() => editor.selectOption(page, 'operation', 'Get State'),
				],
				[
					'invoice-create-json',
					'invoice/create',
					async () => {
						await editor.selectOption(page, 'operation', 'Create');
						await editor.selectOption(page, 'inputMode', 'JSON');
					},
				],
				['series-get-many', 'series/getAll', () => editor.selectOption(page, 'resource', 'Series')],
				[
					'invoice-create-define-below',
					'invoice/create',
					async () => {
						await editor.selectOption(page, 'resource', 'Invoice');
						await editor.selectOption(page, 'operation', 'Create');
						await editor.selectOption(page, 'inputMode', 'Define Below');
					},
				],
			];
			const fetched = new Set<string>();
			const subtitles: string[] = [];
			const schemaUrl = (op: string) => `/schemas/${NODE_TYPE}/1.0.0/${op}.json`;
			for (const [name, op, open] of panels) {
				await open();
				counts[name] = (await editor.countInputs(page)).total;
				await shot(name);
				// The next node's input panel asks for this operation's schema, as a user sees it
				// when mapping fields before the first run.
				await editor.closeNode(page);
				subtitles.push(await editor.nodeSubtitle(page, NODE));
				// The editor keeps a schema once fetched: only the first time per operation is asked.
				const asked = fetched.has(op)
					? undefined
					: page.waitForResponse((r) => r.url().endsWith(schemaUrl(op)), { timeout: 30_000 });
				fetched.add(op);
				await editor.openNode(page, NEXT);
				if (asked) expect((await asked).status()).toBe(200);
				await page.waitForFunction(
					() =>
						/Usually outputs/.test(
							document.querySelector<HTMLElement>('[data-test-id="ndv-input-panel"]')?.innerText ??
								'',
						),
					{ timeout: 30_000 },
				);
				await editor.settle(page);
				await shot(`${name}-usually-outputs`);
				await editor.closeNode(page);
				await editor.openNode(page, NODE);
			}
			// The canvas names the action, not "getPdf: invoice".
			expect(subtitles).toEqual([
				'Get PDF',
				'Get State',
				'Create Invoice',
				'Get Many Series',
				'Create Invoice',
			]);
			const schemaAnswers = browser.responses.filter((r) => r.url.includes('/schemas/'));
			expect(schemaAnswers.filter((r) => r.status !== 200)).toEqual([]);
			expect(describeProblems(browser.problems)).toEqual([]);
		},
	);

	let oneLine: editor.InputCount;
	check('a one-line invoice to a Spanish company can be filled in', async () => {
		const { page } = browser;
		await editor.fill(page, 'invoiceNumber', 'FA2026-0001');
		await editor.fill(page, 'customerName', 'Ferretería López SL');
		await editor.fill(page, 'customerIdentification', 'B12345674');
		await editor.addFixedCollectionItem(page, 'lines');
		await editor.fill(page, 'description', 'Martillo de carpintero');
		await editor.fill(page, 'unitPrice', '10.50');
		oneLine = await editor.countInputs(page);
		counts['one-line-invoice'] = oneLine.total;
		process.stderr.write(
			`[browser] one-line invoice: ${oneLine.total} inputs (${oneLine.names.join(', ')}); pane ${oneLine.scrollHeight} px, ${oneLine.clientHeight} visible\n`,
		);
		await shot('invoice-create-one-line');
		expect(oneLine.names).toEqual(
			expect.arrayContaining([
				'customerName',
				'customerIdentification',
				'description',
				'unitPrice',
			]),
		);
	});

	check(
		`that invoice shows at most ${MAX_INPUTS} inputs before the user adds anything`,
		async () => {
			expect(oneLine.total).toBeLessThanOrEqual(MAX_INPUTS);
		},
	);

	check(
		'runs against the emulator: the output shows the invoice number and the PDF file name',
		async () => {
			const { page } = browser;
			await editor.addCollectionOption(page, 'options', 'Download PDF');
			await editor.setSwitch(page, 'downloadPdf', true);
			browser.problems.length = 0;
			expect(await editor.executeStep(page)).toBe('output');
			await shot('invoice-create-output');
			const output = await editor.panelText(page, '[data-test-id="output-panel"]');
			expect(emulator.invoices.has('FA2026-0001')).toBe(true);
			expect(output).toContain('FA2026-0001');
			expect(output).toContain('FA2026-0001.pdf');
			expect(describeProblems(browser.problems)).toEqual([]);
		},
	);

	let errorPanel: { message: string; lines: string[] };
	check('an invoice with problems is not sent and opens the error panel', async () => {
		const { page } = browser;
		await editor.fill(page, 'invoiceNumber', 'FA2026-0002');
		await editor.fill(page, 'description', ' ');
		await editor.fill(page, 'taxRate', '23');
		browser.problems.length = 0;
		expect(await editor.executeStep(page)).toBe('error');
		await shot('invoice-create-error');
		errorPanel = await editor.errorLines(page);
		process.stderr.write(
			`[browser] error panel: ${errorPanel.message}\n${errorPanel.lines.map((l) => `  | ${l}`).join('\n')}\n`,
		);
		expect(emulator.invoices.has('FA2026-0002')).toBe(false);
		expect(errorPanel.message).toMatch(/2 problems/);
	});

	check("the error panel shows one problem per line, in the form's terms", async () => {
		const { lines } = errorPanel;
		// Two problems (empty description, 23 % is no IVA rate), each on a line of its own.
		const problems = [/descri/i, /\b23\b/];
		for (const pattern of problems) expect(lines.filter((l) => pattern.test(l))).toHaveLength(1);
		expect(lines.filter((l) => problems.filter((p) => p.test(l)).length > 1)).toEqual([]);
		expect(lines.filter((l) => /Line 1/.test(l))).toHaveLength(2);
	});
});
