// The rule sets n8n's community package scanner runs: @n8n/eslint-plugin-community-nodes
// (recommended) and eslint-plugin-n8n-nodes-base (community for package.json, credentials,
// nodes). The scanner ignores inline eslint-disable comments, so this config does too.
import tsParser from '@typescript-eslint/parser';
import jsoncParser from 'jsonc-eslint-parser';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const base = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: false } },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: base,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
		...communityNodes.configs.recommended,
		ignores: [],
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: base,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// This older rule wants a camelCase slug; the community plugin (newer) and n8n's
			// verification guidelines want a full URL, which is also the only link that works for
			// a community credential. The two cannot both pass, so the newer one wins.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser },
		plugins: base,
		rules: n8nNodesBase.configs.nodes.rules,
	},
];
