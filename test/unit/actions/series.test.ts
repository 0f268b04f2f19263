import {
	defaultSeries,
	findSeries,
	formatInvoiceNumber,
	nextNumberIn,
	readSeriesList,
} from '../../../nodes/FacturasApp/numbering/series';
import { summarizeState } from '../../../nodes/FacturasApp/transport/stateSummary';

// The [seen] answer of facturasapp-api.md §12, as the public client reads it.
const SEEN = {
	facturasDeAlta: [
		{ prefijo: 'FACT', consecutivoActual: 5, isDefault: true },
		{ prefijo: 'REC', consecutivoActual: 12, isDefault: false },
	],
};

describe('readSeriesList: the seen GetConsecutives answer', () => {
	it('reads prefix, last number (consecutivoActual), default flag and keeps the raw entry', () => {
		expect(readSeriesList(SEEN)).toEqual([
			{
				prefix: 'FACT',
				lastNumber: 5,
				isDefault: true,
				digits: 4,
				list: 'facturasDeAlta',
				raw: SEEN.facturasDeAlta[0],
			},
			{
				prefix: 'REC',
				lastNumber: 12,
				isDefault: false,
				digits: 4,
				list: 'facturasDeAlta',
				raw: SEEN.facturasDeAlta[1],
			},
		]);
	});

	it('the next number is padded to max(4, digits of consecutivoActual): FACT0006 after FACT/5', () => {
		const pad = (consecutivoActual: unknown) =>
			nextNumberIn(readSeriesList({ facturasDeAlta: [{ prefijo: 'FACT', consecutivoActual }] })[0])
				?.invoiceNumber;
		expect(pad(5)).toBe('FACT0006');
		expect(pad(0)).toBe('FACT0001');
		expect(pad(999)).toBe('FACT1000');
		expect(pad(9999)).toBe('FACT10000');
		expect(pad(12345)).toBe('FACT12346');
		expect(pad('000041')).toBe('FACT000042'); // a zero-led string shows its width
		expect(pad(-1)).toBeUndefined();
		expect(pad(2.5)).toBeUndefined();
		expect(pad(null)).toBeUndefined();
	});

	it('prefixes are taken exactly as sent, "_" and all', () => {
		const list = readSeriesList({
			facturasDeAlta: [
				{ prefijo: 'Bill_', consecutivoActual: 7, isDefault: false },
				{ prefijo: 'FA_2026_', consecutivoActual: 41 },
			],
		});
		expect(list.map((s) => nextNumberIn(s)!.invoiceNumber)).toEqual(['Bill_0008', 'FA_2026_0042']);
		expect(findSeries(list, 'Bill_')).toBe(list[0]);
		expect(findSeries(list, 'Bill')).toBeUndefined();
	});

	it('default series: the one with isDefault true, else the first', () => {
		expect(defaultSeries(readSeriesList(SEEN))!.prefix).toBe('FACT');
		const secondIsDefault = {
			facturasDeAlta: [
				{ prefijo: 'A', consecutivoActual: 1, isDefault: false },
				{ prefijo: 'B', consecutivoActual: 2, isDefault: true },
			],
		};
		expect(defaultSeries(readSeriesList(secondIsDefault))!.prefix).toBe('B');
		const noneDefault = {
			facturasDeAlta: [
				{ prefijo: 'A', consecutivoActual: 1, isDefault: false },
				{ prefijo: 'B', consecutivoActual: 2 },
			],
		};
		expect(defaultSeries(readSeriesList(noneDefault))!.prefix).toBe('A');
		expect(findSeries(readSeriesList(secondIsDefault), '')!.prefix).toBe('B');
		expect(defaultSeries([])).toBeUndefined();
	});
});

