// Secrets (password, key) must never reach an output, error or log, even when a server or a
// library echoes them back. Everything user-facing passes through here.

export function redact(text: string, secrets: readonly string[]): string {
	let out = text;
	for (const secret of secrets) if (secret && secret.length > 3) out = out.split(secret).join('***');
	return out;
}

/** Redacts every string inside a JSON-like value. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
	if (typeof value === 'string') return redact(value, secrets) as T;
	if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
	if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)])) as T;
	}
	return value;
}
