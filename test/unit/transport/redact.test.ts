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
