// The built package inside a real n8n 2.41 (Node 24), against the local FacturasApp emulator:
// create → state → PDF, a wrong password, a key expiring mid-run, business errors with
// Continue On Fail on and off. All scenarios run in one n8n start (execute-batch).
import * as fs from 'fs';
import * as path from 'path';

import { sampleBody } from '../unit/helpers/runNode';
import type { Emulator } from '../emulator/index';
import { DEMO_USER, startEmulator } from '../emulator/index';
import type { N8n, WorkflowInput, WorkflowResult } from './harness';
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	createN8n,
	ensureRuntime,
	emulatorCredentialData,
} from './harness';

const manualTrigger = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 };
const chain = (...names: string[]) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
const cred = (id: string) => ({ facturasAppApi: { id, name: id } });
/** A Code node emitting one item per invoice body (bodies built and checked by the builder). */
const orders = (numbers: string[]) => ({
	name: 'Orders',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: {
		jsCode: `return ${JSON.stringify(numbers.map((n) => ({ json: { invoice: sampleBody(n) } })))};`,
	},
});
const facturas = (
	name: string,
	credential: string,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) => ({
	name,
	type: NODE_TYPE,
	typeVersion: 1,
	credentials: cred(credential),
	parameters: { resource: 'invoice', ...parameters },
	...extra,
});
const create = (
	name: string,
	credential: string,
	extra: Record<string, unknown> = {},
	options: Record<string, unknown> = {},
) =>
	facturas(
		name,
		credential,
		{ operation: 'create', inputMode: 'json', invoiceJson: '={{ $json.invoice }}', options },
		extra,
	);
const UNCHECKED = { checkNumberIsNext: false };

let emulator: Emulator;
/** Its own emulator, so its log-ins can be counted exactly. */
let expiryEmulator: Emulator;
/** GetConsecutives answered exactly as in the contract (§12): FACT / 5 default, REC / 12. */
let seriesEmulator: Emulator;
/** Issue 12: one answers the first AddInvoice with its headers and then drops the connection; one never has the PDF ready. */
let cutEmulator: Emulator;
/** Series FA2026- at 4: the Enter It numbering check. */
let numbersEmulator: Emulator;
let pdfEmulator: Emulator;
let n8n: N8n;
let results: Record<string, WorkflowResult>;

