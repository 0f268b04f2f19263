// Turns the per-execution records written by n8n-hooks.js into the shape tests assert on.
import * as fs from 'fs';
import * as path from 'path';

export interface ErrorInfo {
	name?: string;
	message: string;
	description?: string;
	/** Name of the node that failed. */
	node?: string;
	httpCode?: string;
	stack?: string;
}

export interface BinaryFile {
	mimeType: string;
	fileName?: string;
	fileExtension?: string;
	fileType?: string;
	/** As n8n shows it, e.g. '1.2 kB'. */
	fileSize?: string;
	/** Exact size of bytes. */
	size: number;
	bytes: Buffer;
}

export interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, BinaryFile>;
	pairedItem?: unknown;
	error?: ErrorInfo;
}

export interface NodeRun {
	status?: string;
	executionTime?: number;
	error?: ErrorInfo;
	/** Items per output (index 0 = the main/first output). */
	outputs: Item[][];
}

export interface WorkflowResult {
	workflowId: string;
	workflowName?: string;
	executionId?: string;
	/** How n8n started it: cli (execute-batch), webhook, integrated (sub-workflow), error... */
	mode?: string;
	success: boolean;
	/** n8n's execution status: success, error, crashed, canceled... */
	status: string;
	/** The workflow error's message, when it failed. */
	error?: string;
	errorInfo?: ErrorInfo;
	lastNodeExecuted?: string;
	/** For each node that ran: the items of its first output in its last run. */
	output: Record<string, Item[]>;
	/** Every run of every node, with all outputs. */
	runs: Record<string, NodeRun[]>;
}

export interface RunRecord {
	executionId: string;
	workflowId: string;
	workflowName?: string;
	mode?: string;
	status?: string;
	finished?: boolean;
	lastNodeExecuted?: string;
	error?: ErrorInfo;
	runData: Record<string, RawTaskData[]>;
}

interface RawTaskData {
	executionStatus?: string;
	executionTime?: number;
	error?: ErrorInfo;
	data?: Record<string, (RawItem[] | null)[]>;
}

interface RawItem {
	json?: Record<string, unknown>;
	binary?: Record<string, RawBinary>;
	pairedItem?: unknown;
	error?: ErrorInfo;
}

interface RawBinary {
	data?: string;
	id?: string;
	mimeType: string;
	fileName?: string;
	fileExtension?: string;
	fileType?: string;
	fileSize?: string;
}

export function readRecords(dir: string): RunRecord[] {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as RunRecord)
		.sort((a, b) => Number(a.executionId) - Number(b.executionId));
}

// storageDir: $N8N_USER_FOLDER/.n8n/storage, for binaries stored by reference (filesystem mode).
export function toResult(record: RunRecord, storageDir: string): WorkflowResult {
	const runs: Record<string, NodeRun[]> = {};
	const output: Record<string, Item[]> = {};
	for (const [nodeName, tasks] of Object.entries(record.runData ?? {})) {
		runs[nodeName] = tasks.map((task) => ({
			status: task.executionStatus,
			executionTime: task.executionTime,
			error: task.error,
			outputs: (task.data?.main ?? []).map((items) =>
				(items ?? []).map((item) => toItem(item, storageDir)),
			),
		}));
		output[nodeName] = runs[nodeName].at(-1)?.outputs[0] ?? [];
	}
	const success = record.status === 'success' && !record.error;
	// Errors thrown inside a node (Code node, plain Error) do not always name it.
	const errorInfo = record.error && {
		...record.error,
		node: record.error.node ?? record.lastNodeExecuted,
	};
	return {
		workflowId: record.workflowId,
		workflowName: record.workflowName,
		executionId: record.executionId,
		mode: record.mode,
		success,
		status: record.status ?? 'unknown',
		error: errorInfo?.message,
		errorInfo,
		lastNodeExecuted: record.lastNodeExecuted,
		output,
		runs,
	};
}

function toItem(raw: RawItem, storageDir: string): Item {
	const item: Item = { json: raw.json ?? {} };
	if (raw.pairedItem !== undefined) item.pairedItem = raw.pairedItem;
	if (raw.error !== undefined) item.error = raw.error;
	if (raw.binary) {
		item.binary = {};
		for (const [key, binary] of Object.entries(raw.binary)) {
			const bytes = readBinary(binary, storageDir);
			const { data: _data, id: _id, ...meta } = binary;
			item.binary[key] = { ...meta, size: bytes.length, bytes };
		}
	}
	return item;
}

function readBinary(binary: RawBinary, storageDir: string): Buffer {
	// Default mode keeps the bytes inline; the harness sets N8N_DEFAULT_BINARY_DATA_MODE=default.
	if (!binary.id) return Buffer.from(binary.data ?? '', 'base64');
	// filesystem(-v2) mode: "<mode>:<path relative to the storage folder>".
	const file = path.join(storageDir, binary.id.slice(binary.id.indexOf(':') + 1));
	if (!fs.existsSync(file)) throw new Error(`binary data ${binary.id} not found at ${file}`);
	return fs.readFileSync(file);
}

// A result for a workflow n8n reported on but never recorded (it failed before starting).
export function failedResult(workflowId: string, message: string): WorkflowResult {
	return {
		workflowId,
		success: false,
		status: 'not-run',
		error: message,
		errorInfo: { message },
		output: {},
		runs: {},
	};
}
