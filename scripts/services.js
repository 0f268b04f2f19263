#!/usr/bin/env node
'use strict';
// Redis and PostgreSQL for the queue-mode e2e suite (n8n main + workers need both), from
// Debian's own packages: installed with apt-get when missing (`apt-get update` once, then
// `apt-get install -y`), never downloaded any other way. Zero dependencies, like runtime.js.
//
//   node scripts/services.js            ensure both, print where their binaries are
//   const { ensureServices } = require('./services');
//   const { redisServer, pgBin } = ensureServices();   // pgBin: folder with initdb, postgres
//
// As root the packages are installed directly; otherwise through `sudo -n` when it works.
// PostgreSQL refuses to run as root: see pgRunAs() (the `postgres` user the package creates).

const fs = require('fs');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');

const APT_LOCK_WAIT_SEC = 600;

function log(message) {
	process.stderr.write(`[services] ${message}\n`);
}

function findInPath(name) {
	for (const dir of (process.env.PATH || '')
		.split(path.delimiter)
		.concat(['/usr/sbin', '/usr/bin', '/sbin'])) {
		const file = path.join(dir, name);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// Not here.
		}
	}
	return null;
}

// Debian puts the server binaries under /usr/lib/postgresql/<major>/bin (not on PATH).
function findPgBin() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const major of majors) {
		const bin = path.join(root, major, 'bin');
		if (['initdb', 'postgres'].every((b) => fs.existsSync(path.join(bin, b)))) return bin;
	}
	const initdb = findInPath('initdb');
	if (initdb && findInPath('postgres')) return path.dirname(fs.realpathSync(initdb));
	return null;
}

function redisVersion(bin) {
	try {
		const out = execFileSync(bin, ['--version'], { encoding: 'utf8' });
		return /v=(\d+\.\d+\.\d+)/.exec(out)?.[1] ?? null;
	} catch {
		return null;
	}
}

function asPrivileged(command, args) {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (isRoot) return [command, args];
	if (findInPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0)
		return ['sudo', ['-n', command, ...args]];
	return null;
}

function aptInstall(packages) {
	const runner = asPrivileged('apt-get', []);
	if (!runner || !findInPath('apt-get')) {
		throw new Error(
			`the queue-mode tests need the Debian packages ${packages.join(', ')}; install them (apt-get install -y ${packages.join(' ')}) or run npm test as root`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Other jobs on the machine may hold dpkg's lock: wait for it rather than fail.
	const lockWait = ['-o', `DPkg::Lock::Timeout=${APT_LOCK_WAIT_SEC}`];
	for (const args of [
		['update', ...lockWait],
		['install', '-y', '--no-install-recommends', ...lockWait, ...packages],
	]) {
		const [command, prefix] = asPrivileged('apt-get', args);
		log(`$ ${command} ${prefix.join(' ')}`);
		const result = spawnSync(command, prefix, {
			env,
			stdio: ['ignore', 'inherit', 'inherit'],
			timeout: 20 * 60_000,
		});
		if (result.status !== 0)
			throw new Error(
				`apt-get ${args[0]} failed (${result.error?.message ?? `exit ${result.status}`})`,
			);
	}
}

let ensured = null;

/** { redisServer, redisVersion, pgBin }; installs redis-server / postgresql when missing. */
function ensureServices() {
	if (ensured) return ensured;
	const missing = [];
	if (!findInPath('redis-server')) missing.push('redis-server');
	if (!findPgBin()) missing.push('postgresql');
	if (missing.length > 0) {
		log(`installing Debian packages ${missing.join(', ')} (needed by the queue-mode tests)`);
		aptInstall(missing);
	}
	const redisServer = findInPath('redis-server');
	const pgBin = findPgBin();
	if (!redisServer || !pgBin)
		throw new Error(
			`still missing after apt-get install: ${!redisServer ? 'redis-server ' : ''}${!pgBin ? 'postgresql' : ''}`,
		);
	const version = redisVersion(redisServer);
	// n8n's queue (Bull) needs Redis >= 2.8.18.
	if (
		!version ||
		version
			.split('.')
			.map(Number)
			.reduce((a, n) => a * 1000 + n, 0) < 2_008_018
	) {
		throw new Error(
			`${redisServer} is version ${version ?? 'unknown'}; n8n's queue needs Redis >= 2.8.18`,
		);
	}
	ensured = { redisServer, redisVersion: version, pgBin };
	return ensured;
}

/**
 * How to run PostgreSQL's programs: as root they must run as another user (initdb and postgres
 * refuse root), the `postgres` user Debian's package creates; otherwise as ourselves.
 * Returns { wrap(cmd, args) → [cmd, args], uid, gid } (uid/gid: owner for the data folder).
 */
function pgRunAs() {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) return { wrap: (cmd, args) => [cmd, args], uid: null, gid: null };
	const id = (flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	let uid;
	let gid;
	try {
		uid = id('-u');
		gid = id('-g');
	} catch {
		throw new Error(
			'running as root, and there is no `postgres` user to run PostgreSQL as (it comes with the postgresql package)',
		);
	}
	// setpriv execs the program itself (same pid, same process group: a group kill stops it).
	const setpriv = findInPath('setpriv');
	if (setpriv)
		return {
			wrap: (cmd, args) => [
				setpriv,
				[`--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--', cmd, ...args],
			],
			uid,
			gid,
		};
	const runuser = findInPath('runuser');
	if (runuser)
		return { wrap: (cmd, args) => [runuser, ['-u', 'postgres', '--', cmd, ...args]], uid, gid };
	return {
		wrap: (cmd, args) => [
			'su',
			['-s', '/bin/sh', 'postgres', '-c', [cmd, ...args].map(shellQuote).join(' ')],
		],
		uid,
		gid,
	};
}

function shellQuote(s) {
	return `'${String(s).replace(/'/g, `'\\''`)}'`;
}

module.exports = { ensureServices, pgRunAs };

if (require.main === module) {
	try {
		const s = ensureServices();
		process.stdout.write(
			`redis-server ${s.redisServer} (${s.redisVersion})\npostgresql   ${s.pgBin}\n`,
		);
	} catch (err) {
		process.stderr.write(`${err.stack || err}\n`);
		process.exit(1);
	}
}
