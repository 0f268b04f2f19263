// The emulator's in-memory world: configuration, users, API keys, invoices, counters, faults.
import { randomBytes } from 'node:crypto';
import { recordNumber, seedSeries, type SeriesState } from './consecutives';
import { FaultController } from './faults';
import { type InvoiceRecord, stateName } from './state';
import {
	CONFIG_CHOICES,
	ENDPOINTS,
	type Counters,
	type Endpoint,
	type EmulatorOptions,
	type EmulatorUser,
	type RuntimeConfig,
	type SeriesSeed,
	type StateOutcome,
	type StoredInvoice,
} from './types';

export const DEMO_USER = { user: 'demo@facturasapp.local', password: 'demo-password' };

export type ResolvedUser = Required<EmulatorUser>;

/** Defaults: the [seen] answer wherever the contract has one, the first guess elsewhere. */
export const DEFAULT_CONFIG: RuntimeConfig = {
	keyTtlMs: 60 * 60 * 1000,
	loginForm: 'array',
	pdfForm: 'envelope',
	stateDelayMs: 0,
	pdfReadyDelayMs: 0,
	pdfPadBytes: 0,
	consecutivesForm: 'seen',
	stateForm: 'envelope',
	stateNames: 'verifactu',
	loginErrorForm: 'message',
	idForm: 'number',
	wording: 'es',
	notFoundForm: 'business',
	numberCheck: 'duplicates',
	staleKeyStatus: 401,
};

const DEFAULT_SERIES: SeriesSeed[] = [{ prefix: 'FA2026-', lastNumber: 0, isDefault: true }];

export function createCounters(): Counters {
	const perEndpoint = <T>(make: () => T) =>
		Object.fromEntries(ENDPOINTS.map((e) => [e, make()])) as Record<(typeof ENDPOINTS)[number], T>;
	return {
		calls: perEndpoint(() => 0),
		loginsOk: 0,
		loginsFailed: 0,
		unauthorized: 0,
		faults: perEndpoint(() => ({})),
		invoicesStored: 0,
		createAttempts: {},
		commits: {},
		notFound: 0,
		staleKey500: 0,
		inFlight: 0,
		maxInFlight: 0,
	};
}

/** Checks a partial runtime configuration (from code or the control API); throws on nonsense. */
export function checkConfig(input: unknown): Partial<RuntimeConfig> {
	if (input === null || typeof input !== 'object' || Array.isArray(input))
		throw new Error('config must be an object');
	const c = input as Record<string, unknown>;
	const out: Partial<RuntimeConfig> = {};
	for (const key of ['keyTtlMs', 'stateDelayMs', 'pdfReadyDelayMs', 'pdfPadBytes'] as const) {
		if (c[key] === undefined) continue;
		const v = c[key];
		if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
			throw new Error(`${key} must be a number >= 0`);
		out[key] = v;
	}
	for (const [key, choices] of Object.entries(CONFIG_CHOICES)) {
		if (c[key] === undefined) continue;
		if (!(choices as readonly unknown[]).includes(c[key]))
			throw new Error(`${key} must be ${choices.join(', ')}`);
		(out as Record<string, unknown>)[key] = c[key];
	}
	if (c.staleKeyStatus !== undefined) {
		if (c.staleKeyStatus !== 401 && c.staleKeyStatus !== 500)
			throw new Error('staleKeyStatus must be 401 or 500');
		out.staleKeyStatus = c.staleKeyStatus;
	}
	const unknown = Object.keys(c).filter((k) => !(k in DEFAULT_CONFIG));
	if (unknown.length) throw new Error(`unknown config keys: ${unknown.join(', ')}`);
	return out;
}

export class EmulatorCore {
	config: RuntimeConfig;
	readonly users: Map<string, ResolvedUser>;
	private readonly seeds: SeriesSeed[];
	/** GetConsecutives' counters: the seeds, moved on by every stored invoice. */
	series: SeriesState[];
	readonly faults: FaultController;
	counters = createCounters();
	readonly records = new Map<string, InvoiceRecord>();
	readonly overrides = new Map<string, StateOutcome>();
	onHang: ((endpoint: Endpoint) => void) | null = null;
	private readonly keys = new Map<string, { user: string; expiresAt: number }>();
	private readonly startConfig: RuntimeConfig;
	private nextId = 1;

