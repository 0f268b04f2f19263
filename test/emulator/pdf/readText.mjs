// Reads a PDF from stdin with pdf.js (Mozilla's PDF reader, a dev dependency) and prints JSON
// { pages, text, warnings }: one text line per baseline, items left to right, pages separated
// by form feeds; warnings are what pdf.js reported while reading (a broken file shows up here).
// A separate Node process because pdf.js is an ES module, which jest's CommonJS runtime cannot load.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const warnings = [];
// pdf.js reports through console.log / console.warn; collect instead of printing.
console.log = console.warn = (...args) => warnings.push(args.join(' '));

const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const fontDir =
	join(
		dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
		'standard_fonts',
	) + '/';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));

const doc = await getDocument({
	data,
	verbosity: 1,
	isEvalSupported: false,
	standardFontDataUrl: fontDir,
}).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
	const page = await doc.getPage(n);
	const rows = new Map();
	for (const item of (await page.getTextContent()).items) {
		if (!('str' in item) || item.str.trim() === '') continue;
		const y = Math.round(item.transform[5]);
		if (!rows.has(y)) rows.set(y, []);
		rows.get(y).push({ x: item.transform[4], text: item.str });
	}
	const lines = [...rows.entries()]
		.sort(([a], [b]) => b - a)
		.map(([, items]) =>
			items
				.sort((a, b) => a.x - b.x)
				.map((i) => i.text)
				.join(' '),
		);
	pages.push(lines.join('\n'));
}
await doc.destroy();
process.stdout.write(JSON.stringify({ pages: pages.length, text: pages.join('\n\f'), warnings }));
