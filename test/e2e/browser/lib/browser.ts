// Headless Chromium (Debian's package, scripts/chromium.js) driven by puppeteer-core, with a
// fresh profile per launch, and a recorder of what the editor logs: console errors, failed
// requests and HTTP error answers. Nothing here downloads a browser.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { Browser, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureChromium } = require('../../../../scripts/chromium.js') as {
	ensureChromium(): string;
};

export const VIEWPORT = { width: 1440, height: 900 };

const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
	`--window-size=${VIEWPORT.width},${VIEWPORT.height}`,
];

export interface Problem {
	kind: 'console' | 'pageerror' | 'http' | 'requestfailed';
	text: string;
	url?: string;
}

export interface LaunchedBrowser {
	browser: Browser;
	page: Page;
	/** Everything the editor complained about since the last `problems.length = 0`. */
	problems: Problem[];
	/** Requests the page made (URL and status), for asserting what the editor asked for. */
	responses: Array<{ url: string; status: number }>;
	close(): Promise<void>;
}

export async function launchBrowser(): Promise<LaunchedBrowser> {
	const executablePath = ensureChromium();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturasapp-chromium-'));
	const browser = await puppeteer.launch({
		executablePath,
		headless: true,
		userDataDir,
		args: FLAGS,
		defaultViewport: VIEWPORT,
		// Only loopback is ever loaded; a hung page must fail the test, not the whole run.
		protocolTimeout: 120_000,
	});
	const page = await browser.newPage();
	const problems: Problem[] = [];
	const responses: Array<{ url: string; status: number }> = [];
	page.on('console', (message) => {
		if (message.type() === 'error')
			problems.push({ kind: 'console', text: message.text(), url: message.location()?.url });
	});
	page.on('pageerror', (error) =>
		problems.push({ kind: 'pageerror', text: String((error as Error).message ?? error) }),
	);
	page.on('requestfailed', (request) => {
		// Aborted on navigation (e.g. a push connection closing) is not the editor failing.
		const reason = request.failure()?.errorText ?? '';
		if (!/ERR_ABORTED/.test(reason))
			problems.push({ kind: 'requestfailed', text: reason, url: request.url() });
	});
	page.on('response', (response) => {
		responses.push({ url: response.url(), status: response.status() });
		if (response.status() >= 400)
			problems.push({ kind: 'http', text: `HTTP ${response.status()}`, url: response.url() });
	});
	return {
		browser,
		page,
		problems,
		responses,
		close: async () => {
			await browser.close().catch(() => undefined);
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/** Folder for the screenshots of this run (ignored by git: .e2e-screenshots/ at the repo root). */
export function screenshotDir(root: string): string {
	const dir = path.join(root, '.e2e-screenshots');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}
