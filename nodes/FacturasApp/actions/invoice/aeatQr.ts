// aeatQrUrl on Create and Get State items: the issuer comes from the credential (no API exposes
// its NIF or invoicing mode), read once per run (Run.qrIssuer); the rule lives in invoice/qr.ts.
import { NO_DATE_AND_TOTAL, qrFieldsOf, qrOutput } from '../../invoice/qr';
import type { Run } from '../run';

export type QrFields = { aeatQrUrl: string } | { aeatQrUrlNote: string } | Record<string, never>;

/** For an invoice this execution issued: its own body has the date and total. */
export async function createdQr(
	run: Run,
	invoiceNumber: string,
	invoiceDate: unknown,
	total: unknown,
): Promise<QrFields> {
	const issuer = await run.qrIssuer();
	if (!issuer) return {};
	return qrOutput(
		issuer,
		invoiceNumber,
		typeof invoiceDate === 'string' ? invoiceDate : undefined,
		typeof total === 'number' || typeof total === 'string' ? total : undefined,
		'The invoice body has no issue date or total, so the AEAT verification URL cannot be built',
	);
}

/** For Get State: date and total only if FacturasApp's state answer carries them (§8 is unknown). */
export async function stateQr(run: Run, invoiceNumber: string, state: unknown): Promise<QrFields> {
	const issuer = await run.qrIssuer();
	if (!issuer) return {};
	const { date, total } = qrFieldsOf(state);
	return qrOutput(
		issuer,
		invoiceNumber,
		date,
		total,
		`${NO_DATE_AND_TOTAL}: take aeatQrUrl from the Create output, which knows both`,
	);
}
