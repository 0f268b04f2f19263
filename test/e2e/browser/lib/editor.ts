/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The n8n 2.41 editor as a user drives it: sign in, open a workflow and a node, pick options,
// type into fields, run the node, read the output and error panels. Selectors are n8n's own
// data-test-id attributes (the ones n8n's Playwright suite uses).
import type { ElementHandle, Page } from 'puppeteer-core';

export const OWNER = {
	email: 'duena@tienda.example.es',
	firstName: 'Marta',
	lastName: 'Tienda',
	password: 'Tienda-Prueba-2026',
};

/** Creates the instance owner through the REST API (what the set-up screen does). */
export async function setupOwner(baseUrl: string): Promise<void> {
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!res.ok) throw new Error(`owner set-up failed: HTTP ${res.status} ${await res.text()}`);
}

/** Logs in through the REST API and gives the browser the session cookie. */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!res.ok) throw new Error(`log-in failed: HTTP ${res.status}`);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('log-in answered without an n8n-auth cookie');
	const value = cookie.split(';')[0].slice('n8n-auth='.length);
	const { hostname } = new URL(baseUrl);
	await page.setCookie({ name: 'n8n-auth', value, domain: hostname, path: '/', httpOnly: true });
}

const nodeSelector = (name: string) => `[data-test-id="canvas-node"][data-node-name="${name}"]`;
const PARAMS = '[data-test-id="node-parameters"]';

export async function openWorkflow(
	page: Page,
	baseUrl: string,
	id: string,
	firstNode: string,
): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'networkidle2' });
	await page.waitForSelector(nodeSelector(firstNode), { visible: true });
}

export async function openNode(page: Page, name: string): Promise<void> {
	await page.click(nodeSelector(name), { count: 2 });
	await page.waitForSelector(PARAMS, { visible: true });
}

/** The subtitle the canvas shows under a node's name. */
export async function nodeSubtitle(page: Page, name: string): Promise<string> {
	return await page.$eval(nodeSelector(name), (el) => {
		const lines = (el as HTMLElement).innerText
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
		return lines[lines.indexOf(el.getAttribute('data-node-name') ?? '') + 1] ?? '';
	});
}

export async function closeNode(page: Page): Promise<void> {
	await page.click('[data-test-id="ndv-close-button"]');
	await page.waitForSelector(PARAMS, { hidden: true });
}

/** Waits until the editor has been quiet (no request in flight) for a moment. */
export async function settle(page: Page): Promise<void> {
	await page.waitForNetworkIdle({ idleTime: 400, timeout: 30_000 }).catch(() => undefined);
}

/** The n-th (0-based) parameter input with this name in the open node's parameter pane. */
async function parameterInput(
	page: Page,
	name: string,
	index = 0,
): Promise<ElementHandle<Element>> {
	const selector = `${PARAMS} [data-test-id="parameter-input-${name}"]`;
	await page.waitForFunction(
		(s, i) => document.querySelectorAll(s).length > i,
		{ timeout: 15_000 },
		selector,
		index,
	);
	const all = await page.$$(selector);
	return all[index];
}

/** Picks an option of an options parameter by its shown name (first line of the entry). */
export async function selectOption(
	page: Page,
	name: string,
	option: string,
	index = 0,
): Promise<void> {
	const input = await parameterInput(page, name, index);
	await input.click();
	const picked = await page.waitForFunction(
		(text) => {
			const items = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].filter(
				(e) => e.offsetParent !== null,
			);
			const item = items.find((e) => e.innerText.split('\n')[0].trim() === text);
			if (!item) return false;
			item.click();
			return true;
		},
		{ timeout: 10_000 },
		option,
	);
	await picked.dispose();
	await settle(page);
}

/** Replaces the value of a text or number parameter, as typed by a user. */
export async function fill(page: Page, name: string, value: string, index = 0): Promise<void> {
	const input = await parameterInput(page, name, index);
	const field = (await input.$('input, textarea')) ?? input;
	await field.click({ count: 3 });
	await page.keyboard.down('Control');
	await page.keyboard.press('KeyA');
	await page.keyboard.up('Control');
	await page.keyboard.press('Backspace');
	await field.type(value);
	// Blur (not Tab: Tab would focus, and open, the next "Add …" dropdown): n8n writes the value on change.
	await field.evaluate((el) => (el as HTMLElement).blur());
	await settle(page);
}

/** Clicks the "Add …" button of a fixed collection (e.g. Lines → Add Line). */
export async function addFixedCollectionItem(page: Page, name: string): Promise<void> {
	const button = await page.waitForSelector(
		`${PARAMS} [data-test-id="fixed-collection-${name}"] [data-test-id="fixed-collection-add"]`,
		{ visible: true },
	);
	await button!.click();
	await settle(page);
}

export interface InputCount {
	/** Parameter inputs the form shows (the whole pane, scrolled or not), by parameter name. */
	names: string[];
	total: number;
	/** Pixels the parameter pane scrolls, and how many of them are visible at once. */
	scrollHeight: number;
	clientHeight: number;
}

