// Runs the trigger's poll() in n8n-core's own PollContext (as n8n's testPollingTriggerNode
// does), over a real Workflow whose node static data persists between polls like an active
// workflow's. Requests go through n8n's real HTTP stack (so nock sees them); the credentials
// helper logs in with the credential's own preAuthentication, as n8n's does.
import { PollContext } from 'n8n-core';
import type {
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { FacturasAppApi } from '../../../credentials/FacturasAppApi.credentials';
import { FacturasAppTrigger } from '../../../nodes/FacturasAppTrigger/FacturasAppTrigger.node';
import { DEMO_CREDENTIALS } from '../helpers/fakeContext';

export interface TriggerHarness {
	poll(options?: {
		mode?: WorkflowExecuteMode;
		budgetMs?: number;
	}): Promise<INodeExecutionData[][] | null>;
	/** The node's static data as n8n keeps it between polls. */
	staticData(): IDataObject;
	credentials: IDataObject;
	logins: number;
	requests: IHttpRequestOptions[];
}

export function triggerHarness(
	parameters: IDataObject,
	credentials: IDataObject = {},
): TriggerHarness {
	const nodeType = new FacturasAppTrigger();
	const credentialType = new FacturasAppApi();
	const node: INode = {
		id: 'trigger-1',
		name: 'FacturasApp Trigger',
		type: 'n8n-nodes-facturasapp.facturasAppTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INodeParameters,
		credentials: { facturasAppApi: { id: 'cred-1', name: 'FacturasApp' } },
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({
		id: 'wf-1',
		name: 'Trigger test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
	});
	const state: TriggerHarness = {
		credentials: { ...DEMO_CREDENTIALS, ...credentials },
		logins: 0,
		requests: [],
		staticData: () => workflow.getStaticData('node', node),
		poll: async ({ mode = 'trigger', budgetMs } = {}) => {
			const context = new PollContext(
				workflow,
				node,
				additionalData,
				mode,
				mode === 'manual' ? 'manual' : 'activate',
				undefined,
				undefined,
				undefined,
				undefined,
				undefined,
				budgetMs === undefined ? undefined : () => budgetMs,
			);
			return await nodeType.poll.call(context);
		},
	};
	const additionalData = {
		credentialsHelper: {
			getParentTypes: () => [],
			isCredentialUsableByNode: () => true,
			getDecrypted: async () => state.credentials,
			getCredentialsProperties: () => credentialType.properties,
			// n8n's CredentialsHelper: log in when the expirable key is empty or expired.
			preAuthentication: async (
				helpers: never,
				decrypted: IDataObject,
				_type: string,
				_node: INode,
				expired: boolean,
			) => {
				if (decrypted.apiKey && !expired) return undefined;
				state.logins++;
				const data = await credentialType.preAuthentication.call(helpers, decrypted as never);
				Object.assign(state.credentials, data);
				return data;
			},
			authenticate: async (decrypted: IDataObject, _type: string, options: IHttpRequestOptions) => {
				const sent = {
					...options,
					headers: { ...(options.headers ?? {}), 'X-API-KEY': String(decrypted.apiKey) },
				};
				state.requests.push(sent);
				return sent;
			},
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		userId: 'user-1',
	} as unknown as IWorkflowExecuteAdditionalData;
	return state;
}
