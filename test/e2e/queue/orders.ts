// Shopify-like orders and the Shopify example workflow (examples/shopify-order-to-invoice-email.json)
// as the burst tests use it: the user's own workflow, with only what a test must change.
import { loadExample } from '../../../scripts/demo/examples';
import type { WorkflowInput, WorkflowNodeInput } from '../harness';

export const FA_CRED = { id: 'qFacturas1', name: 'FacturasApp (emulador)' };
export const WEBHOOK_PATH = 'shopify-order';
export const CREATE_NODE = 'Crear factura';
export const RESPOND_NODE = 'Responder a Shopify';

/** An "orders/create" body shaped as Shopify sends it (prices as strings, tax included). */
export function shopifyOrder(n: number): Record<string, unknown> {
	const id = 5804319800000 + n;
	return {
		id,
		name: `#${1000 + n}`,
		email: `cliente${n}@example.es`,
		currency: 'EUR',
		taxes_included: true,
		total_price: '54.75',
		total_shipping_price_set: { shop_money: { amount: '4.95', currency_code: 'EUR' } },
		note_attributes: [{ name: 'nif', value: 'B12345674' }],
		billing_address: {
			first_name: 'Lucía',
			name: `Cliente ${n}`,
			company: `Cliente ${n} SL`,
			address1: 'Calle de Colón 12',
			city: 'Valencia',
			zip: '46004',
			country_code: 'ES',
			phone: '+34 600 123 456',
		},
		line_items: [
			{
				id: 1,
				title: 'Camiseta',
				name: 'Camiseta - M',
				sku: 'CAM-M',
				quantity: 2,
				price: '24.90',
				tax_lines: [{ title: 'IVA', rate: 0.21, price: '8.64' }],
			},
		],
	};
}

export interface ShopifyWorkflowOptions {
	id: string;
	/** Replaces the example's Next in Series by a number given per order (the harness's own check). */
	numberFromOrder?: string;
	/** Extra Create parameters (e.g. Order Reference). */
	createParameters?: Record<string, unknown>;
}

/**
 * The Shopify example up to the webhook answer: Webhook → Create (Next in Series) → Respond.
 * The PDF and email nodes are left out: they run after the answer and do not issue anything.
 */
export function shopifyWorkflow(options: ShopifyWorkflowOptions): WorkflowInput {
	const workflow = loadExample('shopify-order-to-invoice-email.json', {
		id: options.id,
		credentials: { facturasAppApi: FA_CRED, smtp: { id: 'unused1', name: 'unused' } },
	});
	const keep = new Set(['Pedido de Shopify', CREATE_NODE, RESPOND_NODE]);
	workflow.nodes = workflow.nodes.filter((n) => keep.has(n.name));
	const connections = workflow.connections as Record<string, unknown>;
	for (const from of Object.keys(connections))
		if (from === RESPOND_NODE || !keep.has(from)) delete connections[from];
	const create = workflow.nodes.find((n) => n.name === CREATE_NODE) as WorkflowNodeInput & {
		parameters: Record<string, unknown>;
	};
	if (options.numberFromOrder) {
		create.parameters.numbering = 'manual';
		create.parameters.invoiceNumber = options.numberFromOrder;
		delete create.parameters.seriesPrefix;
		// Orders fired at once arrive in any order: their numbers are not a correlative series.
		create.parameters.options = {
			...(create.parameters.options as Record<string, unknown>),
			checkNumberIsNext: false,
		};
	}
	Object.assign(create.parameters, options.createParameters ?? {});
	const webhook = workflow.nodes.find((n) => n.name === 'Pedido de Shopify')!;
	// Each test workflow its own webhook id (n8n keys production webhooks by path and method).
	webhook.webhookId = `${options.id}-webhook`;
	(webhook.parameters as Record<string, unknown>).path = `${WEBHOOK_PATH}-${options.id}`;
	return workflow;
}

export const webhookPathOf = (workflowId: string) => `${WEBHOOK_PATH}-${workflowId}`;
