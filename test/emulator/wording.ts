// The emulator's Spanish business messages. FacturasApp's exact wording for an unknown number,
// a PDF not ready yet or a duplicate is [unknown] (facturasapp-api.md §7, §8, §12): `es` is the
// default guess, `es2` and `en` are other plausible ones (option `wording`).
import type { Wording } from './types';

export interface Messages {
	notFound(number: string): string;
	pdfNotReady(number: string): string;
	duplicate(number: string): string;
	outOfSequence(number: string, expected: string): string;
}

export const MESSAGES: Record<Wording, Messages> = {
	es: {
		notFound: (n) => `No se ha encontrado la factura ${n}`,
		pdfNotReady: (n) =>
			`El PDF de la factura ${n} aún no está disponible. Inténtelo de nuevo más tarde.`,
		duplicate: (n) => `Ya existe una factura con el número ${n}`,
		outOfSequence: (n, e) => `El número ${n} no es correlativo: el siguiente de la serie es ${e}`,
	},
	es2: {
		notFound: (n) => `La factura ${n} no existe.`,
		pdfNotReady: (n) => `El PDF de la factura ${n} se está generando. Inténtelo más tarde.`,
		duplicate: (n) => `El número de factura ${n} ya está registrado.`,
		outOfSequence: (n, e) =>
			`La factura ${n} no sigue la numeración de la serie (se esperaba ${e}).`,
	},
	en: {
		notFound: (n) => `Invoice ${n} not found`,
		pdfNotReady: (n) => `The PDF of invoice ${n} is not ready yet`,
		duplicate: (n) => `An invoice with number ${n} already exists`,
		outOfSequence: (n, e) => `Invoice number ${n} is out of sequence, expected ${e}`,
	},
};