/**
 * Counts the inputs the parameter pane shows right now: every rendered
 * `parameter-input-<name>` (selects, text, number, switches), not notices, not "Add …" buttons
 * (those are what a user clicks to ask for more).
 */
export async function countInputs(page: Page): Promise<InputCount> {
	return await page.evaluate((params) => {
		const pane = document.querySelector<HTMLElement>(params);
		if (!pane) throw new Error('no parameter pane open');
		const names: string[] = [];
		for (const el of pane.querySelectorAll<HTMLElement>('[data-test-id^="parameter-input-"]')) {
			const name = el.getAttribute('data-test-id')!.slice('parameter-input-'.length);
			if (name === 'field' || name === 'hint') continue;
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) continue;
			names.push(name);
		}
		let scroller: HTMLElement | null = pane;
		while (scroller && scroller.scrollHeight <= scroller.clientHeight + 1)
			scroller = scroller.parentElement;
		return {
			names,
			total: names.length,
			scrollHeight: scroller?.scrollHeight ?? 0,
			clientHeight: scroller?.clientHeight ?? 0,
		};
	}, PARAMS);
}

/** Runs the open node ("Execute step") and waits for this run's output data or error. */
export async function executeStep(page: Page): Promise<'output' | 'error'> {
	const outputText = () =>
		document.querySelector<HTMLElement>('[data-test-id="output-panel"]')?.innerText ?? '';
	const before = await page.evaluate(outputText);
	await page.click('[data-test-id="node-execute-button"]');
	// Done = an error shown, or new run data; and the panel unchanged over a second (while a
	// run is in flight the panel passes through loading states that are neither).
	const handle = await page.waitForFunction(
		(previous) => {
			const w = window as unknown as { __runState?: { text: string; since: number } };
			const panel = document.querySelector<HTMLElement>('[data-test-id="output-panel"]');
			const text = panel?.innerText ?? '';
			const error = document.querySelector('[data-test-id="node-error-message"]') !== null;
			const data =
				text !== previous && panel?.querySelector('[data-test-id="ndv-data-container"] *') !== null;
			if (!error && !data) return false;
			if (w.__runState?.text !== text) {
				w.__runState = { text, since: Date.now() };
				return false;
			}
			if (Date.now() - w.__runState.since < 1000) return false;
			delete w.__runState;
			return error ? 'error' : 'output';
		},
		{ timeout: 120_000, polling: 250 },
		before,
	);
	const result = (await handle.jsonValue()) as 'output' | 'error';
	await handle.dispose();
	await settle(page);
	return result;
}

export async function panelText(page: Page, selector: string): Promise<string> {
	return await page.$eval(selector, (el) => (el as HTMLElement).innerText);
}

/** The lines the error panel's description shows, as rendered (innerText keeps only real line breaks). */
export async function errorLines(page: Page): Promise<{ message: string; lines: string[] }> {
	await page.waitForSelector('[data-test-id="node-error-message"]', { visible: true });
	return await page.evaluate(() => {
		const message =
			document
				.querySelector<HTMLElement>('[data-test-id="node-error-message"]')
				?.innerText.trim() ?? '';
		const description =
			document.querySelector<HTMLElement>('[data-test-id="node-error-description"]')?.innerText ??
			'';
		return {
			message,
			lines: description
				.split('\n')
				.map((l) => l.trim())
				.filter(Boolean),
		};
	});
}

/** Adds an entry of a collection ("Add option" → the entry's name), like a user picking it. */
export async function addCollectionOption(
	page: Page,
	collection: string,
	option: string,
): Promise<void> {
	const add = await page.evaluateHandle(
		(params, name) => {
			const label = document.querySelector(`${params} label[for="${name}"]`);
			return (
				label
					?.closest('[data-test-id="parameter-item"]')
					?.querySelector('[data-test-id="collection-parameter-add"] input') ?? null
			);
		},
		PARAMS,
		collection,
	);
	const element = add.asElement() as ElementHandle<Element> | null;
	if (!element)
		throw new Error(`no collection "${collection}" with an add button in the open node`);
	// A real click (scrolled into view): the dropdown opens on pointer events, not on .click().
	await element.click();
	await add.dispose();
	const picked = await page.waitForFunction(
		(text) => {
			const items = [...document.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].filter(
				(e) => e.offsetParent !== null,
			);
			const item = items.find((e) => e.innerText.split('\n')[0].trim() === text);
			if (!item) return false;
			item.click();
			return true;
		},
		{ timeout: 10_000 },
		option,
	);
	await picked.dispose();
	await settle(page);
}

/** Turns a boolean parameter on (or off) by clicking its switch. */
export async function setSwitch(page: Page, name: string, on: boolean): Promise<void> {
	const input = await parameterInput(page, name);
	const isOn = await input.evaluate((el) =>
		Boolean(
			el.querySelector('.el-switch.is-checked') ??
				(el.classList.contains('is-checked') ? el : null),
		),
	);
	if (isOn !== on) {
		const target = (await input.$('.el-switch')) ?? input;
		await target.click();
		await settle(page);
	}
}
