// Spanish tax IDs (§11): valid IDs of each kind pass; a wrong control character, a swapped digit
// or a wrong length is refused naming the fix; foreign IDs are not held to the algorithm. And
// the node refuses them (and a company without a NIF) before any HTTP call.
import nock from 'nock';

import { recipientIssues } from '../../../nodes/FacturasApp/invoice';
import { spanishTaxIdProblem, withControl } from '../../../nodes/FacturasApp/invoice/taxId';
import { isSpanishTaxId } from '../../../nodes/FacturasApp/invoice/validateRecipient';
import { BASE, KEY, LOGIN, runNode, sampleBody, SERVICES } from '../helpers/runNode';

// Independently known valid IDs: the AEAT's own CIF, textbook DNI/NIE examples.
const VALID: Array<[string, string]> = [
	['DNI', '12345678Z'],
	['DNI', '00000000T'],
	['NIE X', 'X1234567L'],
	['NIE Y', 'Y1234567X'],
	['NIE Z', 'Z1234567R'],
	['CIF with a control digit (B)', 'B12345674'],
	['CIF with a control digit (A)', 'A28463917'],
	['CIF with a control letter (Q, AEAT)', 'Q2826000H'],
	['CIF with a control letter (P)', 'P2807900B'],
	['CIF G with a digit', 'G12345674'],
	['CIF G with a letter', 'G1234567D'],
	['NIF K', 'K1234567L'],
	['ES prefix', 'ESB12345674'],
	['lower case, spaces and a hyphen', 'b-1234567 4'],
];

describe('Spanish tax IDs', () => {
	it.each(VALID)('a valid %s passes: %s', (_kind, id) => {
		expect(spanishTaxIdProblem(id)).toBeUndefined();
	});

	it.each([
		['12345678A', "'A'", "'Z'"],
		['X1234567T', "'T'", "'L'"],
		['B12345678', "'8'", "'4'"],
		['Q2826000J', "'J'", "'H'"],
		['ESB12345670', "'0'", "'4'"],
		['G12345670', "'0'", "'4' or 'D'"],
	])('a wrong control character is named with the right one: %s', (id, wrong, right) => {
		expect(spanishTaxIdProblem(id)).toContain(
			`control character (the last one, ${wrong}) must be ${right}`,
		);
	});

	it.each(['12345687Z', '21345678Z', 'X1234576L', 'B12345764', 'A28469317', 'Q2862000H'])(
		'a swapped pair of digits is refused: %s',
		(id) => {
			expect(spanishTaxIdProblem(id)).toMatch(
				/control character .* must be .*two digits are swapped/,
			);
		},
	);

	it.each(['1234567Z', '123456789Z', 'B1234567', 'B123456744', 'X123456L', 'ES12345'])(
		'a wrong length is refused with the shapes: %s',
		(id) => {
			expect(spanishTaxIdProblem(id)).toMatch(
				/is not a Spanish NIF \(it has \d+ characters, a Spanish NIF has 9\): it must be 8 digits and a letter \(DNI\)/,
			);
		},
	);

	it('completes a placeholder with its control character', () => {
		expect(withControl('B1234567')).toBe('B12345674');
		expect(withControl('12345678')).toBe('12345678Z');
		expect(spanishTaxIdProblem(withControl('X7654321'))).toBeUndefined();
	});

	it('holds to §11 only Spanish IDs: type 02 in Spain, or an ES prefix', () => {
		expect(isSpanishTaxId('B12345678', '02', '207')).toBe(true);
		expect(isSpanishTaxId('B12345678', undefined, undefined)).toBe(true);
		expect(isSpanishTaxId('ESB12345678', '04', '150')).toBe(true);
		expect(isSpanishTaxId('FR40303265045', '02', '207')).toBe(false);
		expect(isSpanishTaxId('B12345678', '03', '207')).toBe(false);
		expect(isSpanishTaxId('12345678', '02', '150')).toBe(false);
	});
});

type Json = Record<string, unknown>;
const withContact = (contact: Json): Json => {
	const body = sampleBody('FA2026-0001') as unknown as Json;
	const c = (body.contacts as Json[])[0];
	for (const key of ['identification', 'identificationType']) delete c[key];
	Object.assign(c, contact);
	return body;
};
const messages = (body: Json) => recipientIssues(body).map((i) => `${i.path}: ${i.message}`);

describe('the customer of a body', () => {
	it('a wrong NIF under type 02 is refused; foreign documents and other EU VAT numbers pass', () => {
		expect(
			messages(withContact({ identificationType: '02', identification: 'B12345678' })),
		).toEqual([
			expect.stringContaining(
				"contacts[0].identification: is not a valid CIF: its control character (the last one, '8') must be '4' for B1234567",
			),
		]);
		expect(
			messages(withContact({ identificationType: '02', identification: 'FR40303265045' })),
		).toEqual([]);
		expect(
			messages(withContact({ identificationType: '03', identification: 'PAB123456' })),
		).toEqual([]);
		expect(
			messages(withContact({ identificationType: '04', identification: 'ESB12345678' })),
		).toHaveLength(1);
	});

	it('a company without a NIF is refused; an individual without one is not, and gets none invented', () => {
		expect(messages(withContact({ personType: '02' }))).toEqual([
			expect.stringContaining('is required for a company customer'),
		]);
		expect(messages(withContact({ personType: '02', identification: '  ' }))).toHaveLength(1);
		const individual = withContact({ personType: '01' });
		expect(messages(individual)).toEqual([]);
	});
});

describe('the node', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	const fields = (customer: Json) => ({
		resource: 'invoice',
		operation: 'create',
		inputMode: 'fields',
		invoiceNumber: 'FA2026-0001',
		customerName: 'Cliente SL',
		...customer,
		lines: { line: [{ description: 'Item', quantity: 1, unitPrice: 10, taxRate: 21 }] },
		options: { timeout: 2 },
	});

	it.each([
		[
			{ customerIdentification: 'B12345678' },
			"Customer NIF: is not a valid CIF: its control character (the last one, '8') must be '4'",
		],
		[
			{ customerIdentification: '1234567Z', customerDetails: { customerType: 'individual' } },
			'Customer NIF: is not a Spanish NIF (it has 8 characters',
		],
		[{ customerIdentification: '' }, 'Customer NIF: is required for a company customer'],
	])('refuses %j before any HTTP call, naming the fix', async (customer, text) => {
		const result = await runNode({ params: fields(customer) });
		expect(result.fake.logins).toBe(0);
		expect(result.error).toBeDefined();
		expect(
			`${result.error!.message} ${String((result.error as { description?: string }).description)}`,
		).toContain(text);
	});

	it('an individual without a NIF is sent without identification fields', async () => {
		const sent: Json[] = [];
		nock(BASE)
			.post(LOGIN)
			.reply(200, [KEY])
			.get(`${SERVICES}/GetConsecutives`)
			.reply(200, {
				facturasDeAlta: [{ prefijo: 'FA2026-', consecutivoActual: 0, isDefault: true }],
			})
			.post(`${SERVICES}/AddInvoice`, (b: Json) => (sent.push(b), true))
			.reply(200, { id: 1, messages: null, isError: false, toolObject: null });
		const result = await runNode({
			params: fields({
				customerDetails: { customerType: 'individual' },
				customerName: 'Marta Gil',
			}),
		});
		expect(result.error).toBeUndefined();
		const contact = (sent[0].contacts as Json[])[0];
		expect(contact.personType).toBe('01');
		expect(contact).not.toHaveProperty('identification');
		expect(contact).not.toHaveProperty('identificationType');
	});
});
