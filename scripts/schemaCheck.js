'use strict';
// The output schemas a package must ship: for every node with resources and operations, one
// `<node dir>/__schema__/v<version>/<resource>/<operation>.json` per operation (the editor asks
// for /schemas/<package>.<node>/<version>/<resource>/<operation>.json and logs a 404 otherwise).
// Used by `npm run lint` on the `npm pack` tarball, so a build that drops them fails.
const fs = require('fs');
const path = require('path');

/** typeVersion 1 → "1.0.0", 2.1 → "2.1.0" (how n8n names the schema folder). */
function schemaVersion(version) {
	const [major, minor = '0', patch = '0'] = String(version).split('.');
	return `${major}.${minor}.${patch}`;
}

/** Every [resource, operation] pair a node description offers. */
function operationsOf(description) {
	const pairs = [];
	for (const p of description.properties ?? []) {
		if (p.name !== 'operation' || !Array.isArray(p.options)) continue;
		for (const resource of p.displayOptions?.show?.resource ?? [])
			for (const option of p.options) pairs.push([resource, option.value]);
	}
	return pairs;
}

/**
 * Problems (empty when fine) of the schemas in `pkgDir` (an unpacked package) for `nodes`:
 * `[{ file: 'dist/nodes/X/X.node.js', description }]`.
 */
function schemaProblems(pkgDir, nodes) {
	const problems = [];
	for (const { file, description } of nodes) {
		const versions = [].concat(description.version ?? 1);
		for (const version of versions) {
			for (const [resource, operation] of operationsOf(description)) {
				const rel = path.join(
					path.dirname(file),
					'__schema__',
					`v${schemaVersion(version)}`,
					resource,
					`${operation}.json`,
				);
				const full = path.join(pkgDir, rel);
				if (!fs.existsSync(full)) {
					problems.push(`${rel} is missing`);
					continue;
				}
				try {
					const schema = JSON.parse(fs.readFileSync(full, 'utf8'));
					if (schema.type !== 'object' || typeof schema.properties !== 'object')
						problems.push(`${rel} is not a JSON Schema object with properties`);
				} catch (error) {
					problems.push(`${rel} is not JSON: ${error.message}`);
				}
			}
		}
	}
	return problems;
}

/** The node descriptions of package.json's n8n.nodes, loaded from `codeDir` (built dist). */
function packageNodes(pkgDir, codeDir) {
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	return (pkg.n8n?.nodes ?? []).map((file) => {
		const exports = require(path.join(codeDir, file));
		const NodeClass = Object.values(exports).find((v) => typeof v === 'function');
		return { file, description: new NodeClass().description };
	});
}

module.exports = { operationsOf, packageNodes, schemaProblems, schemaVersion };
