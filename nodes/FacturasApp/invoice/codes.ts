// Code tables of docs/facturasapp-api.md §6. Names are English for the UI; Spanish in parentheses
// where users know the Spanish term.

export interface CodeEntry {
	code: string;
	name: string;
}

const index = (entries: readonly CodeEntry[]): ReadonlySet<string> =>
	new Set(entries.map((e) => e.code));

/** §6.1 idPayment. */
export const PAYMENT_METHODS: readonly CodeEntry[] = [
	{ code: 'ND', name: 'Not Defined' },
	{ code: 'EF', name: 'Cash' },
	{ code: 'TF', name: 'Bank Transfer' },
	{ code: 'TB', name: 'Bank Card (Legacy)' },
	{ code: 'DB', name: 'Direct Debit' },
	{ code: 'PP', name: 'PayPal' },
	{ code: 'FR', name: 'Factoring' },
	{ code: 'CF', name: 'Confirming' },
	{ code: 'TL', name: 'Cheque Book' },
	{ code: 'TC', name: 'Credit Card' },
	{ code: 'TD', name: 'Debit Card' },
	{ code: 'PA', name: 'Promissory Note (Pagaré)' },
	{ code: 'CH', name: 'Cheque' },
	{ code: 'RB', name: 'Bank Receipt (Recibo)' },
	{ code: 'CD', name: 'Cash on Delivery' },
	{ code: 'BZ', name: 'Bizum' },
	{ code: 'LC', name: 'Bill of Exchange (Letra)' },
	{ code: 'CP', name: 'Compensation' },
];

/** §6.2 regime ("clave de régimen"). */
export const REGIMES: readonly CodeEntry[] = [
	{ code: '01', name: 'General' },
	{ code: '02', name: 'Export' },
	{ code: '03', name: 'Second-Hand Goods, Art, Antiques' },
	{ code: '04', name: 'Investment Gold' },
	{ code: '05', name: 'Travel Agencies' },
	{ code: '06', name: 'VAT Group' },
	{ code: '07', name: 'Cash Accounting (Criterio de Caja)' },
	{ code: '08', name: 'IPSI / IGIC Operations' },
	{ code: '09', name: 'Travel Agencies as Intermediaries' },
	{ code: '10', name: 'Third-Party Collections' },
	{ code: '11', name: 'Business Premises Rental' },
	{ code: '14', name: 'VAT Pending Accrual (Public Works Certifications)' },
	{ code: '15', name: 'VAT Pending Accrual (Successive Supply)' },
	{ code: '17', name: 'OSS / IOSS' },
	{ code: '18', name: 'Recargo de Equivalencia' },
	{ code: '19', name: 'REAGYP (Farming)' },
	{ code: '20', name: 'Simplified Regime' },
];

/** §6.3 identificationType. */
export const IDENTIFICATION_TYPES: readonly CodeEntry[] = [
	{ code: '02', name: 'NIF-IVA' },
	{ code: '03', name: 'Passport' },
	{ code: '04', name: 'Official ID of the Country of Residence' },
	{ code: '05', name: 'Residence Certificate' },
	{ code: '06', name: 'Other Document' },
	{ code: '07', name: 'Not Registered (No Censado)' },
];

/** §6.4 operation qualification. */
export const QUALIFICATIONS: readonly CodeEntry[] = [
	{ code: 'S1', name: 'Subject, Not Exempt' },
	{ code: 'S2', name: 'Subject, Reverse Charge (Inversión del Sujeto Pasivo)' },
	{ code: 'N1', name: 'Not Subject (Art. 7, 14, Others)' },
	{ code: 'N2', name: 'Not Subject (Place-of-Supply Rules)' },
];

/** §6.5 exemption causes (E0 only at invoice level, meaning "nothing exempt"). */
export const EXEMPT_CAUSES: readonly CodeEntry[] = [
	{ code: 'E1', name: 'Domestic Exempt (Art. 20)' },
	{ code: 'E2', name: 'Exports (Art. 21)' },
	{ code: 'E3', name: 'Intra-EU Supplies (Art. 25)' },
	{ code: 'E4', name: 'Related Services (Art. 22)' },
	{ code: 'E5', name: 'Assimilated to Exports (Art. 23, 24)' },
	{ code: 'E6', name: 'Other Exemption' },
	{ code: 'E7', name: 'Art. 25 Law 19/1994 (IGIC)' },
	{ code: 'E8', name: 'Exempt Without Deduction Right (IGIC)' },
];

