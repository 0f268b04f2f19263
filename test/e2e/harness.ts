// Runs workflows headless in a real n8n 2.41 (Node 24, from scripts/runtime.js) with this
// package loaded the way a user's n8n loads a community package. For the e2e suite, the
// demo and the bench.
//
//   const rt = await ensureRuntime();                  // beforeAll, 15 min timeout when cold
//   const n8n = await createN8n();                      // fresh user folder + our package
//   await n8n.importCredentials([{ id: 'cred1', name: 'FA', type: 'facturasAppApi', data }]);
//   const results = await n8n.runWorkflows([wf1, wf2]); // import + one `n8n execute-batch`
//   expect(results.wf1.success).toBe(true);
//   const server = await n8n.startServer();             // `n8n start`, webhooks published
//   await fetch(server.webhookUrl('my-path'), ...); await server.stop();
//   await n8n.dispose();                                // no process left, folder removed
//
// Results come from an n8n external hook (lib/n8n-hooks.js) that writes each execution's full
// run data to a file: the CLI prints run data only for successes (execute-batch) or mixed with
// log lines (execute --rawOutput), and it works the same for webhook executions of `n8n start`.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
	atExit,
	describeExit,
	freePort,
	readText,
	sleep,
	spawnLogged,
	tail,
	tailOf,
	waitForReady,
} from './lib/process';
import { DEMO_USER } from '../emulator/index';
import { failedResult, readRecords, toResult, type WorkflowResult } from './lib/results';
import {
	N8nError,
	type CommandResult,
	type CredentialInput,
	type N8nOptions,
	type N8nServer,
	type ServerOptions,
	type WorkflowInput,
} from './lib/types';
import { assertId, hasWebhookTrigger, normalizeWorkflow, type BatchSummary } from './lib/workflows';

export { N8nError } from './lib/types';
export type {
	CommandResult,
	CredentialInput,
	N8nOptions,
	N8nServer,
	ServerOptions,
	WorkflowInput,
	WorkflowNodeInput,
} from './lib/types';

export type { BinaryFile, ErrorInfo, Item, NodeRun, WorkflowResult } from './lib/results';

export interface Runtime {
	dir: string;
	nodeBin: string;
	n8nBin: string;
	env: NodeJS.ProcessEnv;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeModule = require('../../scripts/runtime.js') as { ensureRuntime(): Promise<Runtime> };

/** Node 24 + n8n, built into the cache on first use (about 3-6 minutes cold). */
export const ensureRuntime = (): Promise<Runtime> => runtimeModule.ensureRuntime();

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-facturasapp';
/** Node type of our node in workflows (community package: `<package>.<node name>`). */
export const NODE_TYPE = `${PACKAGE_NAME}.facturasApp`;
export const CREDENTIAL_TYPE = 'facturasAppApi';

/** The data of a FacturasApp API credential for an emulator's demo user (`extra` adds or overrides). */
export const emulatorCredentialData = (baseUrl: string, extra: Record<string, unknown> = {}) => ({
	environment: 'custom',
	baseUrl,
	user: DEMO_USER.user,
	password: DEMO_USER.password,
	...extra,
});

// Fixed: credentials imported by one command must decrypt in the next.
const ENCRYPTION_KEY = 'facturasapp-e2e-encryption-key';
const HOOK_FILE = path.join(__dirname, 'lib', 'n8n-hooks.js');
// Variables passed through from the caller; everything else is dropped so a developer's
// N8N_* / NODE_OPTIONS / jest's NODE_ENV=test cannot change how n8n behaves.
const PASSTHROUGH_ENV = ['LANG', 'LC_ALL', 'TZ', 'USER', 'LOGNAME', 'SHELL'];

// Folders of instances not disposed yet, removed if the process ends without dispose() (^C).
const liveRoots = new Set<string>();
atExit(() => {
	if (process.env.FACTURASAPP_E2E_KEEP === '1') return;
	for (const root of liveRoots) fs.rmSync(root, { recursive: true, force: true });
});

export class N8n {
	/** $N8N_USER_FOLDER (n8n keeps its data in `<userFolder>/.n8n`). */
	readonly userFolder: string;
	readonly logDir: string;
	private readonly inputDir: string;
	private readonly runsRoot: string;
	private readonly tmpDir: string;
	private seq = 0;
	private files = 0;
	private readonly imported = new Map<string, WorkflowInput>();
	private readonly servers = new Set<N8nServer>();
	// n8n commands on one folder share one SQLite database: run them one at a time.
	private queue: Promise<unknown> = Promise.resolve();
	private disposed = false;

