// Issue 13 §9–13: every odd answer gets the right error. A scripted server answers each case
// with HTTP 200 (the status a careless client trusts); the node must never output a success
// for it, and must say what came back in words that fit.
import type { ServerResponse } from 'node:http';

import type { HostileServer, Seen } from './server';
import {
	answerLogin,
	createParams,
	json,
	LOGIN_PATH,
	readParams,
	run,
	seriesParams,
	startServer,
	tinyPdf,
} from './server';

jest.setTimeout(30_000);

type Answer = (res: ServerResponse, seen: Seen) => void;
let answer: Answer = (res) => json(res, 200, {});
let login: Answer | undefined;
let server: HostileServer;
beforeAll(async () => {
	server = await startServer((req, res, seen, self) => {
		if (seen.path === LOGIN_PATH) return login ? login(res, seen) : answerLogin(res, seen, self);
		answer(res, seen);
	});
});
afterAll(async () => await server.close());
beforeEach(() => {
	server.seen.splice(0);
	login = undefined;
});

const text =
	(body: string, type = 'text/plain') =>
	(res: ServerResponse) => {
		res.writeHead(200, { 'Content-Type': type });
		res.end(body);
	};

describe('§9 a 200 that is not JSON data is an error for Get State and Get Many', () => {
	const bodies: Array<[string, Answer, RegExp]> = [
		[
			'an HTML page',
			text('<html><body><h1>Mantenimiento</h1></body></html>', 'text/html'),
			/HTML or XML page/,
		],
		['truncated JSON', text('{"estado":"Corre', 'application/json'), /cut off or broken/],
		['a bare ok', text('ok'), /with text instead of JSON data/],
		['a bare "ok" JSON string', text('"ok"', 'application/json'), /bare text "ok"/],
		['a bare number', text('1', 'application/json'), /bare number/],
		['an empty body', text(''), /empty answer/],
	];
	it.each(bodies)('Get State: %s', async (_name, body, expected) => {
		answer = body;
		const result = await run(server, readParams('getState', ['FA2026-0001']));
		expect(result.output).toBeUndefined();
		expect(result.error!.message).toMatch(expected);
		expect(result.error!.message).not.toMatch(/accepted/i);
	});
	it.each(bodies)('Series Get Many: %s', async (_name, body, expected) => {
		answer = body;
		const result = await run(server, seriesParams());
		expect(result.output).toBeUndefined();
		expect(result.error!.message).toMatch(expected);
	});
	it('the same answers with Continue On Fail become error items, never a state', async () => {
		answer = text('ok');
		const result = await run(server, readParams('getState', ['FA2026-0001', 'FA2026-0002']), 2, {
			continueOnFail: true,
		});
		expect(result.output!.map((o) => Object.keys(o.json).sort())).toEqual([
			['error', 'errorDescription', 'invoiceNumber'],
			['error', 'errorDescription', 'invoiceNumber'],
		]);
	});
});

describe('§10 only a recognised AEAT rejection says the tax authority rejected it', () => {
	it.each([
		[
			'{"status":"error","message":"Internal error"}',
			{ status: 'error', message: 'Internal error' },
			'Internal error',
		],
		[
			'{"success":false,"exception":"NullReference"}',
			{ success: false, exception: 'NullReference' },
			'NullReference',
		],
		[
			'{"estado":"error","detalle":"x"} (a word that is not an AEAT state)',
			{ estado: 'error' },
			undefined,
		],
	])('%s', async (_name, body, message) => {
		answer = (res) => json(res, 200, body);
		for (const waitForFinalState of [false, true]) {
			const result = await run(
				server,
				readParams('getState', ['FA2026-0001'], {
					waitForFinalState,
					pollInterval: 0.2,
					waitTimeout: 1,
				}),
			);
			const shown = JSON.stringify({
				m: result.error?.message,
				d: result.error?.description,
				o: result.output?.[0]?.json,
			});
			expect(shown).not.toMatch(/tax authority rejected|rectifying invoice/i);
			if (message) expect(result.error!.message).toContain(message);
			else expect(result.output![0].json.summary).not.toHaveProperty('outcome');
		}
	});
	it('a real AEAT rejection still says so (control)', async () => {
		answer = (res) =>
			json(res, 200, {
				estado: 'Incorrecto',
				codigoErrorRegistro: 4107,
				descripcionErrorRegistro: 'NIF no identificado',
			});
		// Get State outputs a clear rejection as data by default (issue 19); asked to fail, it says who rejected it.
		const asData = await run(
			server,
			readParams('getState', ['FA2026-0001'], { waitForFinalState: true }),
		);
		expect(asData.output![0].json.rejected).toBe(true);
		const result = await run(
			server,
			readParams('getState', ['FA2026-0001'], { waitForFinalState: true, onRejected: 'error' }),
		);
		expect(result.error!.message).toContain(
			'The tax authority rejected invoice FA2026-0001: 4107 NIF no identificado',
		);
	});
});

