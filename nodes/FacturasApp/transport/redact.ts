// Secrets (password, API keys, credentials written into the Base URL) must never reach an
// output, error or log, even when a server or a library echoes them back. This is the one place
// that blanks them: the router passes every output item and every error through a Redactor.

const MASK = '***';
/** A secret this short is not masked (it would blank ordinary text); n8n passwords are longer. */
const MIN_SECRET = 4;
/** Pieces of a secret at least this long are masked too (a body cut mid-key, a key split in two). */
const MIN_FRAGMENT = 8;
/** Fragment search is linear but not free: strings longer than this get whole-secret masking only. */
const FRAGMENT_SCAN_LIMIT = 256 * 1024;

function variants(secret: string): string[] {
	const out = new Set([secret]);
	try {
		out.add(encodeURIComponent(secret));
	} catch {
		// a lone surrogate: no encoded form
	}
	out.add(JSON.stringify(secret).slice(1, -1));
	return [...out];
}

export class Redactor {
	private readonly secrets = new Set<string>();
	/** Random keys: their pieces are masked too. Not passwords: a piece of one may be a word. */
	private readonly keys = new Set<string>();
	/** Built once per secret set, not per string: every output string of a run passes here. */
	private sorted?: string[];
	private readonly windows = new Map<string, Windows>();
	/** The keys as JSON writes them inside a string, for the one-pass check of a whole value. */
	private readonly escapedWindows = new Map<string, Windows>();

	constructor(secrets: readonly unknown[] = [], keys: readonly unknown[] = []) {
		this.add(...secrets);
		this.addKey(...keys);
	}

	/** Remembers more secrets (the password, the user for log-in messages). */
	add(...values: readonly unknown[]): this {
		for (const value of values) {
			if (typeof value !== 'string' || value.length < MIN_SECRET) continue;
			for (const variant of variants(value)) {
				if (this.secrets.has(variant)) continue;
				this.secrets.add(variant);
				this.sorted = undefined;
			}
		}
		return this;
	}

	/** Remembers an API key: masked whole and by any piece of MIN_FRAGMENT characters or more. */
	addKey(...values: readonly unknown[]): this {
		// Called after every call with the current key: a known key costs nothing.
		if (values.every((value) => typeof value === 'string' && this.keys.has(value))) return this;
		this.add(...values);
		for (const value of values) {
			if (typeof value === 'string' && value.length >= MIN_FRAGMENT && !this.keys.has(value)) {
				this.keys.add(value);
				const windows = fragmentWindows(value);
				this.windows.set(value, windows);
				const escaped = JSON.stringify(value).slice(1, -1);
				this.escapedWindows.set(escaped, escaped === value ? windows : fragmentWindows(escaped));
			}
		}
		return this;
	}

	/** Longest first, so a secret containing another is masked whole. */
	private list(): string[] {
		this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
		return this.sorted;
	}

	text(input: string): string {
		let out = input;
		const secrets = this.list();
		for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
		if (out.length >= MIN_FRAGMENT && out.length <= FRAGMENT_SCAN_LIMIT) {
			for (const [key, windows] of this.windows) out = maskFragments(out, key, windows);
		}
		return out;
	}

	/** Every string inside a JSON-like value, keys included; buffers are left alone. */
	deep<T>(value: T, depth = 0): T {
		if (typeof value === 'string') return this.text(value) as T;
		if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value))
			return value;
		// Most values hold no secret: one look at their JSON text spares walking every string.
		if (depth === 0 && !this.mayHold(value)) return value;
		if (Array.isArray(value)) return value.map((v) => this.deep(v, depth + 1)) as T;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>))
			out[this.text(k)] = this.deep(v, depth + 1);
		return out as T;
	}

	/**
	 * False only when no string in `value` can hold a secret or a piece of a key. JSON escapes
	 * character by character, so a secret in a string appears in the JSON text as its escaped
	 * form (one of its variants), and a piece of a key as a piece of the escaped key.
	 */
	private mayHold(value: object): boolean {
		let json: string | undefined;
		try {
			json = JSON.stringify(value);
		} catch {
			return true; // circular, BigInt...: walk it
		}
		if (json === undefined || json.length > FRAGMENT_SCAN_LIMIT) return true;
		for (const secret of this.list()) if (json.includes(secret)) return true;
		for (const [key, windows] of this.escapedWindows)
			if (maskFragments(json, key, windows) !== json) return true;
		return false;
	}

	/** Blanks the user-facing parts of an error in place (n8n shows message, description, context). */
	error<E>(error: E): E {
		if (!error || typeof error !== 'object') return error;
		const e = error as Record<string, unknown>;
		for (const field of ['message', 'description', 'stack']) {
			if (typeof e[field] === 'string') e[field] = this.text(e[field]);
		}
		for (const field of ['context', 'errorResponse', 'messages']) {
			if (e[field] && typeof e[field] === 'object') e[field] = this.deep(e[field]);
		}
		if (e.cause && typeof e.cause === 'object') this.error(e.cause);
		return error;
	}
}

/**
 * Masks every run of at least MIN_FRAGMENT characters that is also a piece of `secret`, so a
 * truncated or split echo of a key is blanked too. Linear in the text for a given secret: a
 * rolling hash of each MIN_FRAGMENT-character window is looked up, and only a hit is sliced and
 * compared (every output string passes here, so no allocation per character).
 */
interface Windows {
	texts: Set<string>;
	hashes: Set<number>;
}

const BASE = 31;
/** BASE^(MIN_FRAGMENT-1) mod 2^32, to take the leaving character out of the rolling hash. */
const LEAVING = Array.from({ length: MIN_FRAGMENT - 1 }).reduce<number>(
	(p) => Math.imul(p, BASE),
	1,
);

function windowHash(text: string, from: number): number {
	let h = 0;
	for (let i = from; i < from + MIN_FRAGMENT; i++)
		h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
	return h;
}

function fragmentWindows(secret: string): Windows {
	const texts = new Set<string>();
	const hashes = new Set<number>();
	for (let i = 0; i + MIN_FRAGMENT <= secret.length; i++) {
		texts.add(secret.slice(i, i + MIN_FRAGMENT));
		hashes.add(windowHash(secret, i));
	}
	return { texts, hashes };
}

function maskFragments(text: string, secret: string, windows = fragmentWindows(secret)): string {
	if (secret.length < MIN_FRAGMENT || text.length < MIN_FRAGMENT) return text;
	let out = '';
	let copied = 0;
	let h = windowHash(text, 0);
	for (let i = 0; i + MIN_FRAGMENT <= text.length; ) {
		if (!windows.hashes.has(h) || !windows.texts.has(text.slice(i, i + MIN_FRAGMENT))) {
			if (i + MIN_FRAGMENT < text.length)
				h =
					(Math.imul(h - Math.imul(text.charCodeAt(i), LEAVING), BASE) +
						text.charCodeAt(i + MIN_FRAGMENT)) |
					0;
			i++;
			continue;
		}
		let end = i + MIN_FRAGMENT;
		while (end < text.length && end - i < secret.length && secret.includes(text.slice(i, end + 1)))
			end++;
		out += text.slice(copied, i) + MASK;
		copied = end;
		i = end;
		if (i + MIN_FRAGMENT <= text.length) h = windowHash(text, i);
	}
	return copied === 0 ? text : out + text.slice(copied);
}

/** Kept for call sites that have a plain list of secrets. */
export function redact(text: string, secrets: readonly string[]): string {
	return new Redactor(secrets).text(text);
}
