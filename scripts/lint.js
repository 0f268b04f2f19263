#!/usr/bin/env node
'use strict';
// `npm run lint`: n8n's community scanner rule sets on the sources (nodes/, credentials/,
// package.json) and on what users really install: the `npm pack` tarball's package.json and
// compiled JavaScript (built first when dist/ is missing).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const { packageNodes, schemaProblems } = require('./schemaCheck');

const root = path.resolve(__dirname, '..');
const eslint = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

function run(label, args, cwd = root) {
	process.stderr.write(`[lint] ${label}\n`);
	const r = spawnSync(process.execPath, [eslint, ...args], { cwd, stdio: 'inherit' });
	return r.status === 0;
}

// Not shipped, still held to a standard: typescript-eslint's recommended rules.
const testsOk = run('test/ and scripts/', ['-c', 'eslint.test.mjs', 'test', 'scripts']);

// One formatting everywhere (the n8n starter's Prettier settings): `npm run format` fixes it.
process.stderr.write('[lint] formatting (prettier --check)\n');
const prettier = path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
const formatOk =
	spawnSync(process.execPath, [prettier, '--check', '--log-level', 'warn', '.'], {
		cwd: root,
		stdio: 'inherit',
	}).status === 0;
if (!formatOk) process.stderr.write('[lint] run `npm run format` to fix the formatting\n');

const sourcesOk = run('sources', [
	'-c',
	'eslint.config.mjs',
	'nodes',
	'credentials',
	'package.json',
]);

if (!fs.existsSync(path.join(root, 'dist', 'nodes'))) {
	execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'facturasapp-pack-'));
let tarballOk = false;
try {
	const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', path.join(work, tgz), '-C', work]);
	const pkg = path.join(work, 'package');
	const files = execFileSync('find', ['.', '-type', 'f'], { cwd: pkg, encoding: 'utf8' })
		.trim()
		.split('\n')
		.sort();
	process.stderr.write(`[lint] tarball ${tgz}: ${files.length} files\n`);
	const unexpected = files.filter(
		(f) => !/^\.\/(package\.json|README\.md|LICENSE|index\.js|dist\/.+)$/.test(f),
	);
	if (unexpected.length)
		process.stderr.write(`[lint] unexpected files in the tarball: ${unexpected.join(', ')}\n`);
	// The editor's "Usually outputs": one schema per operation, in the tarball itself.
	process.stderr.write('[lint] tarball output schemas (dist/nodes/*/__schema__)\n');
	const schemas = schemaProblems(pkg, packageNodes(pkg, root));
	for (const problem of schemas) process.stderr.write(`[lint] output schema: ${problem}\n`);
	tarballOk =
		unexpected.length === 0 &&
		schemas.length === 0 &&
		run(
			'tarball (package.json and compiled JS)',
			['-c', path.join(root, 'scripts', 'eslint.tarball.mjs'), '.'],
			pkg,
		);
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
process.exit(sourcesOk && tarballOk && testsOk && formatOk ? 0 : 1);
