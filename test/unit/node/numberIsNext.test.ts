// Numbering → Enter It: the number must be the next one of its series as FacturasApp counts it
// (GetConsecutives, read once per execution), through the node, against nock.
import nock from 'nock';
import { NodeOperationError } from 'n8n-workflow';

import type { SeriesInfo } from '../../../nodes/FacturasApp/numbering/series';
import { placeNumber, seriesIndex } from '../../../nodes/FacturasApp/numbering/numberIsNext';
import { readSeriesList } from '../../../nodes/FacturasApp/numbering/series';
import { BASE, KEY, LOGIN, runNode, sampleBody, SERVICES } from '../helpers/runNode';

const FAST = { maxRetries: 0, timeout: 2 };
const SERIES = {
	facturasDeAlta: [
		{ prefijo: 'FA2026-', consecutivoActual: 4, isDefault: true },
		{ prefijo: 'FA', consecutivoActual: 70, isDefault: false },
		{ prefijo: 'REC', consecutivoActual: 12, isDefault: false },
	],
};
const ok = (id: number) => ({ id, messages: null, isError: false, toolObject: null });
const refused = (messages: string) => ({ id: 0, messages, isError: true, toolObject: null });

/** GetConsecutives answers; `calls` counts how often it was asked. */
function consecutives(body: unknown = SERIES) {
	const calls = { count: 0 };
	nock(BASE)
		.get(`${SERVICES}/GetConsecutives`)
		.times(10)
		.reply(() => {
			calls.count++;
			return [200, JSON.stringify(body), { 'Content-Type': 'application/json' }];
		});
	return calls;
}
/** AddInvoice accepts (or answers `answer(number)`), recording the numbers sent. */
function addInvoice(answer: (n: string) => object = () => ok(1)) {
	const sent: string[] = [];
	nock(BASE)
		.post(`${SERVICES}/AddInvoice`)
		.times(10)
		.reply(200, (_uri, body) => {
			const n = (body as { invoiceNumber: string }).invoiceNumber;
			sent.push(n);
			return answer(n);
		});
	return sent;
}
const json = (numbers: string[], options: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation: 'create',
	inputMode: 'json',
	invoiceJson: (i: number) => JSON.stringify(sampleBody(numbers[i])),
	options: { ...FAST, ...options },
});
const fields = (numbers: string[], options: Record<string, unknown> = {}) => ({
	resource: 'invoice',
	operation: 'create',
	inputMode: 'fields',
	invoiceNumber: (i: number) => numbers[i],
	customerName: 'Ferretería López SL',
	customerIdentification: 'B12345674',
	lines: { line: [{ description: 'Martillo', quantity: 2, unitPrice: 10, taxRate: 21 }] },
	invoiceOptions: { date: '2026-11-20T00:00:00', time: '10:30' },
	options: { ...FAST, ...options },
});
const items = (n: number) => Array.from({ length: n }, () => ({ json: {} }));

async function run(params: Record<string, unknown>, n = 1, continueOnFail = false) {
	return await runNode({ params, items: items(n), continueOnFail });
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => nock(BASE).post(LOGIN).times(5).reply(200, [KEY]));
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe.each([
	['JSON', json],
	['Define Below', fields],
])('Enter It (%s): the number must be the next of its series', (_mode, params) => {
	it('the next number passes (FacturasApp FA2026- / 4 → FA2026-0005)', async () => {
		const reads = consecutives();
		const sent = addInvoice();
		const result = await run(params(['FA2026-0005']));
		expect(result.error).toBeUndefined();
		expect(sent).toEqual(['FA2026-0005']);
		expect(reads.count).toBe(1);
	});

	it('a gap is refused before any AddInvoice, naming the next number', async () => {
		consecutives();
		const sent = addInvoice();
		const result = await run(params(['FA2026-0010']));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error!.message).toBe(
			'Invoice number FA2026-0010 would leave a gap in series FA2026-: the next number is FA2026-0005',
		);
		expect(result.error!.description).toContain('The last number of series FA2026- is FA2026-0004');
		expect(result.error!.description).toContain('Nothing was sent.');
		expect(result.error!.description).toContain('Check Number Is Next');
		expect(sent).toEqual([]);
	});

	it('a repeat is refused before any AddInvoice, naming the next number', async () => {
		consecutives();
		const sent = addInvoice();
		const result = await run(params(['FA2026-0004']));
		expect(result.error!.message).toBe(
			'Invoice number FA2026-0004 repeats a number already used in series FA2026-: the next number is FA2026-0005',
		);
		expect(sent).toEqual([]);
	});

	it('with Check Number Is Next off a gap is sent, and the series is not read', async () => {
		const reads = consecutives();
		const sent = addInvoice();
		const result = await run(params(['FA2026-0010'], { checkNumberIsNext: false }));
		expect(result.error).toBeUndefined();
		expect(sent).toEqual(['FA2026-0010']);
		expect(reads.count).toBe(0);
	});

	it('a number of a series FacturasApp does not list passes unchecked', async () => {
		consecutives();
		const sent = addInvoice();
		const result = await run(params(['TIENDA-0099', 'FA2026X7']), 2);
		expect(result.error).toBeUndefined();
		expect(sent).toEqual(['TIENDA-0099', 'FA2026X7']);
	});

	it('items of one execution: N+1, N+2 pass, N+2 again is a repeat; GetConsecutives read once', async () => {
		const reads = consecutives();
		const sent = addInvoice();
		const result = await run(
			params(['FA2026-0005', 'FA2026-0006', 'REC0013', 'FA2026-0006']),
			4,
			true,
		);
		expect(result.output!.map((o) => o.json.error ?? o.json.invoiceNumber)).toEqual([
			'FA2026-0005',
			'FA2026-0006',
			'REC0013',
			'Invoice number FA2026-0006 repeats a number already used in series FA2026-: the next number is FA2026-0007',
		]);
		expect(result.output![3].json.errorDescription).toContain(
			"FacturasApp's counter and 2 issued earlier in this run",
		);
		expect(sent).toEqual(['FA2026-0005', 'FA2026-0006', 'REC0013']);
		expect(reads.count).toBe(1);
	});
});

