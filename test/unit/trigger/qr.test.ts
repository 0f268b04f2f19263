import { aeatQrUrl, qrAmount, qrDate, qrFieldsOf } from '../../../nodes/FacturasApp/invoice/qr';

const base = {
	nif: '89890001K',
	invoiceNumber: '12345678&G33',
	date: '2024-01-01',
	total: 241.4,
	mode: 'verifactu' as const,
	production: false,
};

describe('aeatQrUrl (AEAT QR specification, contract §10)', () => {
	it("gives AEAT's own example exactly", () => {
		expect(aeatQrUrl(base)).toEqual({
			url: 'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4',
		});
	});

	it('picks the host by environment and the path by invoicing mode', () => {
		const url = (over: object) =>
			'url' in aeatQrUrl({ ...base, ...over })
				? (aeatQrUrl({ ...base, ...over }) as { url: string }).url
				: '';
		expect(url({ production: true })).toMatch(
			/^https:\/\/www2\.agenciatributaria\.gob\.es\/wlpl\/TIKE-CONT\/ValidarQR\?/,
		);
		expect(url({ production: true, mode: 'noVerifactu' })).toMatch(
			/^https:\/\/www2\.agenciatributaria\.gob\.es\/wlpl\/TIKE-CONT\/ValidarQRNoVerifactu\?/,
		);
		expect(url({ mode: 'noVerifactu' })).toMatch(
			/^https:\/\/prewww2\.aeat\.es\/wlpl\/TIKE-CONT\/ValidarQRNoVerifactu\?/,
		);
	});

	it.each([
		['A&B 1', 'A%26B%201'],
		['F+2026/7', 'F%2B2026%2F7'],
		['Fa ño', 'Fa%20%C3%B1o'],
	])('URL-encodes the number %s as UTF-8', (number, encoded) => {
		const built = aeatQrUrl({ ...base, invoiceNumber: number }) as { url: string };
		expect(built.url).toContain(`&numserie=${encoded}&`);
		expect(new URL(built.url).searchParams.get('numserie')).toBe(number);
	});

	it('formats dates and amounts as AEAT wants them', () => {
		expect(qrDate('2026-11-20T12:00:00.000Z')).toBe('20-11-2026');
		expect(qrDate('20/11/2026')).toBe('20-11-2026');
		expect(qrDate('mañana')).toBeUndefined();
		expect([
			qrAmount(1071.25),
			qrAmount(100),
			qrAmount('0.10'),
			qrAmount('12.345'),
			qrAmount('1,5'),
		]).toEqual(['1071.25', '100', '0.1', '12.34', undefined]);
	});

	it('says what is wrong instead of building a wrong URL', () => {
		expect(aeatQrUrl({ ...base, nif: 'B123' })).toEqual({
			problem: expect.stringContaining('not 9 letters or digits'),
		});
		expect(aeatQrUrl({ ...base, date: 'ayer' })).toEqual({
			problem: expect.stringContaining('not a date'),
		});
		expect(aeatQrUrl({ ...base, total: 'mucho' })).toEqual({
			problem: expect.stringContaining('not an amount'),
		});
	});

	it('finds date and total in a state answer only when they are there', () => {
		expect(qrFieldsOf({ InvoiceDate: '2026-01-02', SumTotalTotal: 10 })).toEqual({
			date: '2026-01-02',
			total: 10,
		});
		expect(qrFieldsOf({ state: 'Correcto' })).toEqual({});
		expect(qrFieldsOf('Correcto')).toEqual({});
	});
});
