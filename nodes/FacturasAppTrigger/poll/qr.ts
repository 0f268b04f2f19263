// aeatQrUrl on the trigger's items, when the credential knows the issuer (its NIF and invoicing
// mode; no API exposes them). Date and total come from the state answer when it carries them.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { InvoicingMode } from '../../FacturasApp/invoice/qr';
import { aeatQrUrl, qrFieldsOf } from '../../FacturasApp/invoice/qr';

export function qrDecorator(
	credentials: ICredentialDataDecryptedObject,
): (item: IDataObject) => IDataObject {
	const nif = typeof credentials.issuerNif === 'string' ? credentials.issuerNif.trim() : '';
	if (nif === '') return (item) => item;
	const mode: InvoicingMode =
		credentials.invoicingMode === 'noVerifactu' ? 'noVerifactu' : 'verifactu';
	const production = credentials.environment === 'production';
	return (item) => {
		if (typeof item.invoiceNumber !== 'string' || item.state === undefined) return item;
		const { date, total } = qrFieldsOf(item.state);
		if (date === undefined || total === undefined) {
			return {
				...item,
				aeatQrUrlNote:
					"FacturasApp's state answer has no issue date and total, so the AEAT verification URL cannot be built",
			};
		}
		const built = aeatQrUrl({
			nif,
			invoiceNumber: item.invoiceNumber,
			date,
			total,
			mode,
			production,
		});
		return 'url' in built
			? { ...item, aeatQrUrl: built.url }
			: { ...item, aeatQrUrlNote: `No AEAT verification URL: ${built.problem}` };
	};
}
