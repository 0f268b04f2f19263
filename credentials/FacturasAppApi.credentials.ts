import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { logInShared } from '../nodes/FacturasApp/transport/login';
import { BASE_URL_EXPRESSION, ENVIRONMENT_URLS } from '../nodes/FacturasApp/transport/baseUrl';
import { PATHS } from '../nodes/FacturasApp/transport/paths';

export class FacturasAppApi implements ICredentialType {
	name = 'facturasAppApi';

	displayName = 'FacturasApp API';

	icon: Icon = {
		light: 'file:../nodes/FacturasApp/facturasapp.svg',
		dark: 'file:../nodes/FacturasApp/facturasapp.dark.svg',
	};

	documentationUrl = 'https://github.com/facturasapp-n8n/n8n-nodes-facturasapp#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Test (Pruebas)',
					value: 'test',
					description: `FacturasApp's test environment, ${ENVIRONMENT_URLS.test}. Invoices here have no tax effect.`,
				},
				{
					name: 'Production',
					value: 'production',
					description: `Real invoices, sent to the AEAT: ${ENVIRONMENT_URLS.production}`,
				},
				{
					name: 'Custom URL',
					value: 'custom',
					description: 'A proxy, or the local FacturasApp emulator of this package',
				},
			],
			default: 'test',
			description: 'Each environment has its own users and keys',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8787',
			description:
				'Everything before /ApiGateway in the API addresses. Must be https://, except for this machine (127.0.0.1, localhost), such as the local emulator.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Allow Unencrypted HTTP',
			name: 'allowUnencryptedHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to allow a plain http:// Base URL on another machine, e.g. a proxy on a private network. Risk: the password and the API key then travel unencrypted, readable and reusable by anyone on the network path.',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'The FacturasApp user (usually an email) that has API access',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			// No API exposes the issuer's NIF or the account's invoicing mode: the AEAT
			// verification URL (aeatQrUrl) needs both.
			displayName: 'Issuer NIF',
			name: 'issuerNif',
			type: 'string',
			default: '',
			placeholder: 'B12345674',
			description:
				"Optional. Your company's NIF, as on your invoices: outputs then carry aeatQrUrl, the AEAT verification URL of the invoice's QR code.",
		},
		{
			displayName: 'Invoicing Mode',
			name: 'invoicingMode',
			type: 'options',
			options: [
				{
					name: 'VeriFactu',
					value: 'verifactu',
					description: 'The account sends every invoice to the AEAT (ValidarQR)',
				},
				{
					name: 'Not VeriFactu',
					value: 'noVerifactu',
					description: 'The account keeps its records itself (ValidarQRNoVerifactu)',
				},
			],
			default: 'verifactu',
			description:
				"As set in FacturasApp's web portal (Información General → Activar VeriFactu → Modo de facturación)",
			displayOptions: { hide: { issuerNif: [''] } },
		},
		{
			// Filled by preAuthentication; n8n stores it encrypted and refreshes it after a 401.
			displayName: 'API Key',
			name: 'apiKey',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// One log-in at a time per execution; it follows the node's Request Timeout and Max Retries.
		const apiKey = await logInShared(this, credentials);
		return { apiKey };
	}

	// A function, not a `={{$credentials.apiKey}}` template: n8n runs a template through its
	// expression engine on every call (~1 ms each), a function costs nothing.
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, 'X-API-KEY': String(credentials.apiKey ?? '') },
	});

	// A read that needs a valid key: proves both the log-in and the key.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: PATHS.consecutives,
			method: 'GET',
			// The key must never follow a redirect to another host.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'isError',
					value: true,
					message:
						'FacturasApp accepted the log-in but refused the request: check that the subscription is active',
				},
			},
		],
	};
}