describe('readSeriesList: [unknown] forms, read tolerantly', () => {
	it('the seen object inside the envelope, or as a JSON string', () => {
		const expected = readSeriesList(SEEN);
		expect(readSeriesList({ id: 0, messages: null, isError: false, toolObject: SEEN })).toEqual(
			expected,
		);
		expect(readSeriesList(JSON.stringify(SEEN))).toEqual(expected);
		expect(
			readSeriesList({ id: 0, messages: null, isError: false, toolObject: JSON.stringify(SEEN) }),
		).toEqual(expected);
	});

	it('other lists: facturasDeAlta comes first and gives the default series', () => {
		const list = readSeriesList({
			facturasRectificativas: [{ prefijo: 'R', consecutivoActual: 3, isDefault: true }],
			...SEEN,
		});
		expect(list.map((s) => [s.list, s.prefix])).toEqual([
			['facturasDeAlta', 'FACT'],
			['facturasDeAlta', 'REC'],
			['facturasRectificativas', 'R'],
		]);
		expect(defaultSeries(list)!.prefix).toBe('FACT');
		expect(findSeries(list, 'R')!.lastNumber).toBe(3);
	});

	it('a bare array, English keys, a single entry, one wrapping object', () => {
		expect(
			readSeriesList([{ prefix: 'FA2026-', lastNumber: 12, isDefault: 'true' }]),
		).toMatchObject([{ prefix: 'FA2026-', lastNumber: 12, isDefault: true, digits: 4 }]);
		expect(readSeriesList({ prefijo: 'X', consecutivoActual: 1 })).toMatchObject([
			{ prefix: 'X', lastNumber: 1, isDefault: false },
		]);
		expect(readSeriesList({ data: SEEN })).toMatchObject([{ prefix: 'FACT' }, { prefix: 'REC' }]);
	});

	it('reads Spanish keys in any case, and padding from a zero-led number', () => {
		const [s] = readSeriesList({ series: [{ Serie: 'RA', UltimoNumero: '0042' }] });
		expect(s).toMatchObject({ prefix: 'RA', lastNumber: 42, digits: 4 });
	});

	it('skips entries without a prefix and leaves out a last number it cannot read', () => {
		expect(readSeriesList([{ foo: 1 }, { prefix: 'X', lastNumber: 'twelve' }, 'junk'])).toEqual([
			{ prefix: 'X', isDefault: false, digits: 4, raw: { prefix: 'X', lastNumber: 'twelve' } },
		]);
	});

	it('returns nothing for shapes it does not know', () => {
		expect(readSeriesList({ a: [1], b: [2] })).toEqual([]);
		expect(readSeriesList(null)).toEqual([]);
		expect(readSeriesList('FACT')).toEqual([]);
		expect(readSeriesList({ isError: false, toolObject: null })).toEqual([]);
	});

	it('formats numbers zero-padded like the series', () => {
		expect(formatInvoiceNumber('FA2026-', 7, 4)).toBe('FA2026-0007');
		expect(formatInvoiceNumber('RA', 12345, 4)).toBe('RA12345');
		expect(formatInvoiceNumber('', 25)).toBe('25');
	});
});

describe('summarizeState (only from fields it finds)', () => {
	it.each([
		[
			{ state: 'Correcto', csv: 'ABC' },
			{ status: 'Correcto', outcome: 'accepted', final: true, csv: 'ABC' },
		],
		[
			{
				Estado: 'AceptadoConErrores',
				CodigoErrorRegistro: 2011,
				DescripcionErrorRegistro: 'No censado',
			},
			{
				status: 'AceptadoConErrores',
				outcome: 'acceptedWithErrors',
				final: true,
				aeatCode: '2011',
				aeatDescription: 'No censado',
			},
		],
		[
			{ status: 'Incorrecto', aeatCode: '4107' },
			{ status: 'Incorrecto', outcome: 'rejected', final: true, aeatCode: '4107' },
		],
		[[{ state: 'Pendiente' }], { status: 'Pendiente', outcome: 'pending', final: false }],
		['Rechazada', { status: 'Rechazada', outcome: 'rejected', final: true }],
		// The emulator's [unknown] state forms and words (test/emulator/README.md).
		[
			{ numeroFactura: 'F1', estado: 'Pendiente de envío', urlQR: 'u' },
			{ status: 'Pendiente de envío', outcome: 'pending', final: false },
		],
		[
			{ estado: 'Aceptada con errores', codigoError: '2011', descripcionError: 'No censado' },
			{
				status: 'Aceptada con errores',
				outcome: 'acceptedWithErrors',
				final: true,
				aeatCode: '2011',
				aeatDescription: 'No censado',
			},
		],
		[
			{
				NumSerieFactura: 'F1',
				EstadoRegistro: 'ACEPTADO_CON_ERRORES',
				CodigoErrorRegistro: '2011',
				CSV: 'XYZ',
			},
			{
				status: 'ACEPTADO_CON_ERRORES',
				outcome: 'acceptedWithErrors',
				final: true,
				aeatCode: '2011',
				csv: 'XYZ',
			},
		],
		[{ EstadoRegistro: 'INCORRECTO' }, { status: 'INCORRECTO', outcome: 'rejected', final: true }],
		[{ estado: 'PENDIENTE' }, { status: 'PENDIENTE', outcome: 'pending', final: false }],
		[{ state: 'Algo nuevo' }, { status: 'Algo nuevo' }],
		[{ unrelated: true }, {}],
		[null, {}],
	])('%j', (state, expected) => {
		expect(summarizeState(state)).toEqual(expected);
	});
});
