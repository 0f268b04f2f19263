// Fault injection: decides, per call, the extra latency and the fault (if any) to inject.
import {
	ENDPOINTS,
	type Endpoint,
	type FaultAction,
	type FaultConfig,
	type FaultControl,
	type FaultKind,
	type FaultRule,
	type RateFaultRule,
	type ScriptFaultRule,
	type ScriptStep,
} from './types';

const KINDS: readonly FaultKind[] = [
	'latency',
	'500',
	'503',
	'429',
	'reset',
	'timeout',
	'commitThen500',
	'commitThenReset',
	'commitThenCutHeaders',
	'commitThenCutBody',
	'commitThenHang',
	'isErrorString',
	'answerEmptyArray',
	'answerNull',
	'answerEmptyObject',
	'answerNotFoundOk',
	'answerStatusError',
	'answerOtherInvoice',
];

/** Faults applied after the handler ran (its effect is done); the others replace the call. */
export const AFTER_EFFECT: readonly FaultAction[] = [
	'commitThen500',
	'commitThenReset',
	'commitThenCutHeaders',
	'commitThenCutBody',
	'commitThenHang',
	'isErrorString',
];

export interface FaultDecision {
	latencyMs: number;
	action: FaultAction | null;
	retryAfterSec: number;
}

/** mulberry32: tiny, seedable, good enough to spread fault rates deterministically. */
export function createPrng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultController implements FaultControl {
	private latencyMs = 0;
	private rules: FaultRule[] = [];
	private random: () => number;

	constructor(private readonly seed: number) {
		this.random = createPrng(seed);
	}

	set(config: FaultConfig | FaultRule[]): void {
		const normal = parseFaultConfig(config);
		this.latencyMs = normal.latencyMs;
		// Copy scripts: they are consumed in place.
		this.rules = normal.rules.map((r) =>
			'script' in r ? { ...r, script: [...r.script] } : { ...r },
		);
	}

	add(rule: FaultRule): void {
		const [checked] = parseFaultConfig([rule]).rules;
		this.rules.push('script' in checked ? { ...checked, script: [...checked.script] } : checked);
	}

	clear(): void {
		this.latencyMs = 0;
		this.rules = [];
	}

	/** clear() plus a fresh PRNG, so a reset emulator replays the same fault sequence. */
	reset(): void {
		this.clear();
		this.random = createPrng(this.seed);
	}

	snapshot(): Required<FaultConfig> {
		return {
			latencyMs: this.latencyMs,
			rules: this.rules.map((r) => ('script' in r ? { ...r, script: [...r.script] } : { ...r })),
		};
	}

	decide(endpoint: Endpoint): FaultDecision {
		let latencyMs = this.latencyMs;
		let action: FaultAction | null = null;
		let retryAfterSec = 1;
		// A script step, when one is left, wins over rates: scripts are meant to be exact.
		const script = this.rules.find(
			(r): r is ScriptFaultRule => r.endpoint === endpoint && 'script' in r && r.script.length > 0,
		);
		if (script) {
			const step = script.script.shift() as ScriptStep;
			if (step !== 'ok') action = step;
			retryAfterSec = script.retryAfterSec ?? 1;
		}
		for (const rule of this.rules) {
			if (rule.endpoint !== endpoint || 'script' in rule) continue;
			// Draw for every rate rule so one rule's outcome does not shift another's sequence.
			const hit = this.random() < (rule.rate ?? 1);
			if (!hit) continue;
			if (rule.kind === 'latency') latencyMs += rule.ms ?? 0;
			else if (action === null) {
				action = rule.kind;
				retryAfterSec = rule.retryAfterSec ?? 1;
			}
		}
		return { latencyMs, action, retryAfterSec };
	}
}

/** Checks a configuration coming from code or from the control API; throws on nonsense. */
export function parseFaultConfig(input: unknown): { latencyMs: number; rules: FaultRule[] } {
	const config: FaultConfig = Array.isArray(input) ? { rules: input } : (input as FaultConfig);
	if (config === null || typeof config !== 'object')
		throw new Error('fault config must be an object or an array');
	const latencyMs = config.latencyMs ?? 0;
	if (!isNonNegative(latencyMs)) throw new Error('latencyMs must be a number >= 0');
	if (config.rules !== undefined && !Array.isArray(config.rules))
		throw new Error('rules must be an array');
	const rules = (config.rules ?? []).map((rule, i) => checkRule(rule, i));
	return { latencyMs, rules };
}

function checkRule(rule: unknown, i: number): FaultRule {
	const r = rule as Partial<RateFaultRule & ScriptFaultRule>;
	const where = `rules[${i}]`;
	if (r === null || typeof r !== 'object') throw new Error(`${where} must be an object`);
	if (!ENDPOINTS.includes(r.endpoint as Endpoint)) {
		throw new Error(`${where}.endpoint must be one of ${ENDPOINTS.join(', ')}`);
	}
	if (r.retryAfterSec !== undefined && !isNonNegative(r.retryAfterSec)) {
		throw new Error(`${where}.retryAfterSec must be a number >= 0`);
	}
	if (r.script !== undefined) {
		const steps: readonly string[] = ['ok', ...KINDS.filter((k) => k !== 'latency')];
		if (!Array.isArray(r.script) || r.script.some((s) => !steps.includes(s))) {
			throw new Error(`${where}.script must be an array of ${steps.join(', ')}`);
		}
		return { endpoint: r.endpoint!, script: r.script, retryAfterSec: r.retryAfterSec };
	}
	if (!KINDS.includes(r.kind as FaultKind))
		throw new Error(`${where}.kind must be one of ${KINDS.join(', ')}`);
	const rate = r.rate ?? 1;
	if (!isNonNegative(rate) || rate > 1) throw new Error(`${where}.rate must be between 0 and 1`);
	if (r.kind === 'latency' && !isNonNegative(r.ms))
		throw new Error(`${where}.ms must be a number >= 0`);
	return { endpoint: r.endpoint!, kind: r.kind!, rate, ms: r.ms, retryAfterSec: r.retryAfterSec };
}

function isNonNegative(n: unknown): n is number {
	return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}
