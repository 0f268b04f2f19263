// The part of `npm run demo` that needs TypeScript (loaded by scripts/demo.js through tsx):
// a local FacturasApp emulator, a real n8n with this package, and examples/demo-orders-to-pdfs.json
// run once with its PDFs written to the output folder.
import * as fs from 'fs';
import * as path from 'path';

import { startEmulator } from '../../test/emulator/index';
import type { WorkflowResult } from '../../test/e2e/harness';
import { CREDENTIAL_TYPE, createN8n, emulatorCredentialData } from '../../test/e2e/harness';
import { loadExample } from './examples';

export const DEMO_WORKFLOW = 'demo-orders-to-pdfs.json';

export interface DemoRow {
	order: string;
	customer: string;
	invoiceNumber: string;
	total: number;
	state: string;
	/** The AEAT verification URL of the invoice's QR code (Create's aeatQrUrl). */
	aeatQrUrl: string;
	/** Absolute path of the PDF written by n8n. */
	pdf: string;
	pdfBytes: number;
}

export interface DemoResult {
	emulatorUrl: string;
	workflowName: string;
	rows: DemoRow[];
}

export class DemoError extends Error {}

/** outputDir must exist and be a real path (n8n refuses to write through symlinks). */
export async function runDemo(outputDir: string, log: (line: string) => void): Promise<DemoResult> {
	const emulator = await startEmulator();
	log(`FacturasApp emulator (local, fake) on ${emulator.url}`);
	let n8n: Awaited<ReturnType<typeof createN8n>> | undefined;
	try {
		// n8n 2.x writes files only inside N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files).
		n8n = await createN8n({ env: { N8N_RESTRICT_FILE_ACCESS_TO: outputDir } });
		const credential = { id: 'demoFacturas1', name: 'FacturasApp (emulador local)' };
		const workflow = loadExample(DEMO_WORKFLOW, {
			id: 'demoPdfs1',
			credentials: { facturasAppApi: credential },
			pdfFolder: outputDir,
		});
		log('n8n 2.41.1 with this package: importing the credential and the workflow');
		await n8n.importCredentials([
			{
				...credential,
				type: CREDENTIAL_TYPE,
				data: emulatorCredentialData(emulator.url, {
					// The emulator's demo company: Create then outputs aeatQrUrl.
					issuerNif: 'B12345674',
					invoicingMode: 'verifactu',
				}),
			},
		]);
		await n8n.importWorkflows([workflow]);
		log(`running "${String(workflow.name)}"`);
		const result = await n8n.executeWorkflow(workflow.id);
		if (!result.success)
			throw new DemoError(`${describeFailure(result)}\n\nn8n logs:\n${n8n.logs(15)}`);
		return {
			emulatorUrl: emulator.url,
			workflowName: String(workflow.name),
			rows: rowsOf(result, emulator.invoices),
		};
	} finally {
		await n8n?.dispose();
		await emulator.close();
	}
}

function describeFailure(result: WorkflowResult): string {
	const info = result.errorInfo;
	const where = info?.node ? ` (node "${info.node}")` : '';
	return [`the workflow failed${where}: ${result.error ?? result.status}`, info?.description]
		.filter(Boolean)
		.join('\n');
}

// Every node keeps item order, so item i of each node belongs to order i.
function rowsOf(
	result: WorkflowResult,
	invoices: ReadonlyMap<string, { body: Record<string, unknown> }>,
): DemoRow[] {
	const pick = (node: string) => {
		const items = result.output[node];
		if (!items) throw new DemoError(`node "${node}" did not run`);
		return items.map((i) => i.json);
	};
	const orders = pick('Pedidos de ejemplo') as { order: string; customer: { name: string } }[];
	const created = pick('Crear facturas');
	const states = pick('Consultar estado');
	const written = pick('Guardar PDF en carpeta');
	if (written.length !== orders.length)
		throw new DemoError(`${orders.length} orders but ${written.length} PDFs written`);
	return orders.map((o, i) => {
		const invoiceNumber = String(created[i].invoiceNumber);
		const pdf = String(written[i].fileName);
		// Check what is on disk, not only what n8n reported.
		const head = fs.existsSync(pdf) ? fs.readFileSync(pdf).subarray(0, 5).toString() : '';
		if (head !== '%PDF-') throw new DemoError(`${pdf} is missing or not a PDF`);
		// The total as Create outputs it, which must be what FacturasApp stored.
		const total = Number(created[i].total);
		const stored = Number(invoices.get(invoiceNumber)?.body.sumTotalTotal ?? NaN);
		if (total !== stored)
			throw new DemoError(`${invoiceNumber}: Create output total ${total}, stored ${stored}`);
		return {
			order: o.order,
			customer: o.customer.name,
			invoiceNumber,
			total,
			aeatQrUrl: String(created[i].aeatQrUrl ?? created[i].aeatQrUrlNote ?? '?'),
			state: String((states[i].summary as { status?: string } | undefined)?.status ?? '?'),
			pdf: path.resolve(pdf),
			pdfBytes: fs.statSync(pdf).size,
		};
	});
}
