// aeatQrUrl on the trigger's items, when the credential knows the issuer (its NIF and invoicing
// mode; no API exposes them). Date and total come from the state answer when it carries them.
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { NO_DATE_AND_TOTAL, qrFieldsOf, qrIssuerOf, qrOutput } from '../../FacturasApp/invoice/qr';

export function qrDecorator(
	credentials: ICredentialDataDecryptedObject,
): (item: IDataObject) => IDataObject {
	const issuer = qrIssuerOf(credentials);
	if (!issuer) return (item) => item;
	return (item) => {
		if (typeof item.invoiceNumber !== 'string' || item.state === undefined) return item;
		const { date, total } = qrFieldsOf(item.state);
		return { ...item, ...qrOutput(issuer, item.invoiceNumber, date, total, NO_DATE_AND_TOTAL) };
	};
}