	constructor(
		readonly runtime: Runtime,
		readonly root: string,
		private readonly options: N8nOptions,
	) {
		this.userFolder = path.join(root, 'user');
		this.logDir = path.join(root, 'logs');
		this.inputDir = path.join(root, 'input');
		this.runsRoot = path.join(root, 'runs');
		this.tmpDir = path.join(root, 'tmp');
		for (const dir of [this.userFolder, this.logDir, this.inputDir, this.runsRoot, this.tmpDir])
			fs.mkdirSync(dir, { recursive: true });
		if (!options.keep) liveRoots.add(root);
	}

	/** Imports credentials (same id overwrites: a fresh copy without a cached API key). */
	async importCredentials(credentials: CredentialInput[]): Promise<void> {
		if (credentials.length === 0) return;
		for (const c of credentials) assertId('credential', c.id);
		const file = this.writeInput('credentials', credentials);
		await this.command(['import:credentials', `--input=${file}`], {
			check: /Successfully imported/,
		});
	}

	/** Imports workflows (inactive; startServer publishes the webhook ones). */
	async importWorkflows(workflows: WorkflowInput[]): Promise<void> {
		if (workflows.length === 0) return;
		const normalized = workflows.map(normalizeWorkflow);
		const file = this.writeInput('workflows', normalized);
		await this.command(['import:workflow', `--input=${file}`], { check: /Successfully imported/ });
		for (const w of normalized) this.imported.set(w.id, w);
	}

	/**
	 * Runs imported workflows (Manual Trigger start) in one `n8n execute-batch`, one after the
	 * other, and returns a result per workflow id. Never throws for a failing workflow: see
	 * `success` / `error`. Throws when n8n itself could not run (start-up error, timeout).
	 */
	async executeWorkflows(
		ids: string[],
		options: { timeoutMs?: number } = {},
	): Promise<Record<string, WorkflowResult>> {
		if (ids.length === 0) return {};
		for (const id of ids) assertId('workflow', id);
		const summaryFile = path.join(this.inputDir, `${++this.files}-batch-summary.json`);
		// --retries=0: a retried workflow would run twice (and emulator counters would lie).
		const run = await this.command(
			['execute-batch', `--ids=${ids.join(',')}`, '--retries=0', `--output=${summaryFile}`],
			{
				timeoutMs: options.timeoutMs,
				// n8n exits 1 when a workflow failed, and Node 24 sometimes segfaults in process.exit
				// after the summary is written (139): the summary file is the success criterion.
				allowFailure: true,
			},
		);
		if (run.timedOut || !fs.existsSync(summaryFile)) {
			throw new N8nError(
				`n8n execute-batch did not finish (${describeExit(run)})\n${this.commandTail(run)}`,
			);
		}
		const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as BatchSummary;
		const storage = path.join(this.userFolder, '.n8n', 'storage');
		const results: Record<string, WorkflowResult> = {};
		// Sub-workflow and error-workflow executions are recorded too; the batch's own are `cli`.
		for (const record of readRecords(run.runsDir)) {
			if (record.mode === 'cli') results[record.workflowId] = toResult(record, storage);
		}
		for (const id of ids) {
			if (results[id]) continue;
			const reported = summary.executions.find((e) => e.workflowId === id);
			results[id] = failedResult(
				id,
				reported?.error ??
					(this.imported.has(id)
						? 'n8n did not run the workflow'
						: `workflow ${id} is not imported`),
			);
		}
		return results;
	}

	async executeWorkflow(id: string, options: { timeoutMs?: number } = {}): Promise<WorkflowResult> {
		return (await this.executeWorkflows([id], options))[id];
	}

