// Issue 12's pure decisions: what a recovery look-up proves, how isError strings and a body
// cut after its headers are read.
import { parseBody } from '../../../nodes/FacturasApp/transport/envelope';
import { failureFromError } from '../../../nodes/FacturasApp/transport/failure';
import { judgeLookUpBody, judgeLookUpFailure } from '../../../nodes/FacturasApp/transport/lookUp';
import { summarizeState } from '../../../nodes/FacturasApp/transport/stateSummary';

const N = 'FA2026-0007';
const env = (toolObject: unknown, extra: Record<string, unknown> = {}) =>
	JSON.stringify({ id: 3, messages: null, isError: false, toolObject, ...extra });

describe('the look-up answer', () => {
	it.each([
		['[]', '[]'],
		['null', 'null'],
		['{}', '{}'],
		['{"status":"error"}', '{"status":"error"}'],
		[
			'toolObject null + "Factura no encontrada"',
			JSON.stringify({
				id: 0,
				messages: 'Factura no encontrada',
				isError: false,
				toolObject: null,
			}),
		],
		['an envelope with an empty object', env({})],
		['an envelope with an empty list', env([])],
		["another invoice's state", env({ invoiceNumber: 'FA2026-0006', state: 'Correcto' })],
		[
			"another invoice's state, unwrapped",
			JSON.stringify({ invoiceNumber: 'FA2026-0006', state: 'Correcto' }),
		],
		['a state without a number, unwrapped', JSON.stringify({ state: 'Correcto' })],
		['a state without a number and id 0', env({ state: 'Correcto' }, { id: 0 })],
		['a list of two invoices', env([{ invoiceNumber: N }, { invoiceNumber: 'X' }])],
		['HTML', '<html>maintenance</html>'],
		['an empty body', ''],
		['isError "maybe"', JSON.stringify({ isError: 'maybe', toolObject: { state: 'Correcto' } })],
	])('%s is not "found"', (_name, body) => {
		expect(judgeLookUpBody(body, N).status).toBe('unknown');
	});

	it.each([
		['the state naming this number', env({ invoiceNumber: N, state: 'Pendiente' })],
		['the number in another casing and key', env({ NumeroFactura: 'fa2026-0007 ' })],
		['a one-element list naming it', env([{ invoiceNumber: N }])],
		['the state unwrapped, naming it', JSON.stringify({ invoiceNumber: N, state: 'Correcto' })],
		['an envelope with a positive id and a state naming no number', env({ state: 'Pendiente' })],
		[
			'isError as the string "false"',
			JSON.stringify({ id: 3, isError: 'false', toolObject: { invoiceNumber: N } }),
		],
	])('%s is "found"', (_name, body) => {
		expect(judgeLookUpBody(body, N).status).toBe('found');
	});

	it('only FacturasApp saying "not found" is "absent"', () => {
		expect(
			judgeLookUpBody(
				JSON.stringify({ id: 0, isError: true, messages: 'No se ha encontrado la factura' }),
				N,
			).status,
		).toBe('absent');
		expect(
			judgeLookUpBody(
				JSON.stringify({ id: 0, isError: 'true', messages: 'Factura no encontrada' }),
				N,
			).status,
		).toBe('absent');
		expect(
			judgeLookUpBody(JSON.stringify({ id: 0, isError: true, messages: 'Error interno' }), N)
				.status,
		).toBe('unknown');
		expect(
			judgeLookUpFailure({ kind: 'http', statusCode: 404, message: 'HTTP 404', bodyText: '' })
				.status,
		).toBe('unknown');
		expect(
			judgeLookUpFailure({
				kind: 'http',
				statusCode: 404,
				message: 'HTTP 404',
				bodyText: 'Factura no encontrada',
			}).status,
		).toBe('absent');
		expect(judgeLookUpFailure({ kind: 'http', statusCode: 500, message: 'HTTP 500' }).status).toBe(
			'unknown',
		);
	});
});

describe('isError given as a string', () => {
	it.each([
		['"false"', 'false', false],
		['"true"', 'true', true],
		['" FALSE "', ' FALSE ', false],
		['"True"', 'True', true],
	])('%s is read as %s', (_name, flag, expected) => {
		const parsed = parseBody(
			JSON.stringify({ id: 1, messages: 'Factura creada', isError: flag, toolObject: null }),
		);
		expect(parsed.kind).toBe('envelope');
		expect(parsed.kind === 'envelope' && parsed.envelope.isError).toBe(expected);
	});

	it('other strings are no envelope (so a create looks the number up instead of guessing)', () => {
		expect(parseBody(JSON.stringify({ isError: 'no' })).kind).toBe('json');
		expect(parseBody(JSON.stringify({ isError: '' })).kind).toBe('json');
	});
});

describe("what n8n's HTTP client throws", () => {
	it('an error carrying a 200 response (the body was cut) is a lost connection, not "HTTP 200"', () => {
		const axiosLike = Object.assign(new Error('stream has been aborted'), {
			name: 'AxiosError',
			code: 'ERR_BAD_RESPONSE',
			response: { status: 200, headers: {} },
		});
		const failure = failureFromError({
			name: 'NodeApiError',
			message: 'stream has been aborted',
			cause: axiosLike,
		});
		expect(failure).toMatchObject({ kind: 'network', code: 'ERR_BAD_RESPONSE', statusCode: 200 });
	});

	it('a socket "aborted" is a lost connection; only n8n\'s cancel is a cancellation', () => {
		expect(failureFromError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })).kind).toBe(
			'network',
		);
		expect(
			failureFromError(Object.assign(new Error('terminated'), { code: 'UND_ERR_SOCKET' })).kind,
		).toBe('network');
		expect(
			failureFromError(
				Object.assign(new Error('canceled'), { name: 'CanceledError', code: 'ERR_CANCELED' }),
			).kind,
		).toBe('cancelled');
		expect(
			failureFromError(
				Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }),
			).kind,
		).toBe('cancelled');
	});
});

it('{"status":"error"} is no AEAT rejection (an issued invoice must not be failed on it)', () => {
	expect(summarizeState({ status: 'error' }).outcome).toBeUndefined();
	expect(summarizeState({ state: 'Incorrecto' }).outcome).toBe('rejected');
});