export const PAYMENT_CODES = index(PAYMENT_METHODS);
export const REGIME_CODES = index(REGIMES);
export const REGIME_HELP = [...REGIME_CODES].join(', ');
export const QUALIFICATION_HELP = 'S1 (not exempt), S2 (reverse charge), N1 or N2 (not subject)';
export const IDENTIFICATION_CODES = index(IDENTIFICATION_TYPES);
export const QUALIFICATION_CODES = index(QUALIFICATIONS);
export const EXEMPT_CODES = index(EXEMPT_CAUSES);
/** Causes that exist only for IGIC. */
export const IGIC_ONLY_EXEMPT_CODES: ReadonlySet<string> = new Set(['E7', 'E8']);
/** Qualifications that force rate 0 and no recargo. */
export const ZERO_RATE_QUALIFICATIONS: ReadonlySet<string> = new Set(['S2', 'N1', 'N2']);

export const PERSON_TYPE = { individual: '01', company: '02' } as const;
export const PERSON_TYPE_CODES: ReadonlySet<string> = new Set(['01', '02']);
export const CONTACT_TYPE_CODES: ReadonlySet<string> = new Set(['01', '02']);
export const SPAIN_COUNTRY_ID = '207';
export const RECARGO_REGIME = '18';

/** §6.6 taxCode per tax. */
export const TAX_CODE = { IVA: '01', IPSI: '02', IGIC: '03', other: '05' } as const;
export const TAX_CODES: ReadonlySet<string> = new Set(Object.values(TAX_CODE));
/** The named taxes both ways (not 'other', whose name is free). */
const NAMED_TAXES = (['IVA', 'IPSI', 'IGIC'] as const).map(
	(name) => [name, TAX_CODE[name]] as const,
);
export const TAX_CODE_BY_NAME: Readonly<Record<string, string | undefined>> =
	Object.fromEntries(NAMED_TAXES);
export const TAX_NAME_BY_CODE: Readonly<Record<string, string | undefined>> = Object.fromEntries(
	NAMED_TAXES.map(([name, code]) => [code, name]),
);
export const TAX_CODE_HELP = "'01' (IVA), '02' (IPSI), '03' (IGIC) or '05' (other)";
/** taxName the builder writes on recargo rows of fieldTaxations. */
export const RECARGO_TAX_NAME = 'RE';
/** Every spelling of a recargo row's taxName read as recargo: the newest public client writes
 * 'RecargoEquivalencia' (§4), the long form is harmless to accept. */
export const RECARGO_TAX_NAMES: ReadonlySet<string> = new Set([
	RECARGO_TAX_NAME,
	'RecargoEquivalencia',
	'Recargo de equivalencia',
]);

/** Legal rates in basis points of a percent (hundredths: 21 % → 2100), per taxCode. */
export const IVA_RATES_BP: ReadonlySet<number> = new Set([2100, 1000, 500, 400, 0]);
export const IGIC_RATES_BP: ReadonlySet<number> = new Set([
	0, 300, 500, 700, 950, 1350, 1500, 2000,
]);
/** IPSI: each city's ordinance sets rates between 0.5 % and 10 % (Ley 8/1991), plus 0. */
export const IPSI_MIN_BP = 50;
export const IPSI_MAX_BP = 1000;

/** Recargo de equivalencia allowed per IVA rate (§6.6), in hundredths of a percent; the first
 * is the one used when recargo is switched on without a rate. */
export const RECARGO_RATES_BP: Readonly<Record<number, readonly number[]>> = {
	2100: [520, 175],
	1000: [140],
	500: [50, 62],
	400: [50],
};

/** IRPF retention rates (§6.6), in hundredths of a percent. */
export const IRPF_RATES_BP: ReadonlySet<number> = new Set([100, 200, 700, 1500, 1900]);

/** withHoldingsSurChargesDto.idRateWithHoldings: newer type codes. */
export const WH_TYPE_RETENTION = '10';
export const WH_TYPE_RECARGO = '11';
/** Older tariff codes: kind and rate in hundredths of a percent. */
export const WH_TARIFFS: Readonly<Record<string, { recargo: boolean; bp: number }>> = {
	'20': { recargo: false, bp: 700 },
	'21': { recargo: false, bp: 1500 },
	'22': { recargo: false, bp: 1900 },
	'23': { recargo: true, bp: 520 },
	'24': { recargo: true, bp: 140 },
	'25': { recargo: true, bp: 50 },
	'26': { recargo: true, bp: 175 },
};

export const FEE_TYPES: ReadonlySet<string> = new Set(['CG', 'DT', 'RT']);
export const FEE_VALUE_TYPES: ReadonlySet<string> = new Set(['VR', 'PJ']);
