// The FacturasApp endpoints (facturasapp-api.md §1–§8). Handlers return a Reply instead of
// writing it, so the server can swap the answer for an injected fault after the effect.
import type { IncomingMessage } from 'node:http';
import { formatIssues, validateInvoiceBody } from '../../nodes/FacturasApp/invoice/validate';
import { oracleProblems } from '../oracle/totals';
import type { EmulatorCore, ResolvedUser } from './core';
import { businessError, envelope, errorBody, HttpError, readJson } from './http';
import { renderInvoicePdf } from './pdf/invoicePdf';
import { consecutivesAnswer, expectedNext } from './consecutives';
import { buildStateObject, stateAnswer } from './state';
import { MESSAGES } from './wording';
import type { Endpoint } from './types';

export interface Reply {
	status: number;
	json?: unknown;
	raw?: { body: Buffer | string; contentType: string };
}

export interface Call {
	core: EmulatorCore;
	req: IncomingMessage;
	url: URL;
	/** The user of the X-API-KEY (null only for log-in). */
	user: ResolvedUser | null;
	/** Decoded path parameter (GetInvoiceStateByNumber). */
	param?: string;
}

type Handler = (call: Call) => Promise<Reply>;

export interface Route {
	endpoint: Endpoint;
	method: 'GET' | 'POST';
	handler: Handler;
	needsKey: boolean;
	param?: string;
}

export const LOGIN_PATH = '/ApiGateway/AppSecurity/ApiKey';
export const SERVICES = '/ApiGateway/ApiExternal/Invoice/api/InvoiceServices/';

const ok = (json: unknown): Reply => ({ status: 200, json });
const say = (core: EmulatorCore) => MESSAGES[core.config.wording];

/** An unknown number: 200 + isError (default) or, with notFoundForm 'http404', HTTP 404. */
function notFound(core: EmulatorCore, number: string): Reply {
	const message = say(core).notFound(number);
	return core.config.notFoundForm === 'http404'
		? { status: 404, json: errorBody(message) }
		: ok(businessError(message));
}

/** 401 for a bad user or password, in the configured [unknown] body form. */
function loginRefused(core: EmulatorCore): Reply {
	const message = 'Usuario o contraseña incorrectos';
	switch (core.config.loginErrorForm) {
		case 'exception':
			return { status: 401, json: { exception: message } };
		case 'text':
			return { status: 401, raw: { body: message, contentType: 'text/plain; charset=utf-8' } };
		case 'empty':
			return { status: 401, raw: { body: '', contentType: 'text/plain; charset=utf-8' } };
		default:
			return { status: 401, json: errorBody(message) };
	}
}

/** Option idForm 'string': every envelope's id quoted, as one client's notes show it. */
function withIdForm(handler: Handler): Handler {
	return async (call) => {
		const reply = await handler(call);
		const json = reply.json as { id?: unknown; isError?: unknown } | undefined;
		if (
			call.core.config.idForm !== 'string' ||
			!json ||
			typeof json !== 'object' ||
			typeof json.isError !== 'boolean'
		)
			return reply;
		return typeof json.id === 'number'
			? { ...reply, json: { ...json, id: String(json.id) } }
			: reply;
	};
}

async function login({ core, req }: Call): Promise<Reply> {
	const body = (await readJson(req)) as Record<string, unknown> | null;
	const user = body && typeof body === 'object' ? body.User : undefined;
	const password = body && typeof body === 'object' ? body.Password : undefined;
	if (typeof user !== 'string' || typeof password !== 'string' || user === '' || password === '') {
		throw new HttpError(400, 'Los campos User y Password son obligatorios.');
	}
	const found = core.authenticate(user, password);
	if (!found) {
		core.counters.loginsFailed++;
		return loginRefused(core);
	}
	core.counters.loginsOk++;
	const key = core.issueKey(found);
	const form = core.config.loginForm;
	if (form === 'array') return ok([key]);
	if (form === 'string') return ok(key);
	return { status: 200, raw: { body: key, contentType: 'text/plain; charset=utf-8' } };
}

