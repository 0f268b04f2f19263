// Every answer form the emulator can give: the [seen] defaults, then each [unknown] guess on its
// own (one option changed at a time). Built from CONFIG_CHOICES, so a new option value is in
// the node's variant tests (node-variants.test.ts) without anyone listing it.
import { CONFIG_CHOICES, type RuntimeConfig } from './types';
import { DEFAULT_CONFIG } from './core';

export interface Variant {
	name: string;
	options: Partial<RuntimeConfig>;
}

export const VARIANTS: Variant[] = [
	{ name: 'seen answers (defaults)', options: {} },
	...Object.entries(CONFIG_CHOICES).flatMap(([key, choices]) =>
		(choices as readonly string[])
			.filter((choice) => choice !== DEFAULT_CONFIG[key as keyof RuntimeConfig])
			.map((choice) => ({
				name: `${key}: ${choice}`,
				options: { [key]: choice } as Partial<RuntimeConfig>,
			})),
	),
];
