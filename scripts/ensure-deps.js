#!/usr/bin/env node
'use strict';
// Installs the project's dev dependencies when they are missing or the lockfile changed, so
// `npm test`, `npm run demo` and `npm run emulator` work on a fresh clone with nothing else done.
// --ignore-scripts: n8n-workflow 2.x pulls a native module whose install script fails on
// Node 20, and only its types and helpers are needed here.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { execSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const stamp = path.join(root, 'node_modules', '.facturasapp-lock-hash');

function lockHash() {
	const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
	return crypto.createHash('sha256').update(lock).digest('hex');
}

function ensureDeps() {
	const hash = lockHash();
	const current = fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : '';
	if (current === hash) return false;
	process.stderr.write('[deps] installing dev dependencies (npm ci --ignore-scripts)...\n');
	execSync('npm ci --ignore-scripts --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
	fs.writeFileSync(stamp, hash);
	return true;
}

module.exports = { ensureDeps };

if (require.main === module) ensureDeps();
