// The emulator's PDF writer, on PDFKit (a dev dependency): text in the standard Helvetica /
// Helvetica-Bold fonts (WinAnsi: Spanish letters and € included), thin lines, A4 pages.
// Uncompressed, so a PDF can be read in a text editor. Coordinates are PDF points from the
// bottom-left corner, a text's y being its baseline (PDFKit itself measures from the top).
import PDFDocument from 'pdfkit';

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

// The characters of WinAnsiEncoding outside Latin-1 (its 0x80-0x9F range).
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** What the standard fonts can show: NFC, and '?' for any character WinAnsi lacks (PDFKit would garble it). */
export function winAnsiText(text: string): string {
	let out = '';
	for (const ch of text.normalize('NFC')) {
		const code = ch.codePointAt(0)!;
		out +=
			(code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)
				? ch
				: '?';
	}
	return out;
}

/**
 * Serialises the pages into a complete PDF file. `padBytes` adds an unreferenced stream of
 * about that size: large PDFs for memory benchmarks.
 */
export function writePdf(pages: PdfPage[], title = '', padBytes = 0): Promise<Buffer> {
	const doc = new PDFDocument({
		autoFirstPage: false,
		compress: false,
		pdfVersion: '1.4',
		info: { Title: title, Producer: 'FacturasApp emulator', Creator: 'FacturasApp emulator' },
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	for (const page of pages.length > 0 ? pages : [{ texts: [] }]) {
		doc.addPage({ size: [A4.width, A4.height], margin: 0 });
		if (page.lines?.length) {
			doc.lineWidth(0.5);
			for (const [x1, y1, x2, y2] of page.lines)
				doc
					.moveTo(x1, A4.height - y1)
					.lineTo(x2, A4.height - y2)
					.stroke();
		}
		for (const t of page.texts) {
			const text = winAnsiText(t.text);
			doc.font(t.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(t.size ?? 10);
			const x = t.align === 'right' ? t.x - doc.widthOfString(text) : t.x;
			doc.text(text, x, A4.height - t.y, { baseline: 'alphabetic', lineBreak: false });
		}
	}
	if (padBytes > 0) {
		const pad = doc.ref({ Type: 'EmulatorPadding' });
		pad.end('~'.repeat(padBytes));
	}
	doc.end();
	return done;
}
