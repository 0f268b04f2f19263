// JSON control API under /__emulator/, so tests in another process (e2e, bench) can drive and
// inspect the emulator. No key needed: it only ever listens on a local test address.
//   GET  /__emulator/state          counters, invoice numbers and states, commits per number, config, faults
//   GET  /__emulator/invoices       stored invoices with their bodies
//   POST /__emulator/faults         body: FaultConfig or FaultRule[] (replaces the fault setup)
//   POST /__emulator/expire-keys    every issued key answers 401 from now on
//   POST /__emulator/peak           { maxInFlight, loginsOk } since the last peak; starts a new peak
//   POST /__emulator/reset          as freshly started (start config, no faults/invoices/keys)
//   POST /__emulator/config         body: partial RuntimeConfig (types.ts), e.g. { stateDelayMs, consecutivesForm }
//   POST /__emulator/state-outcome  body: { invoiceNumber, state, code?, description? }
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkConfig, type EmulatorCore } from './core';
import { HttpError, readJson, sendJson } from './http';
import type { FinalState, StateOutcome } from './types';

const FINAL_STATES: readonly FinalState[] = ['Correcto', 'AceptadoConErrores', 'Incorrecto'];

export function controlState(core: EmulatorCore): Record<string, unknown> {
	const invoices = [...core.snapshotInvoices().values()].map(({ body: _body, ...rest }) => rest);
	return {
		counters: core.counters,
		invoiceNumbers: invoices.map((i) => i.invoiceNumber),
		invoices,
		commits: core.counters.commits,
		config: core.config,
		faults: core.faults.snapshot(),
	};
}

export function checkOutcome(input: unknown): StateOutcome {
	const o = (input ?? {}) as Partial<StateOutcome>;
	if (!FINAL_STATES.includes(o.state as FinalState)) {
		throw new Error(`state must be one of ${FINAL_STATES.join(', ')}`);
	}
	if (o.code !== undefined && typeof o.code !== 'string') throw new Error('code must be a string');
	if (o.description !== undefined && typeof o.description !== 'string')
		throw new Error('description must be a string');
	return { state: o.state!, code: o.code, description: o.description };
}

export async function handleControl(
	core: EmulatorCore,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
): Promise<void> {
	const route = `${req.method} ${url.pathname.slice('/__emulator/'.length)}`;
	try {
		switch (route) {
			case 'GET state':
				return sendJson(res, 200, controlState(core));
			case 'GET invoices':
				return sendJson(res, 200, [...core.snapshotInvoices().values()]);
			case 'POST faults':
				core.faults.set((await readJson(req)) as never);
				return sendJson(res, 200, { ok: true, faults: core.faults.snapshot() });
			case 'POST peak': {
				// Most API calls in flight at once since the last peak (or reset), and log-ins so far;
				// the peak starts again from the calls in flight now.
				req.resume();
				const { maxInFlight, loginsOk } = core.counters;
				core.counters.maxInFlight = core.counters.inFlight;
				return sendJson(res, 200, { maxInFlight, loginsOk });
			}
			case 'POST expire-keys':
				req.resume();
				core.expireAllKeys();
				return sendJson(res, 200, { ok: true });
			case 'POST reset':
				req.resume();
				core.reset();
				return sendJson(res, 200, { ok: true });
			case 'POST config':
				core.setConfig(checkConfig(await readJson(req)));
				return sendJson(res, 200, { ok: true, config: core.config });
			case 'POST state-outcome': {
				const body = (await readJson(req)) as { invoiceNumber?: unknown } | null;
				if (typeof body?.invoiceNumber !== 'string')
					throw new Error('invoiceNumber must be a string');
				core.overrides.set(body.invoiceNumber, checkOutcome(body));
				return sendJson(res, 200, { ok: true });
			}
			default:
				req.resume();
				return sendJson(res, 404, { error: `unknown control route ${route}` });
		}
	} catch (error) {
		const status = error instanceof HttpError ? error.status : 400;
		return sendJson(res, status, { error: (error as Error).message });
	}
}
