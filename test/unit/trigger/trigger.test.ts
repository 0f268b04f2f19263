// The trigger's poll() in n8n-core's PollContext, poll after poll on one workflow (its static
// data shared like an active workflow's), against a FacturasApp behind nock.
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { FacturasAppTrigger } from '../../../nodes/FacturasAppTrigger/FacturasAppTrigger.node';
import { DEMO_CREDENTIALS, fakeContext } from '../helpers/fakeContext';
import { triggerHarness } from './pollContext';
import { KEY, World } from './world';

let world: World;
beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
	world = new World();
	world.series.set('FACT', 5);
	world.series.set('REC', 12);
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const FAST = { maxRetries: 0, timeout: 5 };
const issued = (params: IDataObject = {}, credentials: IDataObject = {}) =>
	triggerHarness({ event: 'invoiceIssued', series: [], options: FAST, ...params }, credentials);
const stateChanged = (params: IDataObject = {}) =>
	triggerHarness({
		event: 'invoiceStateChanged',
		series: [],
		onlyRejections: false,
		options: FAST,
		...params,
	});

const jsonOf = (out: INodeExecutionData[][] | null) => (out ? out[0].map((i) => i.json) : []);
const numbersOf = (out: INodeExecutionData[][] | null) => jsonOf(out).map((j) => j.invoiceNumber);

describe('Invoice Issued', () => {
	it('the first poll starts from now: no item, no state read, the counters remembered', async () => {
		world.issue('FACT', 3); // issued before activation
		const trigger = issued();
		expect(await trigger.poll()).toBeNull();
		expect(world.calls.state).toEqual([]);
		expect(trigger.staticData()).toMatchObject({
			facturasAppCursor: { series: { FACT: { last: 8 }, REC: { last: 12 } } },
		});
	});

	it('new invoices in any series arrive once each, with state, summary and series; a quiet poll emits nothing', async () => {
		const trigger = issued();
		await trigger.poll();
		world.issue('FACT', 2);
		world.issue('REC', 1, { state: 'Correcto', csv: 'CSV123' });
		const second = await trigger.poll();
		expect(jsonOf(second)).toEqual([
			expect.objectContaining({
				event: 'invoiceIssued',
				invoiceNumber: 'FACT0006',
				series: 'FACT',
				number: 6,
				summary: { status: 'Pendiente', outcome: 'pending', final: false },
			}),
			expect.objectContaining({
				event: 'invoiceIssued',
				invoiceNumber: 'FACT0007',
				series: 'FACT',
				number: 7,
			}),
			expect.objectContaining({
				event: 'invoiceIssued',
				invoiceNumber: 'REC0013',
				series: 'REC',
				summary: { status: 'Correcto', outcome: 'accepted', final: true, csv: 'CSV123' },
				state: { invoiceNumber: 'REC0013', state: 'Correcto', csv: 'CSV123' },
			}),
		]);
		expect(await trigger.poll()).toBeNull();
		world.issue('FACT', 1);
		expect(numbersOf(await trigger.poll())).toEqual(['FACT0008']);
		expect(await trigger.poll()).toBeNull();
		// Each invoice was read exactly once over the five polls.
		expect(world.calls.state).toEqual(['FACT0006', 'FACT0007', 'REC0013', 'FACT0008']);
		expect(world.calls.logins).toBe(1);
	});

	it('watches only the chosen series', async () => {
		const trigger = issued({ series: ['REC'] });
		await trigger.poll();
		world.issue('FACT', 2);
		world.issue('REC', 2);
		expect(numbersOf(await trigger.poll())).toEqual(['REC0013', 'REC0014']);
		expect(world.calls.state).toEqual(['REC0013', 'REC0014']);
	});

	it('takes the series from an expression as comma-separated text too', async () => {
		const trigger = issued({ series: 'REC, RECT' });
		world.series.set('RECT', 0);
		await trigger.poll();
		world.issue('FACT', 1);
		world.issue('RECT', 1);
		expect(numbersOf(await trigger.poll())).toEqual(['RECT0001']);
	});

	it('a chosen series FacturasApp does not have is a clear error', async () => {
		const trigger = issued({ series: ['NOPE'] });
		await trigger.poll();
		await expect(trigger.poll()).rejects.toThrow(
			'FacturasApp has no series "NOPE" (series found: "FACT", "REC")',
		);
	});

	it('a series created after activation is new from its first number', async () => {
		const trigger = issued();
		await trigger.poll();
		world.issue('RECT', 2);
		expect(numbersOf(await trigger.poll())).toEqual(['RECT0001', 'RECT0002']);
	});

	it('a gap in a series is reported as an item, in its place, and only once', async () => {
		const trigger = issued();
		await trigger.poll();
		const [six, seven, eight, nine] = world.issue('FACT', 4);
		world.invoices.delete(eight);
		const out = jsonOf(await trigger.poll());
		expect(out.map((j) => [j.event, j.invoiceNumber])).toEqual([
			['invoiceIssued', six],
			['invoiceIssued', seven],
			['numberingGap', eight],
			['invoiceIssued', nine],
		]);
		expect(out[2]).toMatchObject({ series: 'FACT', number: 8 });
		expect(out[2].message).toContain('FACT0008');
		expect(out[2].message).toContain('gap');
		expect(await trigger.poll()).toBeNull();
	});

	it('gaps can be left out with Report Numbering Gaps off, and the numbers after them still arrive', async () => {
		const trigger = issued({ options: { ...FAST, reportGaps: false } });
		await trigger.poll();
		const [six, seven] = world.issue('FACT', 2);
		world.invoices.delete(six);
		expect(numbersOf(await trigger.poll())).toEqual([seven]);
	});
});

