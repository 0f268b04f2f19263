// The Redactor's key-fragment masking against the plain rule written as slices: every run of 8 or
// more characters that is a piece of the key becomes ***. The node uses a rolling hash; both must
// give the same text for echoes whole, cut, split, shifted and surrounded by any characters.
import { Redactor } from '../../../nodes/FacturasApp/transport/redact';

function reference(text: string, key: string): string {
	const n = 8;
	const windows = new Set<string>();
	for (let i = 0; i + n <= key.length; i++) windows.add(key.slice(i, i + n));
	let out = '';
	let copied = 0;
	for (let i = 0; i + n <= text.length; ) {
		if (!windows.has(text.slice(i, i + n))) {
			i++;
			continue;
		}
		let end = i + n;
		while (end < text.length && end - i < key.length && key.includes(text.slice(i, end + 1))) end++;
		out += text.slice(copied, i) + '***';
		copied = end;
		i = end;
	}
	return copied === 0 ? text : out + text.slice(copied);
}

function random(seed: number) {
	return () => {
		seed = (Math.imul(seed, 1664525) + 1013904223) | 0;
		return (seed >>> 0) / 2 ** 32;
	};
}

describe('Redactor: pieces of a key', () => {
	const key = 'k3Y-9fQ2xZ7wL0pR8sT4uV6yB1nM5cD';
	const rnd = random(42);
	const alphabet = 'abcXYZ019-_ ñ€😀"\\\n' + key;
	const pick = (s: string) => s[Math.floor(rnd() * s.length)];

	it('masks exactly what the plain rule masks, over 3000 random texts', () => {
		let masked = 0;
		for (let t = 0; t < 3000; t++) {
			let text = '';
			const parts = 1 + Math.floor(rnd() * 6);
			for (let p = 0; p < parts; p++) {
				const noise = Array.from({ length: Math.floor(rnd() * 20) }, () => pick(alphabet)).join('');
				const from = Math.floor(rnd() * key.length);
				const piece = key.slice(from, from + Math.floor(rnd() * (key.length + 1)));
				text += noise + (rnd() < 0.7 ? piece : '');
			}
			const redactor = new Redactor([], [key]);
			const got = redactor.text(text);
			// The Redactor blanks the whole key first, then its pieces.
			expect({ text, got }).toEqual({ text, got: reference(text.split(key).join('***'), key) });
			if (got !== text) masked++;
		}
		expect(masked).toBeGreaterThan(1500);
	});

	it('leaves a text without 8 characters of the key as it is', () => {
		const redactor = new Redactor([], [key]);
		const text = `${key.slice(0, 7)} and ${key.slice(10, 17)} ${'x'.repeat(500)}`;
		expect(redactor.text(text)).toBe(text);
		expect(redactor.text(`id ${key.slice(3, 11)}.`)).toBe('id ***.');
	});
});

describe('Redactor: whole values', () => {
	// The definition: every string of the value (keys included) through text().
	const walk = (r: Redactor, v: unknown): unknown => {
		if (typeof v === 'string') return r.text(v);
		if (Array.isArray(v)) return v.map((x) => walk(r, x));
		if (v && typeof v === 'object')
			return Object.fromEntries(Object.entries(v).map(([k, x]) => [r.text(k), walk(r, x)]));
		return v;
	};
	const rnd = random(7);
	const password = 'pa"ss\\wörd\n42';
	const key = 'Kx"9\\fQ2/xZ7wL0pR8sT4u€V6yB1nM';
	// Every 8 characters of it hold a character JSON escapes.
	const dense = 'q"w\\e"r\\t"y\\u"i\\o"p\n';
	const pieces = [
		dense.slice(1, 10),
		dense.slice(4, 13),
		password,
		key,
		key.slice(2, 12),
		key.slice(-9),
		encodeURIComponent(password),
		'plain',
		'ñandú',
		'"',
		'\\',
	];
	const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
	const text = () =>
		Array.from({ length: Math.floor(rnd() * 4) }, () =>
			rnd() < 0.25 ? pick(pieces) : pick(['a', 'Z 9', '{}', '\u0000', '😀']),
		).join('');
	const value = (depth: number): unknown => {
		const r = rnd();
		if (depth > 3 || r < 0.3) return pick([text(), 12.5, true, null]);
		if (r < 0.5) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
		return Object.fromEntries(
			Array.from({ length: Math.floor(rnd() * 4) }, () => [text(), value(depth + 1)]),
		);
	};

	it('gives what walking every string gives, for 2000 random values with and without echoes', () => {
		const redactor = new Redactor([password], [key, dense]);
		let changed = 0;
		let untouched = 0;
		for (let i = 0; i < 2000; i++) {
			const v = { invoice: value(0), raw: { response: value(1) } };
			const got = redactor.deep(v);
			expect(got).toEqual(walk(redactor, v));
			if (JSON.stringify(got) === JSON.stringify(v)) untouched++;
			else changed++;
		}
		expect(changed).toBeGreaterThan(200);
		expect(untouched).toBeGreaterThan(200);
	});
});
