// Structural PDF checks for the tests, and the PDF's text as an independent reader (pdf.js) sees it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Throws unless the header, trailer, xref offsets and stream lengths are all consistent. */
export function assertPdfStructure(pdf: Buffer): void {
	const text = pdf.toString('latin1');
	if (!text.startsWith('%PDF-1.4\n')) throw new Error('no %PDF-1.4 header');
	if (!/%%EOF\s*$/.test(text)) throw new Error('no %%EOF at the end');
	const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
	if (!startxref) throw new Error('no startxref');
	const xrefAt = Number(startxref[1]);
	if (!text.startsWith('xref', xrefAt)) throw new Error(`startxref ${xrefAt} does not point at xref`);
	const header = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt));
	if (!header) throw new Error('bad xref header');
	const count = Number(header[1]);
	const entries = text.slice(xrefAt + header[0].length).split('\n').slice(0, count);
	if (entries[0] !== '0000000000 65535 f ') throw new Error('bad free entry');
	for (let id = 1; id < count; id++) {
		const m = /^(\d{10}) 00000 n $/.exec(entries[id]);
		if (!m) throw new Error(`bad xref entry ${id}: ${entries[id]}`);
		if (!text.startsWith(`${id} 0 obj`, Number(m[1]))) throw new Error(`xref offset of object ${id} is wrong`);
	}
	const size = /\/Size (\d+)/.exec(text.slice(xrefAt));
	if (Number(size?.[1]) !== count) throw new Error('trailer /Size differs from xref count');
	for (const s of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
		const start = s.index! + s[0].length;
		if (!text.startsWith('endstream', start + Number(s[1]))) throw new Error('stream /Length is wrong');
	}
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
	const out = execFileSync(process.execPath, [READER], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return JSON.parse(out) as PdfReading;
}

/** The PDF's text as pdf.js extracts it; throws on anything pdf.js had to warn about. */
export function pdfToText(pdf: Buffer): string {
	const reading = readPdf(pdf);
	if (reading.warnings.length > 0) throw new Error(`pdf.js warned: ${reading.warnings.join('; ')}`);
	return reading.text;
}
