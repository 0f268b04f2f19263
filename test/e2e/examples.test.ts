// The workflows in examples/ as a user imports them, in one real n8n against the local
// FacturasApp emulator and a local SMTP server: the batch with AEAT states and the demo run in
// one execute-batch, the Shopify one through its webhook in `n8n start`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { loadExample } from '../../scripts/demo/examples';
import type { Emulator } from '../emulator/index';
import { DEMO_USER, LOGIN_PATH, SERVICES, startEmulator } from '../emulator/index';
import { qrUrl } from '../emulator/state';
import type { Item, N8n, WorkflowResult } from './harness';
import { CREDENTIAL_TYPE, createN8n, ensureRuntime, emulatorCredentialData } from './harness';
import type { ReceivedMail, SmtpServer } from './lib/smtp';
import { startSmtpServer } from './lib/smtp';

const FA_CRED = { id: 'exFacturas1', name: 'FacturasApp (emulador)' };
/** The Shopify order goes to its own emulator, seeded with the contract's GetConsecutives example. */
const SHOP_CRED = { id: 'exFacturas2', name: 'FacturasApp (emulador, series FACT)' };
const SMTP_CRED = { id: 'exSmtp1', name: 'SMTP (local)' };
const credentials = { facturasAppApi: FA_CRED, smtp: SMTP_CRED };
// facturasapp-api.md §12, character for character.
const CONTRACT_CONSECUTIVES =
	'{"facturasDeAlta":[{"prefijo":"FACT","consecutivoActual":5,"isDefault":true},{"prefijo":"REC","consecutivoActual":12,"isDefault":false}]}';

// A Shopify "orders/create" webhook body (trimmed to what matters, shaped as Shopify sends
// it: prices as strings, tax included, tax_lines rates as fractions).
const shopifyOrder = {
	id: 5804319834297,
	name: '#1042',
	email: 'lucia.perez@example.es',
	currency: 'EUR',
	taxes_included: true,
	total_price: '97.10',
	subtotal_price: '92.15',
	total_tax: '16.85',
	total_shipping_price_set: { shop_money: { amount: '4.95', currency_code: 'EUR' } },
	note_attributes: [
		{ name: 'nif', value: 'B12345674' },
		{ name: 'gift', value: 'no' },
	],
	customer: {
		id: 7012345678901,
		first_name: 'Lucía',
		last_name: 'Pérez',
		email: 'lucia.perez@example.es',
	},
	billing_address: {
		first_name: 'Lucía',
		last_name: 'Pérez',
		name: 'Lucía Pérez',
		company: 'Diseños Albufera SL',
		address1: 'Calle de Colón 12',
		address2: '3º B',
		city: 'Valencia',
		zip: '46004',
		province: 'Valencia',
		country_code: 'ES',
		phone: '+34 600 123 456',
	},
	line_items: [
		{
			id: 1,
			title: 'Camiseta orgánica',
			name: 'Camiseta orgánica - M',
			sku: 'CAM-ORG-M',
			quantity: 2,
			price: '24.90',
			tax_lines: [{ title: 'IVA', rate: 0.21, price: '8.64' }],
		},
		{
			id: 2,
			title: 'Taza de cerámica',
			name: 'Taza de cerámica',
			sku: 'TAZA-01',
			quantity: 1,
			price: '12.50',
			tax_lines: [{ title: 'IVA', rate: 0.21, price: '2.17' }],
		},
		{
			id: 3,
			title: 'Bolsa tote',
			name: 'Bolsa tote',
			sku: 'TOTE-01',
			quantity: 3,
			price: '9.95',
			tax_lines: [{ title: 'IVA', rate: 0.21, price: '5.18' }],
		},
	],
};

let emulator: Emulator;
let shopEmulator: Emulator;
let shopConsecutivesBefore: string;
let smtp: SmtpServer;
let n8n: N8n;
let pdfDir: string;
let batch: Record<string, WorkflowResult>;
let webhook: { status: number; body: unknown; execution: WorkflowResult; mail: ReceivedMail };

const json = (items: Item[] | undefined) => (items ?? []).map((i) => i.json);
const storedIn = (emu: () => Emulator) => (number: unknown) => {
	const invoice = emu().invoices.get(String(number));
	if (!invoice) throw new Error(`invoice ${String(number)} is not stored in the emulator`);
	return invoice;
};
const stored = storedIn(() => emulator);
const shopStored = storedIn(() => shopEmulator);
const cents = (n: number) => Math.round(n * 100);