describe('§11 isError messages in any shape are shown', () => {
	const shapes: Array<[string, Record<string, unknown>, string]> = [
		[
			'an array',
			{ messages: ['Suscripción inactiva', 'Contacte con soporte'] },
			'Suscripción inactiva; Contacte con soporte',
		],
		['an object', { messages: { code: 12, message: 'Serie bloqueada' } }, 'Serie bloqueada'],
		['a number', { messages: 4107 }, '4107'],
		['under message', { message: 'Límite de facturas alcanzado' }, 'Límite de facturas alcanzado'],
		[
			'under exception',
			{ exception: 'System.NullReferenceException' },
			'System.NullReferenceException',
		],
		[
			'as text in toolObject',
			{ messages: null, toolObject: 'Número de factura duplicado' },
			'Número de factura duplicado',
		],
		[
			'an array of objects',
			{ messages: [{ description: 'Fecha inválida' }, { description: 'NIF inválido' }] },
			'Fecha inválida; NIF inválido',
		],
	];
	it.each(shapes)('Create: %s', async (_name, envelope, expected) => {
		answer = (res) => json(res, 200, { id: 0, isError: true, ...envelope });
		const result = await run(server, createParams(['FA2026-0001']));
		expect(result.error!.message).toContain(expected);
		expect(result.error!.message).not.toContain('no message given');
	});
	it.each(shapes)('Get State: %s', async (_name, envelope, expected) => {
		answer = (res) => json(res, 200, { id: 0, isError: true, ...envelope });
		const result = await run(server, readParams('getState', ['FA2026-0001']));
		expect(result.error!.message).toContain(expected);
	});

	const refusals: Array<[string, Answer, string]> = [
		[
			'a 200 isError envelope',
			(res) => json(res, 200, { id: 0, isError: true, messages: 'Usuario bloqueado' }),
			'Usuario bloqueado',
		],
		[
			'a 200 {message}',
			(res) => json(res, 200, { message: 'Credenciales inválidas' }),
			'Credenciales inválidas',
		],
		[
			'a 200 {exception}',
			(res) => json(res, 200, { exception: 'Cuenta suspendida' }),
			'Cuenta suspendida',
		],
		['a plain-text 200 Unauthorized', text('Unauthorized'), '"Unauthorized"'],
		['a plain-text 200 Maintenance', text('Maintenance'), '"Maintenance"'],
		[
			'a plain-text 200 sentence',
			text('Servicio en mantenimiento, vuelva más tarde'),
			'Servicio en mantenimiento',
		],
		['a JSON string "Unauthorized"', text('"Unauthorized"', 'application/json'), '"Unauthorized"'],
		['["Maintenance"]', text('["Maintenance"]', 'application/json'), '"Maintenance"'],
	];
	it.each(refusals)(
		'a log-in refused as %s is an error with its reason, never taken as the key',
		async (_name, refusal, reason) => {
			login = refusal;
			const result = await run(server, readParams('getState', ['FA2026-0001']));
			expect(result.error!.message).toContain(reason);
			expect(server.calls()).toHaveLength(0);
		},
	);
});

