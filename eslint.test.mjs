// Lint for the code that is not shipped (test/, scripts/): typescript-eslint's recommended
// rules, so the suites are held to a standard too. The shipped code has its own, stricter
// config (eslint.config.mjs: n8n's community scanner rule sets).
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.runtime/**', '.e2e-tmp/**'] },
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			// Tests read loosely shaped JSON answers; `any` there is the honest type.
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
			],
		},
	},
	{
		files: ['**/*.js'],
		languageOptions: {
			sourceType: 'commonjs',
			globals: {
				require: 'readonly',
				module: 'writable',
				process: 'readonly',
				__dirname: 'readonly',
				console: 'readonly',
			},
		},
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
