// Runs the emulator until Ctrl-C: npx tsx test/emulator/cli.ts [--port N] [--host H] [--log]
// Prints the URL and the demo credentials (fake, emulator-only) for the n8n credential form.
import { DEMO_USER, startEmulator } from './index';

function argValue(name: string): string | undefined {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
	const portArg = argValue('--port') ?? process.env.EMULATOR_PORT;
	const port = portArg === undefined ? 0 : Number(portArg);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`invalid port: ${portArg}`);
	const emulator = await startEmulator({
		port,
		host: argValue('--host') ?? '127.0.0.1',
		log: process.argv.includes('--log'),
	});
	process.stdout.write(
		[
			`FacturasApp emulator listening on ${emulator.url}`,
			`  user:     ${DEMO_USER.user}`,
			`  password: ${DEMO_USER.password}`,
			`  control:  ${emulator.url}/__emulator/state`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
	const stop = () => {
		emulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`emulator: ${(error as Error).message}\n`);
	process.exit(1);
});
