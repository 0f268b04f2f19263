// Structural PDF checks for the tests, and the PDF's text as an independent reader (pdf.js) sees it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Throws unless the header, trailer, xref offsets and stream lengths are all consistent. */
export function assertPdfStructure(pdf: Buffer): void {
	const text = pdf.toString('latin1');
	if (!/^%PDF-1\.\d\r?\n/.test(text)) throw new Error('no %PDF-1.x header');
	if (!/%%EOF\s*$/.test(text)) throw new Error('no %%EOF at the end');
	const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
	if (!startxref) throw new Error('no startxref');
	const xrefAt = Number(startxref[1]);
	if (!text.startsWith('xref', xrefAt))
		throw new Error(`startxref ${xrefAt} does not point at xref`);
	const header = /^xref\r?\n0 (\d+)\r?\n/.exec(text.slice(xrefAt));
	if (!header) throw new Error('bad xref header');
	const count = Number(header[1]);
	// Each entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n/f, 2-byte EOL.
	const entries = Array.from({ length: count }, (_, id) =>
		text.substr(xrefAt + header[0].length + id * 20, 20),
	);
	if (!/^0000000000 65535 f[ \r][\n\r]$/.test(entries[0])) throw new Error('bad free entry');
	for (let id = 1; id < count; id++) {
		const m = /^(\d{10}) 00000 n[ \r][\n\r]$/.exec(entries[id]);
		if (!m) throw new Error(`bad xref entry ${id}: ${JSON.stringify(entries[id])}`);
		if (!text.startsWith(`${id} 0 obj`, Number(m[1])))
			throw new Error(`xref offset of object ${id} is wrong`);
	}
	const size = /\/Size (\d+)/.exec(text.slice(xrefAt));
	if (Number(size?.[1]) !== count) throw new Error('trailer /Size differs from xref count');
	// Every stream: its direct /Length must end right before the EOL that precedes endstream.
	let streams = 0;
	for (const s of text.matchAll(/\/Length (\d+)(?!\s+\d+\s+R)[^]*?>>\s*stream\r?\n/g)) {
		const end = s.index! + s[0].length + Number(s[1]);
		if (!/^\r?\nendstream/.test(text.slice(end, end + 11)))
			throw new Error('stream /Length is wrong');
		streams++;
	}
	if (streams !== (text.match(/\bendstream\b/g) ?? []).length)
		throw new Error('a stream without a direct /Length');
}

export interface PdfReading {
	pages: number;
	/** One line per text baseline, items left to right; pages separated by form feeds. */
	text: string;
	/** What pdf.js reported while reading: empty for a well-formed file. */
	warnings: string[];
}

const READER = join(__dirname, 'pdf', 'readText.mjs');

/** The PDF as pdf.js reads it (in a child process: pdf.js is an ES module). */
export function readPdf(pdf: Buffer): PdfReading {
	const out = execFileSync(process.execPath, [READER], {
		input: pdf,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	return JSON.parse(out) as PdfReading;
}

/** The PDF's text as pdf.js extracts it; throws on anything pdf.js had to warn about. */
export function pdfToText(pdf: Buffer): string {
	const reading = readPdf(pdf);
	if (reading.warnings.length > 0) throw new Error(`pdf.js warned: ${reading.warnings.join('; ')}`);
	return reading.text;
}
