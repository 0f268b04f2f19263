// examples/woocommerce-order-to-invoice-email.json in a real n8n against the emulator and a
// local SMTP server, fed a WooCommerce "order.created" payload (REST API v3 order shape).
//
// The example starts with n8n's own WooCommerce Trigger. That trigger only runs once the
// workflow is published: it then registers its webhook in the shop through the WooCommerce
// REST API, and there is no shop here. So, for this run only, the trigger node is replaced by
// a Manual Trigger and a node of the same name ("Pedido de WooCommerce") that outputs the
// order exactly as the trigger does (the webhook body, one item, the order at the top level
// of $json). Every other node, expression and connection is the example's own.
import type { Emulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import { loadExample } from '../../scripts/demo/examples';
import type { N8n, WorkflowResult, WorkflowNodeInput } from './harness';
import { CREDENTIAL_TYPE, createN8n, ensureRuntime, emulatorCredentialData } from './harness';
import type { ReceivedMail, SmtpServer } from './lib/smtp';
import { startSmtpServer } from './lib/smtp';

const FILE = 'woocommerce-order-to-invoice-email.json';
const TRIGGER = 'Pedido de WooCommerce';

// A WooCommerce order as its order.created webhook sends it (trimmed of links and empty
// lists): amounts are strings without tax, line prices numbers, one tax rate per line
// (4 % olive oil, 21 % the rest), shipping taxed at 21 %, the NIF from a checkout field plugin.
export const wooOrder = {
	id: 727,
	parent_id: 0,
	number: '727',
	order_key: 'wc_order_XyZ12aBc3dEf4',
	created_via: 'checkout',
	version: '9.4.2',
	status: 'processing',
	currency: 'EUR',
	date_created: '2026-11-30T18:24:05',
	discount_total: '0.00',
	discount_tax: '0.00',
	shipping_total: '4.99',
	shipping_tax: '1.05',
	cart_tax: '5.25',
	total: '58.04',
	total_tax: '6.30',
	prices_include_tax: true,
	customer_id: 12,
	billing: {
		first_name: 'Jordi',
		last_name: 'Puig',
		company: 'Olis i Conserves Puig SL',
		address_1: 'Carrer de la Riera 8',
		address_2: '',
		city: 'Girona',
		state: 'GI',
		postcode: '17004',
		country: 'ES',
		email: 'jordi@olispuig.example.es',
		phone: '+34 972 000 111',
	},
	shipping: {
		first_name: 'Jordi',
		last_name: 'Puig',
		company: '',
		address_1: 'Carrer de la Riera 8',
		city: 'Girona',
		state: 'GI',
		postcode: '17004',
		country: 'ES',
	},
	payment_method: 'bacs',
	payment_method_title: 'Transferencia bancaria directa',
	meta_data: [
		{ id: 9001, key: '_billing_nif', value: 'B17000001' },
		{ id: 9002, key: 'is_vat_exempt', value: 'no' },
	],
	line_items: [
		{
			id: 315,
			name: 'Aceite de oliva virgen extra 1 L',
			product_id: 93,
			variation_id: 0,
			quantity: 3,
			tax_class: 'superreducido',
			subtotal: '26.85',
			subtotal_tax: '1.07',
			total: '26.85',
			total_tax: '1.07',
			taxes: [{ id: 3, total: '1.074', subtotal: '1.074' }],
			meta_data: [],
			sku: 'AOVE-1L',
			price: 8.95,
		},
		{
			id: 316,
			name: 'Delantal de lino',
			product_id: 120,
			variation_id: 0,
			quantity: 1,
			tax_class: '',
			subtotal: '19.90',
			subtotal_tax: '4.18',
			total: '19.90',
			total_tax: '4.18',
			taxes: [{ id: 1, total: '4.179', subtotal: '4.179' }],
			meta_data: [],
			sku: 'DEL-LINO',
			price: 19.9,
		},
	],
	tax_lines: [
		{
			id: 320,
			rate_code: 'ES-IVA-1',
			rate_id: 1,
			label: 'IVA',
			compound: false,
			tax_total: '4.18',
			shipping_tax_total: '1.05',
			rate_percent: 21,
			meta_data: [],
		},
		{
			id: 321,
			rate_code: 'ES-IVA SUPERREDUCIDO-2',
			rate_id: 3,
			label: 'IVA superreducido',
			compound: false,
			tax_total: '1.07',
			shipping_tax_total: '0.00',
			rate_percent: 4,
			meta_data: [],
		},
	],
	shipping_lines: [
		{
			id: 317,
			method_title: 'Envío estándar',
			method_id: 'flat_rate',
			total: '4.99',
			total_tax: '1.05',
			taxes: [{ id: 1, total: '1.0479', subtotal: '' }],
			meta_data: [],
		},
	],
	fee_lines: [],
	coupon_lines: [],
};

let emulator: Emulator;
let smtp: SmtpServer;
let n8n: N8n;
let result: WorkflowResult;
let mail: ReceivedMail;

beforeAll(async () => {
	await ensureRuntime();
	emulator = await startEmulator();
	smtp = await startSmtpServer();
	n8n = await createN8n();
	try {
		const FA = { id: 'wooFacturas1', name: 'FacturasApp (emulador)' };
		const SMTP = { id: 'wooSmtp1', name: 'SMTP (local)' };
		await n8n.importCredentials([
			{
				...FA,
				type: CREDENTIAL_TYPE,
				data: emulatorCredentialData(emulator.url),
			},
			{
				...SMTP,
				type: 'smtp',
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
		const workflow = loadExample(FILE, {
			id: 'exWoo1',
			credentials: {
				facturasAppApi: FA,
				smtp: SMTP,
				wooCommerceApi: { id: 'unusedWoo1', name: 'WooCommerce' },
			},
		});
		const trigger = workflow.nodes.find((n) => n.name === TRIGGER);
		expect(trigger).toMatchObject({
			type: 'n8n-nodes-base.wooCommerceTrigger',
			parameters: { event: 'order.created' },
		});
		const start = 'Ejecutar prueba';
		const feed: WorkflowNodeInput = {
			name: TRIGGER,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: trigger!.position,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify(wooOrder), options: {} },
		};
		workflow.nodes = [
			{
				name: start,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [-260, 0],
				parameters: {},
			},
			...workflow.nodes.map((n) => (n.name === TRIGGER ? feed : n)),
		];
		workflow.connections = {
			...workflow.connections,
			[start]: { main: [[{ node: TRIGGER, type: 'main', index: 0 }]] },
		};
		result = (await n8n.runWorkflows([workflow])).exWoo1;
		if (result.success) mail = (await smtp.waitForMessages(1))[0];
	} catch (error) {
		if (error instanceof Error) error.message += `\n\n--- n8n logs ---\n${n8n.logs(30)}`;
		throw error;
	}
}, 15 * 60_000);

afterAll(async () => {
	await n8n?.dispose();
	await smtp?.close();
	await emulator?.close();
}, 120_000);

const cents = (n: unknown) => Math.round(Number(n) * 100);

describe(FILE, () => {
	it("a WooCommerce order becomes an invoice with the shop's own totals, mailed with its PDF", () => {
		expect(result.error).toBeUndefined();
		expect(result.success).toBe(true);
		const [created] = result.output['Crear factura'].map((i) => i.json);
		const invoice = emulator.invoices.get(String(created.invoiceNumber))?.body as
			| (Record<string, unknown> & {
					contacts: Record<string, unknown>[];
					products: Record<string, unknown>[];
			  })
			| undefined;
		expect(invoice).toBeDefined();
		// What the customer paid, to the cent: lines and shipping, each at its own IVA rate.
		expect(cents(invoice!.sumTotalTotal)).toBe(cents(wooOrder.total));
		expect(cents(invoice!.sumTotalTax)).toBe(cents(wooOrder.total_tax));
		expect(invoice!.contacts[0]).toMatchObject({
			companyName: 'Olis i Conserves Puig SL',
			identification: 'B17000001',
			personType: '02',
			emailCustomer: 'jordi@olispuig.example.es',
			postalCodeCustomer: '17004',
			addressCustomer: 'Carrer de la Riera 8, Girona',
		});
		expect(
			invoice!.products.map((p) => [
				p.reference,
				p.quantity,
				(p.taxes as Array<{ rate: number }>)[0].rate,
			]),
		).toEqual([
			['AOVE-1L', 3, 4],
			['DEL-LINO', 1, 21],
			[expect.anything(), 1, 21],
		]);
		expect(invoice!.idPayment).toBe('TF');
		expect(invoice!.textObservations).toBe('Pedido WooCommerce #727');

		expect(mail.to).toEqual(['jordi@olispuig.example.es']);
		expect(mail.subject).toBe(`Tu factura ${String(created.invoiceNumber)} (pedido #727)`);
		expect(mail.attachments.map((a) => a.filename)).toEqual([
			`${String(created.invoiceNumber)}.pdf`,
		]);
		expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
	});
});
