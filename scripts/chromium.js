#!/usr/bin/env node
'use strict';
// Debian's `chromium` for the browser test (test/e2e/browser): installed with apt-get when
// missing (one `apt-get update` first), never downloaded by puppeteer or anything else.
//   node scripts/chromium.js         ensure it, print its path and version
//   const { ensureChromium } = require('./chromium');  -> '/usr/bin/chromium'
const fs = require('fs');
const { execFileSync } = require('child_process');

const CHROMIUM = process.env.FACTURASAPP_CHROMIUM || '/usr/bin/chromium';

function log(message) {
	process.stderr.write(`[chromium] ${message}\n`);
}

function aptGet(args) {
	// Other suites (Redis, PostgreSQL) may be installing at the same moment: wait for dpkg's lock.
	execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=900', ...args], {
		stdio: ['ignore', 'inherit', 'inherit'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
}

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (process.platform !== 'linux')
		throw new Error(`Chromium not found at ${CHROMIUM}; set FACTURASAPP_CHROMIUM`);
	const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!asRoot)
		throw new Error(
			`Chromium not found at ${CHROMIUM}: run "apt-get update && apt-get install -y chromium" as root, or set FACTURASAPP_CHROMIUM`,
		);
	log('installing Debian package chromium (apt-get update; apt-get install -y chromium)');
	aptGet(['update']);
	aptGet(['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation']);
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
	return CHROMIUM;
}

module.exports = { ensureChromium, CHROMIUM };

if (require.main === module) {
	try {
		const bin = ensureChromium();
		const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
		process.stdout.write(`${bin} (${version})\n`);
	} catch (err) {
		process.stderr.write(`${err.stack || err}\n`);
		process.exit(1);
	}
}
