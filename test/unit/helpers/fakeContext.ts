// A stand-in for n8n's IExecuteFunctions that behaves like n8n where it matters to this node:
// real HTTP through n8n's own axios request function (so nock sees real requests), and
// httpRequestWithAuthentication's log-in / resend-after-401 logic, with the real error classes.
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { FacturasAppApi } from '../../../credentials/FacturasAppApi.credentials';

// n8n's HTTP client, loaded by path because the package does not export it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { httpRequest } = require(
	require.resolve('../../../node_modules/@n8n/backend-network/dist/http/axios/request.js'),
) as {
	httpRequest: (options: IHttpRequestOptions) => Promise<unknown>;
};

type Authenticate = (
	credentials: IDataObject,
	options: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

export const NODE: INode = {
	id: 'node-1',
	name: 'FacturasApp',
	type: 'n8n-nodes-facturasapp.facturasApp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface FakeOptions {
	/** Parameter values; a function receives the item index. */
	params: Record<string, unknown | ((itemIndex: number) => unknown)>;
	items?: INodeExecutionData[];
	credentials?: IDataObject;
	continueOnFail?: boolean;
	/** Replaces the in-memory binary store (benchmarks mimic n8n's filesystem mode). */
	prepareBinaryData?: (buffer: Buffer, fileName?: string, mimeType?: string) => Promise<unknown>;
	/** n8n's execution cancel signal (abort it to "stop the execution"). */
	cancelSignal?: AbortSignal;
	/**
	 * What n8n's database holds, decrypted afresh by each getCredentials (e.g. a key another
	 * execution stored meanwhile). Without it getCredentials returns the one `credentials` object.
	 */
	storedCredentials?: () => IDataObject;
	/** Overrides of the node (e.g. `type` ending in "Tool": an AI agent calling it as a tool). */
	node?: Partial<INode>;
}

export interface FakeContext {
	ctx: IExecuteFunctions;
	credentials: IDataObject;
	logins: number;
	/** Every message, description and JSON the node produced, for secret scans. */
	requests: IHttpRequestOptions[];
}

export const DEMO_CREDENTIALS = {
	environment: 'custom',
	baseUrl: 'https://facturasapp.test',
	user: 'shop@example.es',
	password: 'S3cret-Passw0rd!',
	apiKey: '',
};

export function fakeContext(options: FakeOptions): FakeContext {
	const credentialType = new FacturasAppApi();
	const credentials: IDataObject = { ...DEMO_CREDENTIALS, ...options.credentials };
	const state: FakeContext = {
		ctx: undefined as unknown as IExecuteFunctions,
		credentials,
		logins: 0,
		requests: [],
	};
	const helperForLogin = {
		helpers: { httpRequest: async (o: IHttpRequestOptions) => await httpRequest(o) },
	};

	// Like n8n: the key a log-in gets is written into the credential object the call used.
	const logIn = async (creds: IDataObject) => {
		state.logins++;
		Object.assign(
			creds,
			await credentialType.preAuthentication.call(helperForLogin as never, creds as never),
		);
	};
	const getCredentials = async () => options.storedCredentials?.() ?? credentials;
	const send = async (requestOptions: IHttpRequestOptions, creds: IDataObject) => {
		// The credential's own authenticate function sets the key header, as n8n calls it.
		const authenticated = await (credentialType.authenticate as Authenticate)(
			creds,
			requestOptions,
		);
		// Like n8n-core, every authenticated request carries the execution's cancel signal.
		const sent = {
			...authenticated,
			...(options.cancelSignal ? { abortSignal: options.cancelSignal } : {}),
		};
		state.requests.push(sent);
		return await httpRequest(sent);
	};

	const ctx = {
		getNode: () => (options.node ? { ...NODE, ...options.node } : NODE),
		getTimezone: () => 'Europe/Madrid',
		getInputData: () => options.items ?? [{ json: {} }],
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => options.cancelSignal,
		getCredentials,
		getNodeParameter: (name: string, itemIndex: number, ...fallback: unknown[]) => {
			const value = options.params[name];
			const resolved =
				typeof value === 'function' ? (value as (i: number) => unknown)(itemIndex) : value;
			if (resolved !== undefined) return resolved;
			if (fallback.length > 0) return fallback[0];
			throw new Error(`Could not get parameter "${name}"`);
		},
		helpers: {
			// Mirrors n8n-core's httpRequestWithAuthentication: log in when there is no key,
			// and on a 401 (or a status in preAuthenticationRetryStatusCode) log in again and
			// resend once; errors come out as NodeApiError.
			httpRequestWithAuthentication: async (
				_type: string,
				requestOptions: IHttpRequestOptions,
				extra?: {
					preAuthenticationRetryStatusCode?: number | number[];
					credentialsDecrypted?: { data?: IDataObject };
				},
			) => {
				const again = ([] as number[]).concat(extra?.preAuthenticationRetryStatusCode ?? 401);
				// The object the node passes as credentialsDecrypted, else a fresh read (as n8n does).
				const creds = extra?.credentialsDecrypted?.data ?? (await getCredentials());
				try {
					if (!creds.apiKey) await logIn(creds);
					return await send(requestOptions, creds);
				} catch (error) {
					if (again.includes((error as { response?: { status?: number } }).response?.status ?? 0)) {
						try {
							await logIn(creds);
							return await send(requestOptions, creds);
						} catch (retryError) {
							throw new NodeApiError(NODE, retryError as never);
						}
					}
					throw new NodeApiError(NODE, error as never);
				}
			},
			prepareBinaryData:
				options.prepareBinaryData ??
				(async (buffer: Buffer, fileName?: string, mimeType?: string) => ({
					data: buffer.toString('base64'),
					fileName,
					mimeType,
					fileSize: String(buffer.length),
				})),
		},
	};
	state.ctx = ctx as unknown as IExecuteFunctions;
	return state;
}
