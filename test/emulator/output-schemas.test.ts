// The output schemas n8n shows as "Usually outputs" before the first run
// (nodes/FacturasApp/__schema__/v1.0.0/<resource>/<operation>.json) against real outputs of
// every operation: each output field is declared with its type, so a schema cannot drift
// away from what the node really emits.
import * as fs from 'fs';
import * as path from 'path';

import Ajv from 'ajv';
import type { INodeProperties } from 'n8n-workflow';

import { FacturasApp } from '../../nodes/FacturasApp/FacturasApp.node';
import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

// With the issuer in the credential, Create and Get State also carry aeatQrUrl.
const ISSUER = { issuerNif: 'B12345674' };
const SCHEMA_DIR = path.resolve(__dirname, '../../nodes/FacturasApp/__schema__/v1.0.0');
const schemaFile = (resource: string, operation: string) =>
	path.join(SCHEMA_DIR, resource, `${operation}.json`);

// Every operation value of every resource, read from the node's own description.
function operations(): Array<[string, string]> {
	const props = new FacturasApp().description.properties as INodeProperties[];
	const found: Array<[string, string]> = [];
	for (const p of props.filter((q) => q.name === 'operation')) {
		for (const resource of (p.displayOptions?.show?.resource as string[]) ?? []) {
			for (const option of (p.options as Array<{ value: string }>) ?? [])
				found.push([resource, option.value]);
		}
	}
	return found;
}

// Top level closed: a field the node outputs but the schema does not declare fails.
function strictValidator(resource: string, operation: string) {
	const schema = JSON.parse(fs.readFileSync(schemaFile(resource, operation), 'utf8')) as Record<
		string,
		unknown
	>;
	return new Ajv({ allErrors: true, strict: false }).compile({
		...schema,
		additionalProperties: false,
	});
}

function expectValid(resource: string, operation: string, items: Array<{ json: unknown }>) {
	const validate = strictValidator(resource, operation);
	expect(items.length).toBeGreaterThan(0);
	for (const item of items) {
		const ok = validate(item.json);
		expect({ resource, operation, errors: ok ? null : validate.errors }).toEqual({
			resource,
			operation,
			errors: null,
		});
	}
}

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

describe('output schemas', () => {
	it('exist for every operation, as JSON Schema objects', () => {
		const ops = operations();
		expect(ops).toEqual(
			expect.arrayContaining([
				['invoice', 'create'],
				['invoice', 'getState'],
				['invoice', 'getPdf'],
				['series', 'getAll'],
			]),
		);
		for (const [resource, operation] of ops) {
			const schema = JSON.parse(fs.readFileSync(schemaFile(resource, operation), 'utf8')) as {
				type?: string;
				properties?: object;
			};
			expect({
				resource,
				operation,
				type: schema.type,
				hasProperties: typeof schema.properties === 'object',
			}).toEqual({
				resource,
				operation,
				type: 'object',
				hasProperties: true,
			});
		}
	});

	it('declare every field of real outputs (create, get state, get PDF, series)', async () => {
		const created = await runAgainst(
			emulator,
			{
				resource: 'invoice',
				operation: 'create',
				inputMode: 'json',
				invoiceJson: JSON.stringify(sampleBody('FA2026-0001')),
				options: { timeout: 5, downloadPdf: true, waitForFinalState: true, pollInterval: 0 },
			},
			1,
			{ credentials: ISSUER },
		);
		expect(created.error).toBeUndefined();
		expect(created.output![0].json.aeatQrUrl).toEqual(expect.any(String));
		expectValid('invoice', 'create', created.output!);

		const read = (operation: string) =>
			runAgainst(
				emulator,
				{
					resource: 'invoice',
					operation,
					invoiceNumber: 'FA2026-0001',
					binaryPropertyName: 'data',
					options: { timeout: 5 },
				},
				1,
				{ credentials: ISSUER },
			);
		const state = await read('getState');
		expect(state.error).toBeUndefined();
		expect(state.output![0].json.aeatQrUrl).toEqual(expect.any(String));
		expectValid('invoice', 'getState', state.output!);
		const pdf = await read('getPdf');
		expect(pdf.error).toBeUndefined();
		expectValid('invoice', 'getPdf', pdf.output!);

		const series = await runAgainst(emulator, {
			resource: 'series',
			operation: 'getAll',
			options: { timeout: 5 },
		});
		expect(series.error).toBeUndefined();
		expectValid('series', 'getAll', series.output!);
	});

	it('a field the schema does not declare is caught', () => {
		const validate = strictValidator('invoice', 'getPdf');
		expect(
			validate({ invoiceNumber: 'FA2026-0001', fileName: 'FA2026-0001.pdf', fileSize: 10 }),
		).toBe(true);
		expect(validate({ invoiceNumber: 'FA2026-0001', surprise: 1 })).toBe(false);
		expect(validate({ invoiceNumber: 7 })).toBe(false);
	});
});
