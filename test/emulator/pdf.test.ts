// PDFInvoice: both answer forms, readiness, and a real, valid PDF with the invoice's content.
import { startEmulator, type Emulator } from './index';
import { call, envelopeOf, login, manyLinesBody, paths, sampleInvoiceBody } from './helpers';
import { assertPdfStructure, pdfToText, readPdf } from './pdfCheck';
import { winAnsiText, writePdf } from './pdf/writer';

let emu: Emulator;
let key: string;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(async () => {
	emu.reset();
	key = await login(emu);
});

async function create(number: string, body = sampleInvoiceBody(number)): Promise<void> {
	const env = envelopeOf(await call(emu, 'POST', paths.add, { key, body }));
	expect(env.isError).toBe(false);
}

describe('PDFInvoice', () => {
	it('answers the envelope with a base64 PDF by default', async () => {
		await create('FA2026-0001');
		const env = envelopeOf(await call(emu, 'POST', paths.pdf('FA2026-0001'), { key }));
		expect(env.isError).toBe(false);
		expect(env.id).toBe(1);
		expect(typeof env.toolObject).toBe('string');
		const pdf = Buffer.from(env.toolObject as string, 'base64');
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		assertPdfStructure(pdf);
	});

	it('answers raw application/pdf bytes with pdfForm raw', async () => {
		emu.setConfig({ pdfForm: 'raw' });
		await create('FA2026-0002');
		const res = await call(emu, 'POST', paths.pdf('FA2026-0002'), { key });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		assertPdfStructure(res.bytes);
	});

	it('reports an unknown number as a business error', async () => {
		const env = envelopeOf(await call(emu, 'POST', paths.pdf('NOPE-1'), { key }));
		expect(env).toEqual({
			id: 0,
			isError: true,
			messages: 'No se ha encontrado la factura NOPE-1',
			toolObject: null,
		});
	});

	it('reports a PDF that is not ready yet as a business error, then serves it', async () => {
		emu.setConfig({ pdfReadyDelayMs: 600_000 });
		await create('FA2026-0003');
		const early = envelopeOf(await call(emu, 'POST', paths.pdf('FA2026-0003'), { key }));
		expect(early.isError).toBe(true);
		expect(early.messages).toMatch(/aún no está disponible/);
		emu.advanceClock(600_000);
		const later = envelopeOf(await call(emu, 'POST', paths.pdf('FA2026-0003'), { key }));
		expect(later.isError).toBe(false);
	});

	it('answers 400 without the invoiceNumber parameter', async () => {
		const res = await call(emu, 'POST', paths.pdf('').replace(/\?.*$/, ''), { key });
		expect(res.status).toBe(400);
	});

	it('finds numbers that need URL encoding', async () => {
		await create('A/B 1+2');
		const env = envelopeOf(await call(emu, 'POST', paths.pdf('A/B 1+2'), { key }));
		expect(env.isError).toBe(false);
	});

	it('shows issuer, number, date, customer, lines and totals (read back with pdf.js)', async () => {
		await create('FA2026-0004');
		const env = envelopeOf(await call(emu, 'POST', paths.pdf('FA2026-0004'), { key }));
		const text = pdfToText(Buffer.from(env.toolObject as string, 'base64'));
		for (const expected of [
			'Empresa Demostración, S.L.',
			'B12345674',
			'FA2026-0004',
			'15/03/2026',
			'José Muñoz Peña',
			'12345678Z',
			'Tornillos de acero inoxidable (caja)',
			'Café molido 1 kg',
			'Instalación y montaje',
			'210,00',
			'630,00',
			'865,00 €',
			'172,30 €',
			'1.071,25 €',
			'1.048,75 €',
		]) {
			expect(text).toContain(expected);
		}
	});
});

describe('PDF writer', () => {
	it('writes Spanish text and PDF string syntax that read back unchanged; other scripts become ?', async () => {
		const texts = ['ñÑáéíóúüÜ¿¡ºª€—', 'a(b)c\\d', 'n\u0303 (composed)', 'dice 日'];
		const pdf = await writePdf([
			{ texts: texts.map((text, i) => ({ x: 50, y: 700 - i * 20, text })) },
		]);
		assertPdfStructure(pdf);
		expect(pdfToText(pdf).split('\n')).toEqual([
			'ñÑáéíóúüÜ¿¡ºª€—',
			'a(b)c\\d',
			'ñ (composed)',
			'dice ?',
		]);
		expect(winAnsiText('n\u0303日')).toBe('ñ?');
	});

	it('writes a structurally valid multi-page file', async () => {
		const pages = Array.from({ length: 3 }, (_, i) => ({
			texts: [{ x: 50, y: 700, text: `Página ${i + 1} (con paréntesis) \\ ñ` }],
			lines: [[50, 690, 545, 690] as [number, number, number, number]],
		}));
		const pdf = await writePdf(pages, 'Título');
		assertPdfStructure(pdf);
		expect(pdf.toString('latin1')).toMatch(/\/Count 3\b/);
		const read = readPdf(pdf);
		expect(read).toMatchObject({ pages: 3, warnings: [] });
		expect(read.text.split('\n\f')).toEqual(
			[1, 2, 3].map((n) => `Página ${n} (con paréntesis) \\ ñ`),
		);
	});

	it('right-aligns text on its x', async () => {
		// A left-aligned word placed just left of x sorts after a text right-aligned at x (which
		// starts well before x), and would sort before it if that text started at x.
		const pdf = await writePdf([
			{
				texts: [
					{ x: 300, y: 700, text: '1.071,25 €', align: 'right' },
					{ x: 290, y: 700, text: 'mid' },
					{ x: 300, y: 680, text: '5,00 €', align: 'right' },
					{ x: 285, y: 680, text: 'mid' },
				],
			},
		]);
		expect(pdfToText(pdf).split('\n')).toEqual(['1.071,25 € mid', '5,00 € mid']);
	});

	it('pads the file by about padBytes for the memory benchmark', async () => {
		const plain = await writePdf([{ texts: [{ x: 50, y: 700, text: 'x' }] }]);
		const padded = await writePdf([{ texts: [{ x: 50, y: 700, text: 'x' }] }], '', 100_000);
		assertPdfStructure(padded);
		expect(padded.length - plain.length).toBeGreaterThanOrEqual(100_000);
		expect(padded.length - plain.length).toBeLessThan(101_000);
		expect(pdfToText(padded)).toBe('x');
	});

	it('paginates an invoice with many lines', async () => {
		await create('LONG-1', manyLinesBody('LONG-1', 90));
		const env = envelopeOf(await call(emu, 'POST', paths.pdf('LONG-1'), { key }));
		const pdf = Buffer.from(env.toolObject as string, 'base64');
		assertPdfStructure(pdf);
		const text = pdfToText(pdf);
		expect(readPdf(pdf).pages).toBe(3);
		expect(text).toContain('Línea nº 1 ');
		expect(text).toContain('Línea nº 90');
		expect(text).toMatch(/Página 3 de 3/);
	});
});