describe('Invoice State Changed', () => {
	it('emits each decision once: an invoice decided before the poll, then one that was pending', async () => {
		const trigger = stateChanged();
		await trigger.poll();
		const [pending] = world.issue('FACT', 1);
		const [accepted] = world.issue('FACT', 1, { state: 'Correcto', csv: 'CSV1' });
		expect(jsonOf(await trigger.poll())).toEqual([
			expect.objectContaining({
				event: 'invoiceStateChanged',
				invoiceNumber: accepted,
				summary: expect.objectContaining({ outcome: 'accepted' }),
			}),
		]);
		expect(await trigger.poll()).toBeNull(); // still pending
		world.decide(pending, {
			state: 'Incorrecto',
			aeatCode: '4107',
			aeatDescription: 'El NIF no es correcto',
		});
		expect(jsonOf(await trigger.poll())).toEqual([
			expect.objectContaining({
				event: 'invoiceStateChanged',
				invoiceNumber: pending,
				previousStatus: 'Pendiente',
				summary: {
					status: 'Incorrecto',
					outcome: 'rejected',
					final: true,
					aeatCode: '4107',
					aeatDescription: 'El NIF no es correcto',
				},
				state: {
					invoiceNumber: pending,
					state: 'Incorrecto',
					aeatCode: '4107',
					aeatDescription: 'El NIF no es correcto',
				},
			}),
		]);
		expect(await trigger.poll()).toBeNull();
		// Decided invoices are no longer read.
		expect(world.calls.state.filter((n) => n === pending)).toHaveLength(3);
		expect(world.calls.state.filter((n) => n === accepted)).toHaveLength(1);
	});

	it('with Only Rejections it emits rejections only, and stops watching the accepted ones too', async () => {
		const trigger = stateChanged({ onlyRejections: true });
		await trigger.poll();
		const [a, b, c] = world.issue('FACT', 3);
		expect(await trigger.poll()).toBeNull();
		world.decide(a, { state: 'Correcto' });
		world.decide(b, { state: 'AceptadoConErrores', aeatCode: '2011' });
		world.decide(c, {
			state: 'Incorrecto',
			aeatCode: '1100',
			aeatDescription: 'Valor o tipo incorrecto',
		});
		expect(
			jsonOf(await trigger.poll()).map((j) => [
				j.invoiceNumber,
				(j.summary as IDataObject).aeatCode,
			]),
		).toEqual([[c, '1100']]);
		const readsBefore = world.calls.state.length;
		expect(await trigger.poll()).toBeNull();
		expect(world.calls.state.length).toBe(readsBefore);
	});
});

