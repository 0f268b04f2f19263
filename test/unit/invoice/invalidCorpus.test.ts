// Every invalid invoice of the corpus must be rejected with the issues it names, and (unless
// the case says "exact": false) with no others: one mistake, one issue.
import { formatIssues, validateInvoiceBody } from '../../../nodes/FacturasApp/invoice';
import cases from '../../fixtures/invalid-invoices/cases.json';
import { baseBody, patch } from './helpers';

interface Case {
	name: string;
	body?: unknown;
	set?: Record<string, unknown>;
	delete?: string[];
	expected: string[];
	exact?: boolean;
}

const corpus = cases as Case[];

function bodyOf(c: Case): unknown {
	if ('body' in c) return c.body;
	const body = baseBody();
	for (const [path, value] of Object.entries(c.set ?? {})) patch(body, path, value);
	for (const path of c.delete ?? []) patch(body, path, undefined, true);
	return body;
}

describe('invalid invoice corpus', () => {
	it('has at least 60 cases with unique names', () => {
		expect(corpus.length).toBeGreaterThanOrEqual(60);
		expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
	});

	it('accepts the valid base body', () => {
		expect(validateInvoiceBody(baseBody())).toEqual([]);
	});

	it.each(corpus.map((c) => [c.name, c] as const))('%s', (_name, c) => {
		const issues = validateInvoiceBody(bodyOf(c));
		const lines = formatIssues(issues).split('\n');
		expect(issues.length).toBeGreaterThan(0);
		for (const want of c.expected) {
			expect(lines.some((l) => l.includes(want)) ? want : lines).toBe(want);
		}
		if (c.exact !== false) {
			const extra = lines.filter((l) => !c.expected.some((want) => l.includes(want)));
			expect(extra).toEqual([]);
		}
		// Every message quotes what it got, or says what to do.
		for (const issue of issues) expect(issue.message.length).toBeGreaterThan(10);
	});
});
