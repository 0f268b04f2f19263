// The FacturasApp Trigger in a real n8n 2.41: two published workflows in `n8n start`, each
// against its own emulator (so each emulator's GetConsecutives count is exactly its trigger's
// number of polls). The activation poll runs at start-up; n8n then polls once a minute (at a
// second fixed per workflow), so the test waits for two more polls (1-2 minutes), bounded.
//   - Invoice Issued: an invoice issued before activation is not emitted (no flood); two
//     issued between polls, with a number skipped, arrive as one execution: issued, gap, issued.
//   - examples/aeat-rejections-to-email.json (Invoice State Changed, Only Rejections): three
//     invoices issued while the AEAT has not decided, then decided (accepted, accepted with
//     errors, rejected): one execution, one email to the gestoría with the AEAT code and text.
import type { Emulator } from '../emulator/index';
import { DEMO_USER, startEmulator } from '../emulator/index';
import { call, login, paths } from '../emulator/helpers';
import { sampleInvoiceBody } from '../fixtures/emulator/invoiceBody';
import { loadExample } from '../../scripts/demo/examples';
import type { N8n, N8nServer, WorkflowResult } from './harness';
import {
	CREDENTIAL_TYPE,
	PACKAGE_NAME,
	createN8n,
	ensureRuntime,
	emulatorCredentialData,
} from './harness';
import type { ReceivedMail, SmtpServer } from './lib/smtp';
import { startSmtpServer } from './lib/smtp';

const TRIGGER_TYPE = `${PACKAGE_NAME}.facturasAppTrigger`;
const PENDING_FOR_A_WHILE = 60 * 60_000;
// Two poll intervals of one minute, plus start-up and slack on a busy machine.
const POLL_WAIT_MS = 150_000;

let issuedEmu: Emulator;
let stateEmu: Emulator;
let smtp: SmtpServer;
let n8n: N8n;
let server: N8nServer;
let issuedRuns: WorkflowResult[] = [];
let rejectionRuns: WorkflowResult[] = [];
let mail: ReceivedMail | undefined;
const seen = {
	issuedPollsAtStart: 0,
	statePollsAtStart: 0,
	stateReadsAtStart: 0,
	issuedStateReadsAtStart: 0,
};

async function issue(emu: Emulator, number: string, identification = 'B12345674'): Promise<void> {
	const key = await login(emu);
	const res = await call(emu, 'POST', paths.add, {
		key,
		body: sampleInvoiceBody(number, { identification }),
	});
	const answer = res.json as { isError?: boolean; messages?: string };
	if (res.status !== 200 || answer.isError)
		throw new Error(`could not issue ${number}: ${res.status} ${res.text}`);
}

async function until<T>(
	what: string,
	check: () => T | undefined | false,
	timeoutMs = POLL_WAIT_MS,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`gave up waiting for ${what}\n--- n8n logs ---\n${n8n.logs(30)}`);
		await new Promise((r) => setTimeout(r, 250));
	}
}

const runsOf = (workflowId: string) =>
	server.executions().filter((e) => e.workflowId === workflowId);