describe('§12 a PDF must be whole', () => {
	const pdf = tinyPdf();
	const cases: Array<[string, Answer, RegExp]> = [
		['5 bytes', text('%PDF-', 'application/pdf'), /truncated PDF/],
		[
			'half a PDF',
			(res) => text(pdf.subarray(0, pdf.length / 2).toString('latin1'), 'application/pdf')(res),
			/truncated PDF/,
		],
		[
			'base64 cut after 40 characters',
			(res) =>
				json(res, 200, { id: 1, isError: false, toolObject: pdf.toString('base64').slice(0, 40) }),
			/truncated PDF/,
		],
		[
			'base64 cut mid-quad',
			(res) =>
				json(res, 200, { id: 1, isError: false, toolObject: pdf.toString('base64').slice(0, 41) }),
			/cut off/,
		],
		[
			'base64 of half a PDF',
			(res) =>
				json(res, 200, {
					id: 1,
					isError: false,
					toolObject: pdf.subarray(0, 100).toString('base64'),
				}),
			/truncated PDF/,
		],
		[
			'not base64',
			(res) => json(res, 200, { id: 1, isError: false, toolObject: 'JVBERi0x%%%' }),
			/not base64/,
		],
	];
	it.each(cases)('%s is an error', async (_name, body, expected) => {
		answer = body;
		const result = await run(server, readParams('getPdf', ['FA2026-0001']));
		expect(result.output).toBeUndefined();
		expect(result.error!.message).toMatch(expected);
	});
	it.each([
		['raw bytes', (res: ServerResponse) => text(pdf.toString('latin1'), 'application/pdf')(res)],
		[
			'base64 in the envelope',
			(res: ServerResponse) =>
				json(res, 200, { id: 1, isError: false, toolObject: pdf.toString('base64') }),
		],
	])('a whole PDF as %s is accepted (control)', async (_name, body) => {
		answer = body;
		const result = await run(server, readParams('getPdf', ['FA2026-0001']));
		expect(result.error).toBeUndefined();
		expect(Buffer.from(result.output![0].binary!.data.data, 'base64').equals(pdf)).toBe(true);
	});
});

describe('§13 invoice numbers with hidden characters are refused before any call', () => {
	const numbers: Array<[string, string, RegExp]> = [
		['a lone high surrogate', 'FA2026-\uD83D', /lone UTF-16 surrogate/],
		['a lone low surrogate', 'FA\uDE00-0001', /lone UTF-16 surrogate/],
		['a zero-width space', 'FA2026\u200B-0001', /invisible/],
		['a right-to-left override', 'FA2026-\u202E1000', /text-direction/],
		['a left-to-right mark', '\u200EFA2026-0001', /text-direction/],
		['a soft hyphen', 'FA2026\u00AD0001', /invisible/],
		['a no-break space', 'FA2026\u00A00001', /invisible|unusual space/],
		['a byte-order mark', 'FA\uFEFF2026', /invisible/],
	];
	it.each(numbers)(
		'%s: Get State, Get PDF and Create refuse it with a clear message',
		async (_name, number, expected) => {
			answer = (res) => json(res, 200, { estado: 'Correcto' });
			for (const params of [
				readParams('getState', [number]),
				readParams('getPdf', [number]),
				createParams([number]),
			]) {
				const result = await run(server, params);
				expect(result.error!.message).toMatch(expected);
				expect(result.error!.message).not.toMatch(/URI malformed|connection/);
			}
			expect(server.seen).toHaveLength(0);
		},
	);
	it('a File Name with a text-direction character is refused too', async () => {
		answer = (res) =>
			json(res, 200, { id: 1, isError: false, toolObject: tinyPdf().toString('base64') });
		const result = await run(
			server,
			readParams('getPdf', ['FA2026-0001'], { fileName: 'factura\u202Efdp.exe' }),
		);
		expect(result.error!.message).toMatch(/File Name .*text-direction/);
	});
	it('ordinary numbers with emoji-free accents and spaces inside still work (control)', async () => {
		answer = (res) => json(res, 200, { estado: 'Correcto' });
		const result = await run(server, readParams('getState', ['FAÑ 2026-0001']));
		expect(result.error).toBeUndefined();
		expect(server.calls()[0].path).toContain('FAÑ 2026-0001');
	});
});
