// Loads a workflow of examples/ for the harness, filling in what an importing user would:
// the credentials (the examples carry placeholders) and, for the demo workflow, the folder
// the PDFs are written to. Shared by `npm run demo` and test/e2e/examples.test.ts.
import * as fs from 'fs';
import * as path from 'path';

import type { WorkflowInput, WorkflowNodeInput } from '../../test/e2e/harness';

export const EXAMPLES_DIR = path.resolve(__dirname, '../../examples');

/** Credential ids in the example files, one per credential type. */
export const CREDENTIAL_PLACEHOLDERS: Readonly<Record<string, string>> = {
	facturasAppApi: 'REPLACE_FACTURASAPP_CREDENTIAL',
	smtp: 'REPLACE_SMTP_CREDENTIAL',
	wooCommerceApi: 'REPLACE_WOOCOMMERCE_CREDENTIAL',
};

/** Folder in demo-orders-to-pdfs.json's file path (n8n's writable folder in Docker). */
export const PDF_FOLDER_PLACEHOLDER = '/home/node/.n8n-files/facturas';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface LoadOptions {
	/** Workflow id for the harness (1-21 characters with a digit). */
	id: string;
	/** Credential to use per credential type, e.g. { facturasAppApi: { id, name } }. */
	credentials: Record<string, CredentialRef>;
	/** Replaces PDF_FOLDER_PLACEHOLDER (absolute path, no trailing slash). */
	pdfFolder?: string;
}

export function exampleFile(file: string): string {
	return path.join(EXAMPLES_DIR, file);
}

export function loadExample(file: string, options: LoadOptions): WorkflowInput {
	let text = fs.readFileSync(exampleFile(file), 'utf8');
	if (options.pdfFolder !== undefined) {
		// JSON-escaped, so any path (quotes, backslashes) stays valid JSON.
		text = text.split(PDF_FOLDER_PLACEHOLDER).join(JSON.stringify(options.pdfFolder).slice(1, -1));
	}
	const workflow = JSON.parse(text) as Omit<WorkflowInput, 'id'> & { nodes: WorkflowNodeInput[] };
	for (const node of workflow.nodes) {
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			const given = options.credentials[type];
			if (!given)
				throw new Error(
					`${file}: node "${node.name}" needs a ${type} credential and none was given`,
				);
			if (ref.id !== CREDENTIAL_PLACEHOLDERS[type])
				throw new Error(
					`${file}: node "${node.name}" has a real credential id (${ref.id}), not the placeholder`,
				);
			node.credentials![type] = given;
		}
	}
	return { ...workflow, id: options.id };
}
