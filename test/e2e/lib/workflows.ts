// Workflow inputs made ready for `n8n import:workflow`, and the checks n8n does not do itself.
import { N8nError, type WorkflowInput } from './types';

export interface BatchSummary {
	executions: { workflowId: string; executionStatus: string; error?: string }[];
}

export function assertId(kind: string, id: string): void {
	// n8n accepts 1-21 characters; execute-batch silently skips ids without a digit.
	if (!/^[A-Za-z0-9_-]{1,21}$/.test(id) || !/\d/.test(id)) {
		throw new N8nError(`${kind} id "${id}" must be 1-21 letters/digits/_- with at least one digit`);
	}
}

export function normalizeWorkflow(w: WorkflowInput): WorkflowInput {
	assertId('workflow', w.id);
	return {
		name: w.id,
		connections: {},
		settings: {},
		...w,
		active: false,
		nodes: w.nodes.map((node, i) => ({
			id: `${w.id}-node-${i}`,
			position: [i * 220, 0],
			parameters: {},
			...node,
		})),
	};
}

export function hasWebhookTrigger(w: WorkflowInput): boolean {
	return w.nodes.some((n) => n.type === 'n8n-nodes-base.webhook' && !n.disabled);
}