beforeAll(async () => {
	await ensureRuntime();
	emulator = await startEmulator();
	expiryEmulator = await startEmulator();
	seriesEmulator = await startEmulator({
		series: [
			{ prefix: 'FACT', lastNumber: 5, isDefault: true },
			{ prefix: 'REC', lastNumber: 12 },
		],
	});
	cutEmulator = await startEmulator({
		faults: { rules: [{ endpoint: 'addInvoice', script: ['commitThenCutHeaders'] }] },
	});
	pdfEmulator = await startEmulator({ pdfReadyDelayMs: 3_600_000 });
	numbersEmulator = await startEmulator({
		series: [{ prefix: 'FA2026-', lastNumber: 4, isDefault: true }],
	});
	n8n = await createN8n();
	const data = emulatorCredentialData(emulator.url);
	const flow: WorkflowInput = {
		id: 'e2eFlow1',
		nodes: [
			manualTrigger,
			orders(['FA2026-0001', 'FA2026-0002']),
			create('Create', 'credMain1'),
			facturas('State', 'credMain1', {
				operation: 'getState',
				invoiceNumber: '={{ $json.invoiceNumber }}',
				options: {},
			}),
			facturas('PDF', 'credMain1', {
				operation: 'getPdf',
				invoiceNumber: '={{ $json.invoiceNumber }}',
				binaryPropertyName: 'data',
				options: {},
			}),
		],
		connections: chain('Start', 'Orders', 'Create', 'State', 'PDF'),
	};
	const wrongPassword: WorkflowInput = {
		id: 'e2eWrongPw1',
		nodes: [manualTrigger, orders(['FA2026-0101']), create('Create', 'credWrong1')],
		connections: chain('Start', 'Orders', 'Create'),
	};
	// An HTTP Request node expires every key between two FacturasApp calls.
	const expiry: WorkflowInput = {
		id: 'e2eExpiry1',
		nodes: [
			manualTrigger,
			orders(['FA2026-0001']),
			create('Create', 'credExpiry1'),
			{
				name: 'Expire Keys',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				parameters: {
					method: 'POST',
					url: `${expiryEmulator.url}/__emulator/expire-keys`,
					options: {},
				},
			},
			facturas('State', 'credExpiry1', {
				operation: 'getState',
				invoiceNumber: 'FA2026-0001',
				options: {},
			}),
		],
		connections: chain('Start', 'Orders', 'Create', 'Expire Keys', 'State'),
	};
	// The same number twice: FacturasApp refuses the second with HTTP 200 + isError. A series of
	// their own (DUP-), so that e2eFlow1's FA2026- is theirs alone whatever order the batch runs
	// in, and the numbering check off (FacturasApp's own refusal is under test; see e2eNumberCheck1).
	const duplicateOn: WorkflowInput = {
		id: 'e2eDupOn1',
		nodes: [
			manualTrigger,
			orders(['DUP-0301', 'DUP-0301', 'DUP-0302']),
			create('Create', 'credMain1', { onError: 'continueRegularOutput' }, UNCHECKED),
		],
		connections: chain('Start', 'Orders', 'Create'),
	};
	const duplicateOff: WorkflowInput = {
		id: 'e2eDupOff1',
		nodes: [
			manualTrigger,
			orders(['DUP-0401', 'DUP-0401', 'DUP-0402']),
			create('Create', 'credMain1', {}, UNCHECKED),
		],
		connections: chain('Start', 'Orders', 'Create'),
	};
	// Series → Get Many, then Create with Next in Series: Series empty (the default) and "REC".
	const series: WorkflowInput = {
		id: 'e2eSeries1',
		nodes: [
			manualTrigger,
			facturas('Series', 'credSeries1', { resource: 'series', operation: 'getAll', options: {} }),
			orders(['placeholder-1', 'placeholder-2']),
			facturas('Next Default', 'credSeries1', {
				operation: 'create',
				numbering: 'next',
				seriesPrefix: '',
				inputMode: 'json',
				invoiceJson: '={{ $json.invoice }}',
				options: {},
			}),
		],
		connections: chain('Start', 'Series', 'Orders', 'Next Default'),
	};
	const seriesRec: WorkflowInput = {
		id: 'e2eSeriesRec1',
		nodes: [
			manualTrigger,
			orders(['placeholder-1']),
			facturas('Next REC', 'credSeries1', {
				operation: 'create',
				numbering: 'next',
				seriesPrefix: 'REC',
				inputMode: 'json',
				invoiceJson: '={{ $json.invoice }}',
				options: {},
			}),
		],
		connections: chain('Start', 'Orders', 'Next REC'),
	};
	// Enter It after FA2026- / 4: 0005 is next, 0010 a gap (refused, nothing sent), then 0006.
	const numberCheck: WorkflowInput = {
		id: 'e2eNumberCheck1',
		nodes: [
			manualTrigger,
			orders(['FA2026-0005', 'FA2026-0010', 'FA2026-0006']),
			create('Create', 'credNumbers1', { onError: 'continueRegularOutput' }),
		],
		connections: chain('Start', 'Orders', 'Create'),
	};
	const cut: WorkflowInput = {
		id: 'e2eCut1',
		nodes: [manualTrigger, orders(['FA2026-0001']), create('Create', 'credCut1')],
		connections: chain('Start', 'Orders', 'Create'),
	};
	const pdfNotReady: WorkflowInput = {
		id: 'e2ePdfLate1',
		nodes: [
			manualTrigger,
			orders(['FA2026-0001']),
			facturas('Create', 'credPdf1', {
				operation: 'create',
				inputMode: 'json',
				invoiceJson: '={{ $json.invoice }}',
				options: { downloadPdf: true, pdfWait: 1 },
			}),
		],
		connections: chain('Start', 'Orders', 'Create'),
	};
	results = await n8n.runWorkflows(
		[
			flow,
			wrongPassword,
			expiry,
			duplicateOn,
			duplicateOff,
			series,
			seriesRec,
			numberCheck,
			cut,
			pdfNotReady,
		],
		{
			credentials: [
				{ id: 'credMain1', name: 'credMain1', type: CREDENTIAL_TYPE, data },
				{
					id: 'credWrong1',
					name: 'credWrong1',
					type: CREDENTIAL_TYPE,
					data: { ...data, password: 'not-the-password' },
				},
				{
					id: 'credExpiry1',
					name: 'credExpiry1',
					type: CREDENTIAL_TYPE,
					data: { ...data, baseUrl: expiryEmulator.url },
				},
				{
					id: 'credSeries1',
					name: 'credSeries1',
					type: CREDENTIAL_TYPE,
					data: { ...data, baseUrl: seriesEmulator.url },
				},
				{
					id: 'credNumbers1',
					name: 'credNumbers1',
					type: CREDENTIAL_TYPE,
					data: { ...data, baseUrl: numbersEmulator.url },
				},
				{
					id: 'credCut1',
					name: 'credCut1',
					type: CREDENTIAL_TYPE,
					data: { ...data, baseUrl: cutEmulator.url },
				},
				{
					id: 'credPdf1',
					name: 'credPdf1',
					type: CREDENTIAL_TYPE,
					data: { ...data, baseUrl: pdfEmulator.url },
				},
			],
		},
	);
}, 15 * 60_000);