	constructor(options: EmulatorOptions) {
		this.startConfig = { ...DEFAULT_CONFIG, ...checkConfig(pickConfig(options)) };
		this.config = { ...this.startConfig };
		const users: EmulatorUser[] = options.users ?? [DEMO_USER];
		this.users = new Map(
			users.map((u) => [
				u.user.toLowerCase(),
				{
					user: u.user,
					password: u.password,
					subscriptionActive: u.subscriptionActive ?? true,
					nif: u.nif ?? 'B12345674',
					companyName: u.companyName ?? 'Empresa Demostración, S.L.',
				},
			]),
		);
		this.seeds = (options.series ?? DEFAULT_SERIES).map((s) => ({ ...s }));
		this.series = seedSeries(this.seeds);
		this.faults = new FaultController(options.seed ?? 1);
		if (options.faults) this.faults.set(options.faults);
	}

	/** Added to the wall clock by advanceClock(): tests move time on instead of sleeping. */
	private clockOffsetMs = 0;

	now(): number {
		return Date.now() + this.clockOffsetMs;
	}

	advanceClock(ms: number): void {
		if (!(Number.isFinite(ms) && ms >= 0))
			throw new Error('advanceClock: ms must be a number >= 0');
		this.clockOffsetMs += ms;
	}

	/** The user when the password matches; null otherwise (no hint which one was wrong). */
	authenticate(user: string, password: string): ResolvedUser | null {
		const found = this.users.get(user.toLowerCase());
		return found && found.password === password ? found : null;
	}

	/** Every key ever handed out (kept across reset), for tests that scan outputs for secrets. */
	readonly issuedKeys: string[] = [];

	issueKey(user: ResolvedUser): string {
		const key = randomBytes(24).toString('hex');
		this.issuedKeys.push(key);
		this.keys.set(key, {
			user: user.user.toLowerCase(),
			expiresAt: this.now() + this.config.keyTtlMs,
		});
		return key;
	}

	/** The owner of a live key; null when missing, unknown or expired. */
	userForKey(key: string | undefined): ResolvedUser | null {
		const entry = key ? this.keys.get(key) : undefined;
		if (!entry) return null;
		if (this.now() >= entry.expiresAt) {
			this.keys.delete(key!);
			return null;
		}
		return this.users.get(entry.user) ?? null;
	}

	expireAllKeys(): void {
		// Keep the keys but expired, so they answer 401 like a stale key would.
		const past = this.now() - 1;
		for (const entry of this.keys.values()) entry.expiresAt = past;
	}

	store(invoiceNumber: string, body: Record<string, unknown>, user: ResolvedUser): InvoiceRecord {
		const record: InvoiceRecord = {
			id: this.nextId++,
			invoiceNumber,
			body,
			createdAt: this.now(),
			user: user.user,
			issuerNif: user.nif,
		};
		this.records.set(invoiceNumber, record);
		recordNumber(this.series, invoiceNumber);
		this.counters.invoicesStored++;
		this.counters.commits[invoiceNumber] = (this.counters.commits[invoiceNumber] ?? 0) + 1;
		return record;
	}

	issuerOf(record: InvoiceRecord): ResolvedUser {
		return this.users.get(record.user.toLowerCase())!;
	}

	snapshotInvoices(): Map<string, StoredInvoice> {
		const now = this.now();
		const out = new Map<string, StoredInvoice>();
		for (const r of this.records.values()) {
			out.set(r.invoiceNumber, {
				id: r.id,
				invoiceNumber: r.invoiceNumber,
				body: r.body,
				createdAt: r.createdAt,
				user: r.user,
				state: stateName(r, now, this.config.stateDelayMs, this.overrides.get(r.invoiceNumber)),
			});
		}
		return out;
	}

	countFault(
		endpoint: keyof Counters['faults'],
		kind: keyof Counters['faults'][typeof endpoint],
	): void {
		const bucket = this.counters.faults[endpoint];
		bucket[kind] = (bucket[kind] ?? 0) + 1;
	}

	setConfig(config: Partial<RuntimeConfig>): void {
		this.config = { ...this.config, ...checkConfig(config) };
	}

	reset(): void {
		this.records.clear();
		this.series = seedSeries(this.seeds);
		this.overrides.clear();
		this.keys.clear();
		this.counters = createCounters();
		this.faults.reset();
		this.config = { ...this.startConfig };
		this.nextId = 1;
	}
}

function pickConfig(options: EmulatorOptions): Partial<RuntimeConfig> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(DEFAULT_CONFIG)) {
		const v = (options as Record<string, unknown>)[key];
		if (v !== undefined) out[key] = v;
	}
	return out;
}