describe('failures and limits', () => {
	it('a failed poll emits nothing and loses nothing: the next poll delivers everything', async () => {
		const trigger = issued();
		await trigger.poll();
		const numbers = [...world.issue('FACT', 2), ...world.issue('REC', 2)];
		const before = JSON.stringify(trigger.staticData());

		world.consecutivesFail = true;
		const first = await trigger.poll().catch((e: Error) => e);
		expect(first).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify(trigger.staticData())).toBe(before);
		world.consecutivesFail = false;

		// Fails at the last invoice, after series FACT was done: FACT's are not lost either.
		world.failing.add(numbers[3]);
		await expect(trigger.poll()).rejects.toThrow(/HTTP 500/);
		expect(JSON.stringify(trigger.staticData())).toBe(before);
		world.failing.clear();

		expect(numbersOf(await trigger.poll())).toEqual(numbers);
		expect(await trigger.poll()).toBeNull();
	});

	it('errors carry no password or key, even when FacturasApp echoes the key', async () => {
		const trigger = issued();
		await trigger.poll();
		world.consecutivesFail = true;
		const error = (await trigger.poll().catch((e: unknown) => e)) as NodeApiError;
		const visible = JSON.stringify({
			message: error.message,
			description: error.description,
			context: error.context,
			response: error.errorResponse,
		});
		expect(visible).not.toContain(KEY);
		expect(visible).not.toContain(DEMO_CREDENTIALS.password);
	});

	it("a backlog larger than one poll's cap is finished over the next polls, in order, each invoice once", async () => {
		const trigger = issued({ options: { ...FAST, maxReads: 3 } });
		await trigger.poll();
		const numbers = [...world.issue('FACT', 5), ...world.issue('REC', 2)];
		const polls = [
			await trigger.poll(),
			await trigger.poll(),
			await trigger.poll(),
			await trigger.poll(),
		];
		expect(polls.map(numbersOf)).toEqual([
			numbers.slice(0, 3),
			numbers.slice(3, 6),
			numbers.slice(6),
			[],
		]);
	});

	it('a poll out of time budget still reads one invoice, so the backlog always moves', async () => {
		const trigger = issued();
		await trigger.poll();
		const numbers = world.issue('FACT', 2);
		expect(numbersOf(await trigger.poll({ budgetMs: 0 }))).toEqual([numbers[0]]);
		expect(numbersOf(await trigger.poll({ budgetMs: 0 }))).toEqual([numbers[1]]);
	});

	it('the pending invoices of State Changed also share the cap, least recently checked first', async () => {
		const trigger = stateChanged({ options: { ...FAST, maxReads: 2 } });
		await trigger.poll();
		const numbers = world.issue('FACT', 4);
		await trigger.poll(); // reads 0006, 0007
		await trigger.poll(); // reads 0008, 0009
		for (const n of numbers) world.decide(n, { state: 'Correcto' });
		expect(numbersOf(await trigger.poll())).toEqual(numbers.slice(0, 2));
		expect(numbersOf(await trigger.poll())).toEqual(numbers.slice(2));
		expect(await trigger.poll()).toBeNull();
	});
});

describe('Fetch test event (manual mode)', () => {
	it('returns the newest invoice as a sample and leaves the cursor alone', async () => {
		const trigger = issued();
		const [, newest] = world.issue('REC', 2, { state: 'Correcto' });
		const out = jsonOf(await trigger.poll({ mode: 'manual' }));
		expect(out).toEqual([
			expect.objectContaining({
				event: 'invoiceIssued',
				invoiceNumber: newest,
				series: 'REC',
				sample: true,
			}),
		]);
		expect(trigger.staticData()).toEqual({});

		await trigger.poll(); // activation
		const cursor = JSON.stringify(trigger.staticData());
		world.issue('FACT', 1);
		await trigger.poll({ mode: 'manual' });
		expect(JSON.stringify(trigger.staticData())).toBe(cursor);
		expect(numbersOf(await trigger.poll())).toEqual(['FACT0006']);
	});
});

describe('aeatQrUrl', () => {
	it('is built when the credential has the issuer NIF and the state answer has date and total', async () => {
		const trigger = issued({}, { issuerNif: '89890001K', invoicingMode: 'verifactu' });
		await trigger.poll();
		world.series.set('12345678&G', 32);
		await trigger.poll();
		world.series.set('12345678&G', 33);
		world.invoices.set('12345678&G33', {
			state: 'Correcto',
			invoiceDate: '2024-01-01T12:00:00.000Z',
			sumTotalTotal: 241.4,
		});
		const [item] = jsonOf(await trigger.poll());
		expect(item.aeatQrUrl).toBe(
			'https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4',
		);
	});

	it('is left out without an issuer NIF, and explained when the answer lacks date or total', async () => {
		const plain = issued();
		await plain.poll();
		world.issue('FACT', 1);
		const [item] = jsonOf(await plain.poll());
		expect(item).not.toHaveProperty('aeatQrUrl');
		expect(item).not.toHaveProperty('aeatQrUrlNote');

		nock.cleanAll();
		world = new World();
		world.series.set('FACT', 1);
		const withNif = issued({}, { issuerNif: 'B12345674' });
		await withNif.poll();
		world.issue('FACT', 1);
		const [noted] = jsonOf(await withNif.poll());
		expect(noted).not.toHaveProperty('aeatQrUrl');
		expect(noted.aeatQrUrlNote).toContain('no issue date and total');
	});
});

describe('Series list in the editor (load options)', () => {
	it("lists FacturasApp's series with their last numbers, read from the seen answer", async () => {
		const fake = fakeContext({ params: {} });
		const options = await new FacturasAppTrigger().methods.loadOptions.getSeries.call(
			fake.ctx as never,
		);
		expect(options).toEqual([
			{ name: 'FACT (last number 5)', value: 'FACT' },
			{ name: 'REC (last number 12)', value: 'REC' },
		]);
	});
});
