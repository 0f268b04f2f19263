// Redis and PostgreSQL for n8n's queue mode, started per test run on 127.0.0.1 with free ports
// and their own data folders, stopped (and the folders removed) by stop() or when the test
// process ends. The binaries come from Debian's packages (scripts/services.js installs them).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
	atExit,
	freePort,
	readText,
	sleep,
	spawnLogged,
	tailOf,
	type Spawned,
} from '../lib/process';

interface ServiceBinaries {
	redisServer: string;
	redisVersion: string;
	pgBin: string;
}
interface PgRunAs {
	wrap(command: string, args: string[]): [string, string[]];
	uid: number | null;
	gid: number | null;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scripts = require('../../../scripts/services.js') as {
	ensureServices(): ServiceBinaries;
	pgRunAs(): PgRunAs;
};

export const ensureServices = (): ServiceBinaries => scripts.ensureServices();

export interface Service {
	host: '127.0.0.1';
	port: number;
	dir: string;
	proc: Spawned;
	/** Log of the service, for failure messages. */
	logs(): string;
	stop(): Promise<void>;
}

const liveDirs = new Set<string>();
atExit(() => {
	for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function serviceDir(kind: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `facturasapp-${kind}-`));
	liveDirs.add(dir);
	return dir;
}

async function waitForLog(
	proc: Spawned,
	file: string,
	text: string | RegExp,
	what: string,
	timeoutMs: number,
): Promise<void> {
	let exited = false;
	void proc.exited.then(() => (exited = true));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const log = readText(file);
		if (typeof text === 'string' ? log.includes(text) : text.test(log)) return;
		if (exited) throw new Error(`${what} exited during start-up\n${tailOf(proc)}`);
		if (Date.now() > deadline)
			throw new Error(`${what} not ready after ${timeoutMs} ms\n${tailOf(proc)}`);
		await sleep(100);
	}
}

function service(port: number, dir: string, proc: Spawned): Service {
	let stopping: Promise<void> | undefined;
	return {
		host: '127.0.0.1',
		port,
		dir,
		proc,
		logs: () => tailOf(proc),
		stop: () =>
			(stopping ??= (async () => {
				await proc.stop(10_000);
				fs.rmSync(dir, { recursive: true, force: true });
				liveDirs.delete(dir);
			})()),
	};
}

/** redis-server on a free loopback port: no persistence, no protected-mode surprises. */
export async function startRedis(): Promise<Service> {
	const { redisServer } = ensureServices();
	const dir = serviceDir('redis');
	const port = await freePort();
	const proc = spawnLogged(
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
			'--logfile',
			'',
		],
		{
			cwd: dir,
			env: { PATH: process.env.PATH },
			stdoutFile: path.join(dir, 'redis.log'),
			stderrFile: path.join(dir, 'redis.err.log'),
			timeoutMs: 3 * 3600_000,
		},
	);
	const svc = service(port, dir, proc);
	try {
		await waitForLog(proc, proc.stdoutFile, 'Ready to accept connections', 'redis-server', 30_000);
	} catch (err) {
		await svc.stop();
		throw err;
	}
	return svc;
}

export interface Postgres extends Service {
	user: string;
	database: string;
}

/**
 * A throw-away PostgreSQL cluster: initdb into its own folder (trust auth on loopback, no
 * fsync: nothing here must survive), then `postgres` in the foreground on a free port. As
 * root both run as the `postgres` user, which then owns the folder.
 */
export async function startPostgres(): Promise<Postgres> {
	const { pgBin } = ensureServices();
	const runAs = scripts.pgRunAs();
	const dir = serviceDir('pg');
	const data = path.join(dir, 'data');
	if (runAs.uid !== null) fs.chownSync(dir, runAs.uid, runAs.gid!);
	const user = 'n8n';
	const database = 'postgres';
	const env = { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' };
	const logFile = (name: string) => path.join(dir, name);

	const [initCmd, initArgs] = runAs.wrap(path.join(pgBin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-locale',
		'--no-sync',
	]);
	const init = spawnLogged(initCmd, initArgs, {
		cwd: dir,
		env,
		stdoutFile: logFile('initdb.log'),
		stderrFile: logFile('initdb.err.log'),
		timeoutMs: 120_000,
	});
	const initExit = await init.exited;
	if (initExit.code !== 0) {
		const message = `initdb failed (${initExit.timedOut ? 'timed out' : `exit ${initExit.code}`})\n${tailOf(init)}`;
		fs.rmSync(dir, { recursive: true, force: true });
		liveDirs.delete(dir);
		throw new Error(message);
	}

	const port = await freePort();
	const [cmd, args] = runAs.wrap(path.join(pgBin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		// Unix socket in our own folder, not /var/run/postgresql (may not exist or be writable).
		'-c',
		`unix_socket_directories=${dir}`,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const proc = spawnLogged(cmd, args, {
		cwd: dir,
		env,
		stdoutFile: logFile('postgres.log'),
		stderrFile: logFile('postgres.err.log'),
		timeoutMs: 3 * 3600_000,
	});
	const svc = service(port, dir, proc);
	try {
		await waitForLog(
			proc,
			proc.stderrFile,
			'database system is ready to accept connections',
			'postgres',
			60_000,
		);
	} catch (err) {
		await svc.stop();
		throw err;
	}
	return { ...svc, user, database };
}