describe('Enter It: what moves the counter on', () => {
	it('a number FacturasApp refused was not issued: the next item keeps the same expected number', async () => {
		consecutives();
		const sent = addInvoice((n) => (n === 'FA2026-0006' ? refused('Cliente bloqueado') : ok(1)));
		const result = await run(json(['FA2026-0005', 'FA2026-0006', 'FA2026-0007']), 3, true);
		expect(result.output!.map((o) => o.json.error ?? o.json.invoiceNumber)).toEqual([
			'FA2026-0005',
			expect.stringContaining('Cliente bloqueado'),
			'Invoice number FA2026-0007 would leave a gap in series FA2026-: the next number is FA2026-0006',
		]);
		expect(sent).toEqual(['FA2026-0005', 'FA2026-0006']);
	});

	it('each number is checked in its own series: FA2026-0005 in FA2026-, FA0071 and FA0072 in FA', async () => {
		consecutives();
		const sent = addInvoice();
		const result = await run(json(['FA0071', 'FA2026-0005', 'FA0072']), 3);
		expect(result.error).toBeUndefined();
		expect(sent).toEqual(['FA0071', 'FA2026-0005', 'FA0072']);
	});

	it('a number sent with the check off still counts for a later checked item', async () => {
		consecutives();
		const sent = addInvoice();
		const result = await run(
			{
				...json(['FA2026-0005', 'FA2026-0006', 'FA2026-0006']),
				options: (i: number) => ({ ...FAST, checkNumberIsNext: i !== 1 }),
			},
			3,
			true,
		);
		expect(result.output!.map((o) => o.json.error ?? o.json.invoiceNumber)).toEqual([
			'FA2026-0005',
			'FA2026-0006',
			expect.stringMatching(
				/^Invoice number FA2026-0006 repeats .* the next number is FA2026-0007$/,
			),
		]);
		expect(sent).toEqual(['FA2026-0005', 'FA2026-0006']);
	});

	it('after a number whose outcome is not known, its series is not checked past it', async () => {
		consecutives();
		nock(BASE)
			.post(`${SERVICES}/AddInvoice`)
			.replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
		nock(BASE).get(`${SERVICES}/GetInvoiceStateByNumber/FA2026-0005`).times(5).reply(503, 'down');
		const sent = addInvoice();
		const result = await run(json(['FA2026-0005', 'FA2026-0006', 'REC0013']), 3, true);
		expect(result.output!.map((o) => o.json.error ?? o.json.invoiceNumber)).toEqual([
			expect.stringMatching(/^Not known whether invoice FA2026-0005 was issued/),
			'Invoice FA2026-0006: not checked after invoice FA2026-0005 of series FA2026-, whose outcome is not known',
			'REC0013',
		]);
		expect(sent).toEqual(['REC0013']);
	});

	it('a currentNumber that disagrees with the number is refused', async () => {
		consecutives();
		const sent = addInvoice();
		const result = await run({
			...json([]),
			invoiceJson: JSON.stringify({ ...sampleBody('FA2026-0005'), currentNumber: 7 }),
		});
		expect(result.error!.message).toBe(
			'Invoice FA2026-0005: its current number 7 is not its number in series FA2026- (5)',
		);
		expect(sent).toEqual([]);
	});
});

