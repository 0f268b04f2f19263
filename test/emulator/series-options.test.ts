// Create → Next in Series lists the account's series (GetConsecutives) as its dropdown.
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { getSeries } from '../../nodes/FacturasApp/methods/loadOptions';
import { fakeContext } from '../unit/helpers/fakeContext';
import type { Emulator } from './index';
import { startEmulator } from './index';
import { emulatorCredentials } from './nodeHelpers';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({
		series: [
			{ prefix: 'REC', lastNumber: 12, isDefault: false },
			{ prefix: 'FACT', lastNumber: 5, isDefault: true },
		],
	});
});
afterAll(async () => await emulator.close());

describe('the Series dropdown of Next in Series', () => {
	it('offers the default series first (preselected: its value is the default ""), then every series with its next number', async () => {
		const { ctx } = fakeContext({ params: {}, credentials: emulatorCredentials(emulator) });
		const options = await getSeries.call(ctx as unknown as ILoadOptionsFunctions);
		expect(options).toEqual([
			{
				name: 'Default Series (FACT)',
				value: '',
				description: expect.stringContaining('FACT0006'),
			},
			{ name: 'REC', value: 'REC', description: 'next number REC0013' },
			{ name: 'FACT', value: 'FACT', description: 'next number FACT0006' },
		]);
	});
});
