// A real n8n serving webhook workflows, in either of n8n's two execution modes:
//   regular  one `n8n start` (SQLite), executions run inside it;
//   queue    `n8n start` (main: webhooks, enqueues) + N `n8n worker` processes that run the
//            executions, with Redis as the queue and PostgreSQL as the shared database,
//            everything started here on 127.0.0.1 with free ports and own data folders.
//
//   const cluster = await createCluster({ mode: 'queue', workers: 2 });
//   await cluster.n8n.importCredentials([...]); await cluster.n8n.importWorkflows([...]);
//   await cluster.start();                         // main (+ workers) ready, webhooks published
//   const answers = await fireAll(cluster, [{ path: 'orders', body }, ...]);
//   const runs = await cluster.waitForExecutions(50);
//   await cluster.restart();                       // every n8n process stopped and started again
//   await cluster.dispose();                       // n8n, workers, Redis, PostgreSQL gone
//
// Executions are recorded by lib/n8n-hooks.js in the process that ran them (tagged main /
// worker1 / worker2), and can be cross-checked through n8n's REST API (cluster.rest).
import * as fs from 'fs';
import * as path from 'path';

import { createN8n, type N8n, type N8nServer, type WorkflowResult } from '../harness';
import { sleep, spawnLogged, tail, tailOf, type Spawned } from '../lib/process';
import { readRecords, toResult } from '../lib/results';
import { N8nRest } from './rest';
import { startPostgres, startRedis, type Postgres, type Service } from './services';

export type ExecutionMode = 'regular' | 'queue';

export interface ClusterOptions {
	mode: ExecutionMode;
	/** Queue mode: number of `n8n worker` processes. Default 2. */
	workers?: number;
	/** Jobs one worker runs at once (`--concurrency`, n8n's default 10). */
	workerConcurrency?: number;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
}

/** An execution as recorded, with the n8n process that ran it. */
export interface ClusterExecution extends WorkflowResult {
	process: string;
}

export interface Cluster {
	readonly mode: ExecutionMode;
	/** For imports (run before start()) and logs. */
	readonly n8n: N8n;
	/** n8n's REST API on the main process (valid after start()). */
	readonly rest: N8nRest;
	readonly workers: number;
	start(): Promise<void>;
	/** Stops every n8n process and starts them again on the same database (an n8n restart). */
	restart(): Promise<void>;
	webhookUrl(webhookPath: string): string;
	/** Every execution recorded so far, over restarts too, oldest first. */
	executions(): ClusterExecution[];
	waitForExecutions(count: number, timeoutMs?: number): Promise<ClusterExecution[]>;
	/** Executions per process label ({ main: 50 } or { worker1: 23, worker2: 27 }). */
	perProcess(executions?: ClusterExecution[]): Record<string, number>;
	/** Last lines of every log (n8n processes, Redis, PostgreSQL), for failing tests. */
	logs(lines?: number): string;
	/** n8n processes and services still running (should be none after dispose()). */
	runningProcesses(): { pid: number; command: string }[];
	dispose(): Promise<void>;
}

export async function createCluster(options: ClusterOptions): Promise<Cluster> {
	const workerCount = options.mode === 'queue' ? (options.workers ?? 2) : 0;
	let redis: Service | undefined;
	let pg: Postgres | undefined;
	let n8n: N8n | undefined;
	try {
		let env: Record<string, string> = {};
		if (options.mode === 'queue') {
			[redis, pg] = await Promise.all([startRedis(), startPostgres()]);
			env = {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: pg.host,
				DB_POSTGRESDB_PORT: String(pg.port),
				DB_POSTGRESDB_DATABASE: pg.database,
				DB_POSTGRESDB_USER: pg.user,
				DB_POSTGRESDB_PASSWORD: '',
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: redis.host,
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				// Binary data must be readable by every process: n8n's queue-mode default.
				N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			};
		}
		n8n = await createN8n({ env: { ...env, ...options.env } });
		return new ClusterImpl(options, workerCount, n8n, redis, pg);
	} catch (err) {
		await n8n?.dispose();
		await Promise.all([redis?.stop(), pg?.stop()]);
		throw err;
	}
}

class ClusterImpl implements Cluster {
	readonly mode: ExecutionMode;
	rest!: N8nRest;
	private main: N8nServer | undefined;
	private workerProcs: Spawned[] = [];
	// Queue mode: the workers record into this one folder (regular mode: the server's own).
	private readonly runsDir: string;
	private readonly earlier: ClusterExecution[] = [];
	private starts = 0;
	private disposed = false;

	constructor(
		private readonly options: ClusterOptions,
		readonly workers: number,
		readonly n8n: N8n,
		private readonly redis: Service | undefined,
		private readonly pg: Postgres | undefined,
	) {
		this.mode = options.mode;
		this.runsDir = path.join(n8n.root, 'runs', 'workers');
		fs.mkdirSync(this.runsDir, { recursive: true });
	}

	async start(): Promise<void> {
		if (this.main) throw new Error('the cluster is already started');
		this.starts++;
		const queue = this.mode === 'queue';
		// Queue mode: the main process only receives webhooks; the workers run (and record) them.
		this.main = await this.n8n.startServer({
			recordRuns: !queue,
			env: { FACTURASAPP_E2E_PROCESS: 'main' },
		});
		this.rest = new N8nRest(this.main.baseUrl);
		try {
			this.workerProcs = await Promise.all(
				Array.from({ length: this.workers }, (_, i) => this.startWorker(i + 1)),
			);
		} catch (err) {
			await this.stopProcesses();
			throw err;
		}
	}

