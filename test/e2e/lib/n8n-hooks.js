'use strict';
// n8n external hook file (EXTERNAL_HOOK_FILES), loaded by every n8n process the e2e harness
// starts. n8n's CLI only prints run data for successful runs (execute-batch) or mixes it with
// log lines (execute --rawOutput); this hook writes the full result of every execution, failed
// ones included, as one JSON file each, from the CLI commands and from `n8n start` alike.
//   FACTURASAPP_E2E_RUNS_DIR     folder that receives <executionId>.json per execution
//   FACTURASAPP_E2E_PUBLISH      comma-separated workflow ids to publish (activate) at start-up,
//                                 in one n8n start instead of one `publish:workflow` start each
// Plain CommonJS with no requires beyond node: n8n loads it with its own require.

const fs = require('fs');
const path = require('path');

function errorInfo(error) {
	if (!error) return undefined;
	return {
		name: error.name,
		message: error.message,
		description: error.description ?? undefined,
		node: error.node?.name,
		httpCode: error.httpCode ?? undefined,
		stack: error.stack,
	};
}

module.exports = {
	n8n: {
		// Runs inside server start-up before the active workflows are loaded.
		ready: [
			async function () {
				const ids = (process.env.FACTURASAPP_E2E_PUBLISH || '').split(',').filter(Boolean);
				for (const id of ids) await this.dbCollections.Workflow.publishVersion(id);
			},
		],
	},
	workflow: {
		postExecute: [
			async function (run, workflowData, executionId) {
				const dir = process.env.FACTURASAPP_E2E_RUNS_DIR;
				if (!dir || !run) return;
				const resultData = run.data?.resultData ?? {};
				const record = {
					executionId,
					// Which n8n process ran it (queue mode: main or one of the workers).
					process: process.env.FACTURASAPP_E2E_PROCESS || undefined,
					pid: process.pid,
					workflowId: workflowData?.id,
					workflowName: workflowData?.name,
					mode: run.mode,
					status: run.status,
					finished: run.finished,
					startedAt: run.startedAt,
					stoppedAt: run.stoppedAt,
					lastNodeExecuted: resultData.lastNodeExecuted,
					error: errorInfo(resultData.error),
					// Node errors are Error objects: JSON.stringify alone would drop their message.
					runData: JSON.parse(
						JSON.stringify(resultData.runData ?? {}, (key, value) =>
							key === 'error' && value instanceof Error ? errorInfo(value) : value,
						),
					),
				};
				// Write then rename: a reader never sees half a file.
				const file = path.join(dir, `${executionId}.json`);
				fs.writeFileSync(`${file}.tmp`, JSON.stringify(record));
				fs.renameSync(`${file}.tmp`, file);
			},
		],
	},
};
