// Local FacturasApp emulator: a real HTTP server on 127.0.0.1 speaking facturasapp-api.md §1–§8,
// quirks included (["key"] log-in, business errors as HTTP 200 + isError, base64 PDF envelope),
// with fault injection and a control API. Test-only: never ship it, never point it at real hosts.
import { checkOutcome } from './control';
import { EmulatorCore } from './core';
import { EmulatorServer } from './server';
import type { Emulator, EmulatorOptions, RuntimeConfig, StateOutcome } from './types';

export * from './types';
export { DEMO_USER } from './core';
export { LOGIN_PATH, SERVICES } from './api';
export { isValidSpanishId, outcomeForCustomer } from './nif';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const core = new EmulatorCore(options);
	const log =
		typeof options.log === 'function'
			? options.log
			: options.log
				? (line: string) => process.stdout.write(`[facturasapp-emulator] ${line}\n`)
				: null;
	const server = new EmulatorServer(core, log);
	const url = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
	let closing: Promise<void> | null = null;

	return {
		url,
		close: () => (closing ??= server.close()),
		expireAllKeys: () => core.expireAllKeys(),
		advanceClock: (ms: number) => core.advanceClock(ms),
		issuedKeys: () => [...core.issuedKeys],
		faults: core.faults,
		get counters() {
			return core.counters;
		},
		get invoices() {
			return core.snapshotInvoices();
		},
		setStateOutcome: (invoiceNumber: string, outcome: StateOutcome) => {
			core.overrides.set(invoiceNumber, checkOutcome(outcome));
		},
		setConfig: (config: Partial<RuntimeConfig>) => core.setConfig(config),
		get config() {
			return { ...core.config };
		},
		reset: () => core.reset(),
		get onHang() {
			return core.onHang;
		},
		set onHang(hook) {
			core.onHang = hook;
		},
	};
}
