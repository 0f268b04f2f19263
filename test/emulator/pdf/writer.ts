// Minimal PDF 1.4 writer: text in Helvetica / Helvetica-Bold with WinAnsiEncoding, thin lines.
// Content streams are uncompressed and every string byte >= 0x80 is written as an octal escape,
// so the file body stays ASCII and xref offsets are plain string lengths.

export interface TextItem {
	x: number;
	y: number;
	text: string;
	size?: number;
	bold?: boolean;
	/** 'right': x is where the text ends. */
	align?: 'left' | 'right';
}

export interface PdfPage {
	texts: TextItem[];
	/** [x1, y1, x2, y2] in points. */
	lines?: Array<[number, number, number, number]>;
}

export const A4 = { width: 595, height: 842 };

// cp1252 bytes 0x80-0x9F that WinAnsiEncoding maps to non-Latin-1 characters.
const WIN_ANSI_EXTRA: Record<string, number> = {
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
	'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/** Text → WinAnsi bytes; characters the encoding lacks become '?'. */
export function toWinAnsi(text: string): number[] {
	const bytes: number[] = [];
	for (const ch of text.normalize('NFC')) {
		const code = ch.codePointAt(0)!;
		if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
		else bytes.push(WIN_ANSI_EXTRA[ch] ?? 0x3f);
	}
	return bytes;
}

/** A PDF literal string "(...)" with ( ) \ escaped and non-printable bytes in octal. */
export function pdfString(text: string): string {
	let out = '(';
	for (const b of toWinAnsi(text)) {
		if (b === 0x28 || b === 0x29 || b === 0x5c) out += '\\' + String.fromCharCode(b);
		else if (b < 0x20 || b >= 0x7f) out += '\\' + b.toString(8).padStart(3, '0');
		else out += String.fromCharCode(b);
	}
	return out + ')';
}

// Helvetica advance widths (AFM, 1/1000 em) for ASCII 32..126; enough to right-align numbers.
const HELVETICA_WIDTHS = [
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
	556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
	611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
	667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
	222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Approximate width in points (accented letters and bold counted as plain Helvetica). */
export function textWidth(text: string, size: number): number {
	let units = 0;
	for (const ch of text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')) {
		const code = ch.codePointAt(0)!;
		units += code >= 32 && code <= 126 ? HELVETICA_WIDTHS[code - 32] : 556;
	}
	return (units * size) / 1000;
}

function num(n: number): string {
	return Number(n.toFixed(2)).toString();
}

function contentStream(page: PdfPage): string {
	const ops: string[] = [];
	if (page.lines?.length) {
		ops.push('0.5 w');
		for (const [x1, y1, x2, y2] of page.lines) ops.push(`${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S`);
	}
	for (const t of page.texts) {
		const size = t.size ?? 10;
		const x = t.align === 'right' ? t.x - textWidth(t.text, size) : t.x;
		ops.push(`BT /${t.bold ? 'F2' : 'F1'} ${size} Tf ${num(x)} ${num(t.y)} Td ${pdfString(t.text)} Tj ET`);
	}
	return ops.join('\n') + '\n';
}

/** Serialises the pages into a complete PDF file with a correct cross-reference table. */
/** `padBytes` adds comment lines after the header: large PDFs for memory benchmarks. */
export function writePdf(pages: PdfPage[], title = '', padBytes = 0): Buffer {
	if (pages.length === 0) pages = [{ texts: [] }];
	const objects: string[] = [];
	// Fixed objects: 1 catalog, 2 page tree, 3 and 4 fonts, 5 info; then page + content pairs.
	const pageIds = pages.map((_, i) => 6 + i * 2);
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
	objects[5] = `<< /Producer ${pdfString('FacturasApp emulator')} /Title ${pdfString(title)} >>`;
	pages.forEach((page, i) => {
		const stream = contentStream(page);
		objects[pageIds[i]] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
			`/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
		// The stream is ASCII, so its character count is its byte count.
		objects[pageIds[i] + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}endstream`;
	});

	// The second header line holds bytes >= 0x80 so tools treat the file as binary.
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	if (padBytes > 0) out += `%${'~'.repeat(78)}\n`.repeat(Math.ceil(padBytes / 80));
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = out.length;
		out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
	}
	const xrefAt = out.length;
	out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	// latin1 keeps one byte per character, matching the offsets computed above.
	return Buffer.from(out, 'latin1');
}
