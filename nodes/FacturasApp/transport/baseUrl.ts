// The one place that knows where FacturasApp lives. Keys are per environment, so the
// environment is part of the credential, not of the node.
export const ENVIRONMENT_URLS = {
	test: 'https://facturasapp-qa.cenet.ws',
	production: 'https://www.facturasapp.com',
} as const;

export interface EnvironmentSettings {
	environment?: unknown;
	baseUrl?: unknown;
	/** Credential option: plain http:// to a host that is not this machine. */
	allowUnencryptedHttp?: unknown;
}

/** This machine only: 127.0.0.0/8, ::1 and localhost (the emulator and local proxies). */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
	return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A URL as it may be printed: without `user:password@` (the rest is not secret). */
export function displayUrl(url: string): string {
	return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@\s]*@/i, '$1');
}

/** The user and password written into a Base URL, to be blanked wherever they could appear. */
export function urlSecrets(url: string): string[] {
	const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#@\s]*)@/i.exec(url);
	if (!match) return [];
	const out = [match[1]];
	for (const part of match[1].split(':')) {
		out.push(part);
		try {
			out.push(decodeURIComponent(part));
		} catch {
			// not percent-encoded
		}
	}
	return out.filter((s) => s.length > 0);
}

export function resolveBaseUrl(settings: EnvironmentSettings): string {
	const environment = String(settings.environment ?? 'test');
	if (environment === 'custom') {
		const raw = String(settings.baseUrl ?? '').trim();
		let parsed: URL | undefined;
		try {
			parsed = /^https?:\/\/[^\s/]+/i.test(raw) ? new URL(raw) : undefined;
		} catch {
			parsed = undefined;
		}
		if (!parsed) {
			throw new Error(
				`Base URL: must be a full http(s) URL such as https://proxy.example.com (got "${displayUrl(raw)}"). Fix it in the FacturasApp API credential.`,
			);
		}
		if (
			parsed.protocol === 'http:' &&
			!isLoopbackHost(parsed.hostname) &&
			settings.allowUnencryptedHttp !== true
		) {
			throw new Error(
				`Base URL: ${displayUrl(raw)} uses plain http://, which would send the password and the API key unencrypted to ${parsed.host}. ` +
					'Use https://. Only if it is a proxy on a private network you trust, turn on "Allow Unencrypted HTTP" in the FacturasApp API credential.',
			);
		}
		return raw.replace(/\/+$/, '');
	}
	if (environment === 'test' || environment === 'production') return ENVIRONMENT_URLS[environment];
	throw new Error(`Environment: must be Test, Production or Custom (got "${environment}")`);
}

/** The same rule as an n8n expression, for the credential's declarative test request. */
export const BASE_URL_EXPRESSION =
	`={{ $credentials.environment === 'custom' ? String($credentials.baseUrl).trim().replace(/\\/+$/, '') : ` +
	`($credentials.environment === 'production' ? '${ENVIRONMENT_URLS.production}' : '${ENVIRONMENT_URLS.test}') }}`;