beforeAll(async () => {
	await ensureRuntime();
	// Invoices stay "Pendiente" until the test lets the AEAT decide.
	issuedEmu = await startEmulator({ stateDelayMs: PENDING_FOR_A_WHILE });
	stateEmu = await startEmulator({ stateDelayMs: PENDING_FOR_A_WHILE });
	smtp = await startSmtpServer();
	n8n = await createN8n();
	const data = (emu: Emulator) => emulatorCredentialData(emu.url);
	await n8n.importCredentials([
		{
			id: 'trgIssuedCred1',
			name: 'FacturasApp (emisión)',
			type: CREDENTIAL_TYPE,
			data: data(issuedEmu),
		},
		{
			id: 'trgStateCred1',
			name: 'FacturasApp (AEAT)',
			type: CREDENTIAL_TYPE,
			data: data(stateEmu),
		},
		{
			id: 'trgSmtp1',
			name: 'SMTP (local)',
			type: 'smtp',
			data: {
				user: 'avisos',
				password: 'smtp-password',
				host: smtp.host,
				port: smtp.port,
				secure: false,
				disableStartTls: true,
			},
		},
	]);
	await n8n.importWorkflows([
		{
			id: 'trgIssued1',
			name: 'Facturas emitidas',
			nodes: [
				{
					name: 'Factura emitida',
					type: TRIGGER_TYPE,
					typeVersion: 1,
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'invoiceIssued',
						series: [],
						options: {},
					},
					credentials: { facturasAppApi: { id: 'trgIssuedCred1', name: 'FacturasApp (emisión)' } },
				},
			],
			connections: {},
		},
		loadExample('aeat-rejections-to-email.json', {
			id: 'trgReject1',
			credentials: {
				facturasAppApi: { id: 'trgStateCred1', name: 'FacturasApp (AEAT)' },
				smtp: { id: 'trgSmtp1', name: 'SMTP (local)' },
			},
		}),
	]);
	// Issued before activation: neither trigger may report these.
	await issue(issuedEmu, 'FA2026-0001');
	await issue(stateEmu, 'FA2026-0001', 'B12345678');

	server = await n8n.startServer({ publish: ['trgIssued1', 'trgReject1'] });
	seen.issuedPollsAtStart = issuedEmu.counters.calls.consecutives;
	seen.statePollsAtStart = stateEmu.counters.calls.consecutives;
	seen.stateReadsAtStart = stateEmu.counters.calls.state;
	seen.issuedStateReadsAtStart = issuedEmu.counters.calls.state;

	// Between the activation poll and the next one.
	await issue(issuedEmu, 'FA2026-0002');
	await issue(issuedEmu, 'FA2026-0004'); // FA2026-0003 never exists: a gap
	await issue(stateEmu, 'FA2026-0002');
	await issue(stateEmu, 'FA2026-0003', '99999999R');
	await issue(stateEmu, 'FA2026-0004', 'B12345678');

	// The State Changed trigger's next poll reads the three, still pending; then the AEAT decides.
	await until(
		'the State Changed trigger to read the new invoices',
		() => stateEmu.counters.calls.state >= 3,
	);
	stateEmu.setConfig({ stateDelayMs: 0 });

	issuedRuns = await until(
		'the Invoice Issued execution',
		() => runsOf('trgIssued1').length > 0 && runsOf('trgIssued1'),
	);
	const issuedPolls = issuedEmu.counters.calls.consecutives;
	rejectionRuns = await until(
		'the rejection execution',
		() => runsOf('trgReject1').length > 0 && runsOf('trgReject1'),
	);
	mail = (await smtp.waitForMessages(1))[0];
	// The Invoice Issued trigger polled again after its execution (usually long done by now):
	// nothing may be emitted twice.
	await until(
		'one more poll of Invoice Issued',
		() => issuedEmu.counters.calls.consecutives > issuedPolls,
	);
	issuedRuns = runsOf('trgIssued1');
	rejectionRuns = runsOf('trgReject1');
}, 15 * 60_000);

afterAll(async () => {
	await server?.stop();
	await n8n?.dispose();
	await smtp?.close();
	await issuedEmu?.close();
	await stateEmu?.close();
});

it('activation polled once each and read no old invoice (no flood)', () => {
	// The scheduled poll may already have followed the activation one: at least one poll.
	expect(seen.issuedPollsAtStart).toBeGreaterThanOrEqual(1);
	expect(seen.statePollsAtStart).toBeGreaterThanOrEqual(1);
	expect(seen.issuedStateReadsAtStart).toBe(0);
	expect(seen.stateReadsAtStart).toBe(0);
});

it('Invoice Issued: the invoices issued between two polls arrive as one execution, the gap reported in its place, once', () => {
	expect(issuedRuns).toHaveLength(1);
	const [run] = issuedRuns;
	expect(run.success).toBe(true);
	const items = run.output['Factura emitida'].map((i) => i.json);
	expect(items.map((j) => [j.event, j.invoiceNumber])).toEqual([
		['invoiceIssued', 'FA2026-0002'],
		['numberingGap', 'FA2026-0003'],
		['invoiceIssued', 'FA2026-0004'],
	]);
	expect(items[0]).toMatchObject({
		series: 'FA2026-',
		number: 2,
		summary: { status: 'Pendiente', outcome: 'pending', final: false },
	});
	expect(items[0].state).toMatchObject({ invoiceNumber: 'FA2026-0002', state: 'Pendiente' });
});

it('the rejection example: one execution for the one rejected invoice, and an email with the AEAT code and description', () => {
	expect(rejectionRuns).toHaveLength(1);
	const [run] = rejectionRuns;
	expect(run.error).toBeUndefined();
	const items = run.output['Factura rechazada por la AEAT'].map((i) => i.json);
	expect(items).toEqual([
		expect.objectContaining({
			event: 'invoiceStateChanged',
			invoiceNumber: 'FA2026-0004',
			previousStatus: 'Pendiente',
			summary: expect.objectContaining({ outcome: 'rejected', final: true, aeatCode: '4107' }),
		}),
	]);
	expect(mail).toBeDefined();
	expect(mail!.to).toEqual(['gestoria@example.es']);
	expect(mail!.subject).toBe('La AEAT ha rechazado la factura FA2026-0004');
	expect(mail!.text).toContain('Código AEAT: 4107');
	expect(mail!.text).toContain('Descripción: El NIF del destinatario B12345678 no es válido');
	expect(smtp.messages).toHaveLength(1);
});

it("no secret reached n8n's logs", () => {
	const logs = n8n.logs(100000);
	for (const key of [...issuedEmu.issuedKeys(), ...stateEmu.issuedKeys()])
		expect(logs).not.toContain(key);
	expect(logs).not.toContain(DEMO_USER.password);
});
