// n8n's own REST API (the one its editor uses), for what a user does from the executions list:
// see every execution and its status, and retry a failed one. The first call sets up the owner
// (a fresh instance has none) and keeps the session cookie.
export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished?: boolean;
	retryOf?: string | null;
	retrySuccessId?: string | null;
}

const OWNER = {
	email: 'owner@facturasapp.local',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-owner-Passw0rd',
};
// n8n binds the session to this header's hash.
const BROWSER_ID = 'facturasapp-e2e-browser';

export class N8nRest {
	private cookie: string | undefined;

	constructor(readonly baseUrl: string) {}

	private async request(
		method: string,
		route: string,
		body?: unknown,
		auth = true,
	): Promise<unknown> {
		if (auth && !this.cookie) await this.login();
		const res = await fetch(`${this.baseUrl}/rest${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie && { cookie: this.cookie }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await res.text();
		if (!res.ok)
			throw new Error(`n8n REST ${method} ${route}: HTTP ${res.status} ${text.slice(0, 300)}`);
		const parsed = text ? (JSON.parse(text) as { data?: unknown }) : {};
		return parsed.data ?? parsed;
	}

	/** Owner set-up on a fresh instance, else a log-in. */
	async login(): Promise<void> {
		try {
			await this.request('POST', '/owner/setup', OWNER, false);
		} catch {
			await this.request(
				'POST',
				'/login',
				{ emailOrLdapLoginId: OWNER.email, password: OWNER.password },
				false,
			);
		}
		if (!this.cookie) throw new Error('n8n gave no session cookie');
	}

	/** Every execution, newest first, paged through. */
	async executions(workflowId?: string): Promise<ExecutionSummary[]> {
		const all: ExecutionSummary[] = [];
		let lastId: string | undefined;
		for (let page = 0; page < 200; page++) {
			const filter = JSON.stringify(workflowId ? { workflowId } : {});
			const query = `filter=${encodeURIComponent(filter)}&limit=100${lastId ? `&lastId=${lastId}` : ''}`;
			const data = (await this.request('GET', `/executions?${query}`)) as {
				results: ExecutionSummary[];
			};
			all.push(...data.results.map((e) => ({ ...e, id: String(e.id) })));
			if (data.results.length < 100) return all;
			lastId = String(data.results.at(-1)!.id);
		}
		throw new Error('more than 20,000 executions: not paging further');
	}

	/** The editor's "Retry with original workflow" (loadWorkflow false) or "with currently saved" (true). */
	async retry(executionId: string, loadWorkflow = false): Promise<unknown> {
		return await this.request('POST', `/executions/${executionId}/retry`, { loadWorkflow });
	}
}
