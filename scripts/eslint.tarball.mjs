// The scanner's rule sets applied to the packed package: package.json with the community set,
// the compiled JavaScript with the community-nodes plugin (the rules that read JavaScript:
// restricted globals and imports, dangerous functions, deprecated helpers...).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jsoncParser = require('jsonc-eslint-parser');
const communityNodes =
	require('@n8n/eslint-plugin-community-nodes').default ??
	require('@n8n/eslint-plugin-community-nodes');
const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');

export default [
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: false } },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['dist/**/*.js'],
		languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022 },
		...communityNodes.configs.recommended,
		ignores: [],
	},
];
