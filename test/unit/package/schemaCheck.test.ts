// The lint's tarball check for output schemas (scripts/schemaCheck.js) bites: it is what keeps
// dist/nodes/FacturasApp/__schema__ in the package users install.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { FacturasApp } from '../../../nodes/FacturasApp/FacturasApp.node';
import { FacturasAppTrigger } from '../../../nodes/FacturasAppTrigger/FacturasAppTrigger.node';

interface SchemaCheck {
	operationsOf(description: unknown): Array<[string, string]>;
	schemaProblems(pkgDir: string, nodes: Array<{ file: string; description: unknown }>): string[];
	schemaVersion(version: number | string): string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const check = require('../../../scripts/schemaCheck.js') as SchemaCheck;
const { operationsOf, schemaProblems, schemaVersion } = check;

const SOURCE = path.resolve(__dirname, '../../../nodes/FacturasApp/__schema__');
const NODES = [
	{
		file: 'dist/nodes/FacturasApp/FacturasApp.node.js',
		description: new FacturasApp().description,
	},
	{
		file: 'dist/nodes/FacturasAppTrigger/FacturasAppTrigger.node.js',
		description: new FacturasAppTrigger().description,
	},
];

let pkg: string;
beforeEach(() => {
	// An unpacked package holding the schemas where the build puts them.
	pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-check-'));
	fs.cpSync(SOURCE, path.join(pkg, 'dist/nodes/FacturasApp/__schema__'), { recursive: true });
});
afterEach(() => fs.rmSync(pkg, { recursive: true, force: true }));

describe('output schema check of the package', () => {
	it('finds every operation of the node and passes the schemas as shipped', () => {
		expect(operationsOf(NODES[0].description)).toEqual(
			expect.arrayContaining([
				['invoice', 'create'],
				['invoice', 'getState'],
				['invoice', 'getPdf'],
				['series', 'getAll'],
			]),
		);
		expect(schemaVersion(1)).toBe('1.0.0');
		expect(schemaVersion(2.1)).toBe('2.1.0');
		expect(schemaProblems(pkg, NODES)).toEqual([]);
	});

	it('reports a missing schema by its path', () => {
		fs.rmSync(path.join(pkg, 'dist/nodes/FacturasApp/__schema__/v1.0.0/invoice/getState.json'));
		expect(schemaProblems(pkg, NODES)).toEqual([
			'dist/nodes/FacturasApp/__schema__/v1.0.0/invoice/getState.json is missing',
		]);
	});

	it('reports a schema that is not JSON or not an object schema', () => {
		const dir = path.join(pkg, 'dist/nodes/FacturasApp/__schema__/v1.0.0');
		fs.writeFileSync(path.join(dir, 'invoice/create.json'), '{ "type": ');
		fs.writeFileSync(path.join(dir, 'series/getAll.json'), '{ "type": "array" }');
		const problems = schemaProblems(pkg, NODES);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toContain('invoice/create.json is not JSON');
		expect(problems[1]).toContain('series/getAll.json is not a JSON Schema object');
	});
});
