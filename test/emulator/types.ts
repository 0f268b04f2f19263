// Public types of the local FacturasApp emulator (see index.ts for the entry point).

export type Endpoint = 'login' | 'addInvoice' | 'pdf' | 'state' | 'consecutives';
export const ENDPOINTS: readonly Endpoint[] = [
	'login',
	'addInvoice',
	'pdf',
	'state',
	'consecutives',
];

/** Faults that replace the normal answer. `latency` only delays it. */
export type FaultKind =
	| 'latency'
	| '500'
	| '503'
	| '429'
	| 'reset'
	| 'timeout'
	| 'commitThen500'
	| 'commitThenReset'
	// Issue 12: the effect is done, then the answer fails to arrive whole or at all.
	| 'commitThenCutHeaders' // full headers (200, Content-Length), then the connection drops
	| 'commitThenCutBody' // headers and half the body, then the connection drops
	| 'commitThenHang' // never answers; Emulator.onHang fires (tests stop the execution there)
	| 'isErrorString' // the normal answer with isError as the string "true" / "false"
	// Answers that prove nothing (HTTP 200, no effect), for the recovery look-up:
	| 'answerEmptyArray' // []
	| 'answerNull' // null
	| 'answerEmptyObject' // {}
	| 'answerNotFoundOk' // envelope isError false, toolObject null, "Factura no encontrada"
	| 'answerStatusError' // {"status":"error"}
	| 'answerOtherInvoice'; // the state of another invoice, in a normal envelope
export type FaultAction = Exclude<FaultKind, 'latency'>;
export type ScriptStep = 'ok' | FaultAction;

/** Fires with probability `rate` (seeded PRNG; default 1 = every call) on each call of `endpoint`. */
export interface RateFaultRule {
	endpoint: Endpoint;
	kind: FaultKind;
	rate?: number;
	/** latency: added milliseconds. */
	ms?: number;
	/** 429 / 503: Retry-After header in seconds (default 1). */
	retryAfterSec?: number;
}

/** Consumed call by call; once exhausted the endpoint behaves normally again. */
export interface ScriptFaultRule {
	endpoint: Endpoint;
	script: ScriptStep[];
	retryAfterSec?: number;
}

export type FaultRule = RateFaultRule | ScriptFaultRule;

export interface FaultConfig {
	/** Added to every call of every endpoint. */
	latencyMs?: number;
	rules?: FaultRule[];
}

export interface FaultControl {
	/** Replaces the whole configuration (a bare array means rules only). */
	set(config: FaultConfig | FaultRule[]): void;
	add(rule: FaultRule): void;
	clear(): void;
	/** Current configuration, scripts showing only their remaining steps. */
	snapshot(): Required<FaultConfig>;
}

export interface Counters {
	calls: Record<Endpoint, number>;
	loginsOk: number;
	loginsFailed: number;
	/** 401 answers sent, log-in and key failures together. */
	unauthorized: number;
	faults: Record<Endpoint, Partial<Record<FaultKind, number>>>;
	invoicesStored: number;
	/** AddInvoice calls that reached the handler with a parsable number, per invoiceNumber. */
	createAttempts: Record<string, number>;
	/** Creates that stored the invoice, per invoiceNumber: more than 1 would be a duplicate. */
	commits: Record<string, number>;
	/** Requests to unknown paths. */
	notFound: number;
	/** Calls refused for a stale or unknown key with HTTP 500 (config staleKeyStatus: 500). */
	staleKey500: number;
	/** API requests (not /__emulator/) being answered right now, and the most at once since reset. */
	inFlight: number;
	maxInFlight: number;
}

export type FinalState = 'Correcto' | 'AceptadoConErrores' | 'Incorrecto';
export type InvoiceStateName = 'Pendiente' | FinalState;

export interface StateOutcome {
	state: FinalState;
	code?: string;
	description?: string;
}

export interface StoredInvoice {
	id: number;
	invoiceNumber: string;
	/** The parsed AddInvoice body as received. */
	body: Record<string, unknown>;
	/** Epoch milliseconds. */
	createdAt: number;
	user: string;
	/** State at the moment the snapshot was taken. */
	state: InvoiceStateName;
}

export interface EmulatorUser {
	user: string;
	password: string;
	subscriptionActive?: boolean;
	/** Issuer data printed on the PDF and used in the QR URL. */
	nif?: string;
	companyName?: string;
}

/** A series as GetConsecutives lists it: `prefijo`, `consecutivoActual` (last number used), `isDefault`. */
export interface SeriesSeed {
	prefix: string;
	lastNumber: number;
	isDefault?: boolean;
}

/**
 * GetConsecutives' body. `seen` (default): `{"facturasDeAlta":[…]}` as in the contract. The rest are
 * [unknown] guesses: `envelope` wraps it in `{id, messages, isError, toolObject}`; `lists` adds a
 * `facturasRectificativas` list (with its own isDefault) before facturasDeAlta.
 */
export type ConsecutivesForm = 'seen' | 'envelope' | 'lists';
export const CONSECUTIVES_FORMS: readonly ConsecutivesForm[] = ['seen', 'envelope', 'lists'];

