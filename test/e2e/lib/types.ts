// Types of the e2e harness (harness.ts): options, inputs and the server handle.
import type { Exit } from './process';
import type { WorkflowResult } from './results';

export interface N8nOptions {
	/** Copy this package (package.json + dist/) into the user folder. Default true; needs `npm run build`. */
	installPackage?: boolean;
	/** Extra environment for every n8n process of this instance. */
	env?: Record<string, string>;
	/** Keep the folder after dispose() (also FACTURASAPP_E2E_KEEP=1), to inspect logs and data. */
	keep?: boolean;
	/** Default timeout of each n8n command. Default 120 s. */
	timeoutMs?: number;
}

export interface CredentialInput {
	id: string;
	name: string;
	type: string;
	/** Plain values; n8n encrypts them on import. */
	data: Record<string, unknown>;
}

export interface WorkflowNodeInput {
	name: string;
	type: string;
	typeVersion: number;
	parameters?: Record<string, unknown>;
	id?: string;
	position?: [number, number];
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface WorkflowInput {
	/** 1-21 characters with at least one digit (execute-batch ignores ids without one). */
	id: string;
	name?: string;
	nodes: WorkflowNodeInput[];
	connections?: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface CommandResult extends Exit {
	args: string[];
	stdoutFile: string;
	stderrFile: string;
	/** Folder the hook wrote this command's execution records to. */
	runsDir: string;
}

export interface ServerOptions {
	/** Workflow ids to publish (activate) at start-up. Default: every imported workflow with a webhook trigger. */
	publish?: string[];
	/** Write each execution's run data for executions(). Default true; the bench may turn it off. */
	recordRuns?: boolean;
	/** Time allowed to reach "ready". Default 90 s. */
	timeoutMs?: number;
	/** Extra environment for the server only. */
	env?: Record<string, string>;
}

export interface N8nServer {
	/** Process (and process group) id of `n8n start`; its task runner is in the same group. */
	pid: number;
	port: number;
	/** http://127.0.0.1:<port> */
	baseUrl: string;
	/** URL of a production webhook path (the Webhook node's `path`). */
	webhookUrl(webhookPath: string): string;
	/** Executions recorded so far, oldest first (sub-workflow ones too: see `mode`). */
	executions(): WorkflowResult[];
	/** Waits until at least `count` executions are recorded (the hook runs after the HTTP reply). */
	waitForExecutions(count: number, timeoutMs?: number): Promise<WorkflowResult[]>;
	stdoutFile: string;
	stderrFile: string;
	/** SIGTERM, then SIGKILL after a grace period; the whole process group. */
	stop(): Promise<void>;
}

/** A harness failure: n8n did not start, a command failed or timed out. */
export class N8nError extends Error {}
