#!/usr/bin/env node
'use strict';
// `npm test`: installs what is missing, builds, lints, then runs every jest suite in order:
// unit (nock), emulator (the node against the local FacturasApp over HTTP), e2e (the built
// package inside a real n8n on Node 24, fetched into a cache by scripts/runtime.js).
// Prints one closing line "N passed, N failed, N skipped" over all suites.
//   npm test                     everything
//   npm test -- --skip-e2e       without the real-n8n suite
//   npm test -- <jest args>      passed to every jest run (e.g. -t "Get PDF")
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const { ensureDeps } = require('./ensure-deps');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const skipE2e = args.includes('--skip-e2e') || process.env.FACTURASAPP_SKIP_E2E === '1';
const jestArgs = args.filter((a) => a !== '--skip-e2e');

function step(name, command, commandArgs, env = process.env) {
	process.stderr.write(`\n[test] ${name}\n`);
	const started = Date.now();
	const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env });
	process.stderr.write(
		`[test] ${name}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
	);
	return result.status === 0;
}

function jest(project, env) {
	const report = path.join(os.tmpdir(), `facturasapp-jest-${project}-${process.pid}.json`);
	const ok = step(
		`jest ${project}`,
		process.execPath,
		[
			path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
			'--selectProjects',
			project,
			'--json',
			`--outputFile=${report}`,
			'--forceExit',
			...jestArgs,
		],
		env,
	);
	let counts = { passed: 0, failed: ok ? 0 : 1, skipped: 0 };
	if (fs.existsSync(report)) {
		const r = JSON.parse(fs.readFileSync(report, 'utf8'));
		counts = {
			passed: r.numPassedTests,
			failed: r.numFailedTests + (ok || r.numFailedTests ? 0 : 1),
			skipped: r.numPendingTests + r.numTodoTests,
		};
		fs.rmSync(report, { force: true });
	}
	return counts;
}

async function main() {
	const started = Date.now();
	ensureDeps();
	const totals = { passed: 0, failed: 0, skipped: 0 };
	const add = (c) => {
		totals.passed += c.passed;
		totals.failed += c.failed;
		totals.skipped += c.skipped ?? 0;
	};
	if (!step('build', 'npm', ['run', '--silent', 'build'])) add({ passed: 0, failed: 1 });
	if (!step('lint', 'npm', ['run', '--silent', 'lint'])) add({ passed: 0, failed: 1 });
	add(jest('unit'));
	add(jest('emulator'));
	if (skipE2e) {
		process.stderr.write('[test] e2e skipped (--skip-e2e)\n');
	} else {
		const { ensureRuntime } = require('./runtime');
		const runtime = await ensureRuntime();
		// Redis + PostgreSQL for the queue-mode suite (test/e2e/queue): Debian packages, installed when missing.
		require('./services').ensureServices();
		add(jest('e2e', { ...process.env, FACTURASAPP_RUNTIME_DIR: runtime.dir }));
	}
	process.stderr.write(
		`\n[test] total wall time ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
	);
	console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
	process.exit(totals.failed === 0 ? 0 : 1);
}

main().catch((error) => {
	console.error(error);
	console.log('0 passed, 1 failed, 0 skipped');
	process.exit(1);
});