	/** Imports the workflows (and credentials) and runs them in one batch. */
	async runWorkflows(
		workflows: WorkflowInput[],
		options: { credentials?: CredentialInput[]; timeoutMs?: number } = {},
	): Promise<Record<string, WorkflowResult>> {
		await this.importCredentials(options.credentials ?? []);
		await this.importWorkflows(workflows);
		return await this.executeWorkflows(
			workflows.map((w) => w.id),
			options,
		);
	}

	/**
	 * Starts `n8n start` on a free port with webhook workflows published, and resolves once
	 * they are registered. Stop it with server.stop() (dispose() also does).
	 */
	async startServer(options: ServerOptions = {}): Promise<N8nServer> {
		const publish =
			options.publish ?? [...this.imported.values()].filter(hasWebhookTrigger).map((w) => w.id);
		const port = await freePort();
		const n = this.nextSeq();
		const runsDir = path.join(this.runsRoot, `${n}-start`);
		fs.mkdirSync(runsDir);
		const serverEnv = {
			...options.env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			// Activate in start-up itself, before "Editor is now accessible", instead of in a
			// background outbox consumer: "ready" then means webhooks are registered.
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			FACTURASAPP_E2E_PUBLISH: publish.join(','),
			FACTURASAPP_E2E_RUNS_DIR: options.recordRuns === false ? '' : runsDir,
		};
		// Queued like a command: it owns the database while it runs.
		return await this.enqueue(async () => {
			const proc = spawnLogged(this.runtime.nodeBin, [this.runtime.n8nBin, 'start'], {
				cwd: this.root,
				env: await this.env(serverEnv),
				stdoutFile: path.join(this.logDir, `${n}-start.stdout.log`),
				stderrFile: path.join(this.logDir, `${n}-start.stderr.log`),
				timeoutMs: 24 * 3600_000,
			});
			try {
				await waitForReady(proc, port, options.timeoutMs ?? 90_000);
			} catch (err) {
				await proc.stop(2000);
				this.clearCrashJournal();
				throw new N8nError(`${(err as Error).message}\n${tailOf(proc)}`);
			}
			const storage = path.join(this.userFolder, '.n8n', 'storage');
			const executions = () => readRecords(runsDir).map((r) => toResult(r, storage));
			const server: N8nServer = {
				pid: proc.pid,
				port,
				baseUrl: `http://127.0.0.1:${port}`,
				webhookUrl: (p) => `http://127.0.0.1:${port}/webhook/${p.replace(/^\//, '')}`,
				executions,
				waitForExecutions: async (count, timeoutMs = 30_000) => {
					const deadline = Date.now() + timeoutMs;
					for (;;) {
						const list = executions();
						if (list.length >= count) return list;
						if (Date.now() > deadline)
							throw new N8nError(
								`only ${list.length} of ${count} executions recorded after ${timeoutMs} ms`,
							);
						await sleep(50);
					}
				},
				stdoutFile: proc.stdoutFile,
				stderrFile: proc.stderrFile,
				stop: async () => {
					this.servers.delete(server);
					await proc.stop(8000);
				},
			};
			this.servers.add(server);
			// Keep the queue blocked until the server is stopped.
			return { value: server, hold: proc.exited.then(() => this.clearCrashJournal()) };
		});
	}

	/** Runs any n8n CLI command in this instance's folder (queued, logged, with a timeout). */
	async command(
		args: string[],
		options: {
			timeoutMs?: number;
			env?: Record<string, string>;
			allowFailure?: boolean;
			check?: RegExp;
		} = {},
	): Promise<CommandResult> {
		if (this.servers.size > 0)
			throw new N8nError('stop the n8n server before running other n8n commands on its folder');
		const n = this.nextSeq();
		const label = `${n}-${args[0].replace(/[^a-z0-9-]+/gi, '-')}`;
		const runsDir = path.join(this.runsRoot, label);
		fs.mkdirSync(runsDir);
		const timeoutMs = options.timeoutMs ?? this.options.timeoutMs ?? 120_000;
		const result = await this.enqueue(async () => {
			const proc = spawnLogged(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], {
				cwd: this.root,
				// Inside the queue: the broker port is picked right before n8n binds it.
				env: await this.env({ ...options.env, FACTURASAPP_E2E_RUNS_DIR: runsDir }),
				stdoutFile: path.join(this.logDir, `${label}.stdout.log`),
				stderrFile: path.join(this.logDir, `${label}.stderr.log`),
				timeoutMs,
			});
			const exit = await proc.exited;
			this.clearCrashJournal();
			return {
				value: { ...exit, args, stdoutFile: proc.stdoutFile, stderrFile: proc.stderrFile, runsDir },
			};
		});
		if (result.timedOut)
			throw new N8nError(
				`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${this.commandTail(result)}`,
			);
		const failed =
			result.code !== 0 ||
			(options.check &&
				!options.check.test(readText(result.stdoutFile) + readText(result.stderrFile)));
		if (failed && !options.allowFailure) {
			throw new N8nError(
				`n8n ${args.join(' ')} failed (${describeExit(result)})\n${this.commandTail(result)}`,
			);
		}
		return result;
	}

