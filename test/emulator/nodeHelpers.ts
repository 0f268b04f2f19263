// Runs the real node (through the fake n8n context of the unit tests, which sends real HTTP with
// n8n's own axios client) against a started emulator.
import type { INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../unit/helpers/runNode';
import type { Emulator } from './index';
import { DEMO_USER } from './index';

export function emulatorCredentials(emulator: Emulator) {
	return {
		environment: 'custom',
		baseUrl: emulator.url,
		user: DEMO_USER.user,
		password: DEMO_USER.password,
		apiKey: '',
	};
}

export async function runAgainst(
	emulator: Emulator,
	params: Record<string, unknown>,
	items = 1,
	extra: { continueOnFail?: boolean; credentials?: Record<string, unknown> } = {},
) {
	return await runNode({
		params,
		items: Array.from({ length: items }, (_, i): INodeExecutionData => ({ json: { i } })),
		credentials: { ...emulatorCredentials(emulator), ...extra.credentials },
		continueOnFail: extra.continueOnFail,
	});
}