/** GetConsecutives' raw answer, read with a plain log-in. */
async function consecutivesText(emu: Emulator): Promise<string> {
	const login = await fetch(`${emu.url}${LOGIN_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ User: DEMO_USER.user, Password: DEMO_USER.password }),
	});
	const [key] = (await login.json()) as string[];
	const res = await fetch(`${emu.url}${SERVICES}GetConsecutives`, {
		headers: { 'X-API-KEY': key },
	});
	return await res.text();
}

// n8n's logs in the message of a failing test: the run data alone rarely says why.
function check(name: string, fn: () => void | Promise<void>): void {
	it(name, async () => {
		try {
			await fn();
		} catch (error) {
			if (n8n && error instanceof Error) error.message += `\n\n--- n8n logs ---\n${n8n.logs(30)}`;
			throw error;
		}
	});
}

beforeAll(async () => {
	await ensureRuntime();
	// Invoices stay "Pendiente" for a second, so the examples really wait for the AEAT.
	emulator = await startEmulator({ stateDelayMs: 1000 });
	shopEmulator = await startEmulator({
		series: [
			{ prefix: 'FACT', lastNumber: 5, isDefault: true },
			{ prefix: 'REC', lastNumber: 12 },
		],
	});
	shopConsecutivesBefore = await consecutivesText(shopEmulator);
	smtp = await startSmtpServer();
	pdfDir = fs.mkdtempSync(path.join(os.tmpdir(), 'facturasapp-pdfs-'));
	// n8n 2.x writes files only under N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files).
	n8n = await createN8n({ env: { N8N_RESTRICT_FILE_ACCESS_TO: pdfDir } });
	try {
		await n8n.importCredentials([
			{
				...FA_CRED,
				type: CREDENTIAL_TYPE,
				data: emulatorCredentialData(emulator.url),
			},
			{
				...SHOP_CRED,
				type: CREDENTIAL_TYPE,
				data: emulatorCredentialData(shopEmulator.url, {
					// The shop's own NIF (the emulator's demo user issues as B12345674): aeatQrUrl.
					issuerNif: 'B12345674',
					invoicingMode: 'verifactu',
				}),
			},
			{
				...SMTP_CRED,
				type: 'smtp',
				// Plain SMTP on loopback: no SSL/TLS, no STARTTLS.
				data: {
					user: 'tienda',
					password: 'smtp-password',
					host: smtp.host,
					port: smtp.port,
					secure: false,
					disableStartTls: true,
				},
			},
		]);
		await n8n.importWorkflows([
			loadExample('batch-invoices-with-state.json', { id: 'exBatch1', credentials }),
			loadExample('demo-orders-to-pdfs.json', { id: 'exDemo1', credentials, pdfFolder: pdfDir }),
			loadExample('shopify-order-to-invoice-email.json', {
				id: 'exShopify1',
				credentials: { ...credentials, facturasAppApi: SHOP_CRED },
			}),
		]);
		// W-2043 (the third order, FA2026-0003) is rejected by the AEAT. Its NIF is valid: since
		// issue 16 a NIF with a wrong control character is refused before sending, so the AEAT's
		// rejection is played by the emulator for a NIF missing from its census.
		emulator.setStateOutcome('FA2026-0003', {
			state: 'Incorrecto',
			code: '4107',
			description: 'El NIF del destinatario no está identificado en el censo de la AEAT.',
		});
		// One after the other in one n8n start: both take numbers from the default series (FA2026-).
		batch = await n8n.executeWorkflows(['exBatch1', 'exDemo1']);

		const server = await n8n.startServer();
		try {
			const res = await fetch(server.webhookUrl('shopify-order'), {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create' },
				body: JSON.stringify(shopifyOrder),
				signal: AbortSignal.timeout(60_000),
			});
			const text = await res.text();
			const [execution] = await server.waitForExecutions(1);
			const body = (() => {
				try {
					return JSON.parse(text) as unknown;
				} catch {
					return text;
				}
			})();
			const mail = execution.success
				? (await smtp.waitForMessages(1))[0]
				: (undefined as unknown as ReceivedMail);
			webhook = { status: res.status, body, execution, mail };
		} finally {
			await server.stop();
		}
	} catch (error) {
		if (error instanceof Error) error.message += `\n\n--- n8n logs ---\n${n8n.logs(30)}`;
		throw error;
	}
}, 15 * 60_000);

afterAll(async () => {
	await n8n?.dispose();
	await smtp?.close();
	await emulator?.close();
	await shopEmulator?.close();
	if (pdfDir) fs.rmSync(pdfDir, { recursive: true, force: true });
});

describe('batch-invoices-with-state.json', () => {
	check(
		'issues 5 invoices, waits for the AEAT and routes the rejected one to "Rechazada — revisar"',
		() => {
			const r = batch.exBatch1;
			expect(r.error).toBeUndefined();
			expect(r.success).toBe(true);

			const created = json(r.output['Crear facturas']);
			const orders = json(r.output['Pedidos de la tienda']) as {
				order: string;
				customer: { nif: string };
			}[];
			expect(orders).toHaveLength(5);
			expect(created.map((c) => c.invoiceNumber)).toEqual([
				'FA2026-0001',
				'FA2026-0002',
				'FA2026-0003',
				'FA2026-0004',
				'FA2026-0005',
			]);
			const numberOf = (order: string) =>
				created[orders.findIndex((o) => o.order === order)].invoiceNumber;

			// The IF node's two outputs: true (rejected) first, false (accepted) second.
			const [rejectedOut, acceptedOut] = r.runs['¿Rechazada?'][0].outputs;
			expect(json(rejectedOut).map((i) => i.invoiceNumber)).toEqual([numberOf('W-2043')]);
			expect(json(acceptedOut).map((i) => i.invoiceNumber)).toEqual(
				['W-2041', 'W-2042', 'W-2044', 'W-2045'].map(numberOf),
			);

			const [rejected] = json(r.output['Rechazada — revisar']);
			expect(rejected).toMatchObject({
				rejected: true,
				summary: { outcome: 'rejected', final: true, aeatCode: '4107' },
			});
			for (const item of json(r.output.Aceptada)) {
				expect(item.rejected).toBeUndefined();
				expect(item.summary).toMatchObject({
					outcome: 'accepted',
					final: true,
					status: 'Correcto',
				});
			}
			// It waited: every invoice was still pending at the first check.
			expect(emulator.counters.calls.state).toBeGreaterThan(5);

			// What FacturasApp stored: customer and amounts from the order, W-2043 rejected by the AEAT.
			const w2043 = stored(numberOf('W-2043'));
			expect(w2043.state).toBe('Incorrecto');
			expect((w2043.body.contacts as { identification: string }[])[0].identification).toBe(
				'B46123451',
			);
			// 10 × 12.00 at 4 % + 50 × 0.80 at 21 %.
			expect(w2043.body).toMatchObject({
				sumTotalTaxBase: 160,
				sumTotalTax: 13.2,
				sumTotalTotal: 173.2,
				textObservations: 'Pedido W-2043',
			});
			expect(stored(numberOf('W-2041')).body).toMatchObject({
				sumTotalTaxBase: 107.5,
				sumTotalTotal: 130.08,
			});
		},
	);
});

describe('demo-orders-to-pdfs.json', () => {
	check('issues 3 invoices and writes their PDFs to the folder', () => {
		const r = batch.exDemo1;
		expect(r.error).toBeUndefined();
		expect(r.success).toBe(true);
		const numbers = json(r.output['Crear facturas']).map((c) => c.invoiceNumber);
		expect(numbers).toEqual(['FA2026-0006', 'FA2026-0007', 'FA2026-0008']);
		expect(
			json(r.output['Consultar estado']).map((s) => (s.summary as { status: string }).status),
		).toEqual(['Correcto', 'Correcto', 'Correcto']);

		const written = json(r.output['Guardar PDF en carpeta']).map((w) => w.fileName);
		expect(written).toEqual(numbers.map((n) => path.join(pdfDir, `${String(n)}.pdf`)));
		expect(fs.readdirSync(pdfDir).sort()).toEqual(numbers.map((n) => `${String(n)}.pdf`));
		r.output['Descargar PDF'].forEach((item, i) => {
			const onDisk = fs.readFileSync(path.join(pdfDir, `${String(numbers[i])}.pdf`));
			expect(onDisk.subarray(0, 5).toString()).toBe('%PDF-');
			expect(onDisk.equals(item.binary!.data.bytes)).toBe(true);
		});
		// D-1001: 6 × 18.50 at 10 % + 12 × 4.20 at 21 %.
		expect(stored(numbers[0]).body).toMatchObject({
			sumTotalTaxBase: 161.4,
			sumTotalTax: 21.68,
			sumTotalTotal: 183.08,
		});
	});
});

describe('shopify-order-to-invoice-email.json', () => {
	check(
		"a Shopify order webhook issues the invoice with Shopify's total and mails its PDF to the customer",
		async () => {
			const { status, body, execution, mail } = webhook;
			expect(execution.error).toBeUndefined();
			expect(execution.success).toBe(true);
			expect(status).toBe(200);
			// Against GetConsecutives answered exactly as in the contract: the next number of the
			// default series FACT (last number 5), and FacturasApp's counter moved on.
			expect(shopConsecutivesBefore).toBe(CONTRACT_CONSECUTIVES);
			expect(body).toEqual({ invoiceNumber: 'FACT0006', order: '#1042' });
			expect([...shopEmulator.invoices.keys()]).toEqual(['FACT0006']);
			expect(shopEmulator.invoices.get('FACT0006')!.body.currentNumber).toBe(6);
			expect(await consecutivesText(shopEmulator)).toBe(
				CONTRACT_CONSECUTIVES.replace('"consecutivoActual":5', '"consecutivoActual":6'),
			);

			// Prices include 21 % IVA: the invoice total is exactly what the customer paid.
			const invoice = shopStored('FACT0006').body as Record<string, unknown> & {
				contacts: Record<string, unknown>[];
				products: unknown[];
			};
			expect(cents(invoice.sumTotalTotal as number)).toBe(cents(Number(shopifyOrder.total_price)));
			expect(invoice.contacts[0]).toMatchObject({
				companyName: 'Diseños Albufera SL',
				identification: 'B12345674',
				personType: '02',
				emailCustomer: 'lucia.perez@example.es',
				postalCodeCustomer: '46004',
				addressCustomer: 'Calle de Colón 12, 3º B, Valencia',
			});
			// Three line items and the shipping line.
			expect(invoice.products).toHaveLength(4);
			expect(invoice.textObservations).toBe('Pedido Shopify #1042');

			expect(mail.to).toEqual(['lucia.perez@example.es']);
			expect(mail.authenticated).toBe(true);
			expect(mail.subject).toBe('Tu factura FACT0006 (pedido #1042)');
			expect(mail.text).toContain('Hola Lucía:');
			expect(mail.text).not.toContain('n8n');
			// The AEAT verification URL of the invoice's QR code, built from the shop's NIF, the
			// number, the date and Shopify's total (checked against the emulator's own URL).
			const qr = /https:\/\/prewww2\.aeat\.es\/wlpl\/TIKE-CONT\/ValidarQR\?\S+/.exec(
				mail.text ?? '',
			)?.[0];
			expect(qr).toBeDefined();
			expect(execution.output['Crear factura'][0].json.aeatQrUrl).toBe(qr);
			const day = String(invoice.invoiceDate).slice(0, 10).split('-').reverse().join('-');
			expect(Object.fromEntries(new URL(qr!).searchParams)).toEqual({
				nif: 'B12345674',
				numserie: 'FACT0006',
				fecha: day,
				importe: String(Number(shopifyOrder.total_price)),
			});
			const emulators = new URL(qrUrl({ ...shopStored('FACT0006'), issuerNif: 'B12345674' }));
			expect(Number(emulators.searchParams.get('importe'))).toBe(Number(shopifyOrder.total_price));
			expect(emulators.searchParams.get('fecha')).toBe(day);
			expect(mail.attachments).toHaveLength(1);
			const [pdf] = mail.attachments;
			expect(pdf).toMatchObject({
				filename: 'FACT0006.pdf',
				contentType: 'application/pdf',
				disposition: 'attachment',
			});
			expect(pdf.content.subarray(0, 5).toString()).toBe('%PDF-');
			expect(pdf.content.equals(execution.output['Obtener PDF'][0].binary!.data.bytes)).toBe(true);
		},
	);

	check('leaves no n8n process behind', () => {
		expect(n8n.runningProcesses()).toEqual([]);
	});
});
