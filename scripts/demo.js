#!/usr/bin/env node
'use strict';
// `npm run demo`: issues 3 invoices in a real n8n through this package, against a local
// FacturasApp emulator (never the real service), and saves their PDFs in demo-output/.
// Works on a fresh clone: installs dev dependencies, builds, fetches Node 24 + n8n 2.41.1 into a
// cache the first time (3-6 minutes), then runs examples/demo-orders-to-pdfs.json.
// Leaves no process behind, also on Ctrl-C (the harness kills n8n's process groups on exit).
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const outputDir = path.join(root, 'demo-output');
const started = Date.now();

const log = (message) => process.stderr.write(`[demo] ${message}\n`);
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

function fail(message) {
	process.stderr.write(`\n[demo] FAILED after ${seconds()}: ${message}\n`);
	process.exit(1);
}

function build() {
	log('building the package (npm run build)');
	const result = spawnSync('npm', ['run', '--silent', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	if (result.error) fail(`could not run npm: ${result.error.message}`);
	if (result.status !== 0) fail('npm run build failed (see the errors above)');
}

function table(rows) {
	const header = ['Order', 'Customer', 'Invoice', 'Total', 'State', 'PDF'];
	const cells = rows.map((r) => [
		r.order,
		r.customer,
		r.invoiceNumber,
		`${r.total.toFixed(2).replace('.', ',')} €`,
		r.state,
		path.relative(root, r.pdf),
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	// Amounts right-aligned, the rest left-aligned.
	const line = (c) =>
		c
			.map((v, i) => (i === 3 ? v.padStart(widths[i]) : v.padEnd(widths[i])))
			.join('  ')
			.trimEnd();
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

async function main() {
	require('./ensure-deps').ensureDeps();
	build();
	log('Node 24 + n8n runtime (first time: 3-6 minutes, then cached)');
	await require('./runtime').ensureRuntime();

	// The emulator and the n8n harness are TypeScript: load them through tsx.
	require('tsx/cjs/api').register();
	const { runDemo, DemoError } = require('./demo/run.ts');
	// Loaded after the harness, so its own Ctrl-C handler (kill n8n, remove its folder) runs first.
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			process.stderr.write(`\n[demo] interrupted (${signal}); stopped n8n and the emulator\n`);
			process.exit(130);
		});
	}

	// A fresh folder each run: the emulator starts empty, so numbers restart at FA2026-0001.
	fs.rmSync(outputDir, { recursive: true, force: true });
	fs.mkdirSync(outputDir, { recursive: true });
	let result;
	try {
		// Real path: n8n refuses to write through a symlinked folder.
		result = await runDemo(fs.realpathSync(outputDir), log);
	} catch (error) {
		fail(error instanceof DemoError ? error.message : (error && error.stack) || String(error));
	}
	process.stdout.write(`\n${table(result.rows)}\n\n`);
	process.stdout.write('AEAT verification URLs (aeatQrUrl, the QR code of each invoice):\n');
	for (const r of result.rows) process.stdout.write(`  ${r.invoiceNumber}  ${r.aeatQrUrl}\n`);
	process.stdout.write('\n');
	const total = result.rows.reduce((sum, r) => sum + r.total, 0);
	process.stdout.write(
		`${result.rows.length} invoices (${total.toFixed(2).replace('.', ',')} € in total) issued by n8n against the local FacturasApp emulator; ` +
			`PDFs in demo-output/. Done in ${seconds()}.\n` +
			'To use it for real: import examples/demo-orders-to-pdfs.json in your n8n and pick your FacturasApp credential.\n',
	);
}

main().catch((error) => fail((error && error.stack) || String(error)));
