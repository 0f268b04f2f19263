// The [unknown] answer forms over HTTP, as documented in README.md: each option changes exactly
// what it says, and the defaults stay the seen shapes.
import { startEmulator, type Emulator } from './index';
import { call, login, paths, sampleInvoiceBody } from './helpers';
import { DEFAULT_CONFIG } from './core';
import { VARIANTS } from './variants';

let emu: Emulator;
let key: string;
beforeAll(async () => {
	emu = await startEmulator({ series: [{ prefix: 'FACT', lastNumber: 5, isDefault: true }] });
});
afterAll(() => emu.close());
beforeEach(async () => {
	emu.reset();
	key = await login(emu);
});

const create = (number: string) =>
	call(emu, 'POST', paths.add, { key, body: sampleInvoiceBody(number) });

it('the variants are the defaults plus every other option value once', () => {
	expect(VARIANTS[0]).toEqual({ name: 'seen answers (defaults)', options: {} });
	expect(VARIANTS.length).toBe(1 + 2 + 3 + 1 + 1 + 2 + 3 + 2 + 2 + 1 + 1);
	for (const { options } of VARIANTS.slice(1)) {
		const [[option, value]] = Object.entries(options);
		expect(value).not.toBe(DEFAULT_CONFIG[option as keyof typeof DEFAULT_CONFIG]);
	}
});

describe('GetInvoiceStateByNumber forms', () => {
	beforeEach(async () => {
		emu.setStateOutcome('FACT0006', { state: 'Incorrecto', code: '4107', description: 'NIF' });
		await create('FACT0006');
	});
	const state = async () =>
		(await call(emu, 'GET', paths.state('FACT0006'), { key })).json as Record<string, unknown>;

	it('envelope (default): VeriFactu names in toolObject', async () => {
		expect(await state()).toMatchObject({
			isError: false,
			toolObject: { invoiceNumber: 'FACT0006', state: 'Incorrecto', aeatCode: '4107' },
		});
	});
	it('flat: the same object without envelope', async () => {
		emu.setConfig({ stateForm: 'flat' });
		const body = await state();
		expect(body).toMatchObject({
			invoiceNumber: 'FACT0006',
			state: 'Incorrecto',
			aeatCode: '4107',
			aeatDescription: 'NIF',
		});
		expect(body.isError).toBeUndefined();
	});
	it('spanish: estado, codigoError, descripcionError in toolObject', async () => {
		emu.setConfig({ stateForm: 'spanish', stateNames: 'portal' });
		expect((await state()).toolObject).toEqual({
			numeroFactura: 'FACT0006',
			estado: 'Rechazada',
			codigoError: '4107',
			descripcionError: 'NIF',
			fechaRegistro: expect.any(String),
			urlQR: expect.stringContaining('numserie=FACT0006'),
		});
	});
	it('aeat: flat with AEAT names, upper-case words', async () => {
		emu.setConfig({ stateForm: 'aeat', stateNames: 'upper' });
		expect(await state()).toEqual({
			NumSerieFactura: 'FACT0006',
			EstadoRegistro: 'INCORRECTO',
			CodigoErrorRegistro: '4107',
			DescripcionErrorRegistro: 'NIF',
			FechaHoraRegistro: expect.any(String),
			URLValidacion: expect.any(String),
		});
	});
});

describe('not found, wording, ids, log-in errors, sequence', () => {
	it('notFoundForm http404 and the wordings', async () => {
		expect((await call(emu, 'GET', paths.state('X1'), { key })).json).toEqual({
			id: 0,
			messages: 'No se ha encontrado la factura X1',
			isError: true,
			toolObject: null,
		});
		emu.setConfig({ notFoundForm: 'http404', wording: 'en' });
		const answer = await call(emu, 'POST', paths.pdf('X1'), { key });
		expect([answer.status, answer.json]).toEqual([404, { message: 'Invoice X1 not found' }]);
		emu.setConfig({ notFoundForm: 'business', wording: 'es2', pdfReadyDelayMs: 60_000 });
		await create('FACT0006');
		expect((await call(emu, 'POST', paths.pdf('FACT0006'), { key })).json).toMatchObject({
			isError: true,
			messages: expect.stringContaining('se está generando'),
		});
		expect((await create('FACT0006')).json).toMatchObject({
			isError: true,
			messages: 'El número de factura FACT0006 ya está registrado.',
		});
	});

	it('idForm string quotes every envelope id', async () => {
		emu.setConfig({ idForm: 'string' });
		expect((await create('FACT0006')).json).toMatchObject({ id: '1', isError: false });
		expect((await call(emu, 'GET', paths.state('FACT0006'), { key })).json).toMatchObject({
			id: '1',
		});
	});

	it.each([
		['message', 'application/json', '{"message":"Usuario o contraseña incorrectos"}'],
		['exception', 'application/json', '{"exception":"Usuario o contraseña incorrectos"}'],
		['text', 'text/plain', 'Usuario o contraseña incorrectos'],
		['empty', 'text/plain', ''],
	] as const)('loginErrorForm %s', async (form, type, text) => {
		emu.setConfig({ loginErrorForm: form });
		const answer = await call(emu, 'POST', paths.login, {
			body: { User: 'demo@facturasapp.local', Password: 'wrong' },
		});
		expect(answer.status).toBe(401);
		expect(answer.headers.get('content-type')).toContain(type);
		expect(answer.text).toBe(text);
	});

	it('numberCheck sequence refuses a number that is not the next of its series, and nothing moves', async () => {
		expect((await create('FACT0008')).json).toMatchObject({ isError: false }); // default: accepted
		emu.reset();
		key = await login(emu);
		emu.setConfig({ numberCheck: 'sequence' });
		expect((await create('FACT0008')).json).toMatchObject({
			isError: true,
			messages: 'El número FACT0008 no es correlativo: el siguiente de la serie es FACT0006',
		});
		expect((await create('FACT0006')).json).toMatchObject({ isError: false });
		expect((await create('FACT7')).json).toMatchObject({ isError: false }); // 7 is next, whatever the padding
		expect((await create('OTRA-1')).json).toMatchObject({ isError: false }); // no known series: not judged
		expect([...emu.invoices.keys()]).toEqual(['FACT0006', 'FACT7', 'OTRA-1']);
	});
});