describe('Enter It: when the series cannot be read', () => {
	it('GetConsecutives failing is said on every item, read once, nothing sent', async () => {
		let reads = 0;
		nock(BASE)
			.get(`${SERVICES}/GetConsecutives`)
			.times(5)
			.reply(() => {
				reads++;
				return [503, 'down'];
			});
		const sent = addInvoice();
		const result = await run(json(['FA2026-0005', 'FA2026-0006']), 2, true);
		expect(result.output!.map((o) => [o.json.invoiceNumber, o.json.error])).toEqual([
			[
				'FA2026-0005',
				expect.stringMatching(
					/^Invoice FA2026-0005: could not check that it is the next number of its series: .*HTTP 503/,
				),
			],
			[
				'FA2026-0006',
				expect.stringMatching(/^Invoice FA2026-0006: could not check that it is the next number/),
			],
		]);
		expect(result.output![0].json.errorDescription).toContain('GetConsecutives');
		expect(result.output![0].json.errorDescription).toContain('Nothing was sent.');
		expect(sent).toEqual([]);
		expect(reads).toBe(1);
	});

	it('an answer with no readable series is said, not skipped', async () => {
		consecutives({ something: 'else' });
		const sent = addInvoice();
		const result = await run(json(['FA2026-0005']));
		expect(result.error!.message).toContain("FacturasApp's series list could not be read");
		expect(sent).toEqual([]);
	});

	it('an empty list of series: every number is of an unlisted series', async () => {
		consecutives({ facturasDeAlta: [] });
		const sent = addInvoice();
		const result = await run(json(['FA2026-0010']));
		expect(result.error).toBeUndefined();
		expect(sent).toEqual(['FA2026-0010']);
	});

	it('a listed series without its last number is said, not skipped', async () => {
		consecutives({ facturasDeAlta: [{ prefijo: 'FA2026-', isDefault: true }] });
		const sent = addInvoice();
		const result = await run(json(['FA2026-0005']));
		expect(result.error!.message).toBe(
			'Invoice FA2026-0005: could not check that it is the next number of series FA2026-: FacturasApp did not give its last number',
		);
		expect(sent).toEqual([]);
	});

	it('a refused log-in is that error, not a numbering one', async () => {
		nock.cleanAll();
		nock(BASE).post(LOGIN).reply(401, 'no');
		const result = await run(json(['FA2026-0005']));
		expect(result.error!.message).toContain('FacturasApp rejected the user or password');
		expect(result.error!.message).not.toContain('next number');
	});
});

describe('placeNumber', () => {
	it('agrees with a plain scan of the list (longest prefix, then digits only, main list first)', () => {
		// The rule as the module header states it, written as a loop over every series.
		const scan = (series: SeriesInfo[], number: string) => {
			let best: SeriesInfo | undefined;
			for (const s of series) {
				const rest = number.slice(s.prefix.length);
				if (!number.startsWith(s.prefix) || !/^\d{1,15}$/.test(rest)) continue;
				if (!best || s.prefix.length > best.prefix.length) best = s;
			}
			return best && { series: best, counter: Number(number.slice(best.prefix.length)) };
		};
		const prefixes = ['', 'A', 'A1', 'A12', 'FA', 'FA2026-', 'FA2026-1', 'R', 'R-', 'X9'];
		const many: SeriesInfo[] = [
			...prefixes.map((prefix, i) => ({
				prefix,
				lastNumber: i,
				isDefault: false,
				digits: 4,
				raw: {},
			})),
			{ prefix: 'FA', lastNumber: 99, isDefault: false, digits: 4, raw: {} },
			...Array.from({ length: 3000 }, (_, i) => ({
				prefix: `S${i}-`,
				lastNumber: i,
				isDefault: false,
				digits: 4,
				raw: {},
			})),
		];
		const index = seriesIndex(many);
		const tails = ['', '0', '5', '0005', '12', '123456789012345', '1234567890123456', 'x', '-1'];
		const heads = [...prefixes, 'S17-', 'S2999-', 'S3000-', 'Q', 'FA2026'];
		let placedCount = 0;
		for (const head of heads)
			for (const tail of tails) {
				const number = head + tail;
				const expected = scan(many, number);
				if (expected) placedCount++;
				expect({ number, placed: placeNumber(index, number) }).toEqual({
					number,
					placed: expected,
				});
			}
		expect(placedCount).toBeGreaterThan(40);
	});
	const list = [
		...readSeriesList({
			facturasDeAlta: [
				{ prefijo: 'FA', consecutivoActual: 1 },
				{ prefijo: 'FA2026-', consecutivoActual: 1 },
				{ prefijo: 'FA26', consecutivoActual: 1 },
				{ prefijo: 'Bill_', consecutivoActual: 3 },
			],
		}),
		// A series without prefix (numbers such as 25).
		{ prefix: '', lastNumber: 24, isDefault: false, digits: 4, raw: {} },
	];
	it.each([
		['FA2026-0005', 'FA2026-', 5],
		['FA0005', 'FA', 5],
		['FA20260005', 'FA', 20260005],
		// Both FA and FA26 are followed by digits only: the longer prefix is the series.
		['FA260002', 'FA26', 2],
		['25', '', 25],
		['Bill_0004', 'Bill_', 4],
		['FA2026-5', 'FA2026-', 5],
	])('%s: series %j, number %d', (number, prefix, counter) => {
		expect(placeNumber(seriesIndex(list), number)).toMatchObject({ series: { prefix }, counter });
	});
	it.each(['FA2026-0005A', 'fa2026-0005', 'FA2026-', 'X25', 'FA-2026-1'])(
		'%s belongs to no listed series',
		(number) => {
			expect(placeNumber(seriesIndex(list), number)).toBeUndefined();
		},
	);
});