async function addInvoice({ core, req, user }: Call): Promise<Reply> {
	const body = await readJson(req);
	// A non-object cannot bind to the .NET model: the gateway answers 400, not a business error.
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new HttpError(400, 'El cuerpo de la petición debe ser un objeto JSON.');
	}
	const invoice = body as Record<string, unknown>;
	const number = typeof invoice.invoiceNumber === 'string' ? invoice.invoiceNumber : undefined;
	if (number !== undefined)
		core.counters.createAttempts[number] = (core.counters.createAttempts[number] ?? 0) + 1;
	if (!user!.subscriptionActive) {
		return ok(
			businessError('La suscripción no está activa. Renueve su plan para emitir facturas.'),
		);
	}
	const issues = validateInvoiceBody(invoice);
	if (issues.length > 0) {
		return ok(
			businessError(`La factura no es válida. Revise los datos enviados:\n${formatIssues(issues)}`),
		);
	}
	// The product's validator is not the last word: amounts must also agree with the independent
	// §5 oracle, so a validator bug that lets wrong totals through fails the emulator tests.
	const disagreements = oracleProblems(invoice);
	if (disagreements.length > 0) {
		return ok(businessError(`Los importes no cuadran (§5):\n${disagreements.join('\n')}`));
	}
	// The validator requires invoiceNumber; this guard only keeps the types honest.
	if (number === undefined) return ok(businessError('El número de factura es obligatorio.'));
	if (core.records.has(number)) return ok(businessError(say(core).duplicate(number)));
	if (core.config.numberCheck === 'sequence') {
		const expected = expectedNext(core.series, number);
		if (
			expected !== undefined &&
			expected.number !== Number(number.slice(expected.prefix.length))
		) {
			return ok(businessError(say(core).outOfSequence(number, expected.invoiceNumber)));
		}
	}
	const record = core.store(number, invoice, user!);
	return ok(envelope(record.id, 'Factura creada correctamente'));
}

async function pdfInvoice({ core, url }: Call): Promise<Reply> {
	const number = url.searchParams.get('invoiceNumber');
	if (!number) throw new HttpError(400, 'El parámetro invoiceNumber es obligatorio.');
	const record = core.records.get(number);
	if (!record) return notFound(core, number);
	if (core.now() < record.createdAt + core.config.pdfReadyDelayMs)
		return ok(businessError(say(core).pdfNotReady(number)));
	const pdf = await renderInvoicePdf(record.body, core.issuerOf(record), core.config.pdfPadBytes);
	if (core.config.pdfForm === 'raw')
		return { status: 200, raw: { body: pdf, contentType: 'application/pdf' } };
	return ok(envelope(record.id, null, pdf.toString('base64')));
}

async function invoiceState({ core, param }: Call): Promise<Reply> {
	const number = param!;
	const record = core.records.get(number);
	if (!record) return notFound(core, number);
	const state = buildStateObject(
		record,
		core.now(),
		core.config.stateDelayMs,
		core.overrides.get(number),
	);
	return ok(stateAnswer(record.id, state, core.config.stateForm, core.config.stateNames));
}

async function consecutives({ core }: Call): Promise<Reply> {
	return ok(consecutivesAnswer(core.series, core.config.consecutivesForm));
}

/** The route for a path, 'method' when only the method is wrong, null for an unknown path. */
export function findRoute(method: string, pathname: string): Route | 'method' | null {
	let route: Route | null = null;
	if (pathname === LOGIN_PATH) {
		route = { endpoint: 'login', method: 'POST', handler: withIdForm(login), needsKey: false };
	} else if (pathname === SERVICES + 'AddInvoice') {
		route = {
			endpoint: 'addInvoice',
			method: 'POST',
			handler: withIdForm(addInvoice),
			needsKey: true,
		};
	} else if (pathname === SERVICES + 'PDFInvoice') {
		route = { endpoint: 'pdf', method: 'POST', handler: withIdForm(pdfInvoice), needsKey: true };
	} else if (pathname === SERVICES + 'GetConsecutives') {
		route = {
			endpoint: 'consecutives',
			method: 'GET',
			handler: withIdForm(consecutives),
			needsKey: true,
		};
	} else if (pathname.startsWith(SERVICES + 'GetInvoiceStateByNumber/')) {
		// Exactly one raw segment: an unencoded "/" in the number makes it another (unknown) path.
		const segment = pathname.slice((SERVICES + 'GetInvoiceStateByNumber/').length);
		if (segment === '' || segment.includes('/')) return null;
		let param: string;
		try {
			param = decodeURIComponent(segment);
		} catch {
			return null;
		}
		route = {
			endpoint: 'state',
			method: 'GET',
			handler: withIdForm(invoiceState),
			needsKey: true,
			param,
		};
	}
	if (!route) return null;
	return route.method === method ? route : 'method';
}
