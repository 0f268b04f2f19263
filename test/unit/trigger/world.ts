// A FacturasApp behind nock for the trigger's tests: GetConsecutives in the [seen] shape of
// the contract (§12: {"facturasDeAlta":[{"prefijo","consecutivoActual","isDefault"}]}), and
// GetInvoiceStateByNumber answering the envelope (unknown number: 200 + isError, as the
// emulator does). Tests change the world between polls; every call is counted.
import nock from 'nock';

export const BASE = 'https://facturasapp.test';
export const SERVICES = '/ApiGateway/ApiExternal/Invoice/api/InvoiceServices';
export const KEY = 'key-TRIGGERKEY-0123456789';

export interface StoredState {
	state: string;
	aeatCode?: string;
	aeatDescription?: string;
	[key: string]: unknown;
}

export class World {
	/** Last number used per series, in FacturasApp's order; the first is the default. */
	series = new Map<string, number>();
	invoices = new Map<string, StoredState>();
	/** Numbers whose state read answers HTTP 500; GetConsecutives fails while this is set. */
	failing = new Set<string>();
	consecutivesFail = false;
	calls = { consecutives: 0, state: [] as string[], logins: 0 };

	constructor() {
		nock(BASE)
			.persist()
			.post('/ApiGateway/AppSecurity/ApiKey')
			.reply(() => {
				this.calls.logins++;
				return [200, [KEY]];
			})
			.get(`${SERVICES}/GetConsecutives`)
			.reply(() => {
				this.calls.consecutives++;
				if (this.consecutivesFail) return [500, { message: `fallo interno, clave ${KEY}` }];
				const facturasDeAlta = [...this.series].map(([prefijo, consecutivoActual], i) => ({
					prefijo,
					consecutivoActual,
					isDefault: i === 0,
				}));
				return [200, { facturasDeAlta }];
			})
			.get(new RegExp(`^${SERVICES}/GetInvoiceStateByNumber/`))
			.reply((uri) => {
				const number = decodeURIComponent(uri.slice(`${SERVICES}/GetInvoiceStateByNumber/`.length));
				this.calls.state.push(number);
				if (this.failing.has(number)) return [500, 'Internal Server Error'];
				const stored = this.invoices.get(number);
				if (!stored)
					return [
						200,
						{
							id: 0,
							messages: `No se ha encontrado la factura ${number}`,
							isError: true,
							toolObject: null,
						},
					];
				return [
					200,
					{
						id: 1,
						messages: null,
						isError: false,
						toolObject: { invoiceNumber: number, ...stored },
					},
				];
			});
	}

	/** Issues invoices at the end of a series (FACT0006, …), moving its counter like FacturasApp. */
	issue(prefix: string, count: number, state: StoredState = { state: 'Pendiente' }): string[] {
		const numbers: string[] = [];
		for (let i = 0; i < count; i++) {
			const n = (this.series.get(prefix) ?? 0) + 1;
			this.series.set(prefix, n);
			const number = `${prefix}${String(n).padStart(4, '0')}`;
			this.invoices.set(number, { ...state });
			numbers.push(number);
		}
		return numbers;
	}

	decide(number: string, state: StoredState): void {
		if (!this.invoices.has(number)) throw new Error(`no invoice ${number}`);
		this.invoices.set(number, state);
	}
}
