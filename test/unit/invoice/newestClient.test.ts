// Bodies in the newest public client's shape (§4) pass the validator and the §5 oracle unchanged;
// where the contract is explicit the new fields are still checked.
import { formatIssues, validateInvoiceBody } from '../../../nodes/FacturasApp/invoice';
import { newestClientBody } from '../../fixtures/newestClient/body';
import { oracleProblems } from '../../oracle/totals';

type Json = Record<string, unknown>;
const issues = (body: unknown) => formatIssues(validateInvoiceBody(body));
const rows = (body: Json) => body.fieldTaxations as Json[];

describe("the newest public client's bodies", () => {
	it('carry float noise in their recargo rates (the point of the fixture)', () => {
		expect(rows(newestClientBody())[4].rate).not.toBe(1.4);
		expect(String(rows(newestClientBody())[4].rate)).toBe('1.4000000000000001');
	});

	it.each(['RecargoEquivalencia', 'RE', 'Recargo de equivalencia'])(
		'pass with recargo rows spelled %s',
		(name) => {
			const body = newestClientBody({ recargoName: name });
			expect(issues(body)).toBe('');
			expect(oracleProblems(body)).toEqual([]);
		},
	);

	it('pass with a noisy rate on a tax entry, a discount and a fraction too', () => {
		const body = newestClientBody();
		const p = (body.products as Json[])[0];
		(p.withHoldingsSurChargesDto as Json[])[0].rateValueWithHoldings = 0.0052 * 10; // 0.052000000000000005
		expect(issues(body)).toBe('');
	});

	it('still refuse a rate with real extra decimals, a bad code in the new fields, a recargo row off regime 18', () => {
		const body = newestClientBody();
		rows(body)[0].rate = 21.00001;
		rows(body)[1].qualificationOperation = 'S9';
		rows(body)[2].idExento = 'E9';
		rows(body)[3].regime = '01';
		const text = issues(body);
		expect(text).toContain('fieldTaxations[0].rate: must have at most 4 decimals');
		expect(text).toContain('fieldTaxations[1].qualificationOperation: must be one of S1');
		expect(text).toContain('fieldTaxations[2].idExento: must be one of an exemption cause');
		expect(text).toContain(
			"fieldTaxations[3].regime: must be '18' (recargo de equivalencia) on a recargo row (got '01')",
		);
	});

	it("refuse a recargo spelling in a line's taxes, naming it", () => {
		const body = newestClientBody();
		((body.products as Json[])[0].taxes as Json[])[0].taxName = 'RecargoEquivalencia';
		expect(issues(body)).toContain(
			"products[0].taxes[0].taxName: must not be 'RecargoEquivalencia'",
		);
	});

	it('still miss nothing: a wrong recargo row total is named', () => {
		const body = newestClientBody();
		rows(body)[4].valueTax = 1.2;
		expect(issues(body)).toContain('fieldTaxations[4].valueTax');
	});
});