/**
 * GetInvoiceStateByNumber's body is wholly [unknown] (§8). `envelope` (default): the envelope with
 * `{ invoiceNumber, state, aeatCode?, aeatDescription?, csv?, registeredAt?, qrUrl }` in toolObject;
 * `flat`: that object without envelope; `spanish`: envelope with `{ numeroFactura, estado,
 * codigoError?, descripcionError?, csv?, fechaRegistro?, urlQR }`; `aeat`: flat with AEAT's own
 * names `{ NumSerieFactura, EstadoRegistro, CodigoErrorRegistro?, DescripcionErrorRegistro?, CSV? … }`.
 */
export type StateForm = 'envelope' | 'flat' | 'spanish' | 'aeat';
/** State words: `verifactu` (default) Pendiente / Correcto / AceptadoConErrores / Incorrecto;
 *  `portal` Pendiente de envío / Aceptada / Aceptada con errores / Rechazada; `upper` PENDIENTE / CORRECTO / ACEPTADO_CON_ERRORES / INCORRECTO. */
export type StateNames = 'verifactu' | 'portal' | 'upper';
/** 401 body of a failed log-in ([unknown]; `message` and `exception` fields are seen). */
export type LoginErrorForm = 'message' | 'exception' | 'text' | 'empty';
/** The envelope's `id`: an integer in the OpenAPI export, quoted in one client's notes. */
export type IdForm = 'number' | 'string';
/** Wording of not found / PDF not ready / duplicate / out of sequence ([unknown]; wording.ts). */
export type Wording = 'es' | 'es2' | 'en';
/** An unknown number in GetInvoiceStateByNumber / PDFInvoice: 200 + isError (default) or HTTP 404. */
export type NotFoundForm = 'business' | 'http404';
/** Whether AddInvoice refuses only a duplicate (default) or also a number that is not the next of its series. */
export type NumberCheck = 'duplicates' | 'sequence';

/** Every choice option of RuntimeConfig, default first. */
export const CONFIG_CHOICES = {
	loginForm: ['array', 'string', 'plain'],
	loginErrorForm: ['message', 'exception', 'text', 'empty'],
	idForm: ['number', 'string'],
	pdfForm: ['envelope', 'raw'],
	consecutivesForm: CONSECUTIVES_FORMS,
	stateForm: ['envelope', 'flat', 'spanish', 'aeat'],
	stateNames: ['verifactu', 'portal', 'upper'],
	wording: ['es', 'es2', 'en'],
	notFoundForm: ['business', 'http404'],
	numberCheck: ['duplicates', 'sequence'],
} as const satisfies Record<string, readonly string[]>;

/** Settings that can be changed at run time (setConfig, POST /__emulator/config). */
export interface RuntimeConfig {
	keyTtlMs: number;
	loginForm: 'array' | 'string' | 'plain';
	pdfForm: 'envelope' | 'raw';
	stateDelayMs: number;
	pdfReadyDelayMs: number;
	/** Pads every PDF by about this many bytes (benchmarks of large PDFs). */
	pdfPadBytes: number;
	consecutivesForm: ConsecutivesForm;
	stateForm: StateForm;
	stateNames: StateNames;
	loginErrorForm: LoginErrorForm;
	idForm: IdForm;
	wording: Wording;
	notFoundForm: NotFoundForm;
	numberCheck: NumberCheck;
	/** How a stale or unknown key is answered: 401, or 500 as the public client expects it may be. */
	staleKeyStatus: 401 | 500;
}

export interface EmulatorOptions extends Partial<RuntimeConfig> {
	port?: number;
	host?: string;
	users?: EmulatorUser[];
	/** Default: one series `FA2026-`, last number 0, isDefault true. */
	series?: SeriesSeed[];
	seed?: number;
	faults?: FaultConfig;
	/** One line per request (method, path, status, ms); never headers or bodies. */
	log?: boolean | ((line: string) => void);
}

export interface Emulator {
	url: string;
	close(): Promise<void>;
	expireAllKeys(): void;
	/**
	 * Moves the emulator's clock (key expiry, stateDelayMs, pdfReadyDelayMs) on by `ms`, so a
	 * test can pass a delay without sleeping through it and without racing a busy machine.
	 * Never goes back; reset() keeps it.
	 */
	advanceClock(ms: number): void;
	/** Every API key handed out so far: secrets that must never show up in outputs or logs. */
	issuedKeys(): string[];
	faults: FaultControl;
	readonly counters: Counters;
	/** A fresh snapshot on every read. */
	readonly invoices: ReadonlyMap<string, StoredInvoice>;
	/** Forces the final state of a number, even before the invoice exists. */
	setStateOutcome(invoiceNumber: string, outcome: StateOutcome): void;
	setConfig(config: Partial<RuntimeConfig>): void;
	readonly config: Readonly<RuntimeConfig>;
	/** Back to the state right after start: no invoices, keys, faults; zero counters; start config. */
	reset(): void;
	/** Called when a commitThenHang fault has stored the invoice and left the request hanging. */
	onHang: ((endpoint: Endpoint) => void) | null;
}