	/** Processes still running in this instance's folder (n8n and its task runners run with it as cwd). Linux only. */
	runningProcesses(): { pid: number; command: string }[] {
		const found: { pid: number; command: string }[] = [];
		for (const entry of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const cwd = fs.readlinkSync(`/proc/${entry}/cwd`);
				if (cwd !== this.root && !cwd.startsWith(`${this.root}${path.sep}`)) continue;
				const command = fs
					.readFileSync(`/proc/${entry}/cmdline`, 'utf8')
					.replace(/\0/g, ' ')
					.trim();
				found.push({ pid: Number(entry), command });
			} catch {
				// Exited meanwhile, or not ours to inspect.
			}
		}
		return found;
	}

	/** The last lines of every log of this instance, for a failing test's message. */
	logs(lines = 40): string {
		return fs
			.readdirSync(this.logDir)
			.sort((a, b) => parseInt(a, 10) - parseInt(b, 10) || a.localeCompare(b))
			.map((name) => `--- ${name}\n${tail(path.join(this.logDir, name), lines)}`)
			.join('\n');
	}

	/** Stops servers, waits for every command, removes the folder (unless kept). */
	async dispose(): Promise<void> {
		if (this.disposed) return;
		this.disposed = true;
		await Promise.all([...this.servers].map((s) => s.stop()));
		await this.queue.catch(() => undefined);
		liveRoots.delete(this.root);
		if (this.options.keep || process.env.FACTURASAPP_E2E_KEEP === '1') {
			process.stderr.write(`[e2e] kept n8n folder ${this.root}\n`);
			return;
		}
		fs.rmSync(this.root, { recursive: true, force: true });
	}

	// n8n leaves .n8n/crash.journal when it did not shut down cleanly (killed on timeout, the
	// execute-batch exit segfault) and then sleeps 10 s at its next start ("Last session
	// crashed"). The harness knows the process is gone: clear it.
	private clearCrashJournal(): void {
		fs.rmSync(path.join(this.userFolder, '.n8n', 'crash.journal'), { force: true });
	}

	private nextSeq(): number {
		if (this.disposed) throw new N8nError('this n8n instance is disposed');
		return ++this.seq;
	}

	private writeInput(kind: string, data: unknown): string {
		const file = path.join(this.inputDir, `${++this.files}-${kind}.json`);
		fs.writeFileSync(file, JSON.stringify(data, null, '\t'));
		return file;
	}

	// Runs task after everything queued before it; `hold` keeps later tasks waiting (server).
	private enqueue<T>(task: () => Promise<{ value: T; hold?: Promise<unknown> }>): Promise<T> {
		const run = this.queue.then(task);
		this.queue = run.then(
			(r) => r.hold,
			() => undefined,
		);
		return run.then((r) => r.value);
	}

	/** The environment of this instance's n8n processes, for extra ones (queue-mode workers). */
	processEnv(extra: Record<string, string | undefined> = {}): Promise<NodeJS.ProcessEnv> {
		return this.env(extra);
	}

	private async env(extra: Record<string, string | undefined>): Promise<NodeJS.ProcessEnv> {
		const env: NodeJS.ProcessEnv = {};
		for (const key of PASSTHROUGH_ENV)
			if (process.env[key] !== undefined) env[key] = process.env[key];
		Object.assign(env, {
			// Node 24 first: n8n spawns its task runner with the `node` it finds.
			PATH: this.runtime.env.PATH,
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			// n8n also writes to os.tmpdir() (e.g. data-table uploads): keep that inside the folder.
			TMPDIR: this.tmpDir,
			HOME: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			// Each concurrent n8n needs its own task-broker port (default 5679 would collide).
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// `info`: at `error` level n8n prints less than the harness's failure messages need.
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			// Its start-up fetch of api.n8n.io only fails and logs stack traces here.
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			// Binary data inline (base64) in the run data instead of files under .n8n/storage.
			N8N_DEFAULT_BINARY_DATA_MODE: 'default',
			EXTERNAL_HOOK_FILES: HOOK_FILE,
			...this.options.env,
		});
		for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value;
		return env;
	}

	private commandTail(result: { stdoutFile: string; stderrFile: string }): string {
		return `--- ${result.stdoutFile}\n${tail(result.stdoutFile)}\n--- ${result.stderrFile}\n${tail(result.stderrFile)}`;
	}
}

