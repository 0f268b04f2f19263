// Three suites, run in this order by `npm test` (scripts/test.js):
//   unit      jest + nock, no network, no servers
//   emulator  the node and the local FacturasApp emulator over real HTTP on 127.0.0.1,
//             and the hostile-server suite (test/hostile)
//   e2e       the built package inside a real n8n (needs the Node 24 + n8n runtime)
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.test.json', isolatedModules: true }];
// No test asserts elapsed time (CI machines are small and busy); jest's 5 s default per test
// would be one such bound, so a test only fails on time when it really hangs.
const base = { testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest }, testTimeout: 120_000 };

module.exports = {
	// jest-circus reads the time-out from the global config only: the projects' copy is not used.
	testTimeout: base.testTimeout,
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		// test/hostile: scripted hostile servers on loopback (issue 13), run with the emulator suite.
		{
			...base,
			displayName: 'emulator',
			testMatch: ['<rootDir>/test/emulator/**/*.test.ts', '<rootDir>/test/hostile/**/*.test.ts'],
		},
		{ ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
	],
};