afterAll(async () => {
	await n8n?.dispose();
	await emulator?.close();
	await expiryEmulator?.close();
	await seriesEmulator?.close();
	await cutEmulator?.close();
	await pdfEmulator?.close();
	await numbersEmulator?.close();
});

it('create → state → PDF: the PDF arrives as binary with its name and type, and it is a PDF', () => {
	const r = results.e2eFlow1;
	expect(r.success).toBe(true);
	expect(r.output.Create.map((i) => [i.json.invoiceNumber, i.json.recovered])).toEqual([
		['FA2026-0001', false],
		['FA2026-0002', false],
	]);
	expect(r.output.State.map((i) => i.json.summary)).toEqual([
		expect.objectContaining({ status: 'Correcto', final: true }),
		expect.objectContaining({ status: 'Correcto', final: true }),
	]);
	const pdfs = r.output.PDF;
	expect(pdfs).toHaveLength(2);
	pdfs.forEach((item, i) => {
		const number = `FA2026-000${i + 1}`;
		expect(item.json).toMatchObject({ invoiceNumber: number, fileName: `${number}.pdf` });
		expect(item.binary!.data).toMatchObject({
			fileName: `${number}.pdf`,
			mimeType: 'application/pdf',
		});
		expect(item.binary!.data.bytes.subarray(0, 5).toString()).toBe('%PDF-');
		expect(item.pairedItem).toEqual({ item: i });
	});
	expect([...emulator.invoices.keys()]).toEqual(
		expect.arrayContaining(['FA2026-0001', 'FA2026-0002']),
	);
});

it('a wrong password fails with a clear message and no secret', () => {
	const r = results.e2eWrongPw1;
	expect(r.success).toBe(false);
	expect(r.errorInfo?.message ?? '').toContain('FacturasApp rejected the user or password');
	expect(JSON.stringify(r)).not.toContain('not-the-password');
	expect(emulator.invoices.has('FA2026-0101')).toBe(false);
});

it('a key that expires mid-run: n8n logs in again once and the run succeeds', () => {
	const r = results.e2eExpiry1;
	expect(r.success).toBe(true);
	expect(r.output.State[0].json.summary).toMatchObject({ status: 'Correcto' });
	expect(r.output.Create[0].json.invoiceNumber).toBe('FA2026-0001');
	// One log-in to start, exactly one more after the expiry (answered by one 401).
	expect(expiryEmulator.counters.loginsOk).toBe(2);
	expect(expiryEmulator.counters.unauthorized).toBe(1);
	expect(expiryEmulator.counters.calls.state).toBe(2);
});

it('a business error with Continue On Fail: an error item carrying the number, the others issued', () => {
	const r = results.e2eDupOn1;
	expect(r.success).toBe(true);
	expect(
		r.output.Create.map((i) => [
			i.json.invoiceNumber,
			i.json.id !== undefined,
			i.json.error ?? null,
		]),
	).toEqual([
		['DUP-0301', true, null],
		['DUP-0301', false, expect.stringContaining('Ya existe una factura con el número DUP-0301')],
		['DUP-0302', true, null],
	]);
	expect(emulator.counters.commits['DUP-0301']).toBe(1);
});

