import { formatInvoiceNumber, readSeriesList } from '../../../nodes/FacturasApp/actions/series/series';
import { summarizeState } from '../../../nodes/FacturasApp/actions/invoice/stateSummary';

describe('readSeriesList (GetConsecutives body is undocumented: read what is there)', () => {
	it('reads the emulator shape', () => {
		expect(readSeriesList([{ prefix: 'FA2026-', lastNumber: 12, digits: 4 }])).toEqual([
			{ prefix: 'FA2026-', lastNumber: 12, digits: 4, raw: { prefix: 'FA2026-', lastNumber: 12, digits: 4 } },
		]);
	});

	it('reads Spanish keys in any case, and padding from a zero-led number', () => {
		const [s] = readSeriesList({ series: [{ Serie: 'RA', UltimoNumero: '0042' }] });
		expect(s).toMatchObject({ prefix: 'RA', lastNumber: 42, digits: 4 });
	});

	it('skips entries without a prefix and leaves out a last number it cannot read', () => {
		expect(readSeriesList([{ foo: 1 }, { prefix: 'X', lastNumber: 'twelve' }, 'junk'])).toEqual([
			{ prefix: 'X', raw: { prefix: 'X', lastNumber: 'twelve' } },
		]);
	});

	it('returns nothing for shapes it does not know', () => {
		expect(readSeriesList({ a: [1], b: [2] })).toEqual([]);
		expect(readSeriesList(null)).toEqual([]);
	});

	it('formats numbers zero-padded like the series', () => {
		expect(formatInvoiceNumber('FA2026-', 7, 4)).toBe('FA2026-0007');
		expect(formatInvoiceNumber('RA', 12345, 4)).toBe('RA12345');
		expect(formatInvoiceNumber('', 25)).toBe('25');
	});
});

describe('summarizeState (only from fields it finds)', () => {
	it.each([
		[{ state: 'Correcto', csv: 'ABC' }, { status: 'Correcto', outcome: 'accepted', final: true, csv: 'ABC' }],
		[{ Estado: 'AceptadoConErrores', CodigoErrorRegistro: 2011, DescripcionErrorRegistro: 'No censado' },
			{ status: 'AceptadoConErrores', outcome: 'acceptedWithErrors', final: true, aeatCode: '2011', aeatDescription: 'No censado' }],
		[{ status: 'Incorrecto', aeatCode: '4107' }, { status: 'Incorrecto', outcome: 'rejected', final: true, aeatCode: '4107' }],
		[[{ state: 'Pendiente' }], { status: 'Pendiente', outcome: 'pending', final: false }],
		['Rechazada', { status: 'Rechazada', outcome: 'rejected', final: true }],
		[{ state: 'Algo nuevo' }, { status: 'Algo nuevo' }],
		[{ unrelated: true }, {}],
		[null, {}],
	])('%j', (state, expected) => {
		expect(summarizeState(state)).toEqual(expected);
	});
});
