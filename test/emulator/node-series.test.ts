// Series → Get Many and Create with "Next in Series" against the emulator, once per form of the
// GetConsecutives answer: the [seen] one (default) and each [unknown] guess.
import { sampleBody } from '../unit/helpers/runNode';
import type { ConsecutivesForm, Emulator } from './index';
import { CONSECUTIVES_FORMS, startEmulator } from './index';
import { runAgainst } from './nodeHelpers';

const nextParams = (invoiceJson: (i: number) => string, seriesPrefix = 'FACT') => ({
	resource: 'invoice',
	operation: 'create',
	numbering: 'next',
	seriesPrefix,
	inputMode: 'json',
	invoiceJson,
	options: { timeout: 5 },
});
const json = () => JSON.stringify(sampleBody('placeholder-1'));

describe.each(CONSECUTIVES_FORMS.map((form) => [form]))(
	'GetConsecutives answered as "%s"',
	(form: ConsecutivesForm) => {
		let emulator: Emulator;
		beforeAll(async () => {
			emulator = await startEmulator({
				consecutivesForm: form,
				// The contract's example, plus a series whose prefix has "_" and a wide counter.
				series: [
					{ prefix: 'FACT', lastNumber: 5, isDefault: true },
					{ prefix: 'REC', lastNumber: 12 },
					{ prefix: 'Bill_', lastNumber: 12345 },
				],
			});
		});
		afterAll(async () => await emulator.close());
		beforeEach(() => emulator.reset());

		it('Series → Get Many lists prefix, last number, next number and the default series', async () => {
			const result = await runAgainst(emulator, {
				resource: 'series',
				operation: 'getAll',
				options: {},
			});
			expect(result.error).toBeUndefined();
			const main = result.output!.filter(
				(o) => o.json.list === undefined || o.json.list === 'facturasDeAlta',
			);
			expect(
				main.map((o) => [
					o.json.prefix,
					o.json.lastNumber,
					o.json.nextNumber,
					o.json.nextInvoiceNumber,
					o.json.isDefault,
					o.pairedItem,
				]),
			).toEqual([
				['FACT', 5, 6, 'FACT0006', true, { item: 0 }],
				['REC', 12, 13, 'REC0013', false, { item: 0 }],
				['Bill_', 12345, 12346, 'Bill_12346', false, { item: 0 }],
			]);
			expect(main[0].json.raw).toEqual({ prefijo: 'FACT', consecutivoActual: 5, isDefault: true });
		});

		it('Next in Series issues FACT0006 after FACT/5, consecutively, and a refused item leaves no gap', async () => {
			const body = (i: number) => {
				const b = sampleBody('placeholder-1') as unknown as Record<string, unknown>;
				if (i === 1) (b.products as Array<Record<string, unknown>>)[0].quantity = 1.5; // invalid: never sent
				return JSON.stringify(b);
			};
			const result = await runAgainst(emulator, nextParams(body), 4, { continueOnFail: true });
			expect(result.output!.map((o) => o.json.invoiceNumber ?? o.json.error)).toEqual([
				'FACT0006',
				expect.stringContaining('quantity'),
				'FACT0007',
				'FACT0008',
			]);
			expect([...emulator.invoices.keys()]).toEqual(['FACT0006', 'FACT0007', 'FACT0008']);
			expect(emulator.invoices.get('FACT0006')!.body.currentNumber).toBe(6);

			// The next execution reads FacturasApp's moved-on counter.
			const again = await runAgainst(emulator, nextParams(json), 1);
			expect(again.output![0].json.invoiceNumber).toBe('FACT0009');
		});

		it('an empty Series takes the default series; a prefix with "_" and a wide counter keep their width', async () => {
			const byDefault = await runAgainst(emulator, nextParams(json, ''), 2);
			expect(byDefault.output!.map((o) => o.json.invoiceNumber)).toEqual(['FACT0006', 'FACT0007']);
			const bill = await runAgainst(emulator, nextParams(json, 'Bill_'), 1);
			expect(bill.output![0].json.invoiceNumber).toBe('Bill_12346');
			expect(emulator.invoices.get('Bill_12346')!.body.currentNumber).toBe(12346);
		});

		it('an unknown series is a clear error naming the series that exist', async () => {
			const result = await runAgainst(emulator, nextParams(json, 'ZZ'), 1);
			expect(result.error!.message).toBe('Series: FacturasApp has no series "ZZ"');
			expect(result.error!.description).toContain('"FACT", "REC", "Bill_"');
			expect(emulator.invoices.size).toBe(0);
		});
	},
);
