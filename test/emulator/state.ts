// The GetInvoiceStateByNumber answer. Its real shape is wholly unknown (§8); by default the
// envelope with this toolObject, in VeriFactu vocabulary (other forms: stateAnswer below):
//   { invoiceNumber, state: 'Pendiente' | 'Correcto' | 'AceptadoConErrores' | 'Incorrecto',
//     aeatCode?, aeatDescription?,   // only for AceptadoConErrores / Incorrecto
//     csv?,                          // AEAT secure verification code, final and not rejected
//     registeredAt?,                 // ISO time the AEAT answered, once final
//     qrUrl }                        // AEAT ValidarQR URL: issuer NIF, number, date, total
import { createHash } from 'node:crypto';
import { outcomeForCustomer } from './nif';
import { envelope } from './http';
import type { InvoiceStateName, StateForm, StateNames, StateOutcome } from './types';

export interface InvoiceRecord {
	id: number;
	invoiceNumber: string;
	body: Record<string, unknown>;
	createdAt: number;
	user: string;
	issuerNif: string;
}

export interface InvoiceStateObject {
	invoiceNumber: string;
	state: InvoiceStateName;
	aeatCode?: string;
	aeatDescription?: string;
	csv?: string;
	registeredAt?: string;
	qrUrl: string;
}

// Test ("preproducción") AEAT host: the emulator stands in for the Pruebas environment.
const QR_BASE = 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR';

function dayOf(iso: unknown): string {
	const m = typeof iso === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
	return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}

export function qrUrl(record: InvoiceRecord): string {
	const total = Number(record.body.sumTotalTotal);
	const params = new URLSearchParams({
		nif: record.issuerNif,
		numserie: record.invoiceNumber,
		fecha: dayOf(record.body.invoiceDate),
		importe: (Number.isFinite(total) ? total : 0).toFixed(2),
	});
	return `${QR_BASE}?${params.toString()}`;
}

/** 16 upper-case alphanumerics, stable for a given invoice (AEAT CSVs look like this). */
function csvFor(record: InvoiceRecord): string {
	const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const digest = createHash('sha256').update(`${record.id}:${record.invoiceNumber}`).digest();
	let out = '';
	for (let i = 0; i < 16; i++) out += alphabet[digest[i] % alphabet.length];
	return out;
}

export function finalOutcome(
	record: InvoiceRecord,
	override: StateOutcome | undefined,
): StateOutcome {
	if (override) return override;
	const contacts = record.body.contacts;
	return outcomeForCustomer(Array.isArray(contacts) ? contacts[0] : undefined);
}

export function stateName(
	record: InvoiceRecord,
	now: number,
	stateDelayMs: number,
	override: StateOutcome | undefined,
): InvoiceStateName {
	return now < record.createdAt + stateDelayMs ? 'Pendiente' : finalOutcome(record, override).state;
}

export function buildStateObject(
	record: InvoiceRecord,
	now: number,
	stateDelayMs: number,
	override: StateOutcome | undefined,
): InvoiceStateObject {
	const base = { invoiceNumber: record.invoiceNumber, qrUrl: qrUrl(record) };
	if (now < record.createdAt + stateDelayMs) return { ...base, state: 'Pendiente' };
	const outcome = finalOutcome(record, override);
	const result: InvoiceStateObject = {
		invoiceNumber: record.invoiceNumber,
		state: outcome.state,
		registeredAt: new Date(record.createdAt + stateDelayMs).toISOString(),
		qrUrl: base.qrUrl,
	};
	if (outcome.state !== 'Correcto') {
		result.aeatCode = outcome.code ?? (outcome.state === 'Incorrecto' ? '1100' : '2000');
		result.aeatDescription =
			outcome.description ?? 'Registro con errores (forzado en el emulador).';
	}
	if (outcome.state !== 'Incorrecto') result.csv = csvFor(record);
	return result;
}

const NAMES: Record<Exclude<StateNames, 'verifactu'>, Record<InvoiceStateName, string>> = {
	portal: {
		Pendiente: 'Pendiente de envío',
		Correcto: 'Aceptada',
		AceptadoConErrores: 'Aceptada con errores',
		Incorrecto: 'Rechazada',
	},
	upper: {
		Pendiente: 'PENDIENTE',
		Correcto: 'CORRECTO',
		AceptadoConErrores: 'ACEPTADO_CON_ERRORES',
		Incorrecto: 'INCORRECTO',
	},
};

const withoutUndefined = (o: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The body for the configured [unknown] form and state words (types.ts StateForm / StateNames). */
export function stateAnswer(
	id: number,
	state: InvoiceStateObject,
	form: StateForm,
	names: StateNames,
): unknown {
	const word = names === 'verifactu' ? state.state : NAMES[names][state.state];
	switch (form) {
		case 'flat':
			return { ...state, state: word };
		case 'spanish':
			return envelope(
				id,
				null,
				withoutUndefined({
					numeroFactura: state.invoiceNumber,
					estado: word,
					codigoError: state.aeatCode,
					descripcionError: state.aeatDescription,
					csv: state.csv,
					fechaRegistro: state.registeredAt,
					urlQR: state.qrUrl,
				}),
			);
		case 'aeat':
			return withoutUndefined({
				NumSerieFactura: state.invoiceNumber,
				EstadoRegistro: word,
				CodigoErrorRegistro: state.aeatCode,
				DescripcionErrorRegistro: state.aeatDescription,
				CSV: state.csv,
				FechaHoraRegistro: state.registeredAt,
				URLValidacion: state.qrUrl,
			});
		default:
			return envelope(id, null, { ...state, state: word });
	}
}