it('no password or API key in any output, error or n8n log line', () => {
	const { logDir } = n8n;
	const logs = fs
		.readdirSync(logDir)
		.map((f) => fs.readFileSync(path.join(logDir, f), 'utf8'))
		.join('\n');
	const everything = JSON.stringify(results) + logs;
	expect(logs.length).toBeGreaterThan(1000); // the logs were really read
	const keys = [...emulator.issuedKeys(), ...expiryEmulator.issuedKeys()];
	expect(keys.length).toBeGreaterThan(2);
	for (const secret of [DEMO_USER.password, 'not-the-password', ...keys])
		expect(everything).not.toContain(secret);
});

it('a business error without Continue On Fail stops the run and says what was issued before', () => {
	const r = results.e2eDupOff1;
	expect(r.success).toBe(false);
	expect(r.errorInfo?.message).toContain(
		'FacturasApp refused to issue invoice DUP-0401: Ya existe',
	);
	expect(r.errorInfo?.description).toContain('item 1 issued as DUP-0401');
	expect(emulator.invoices.has('DUP-0402')).toBe(false);
});

it('Series → Get Many lists prefix, last number and the default series; Next in Series issues FACT0006 after FACT / 5', () => {
	const r = results.e2eSeries1;
	expect(r.error).toBeUndefined();
	expect(r.success).toBe(true);
	expect(
		r.output.Series.map((i) => [
			i.json.prefix,
			i.json.lastNumber,
			i.json.nextInvoiceNumber,
			i.json.isDefault,
		]),
	).toEqual([
		['FACT', 5, 'FACT0006', true],
		['REC', 12, 'REC0013', false],
	]);
	expect(r.output['Next Default'].map((i) => i.json.invoiceNumber)).toEqual([
		'FACT0006',
		'FACT0007',
	]);
	expect(results.e2eSeriesRec1.output['Next REC'].map((i) => i.json.invoiceNumber)).toEqual([
		'REC0013',
	]);
	expect([...seriesEmulator.invoices.keys()].sort()).toEqual(['FACT0006', 'FACT0007', 'REC0013']);
	expect(seriesEmulator.invoices.get('FACT0006')!.body.currentNumber).toBe(6);
});

it('Enter It: the next number is issued, a gap is refused naming the next number before anything is sent, the series read once', () => {
	const r = results.e2eNumberCheck1;
	expect(r.success).toBe(true);
	expect(r.output.Create.map((i) => [i.json.invoiceNumber, i.json.error ?? null])).toEqual([
		['FA2026-0005', null],
		[
			'FA2026-0010',
			'Invoice number FA2026-0010 would leave a gap in series FA2026-: the next number is FA2026-0006',
		],
		['FA2026-0006', null],
	]);
	expect([...numbersEmulator.invoices.keys()].sort()).toEqual(['FA2026-0005', 'FA2026-0006']);
	expect(numbersEmulator.counters.calls.addInvoice).toBe(2);
	expect(numbersEmulator.counters.calls.consecutives).toBe(1);
});

it('an answer cut after its 200 headers: looked up, found, issued once and recovered (never "HTTP 200 … try again")', () => {
	const r = results.e2eCut1;
	expect(r.success).toBe(true);
	expect(r.output.Create).toHaveLength(1);
	expect(r.output.Create[0].json).toMatchObject({ invoiceNumber: 'FA2026-0001', recovered: true });
	expect(cutEmulator.counters.faults.addInvoice.commitThenCutHeaders).toBe(1);
	expect(cutEmulator.counters.calls.addInvoice).toBe(1);
	expect(cutEmulator.counters.commits['FA2026-0001']).toBe(1);
	expect(cutEmulator.counters.calls.state).toBeGreaterThanOrEqual(1);
});

it('a PDF not ready within PDF Wait: the item is issued with its number and the problem as pdfError', () => {
	const r = results.e2ePdfLate1;
	expect(r.success).toBe(true);
	const [item] = r.output.Create;
	expect(item.json).toMatchObject({
		invoiceNumber: 'FA2026-0001',
		recovered: false,
		pdfError: expect.stringContaining('no está disponible'),
	});
	expect(item.json.error).toBeUndefined();
	expect(item.binary).toBeUndefined();
	expect(pdfEmulator.counters.commits['FA2026-0001']).toBe(1);
	expect(pdfEmulator.counters.calls.pdf).toBeGreaterThan(1);
});
