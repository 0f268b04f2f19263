// GetInvoiceStateByNumber's body is undocumented (docs/facturasapp-api.md §8). The node
// returns it untouched and adds this summary, built only from fields it actually finds.
import type { IDataObject } from 'n8n-workflow';

export type Outcome = 'pending' | 'accepted' | 'acceptedWithErrors' | 'rejected';

export interface StateSummary extends IDataObject {
	status?: string;
	outcome?: Outcome;
	final?: boolean;
	aeatCode?: string;
	aeatDescription?: string;
	csv?: string;
}

const STATUS_KEYS = [
	'state',
	'estado',
	'status',
	'estadoregistro',
	'invoicestate',
	'aeatstate',
	'statename',
];
const CODE_KEYS = ['aeatcode', 'codigoerrorregistro', 'codigoerror', 'errorcode'];
const DESCRIPTION_KEYS = [
	'aeatdescription',
	'descripcionerrorregistro',
	'descripcionerror',
	'errordescription',
];
const CSV_KEYS = ['csv'];

// VeriFactu's record states and the words FacturasApp's UI is likely to use for them.
const OUTCOMES: Array<[RegExp, Outcome]> = [
	[
		/^(aceptad[oa]s?\s*con\s*errores|aceptadoconerrores|accepted\s*with\s*errors)$/i,
		'acceptedWithErrors',
	],
	// Not a bare "ok" either: only words that name an AEAT decision.
	[/^(correct[oa]|aceptad[oa]|accepted|registrad[oa])$/i, 'accepted'],
	// Not a bare "error": {"status":"error"} is an API failure, not the tax authority's verdict.
	[/^(incorrect[oa]|rechazad[oa]|rejected)$/i, 'rejected'],
	[
		/^(pendiente(\s*de\s*(env[ií]o|enviar|registro|respuesta))?|pending|en\s*cola|en\s*proceso|enviad[oa]|procesando|processing|sent|queued)$/i,
		'pending',
	],
];

/** "ACEPTADO_CON_ERRORES", "aceptada-con errores" and "Aceptada con errores" read alike. */
const normalised = (status: string) => status.trim().replace(/[\s_-]+/g, ' ');

function pick(record: IDataObject, keys: string[]): unknown {
	for (const [key, value] of Object.entries(record)) {
		if (keys.includes(key.toLowerCase()) && value !== null && value !== undefined && value !== '')
			return value;
	}
	return undefined;
}

export function summarizeState(state: unknown): StateSummary {
	const record = Array.isArray(state) && state.length === 1 ? state[0] : state;
	const summary: StateSummary = {};
	if (typeof record === 'string') {
		summary.status = record;
	} else if (record && typeof record === 'object' && !Array.isArray(record)) {
		const found = record as IDataObject;
		const status = pick(found, STATUS_KEYS);
		if (typeof status === 'string' || typeof status === 'number') summary.status = String(status);
		const code = pick(found, CODE_KEYS);
		if (code !== undefined) summary.aeatCode = String(code);
		const description = pick(found, DESCRIPTION_KEYS);
		if (description !== undefined) summary.aeatDescription = String(description);
		const csv = pick(found, CSV_KEYS);
		if (csv !== undefined) summary.csv = String(csv);
	}
	const match = summary.status
		? OUTCOMES.find(([pattern]) => pattern.test(normalised(summary.status!)))
		: undefined;
	if (match) {
		summary.outcome = match[1];
		summary.final = match[1] !== 'pending';
	}
	return summary;
}
