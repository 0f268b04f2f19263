// The one place that knows where FacturasApp lives. Keys are per environment, so the
// environment is part of the credential, not of the node.
export const ENVIRONMENT_URLS = {
	test: 'https://facturasapp-qa.cenet.ws',
	production: 'https://www.facturasapp.com',
} as const;

export interface EnvironmentSettings {
	environment?: string;
	baseUrl?: string;
}

export function resolveBaseUrl(settings: EnvironmentSettings): string {
	const environment = settings.environment ?? 'test';
	if (environment === 'custom') {
		const raw = String(settings.baseUrl ?? '').trim();
		if (!/^https?:\/\/[^\s/]+/i.test(raw)) {
			throw new Error(
				`Base URL: must be a full http(s) URL such as https://proxy.example.com (got "${raw}"). Fix it in the FacturasApp API credential.`,
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
