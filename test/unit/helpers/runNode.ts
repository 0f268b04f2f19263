import type { INodeExecutionData } from 'n8n-workflow';

import { FacturasApp } from '../../../nodes/FacturasApp/FacturasApp.node';
import { buildDraft } from '../invoice/helpers';
import type { FakeOptions } from './fakeContext';
import { DEMO_CREDENTIALS, fakeContext } from './fakeContext';

export const BASE = DEMO_CREDENTIALS.baseUrl;
export const LOGIN = '/ApiGateway/AppSecurity/ApiKey';
export const SERVICES = '/ApiGateway/ApiExternal/Invoice/api/InvoiceServices';
export const KEY = 'key-AAAAAAAAAAAAAAAAAAAA';
export const KEY2 = 'key-BBBBBBBBBBBBBBBBBBBB';

/** A valid AddInvoice body made by the builder: 2 × 10.00 at IVA 21 %. */
export function sampleBody(number = 'FA2026-0001') {
	return buildDraft({
		number,
		date: '2026-11-20',
		time: '10:30',
		customer: {
			name: 'Ferretería López SL',
			identificationType: '02',
			identification: 'B12345674',
		},
		lines: [{ description: 'Martillo', quantity: 2, unitPrice: '10.00', taxRate: 21 }],
	});
}

export async function runNode(options: FakeOptions) {
	const fake = fakeContext(options);
	const node = new FacturasApp();
	let output: INodeExecutionData[] | undefined;
	let error: (Error & { description?: string; context?: Record<string, unknown> }) | undefined;
	try {
		[output] = await node.execute.call(fake.ctx);
	} catch (e) {
		error = e as typeof error;
	}
	return { output, error, fake };
}

/** Everything a user could see: output JSON, error message, description and context. */
export function visibleText(result: Awaited<ReturnType<typeof runNode>>): string {
	const { error, output } = result;
	return JSON.stringify({
		output,
		error: error && {
			message: error.message,
			description: error.description,
			context: error.context,
		},
	});
}