/** A fresh n8n user folder under os.tmpdir(), with this package installed unless told not to. */
export async function createN8n(options: N8nOptions = {}): Promise<N8n> {
	const runtime = await ensureRuntime();
	const template = await databaseTemplate(runtime);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	try {
		const n8n = new N8n(runtime, root, options);
		const dataDir = path.join(n8n.userFolder, '.n8n');
		fs.mkdirSync(dataDir, { recursive: true });
		for (const name of TEMPLATE_FILES)
			fs.copyFileSync(path.join(template, name), path.join(dataDir, name));
		if (options.installPackage !== false) installPackage(n8n.userFolder);
		return n8n;
	} catch (err) {
		fs.rmSync(root, { recursive: true, force: true });
		throw err;
	}
}

// A new folder's first n8n command spends ~2.5 s on 300+ database migrations: do them once
// per runtime (and encryption key) into a template under os.tmpdir() and copy it. SQLite
// rebuilds the WAL index (-shm) itself, so the database and its WAL are enough.
const TEMPLATE_FILES = ['config', 'database.sqlite', 'database.sqlite-wal'];
let templatePromise: Promise<string> | undefined;

function databaseTemplate(runtime: Runtime): Promise<string> {
	templatePromise ??= buildTemplate(runtime).catch((err) => {
		templatePromise = undefined;
		throw err;
	});
	return templatePromise;
}

async function buildTemplate(runtime: Runtime): Promise<string> {
	const key = crypto
		.createHash('sha256')
		.update(`${runtime.dir}\0${ENCRYPTION_KEY}`)
		.digest('hex')
		.slice(0, 12);
	const final = path.join(os.tmpdir(), `n8n-facturasapp-e2e-db-${key}`);
	if (TEMPLATE_FILES.every((name) => fs.existsSync(path.join(final, name)))) return final;
	const scratch = new N8n(runtime, fs.mkdtempSync(`${final}.tmp-`), {});
	try {
		await scratch.command(['list:workflow']);
		const built = path.join(scratch.root, 'template');
		fs.mkdirSync(built);
		for (const name of TEMPLATE_FILES)
			fs.copyFileSync(path.join(scratch.userFolder, '.n8n', name), path.join(built, name));
		try {
			// Atomic, so `final` is always complete; a concurrent builder (another jest worker)
			// may have won the rename: either copy is good.
			fs.renameSync(built, final);
		} catch (err) {
			if (!TEMPLATE_FILES.every((name) => fs.existsSync(path.join(final, name)))) throw err;
		}
		return final;
	} finally {
		await scratch.dispose();
	}
}

/** Whether `npm run build` output exists (the e2e tests of our node need it). */
export function packageBuilt(): boolean {
	return fs.existsSync(path.join(REPO_ROOT, 'dist'));
}

// Where n8n looks for community packages. A copy, not a symlink: through a symlink the node
// would resolve n8n-workflow from the repo's node_modules and n8n's instanceof checks fail.
function installPackage(userFolder: string): void {
	const dist = path.join(REPO_ROOT, 'dist');
	if (!fs.existsSync(dist))
		throw new N8nError(`${dist} is missing: run npm run build before the e2e tests`);
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(REPO_ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(dist, path.join(target, 'dist'), { recursive: true });
}
