// Child processes for the e2e harness: each n8n runs in its own process group (n8n starts a
// task-runner child of its own), with stdout/stderr in files, a timeout that kills the whole
// group, and a final group kill so no stray process outlives a call.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';

// Groups that may still be alive, killed if the test process exits first. Being separate
// groups, they do not get the terminal's ^C: forward the end of this process to them.
const liveGroups = new Set<number>();
const cleanups: (() => void)[] = [];
let cleanedUp = false;
const cleanUp = () => {
	if (cleanedUp) return;
	cleanedUp = true;
	for (const pgid of liveGroups) killGroup(pgid, 'SIGKILL');
	// SIGKILL is not instant: a dying n8n can still write into the folder a cleanup removes.
	// Synchronous wait (we may be in an exit handler), 2 s at most.
	const blocker = new Int32Array(new SharedArrayBuffer(4));
	for (let i = 0; i < 40 && [...liveGroups].some(groupAlive); i++) Atomics.wait(blocker, 0, 0, 50);
	for (const fn of cleanups) {
		try {
			fn();
		} catch {
			// Best effort while exiting.
		}
	}
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		cleanUp();
		// Listener gone: the re-raised signal gets its usual handling (other listeners or exit).
		process.kill(process.pid, signal);
	});
}

/** Runs fn (synchronous) when this process ends, after the child groups are killed. */
export function atExit(fn: () => void): void {
	cleanups.push(fn);
}

export function killGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		// ESRCH: the group is already gone.
	}
}

/** Whether a process of the group still runs. Zombies do not count: a killed task runner that
 * n8n left to init stays a zombie until init reaps it, which may take long or never happen. */
function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
	} catch {
		return false;
	}
	let entries: string[];
	try {
		entries = fs.readdirSync('/proc');
	} catch {
		return true; // no /proc: signal 0 reached someone
	}
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // exited meanwhile
		}
		// "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
		const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
	}
	return false;
}

// A port free right now on 127.0.0.1. The OS hands out ephemeral ports round-robin, so the
// short window until n8n binds it is not a practical race.
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
	timedOut: boolean;
	durationMs: number;
}

export interface Spawned {
	pid: number;
	stdoutFile: string;
	stderrFile: string;
	/** Settles when the process exited and its whole group was killed. */
	exited: Promise<Exit>;
	/** Signals the group; escalates to SIGKILL after graceMs. Resolves with the exit. */
	stop(graceMs?: number): Promise<Exit>;
}

export interface SpawnOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	stdoutFile: string;
	stderrFile: string;
	/** Kill the group after this long; the exit then reports timedOut. */
	timeoutMs: number;
}

export function spawnLogged(command: string, args: string[], options: SpawnOptions): Spawned {
	const started = Date.now();
	const out = fs.openSync(options.stdoutFile, 'w');
	const err = fs.openSync(options.stderrFile, 'w');
	let child;
	try {
		// detached: a new process group, so a kill reaches n8n's task runner too.
		child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			detached: true,
			stdio: ['ignore', out, err],
		});
	} finally {
		// The child holds its own copies of the descriptors.
		fs.closeSync(out);
		fs.closeSync(err);
	}
	// Without a listener a failed spawn (ENOENT) would crash the test process.
	let spawnError: Error | undefined;
	child.on('error', (error) => (spawnError = error));
	const pid = child.pid;
	if (pid === undefined)
		throw new Error(`could not start ${command}: ${spawnError?.message ?? 'no pid'}`);
	liveGroups.add(pid);
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		killGroup(pid, 'SIGKILL');
	}, options.timeoutMs);
	const exited = new Promise<Exit>((resolve) => {
		child.on('exit', async (code, signal) => {
			clearTimeout(timer);
			// The leader is gone; give the rest of the group (task runner) a moment to follow,
			// then make sure of it, and settle only once none of it runs any more: SIGKILL is not
			// instant, and on a busy machine a killed process can linger for a while.
			for (let i = 0; i < 20 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
			killGroup(pid, 'SIGKILL');
			for (let i = 0; i < 6000 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 10));
			liveGroups.delete(pid);
			resolve({ code, signal, timedOut, durationMs: Date.now() - started });
		});
	});
	const stop = async (graceMs = 10_000): Promise<Exit> => {
		killGroup(pid, 'SIGTERM');
		const force = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
		try {
			return await exited;
		} finally {
			clearTimeout(force);
		}
	};
	return { pid, stdoutFile: options.stdoutFile, stderrFile: options.stderrFile, exited, stop };
}

export function tail(file: string, lines = 60): string {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

// n8n start: ready once it printed its banner and its readiness endpoint answers.
export async function waitForReady(proc: Spawned, port: number, timeoutMs: number): Promise<void> {
	let exit: Exit | undefined;
	void proc.exited.then((e) => (exit = e));
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exit) throw new Error(`n8n start exited during start-up (${describeExit(exit)})`);
		// Printed after the HTTP server listens and the published workflows are activated.
		if (readText(proc.stdoutFile).includes('Editor is now accessible via')) {
			const res = await fetch(`http://127.0.0.1:${port}/healthz/readiness`, {
				signal: AbortSignal.timeout(2000),
			}).catch(() => undefined);
			if (res?.ok) return;
		}
		if (Date.now() > deadline) throw new Error(`n8n start not ready after ${timeoutMs} ms`);
		await sleep(100);
	}
}

export function describeExit(exit: Exit): string {
	if (exit.timedOut) return `timed out after ${exit.durationMs} ms`;
	return exit.signal ? `signal ${exit.signal}` : `exit ${exit.code}`;
}

export function tailOf(proc: Spawned): string {
	return `--- ${proc.stdoutFile}\n${tail(proc.stdoutFile)}\n--- ${proc.stderrFile}\n${tail(proc.stderrFile)}`;
}

export function readText(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