	private async startWorker(n: number): Promise<Spawned> {
		const label = `worker${n}`;
		const rt = this.n8n.runtime;
		const concurrency = this.options.workerConcurrency ?? 10;
		const proc = spawnLogged(rt.nodeBin, [rt.n8nBin, 'worker', `--concurrency=${concurrency}`], {
			cwd: this.n8n.root,
			env: await this.n8n.processEnv({
				FACTURASAPP_E2E_RUNS_DIR: this.runsDir,
				FACTURASAPP_E2E_PROCESS: label,
			}),
			stdoutFile: path.join(this.n8n.logDir, `${label}-${this.starts}.stdout.log`),
			stderrFile: path.join(this.n8n.logDir, `${label}-${this.starts}.stderr.log`),
			timeoutMs: 3 * 3600_000,
		});
		let exited = false;
		void proc.exited.then(() => (exited = true));
		const deadline = Date.now() + 90_000;
		for (;;) {
			if (fs.readFileSync(proc.stdoutFile, 'utf8').includes('n8n worker is now ready')) return proc;
			if (exited || Date.now() > deadline) {
				await proc.stop(2000);
				throw new Error(
					`n8n ${label} ${exited ? 'exited during start-up' : 'not ready after 90 s'}\n${tailOf(proc)}`,
				);
			}
			await sleep(100);
		}
	}

	private async stopProcesses(): Promise<void> {
		// Workers first: the main process keeps the queue (and the webhook answers) until they finish.
		const workers = this.workerProcs;
		this.workerProcs = [];
		await Promise.all(workers.map((w) => w.stop(10_000)));
		if (this.main) {
			this.earlier.push(...this.currentExecutions());
			await this.main.stop();
			this.main = undefined;
		}
	}

	async restart(): Promise<void> {
		await this.stopProcesses();
		await this.start();
	}

	webhookUrl(webhookPath: string): string {
		if (!this.main) throw new Error('the cluster is not started');
		return this.main.webhookUrl(webhookPath);
	}

	private currentExecutions(): ClusterExecution[] {
		if (this.mode === 'regular')
			return (this.main?.executions() ?? []).map((e) => ({ ...e, process: 'main' }));
		return [];
	}

	executions(): ClusterExecution[] {
		if (this.mode === 'regular') return [...this.earlier, ...this.currentExecutions()];
		// Workers of every start write into the same folder; records carry their process.
		const storage = path.join(this.n8n.userFolder, '.n8n', 'storage');
		return readRecords(this.runsDir).map((r) => ({
			...toResult(r, storage),
			process: String((r as { process?: string }).process ?? '?'),
		}));
	}

	async waitForExecutions(count: number, timeoutMs = 120_000): Promise<ClusterExecution[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = this.executions();
			if (list.length >= count) return list;
			if (Date.now() > deadline)
				throw new Error(
					`only ${list.length} of ${count} executions recorded after ${timeoutMs} ms`,
				);
			await sleep(100);
		}
	}

	perProcess(executions = this.executions()): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const e of executions) counts[e.process] = (counts[e.process] ?? 0) + 1;
		return counts;
	}

	logs(lines = 30): string {
		const services = [
			this.redis && `--- redis\n${this.redis.logs()}`,
			this.pg && `--- postgres\n${tail(this.pg.proc.stderrFile, lines)}`,
		];
		return [this.n8n.logs(lines), ...services.filter(Boolean)].join('\n');
	}

	runningProcesses(): { pid: number; command: string }[] {
		const services = [this.redis, this.pg].filter((s): s is Service => !!s).map((s) => s.proc.pid);
		const alive = services.filter((pid) => {
			try {
				process.kill(pid, 0);
				return true;
			} catch {
				return false;
			}
		});
		return [...this.n8n.runningProcesses(), ...alive.map((pid) => ({ pid, command: 'service' }))];
	}

	async dispose(): Promise<void> {
		if (this.disposed) return;
		this.disposed = true;
		try {
			await this.stopProcesses();
		} finally {
			await this.n8n.dispose();
			await Promise.all([this.redis?.stop(), this.pg?.stop()]);
		}
	}
}

export interface WebhookCall {
	path: string;
	body: unknown;
}

export interface WebhookAnswer {
	status: number;
	body: unknown;
	/** Set when no HTTP answer arrived (connection error, time-out). */
	error?: string;
}

/** Fires every call at once (no pacing) and waits for all the answers. */
export async function fireAll(
	cluster: Cluster,
	calls: WebhookCall[],
	timeoutMs = 180_000,
): Promise<WebhookAnswer[]> {
	return await Promise.all(
		calls.map(async (call): Promise<WebhookAnswer> => {
			try {
				const res = await fetch(cluster.webhookUrl(call.path), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(call.body),
					signal: AbortSignal.timeout(timeoutMs),
				});
				const text = await res.text();
				let body: unknown = text;
				try {
					body = JSON.parse(text);
				} catch {
					// Not JSON: keep the text.
				}
				return { status: res.status, body };
			} catch (err) {
				return { status: 0, body: undefined, error: (err as Error).message };
			}
		}),
	);
}
