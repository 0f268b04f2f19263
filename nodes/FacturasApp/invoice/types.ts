// The AddInvoice body as the API contract (docs/facturasapp-api.md §4) names it, and the friendlier
// input the builder turns into it. Field names are exact, including the API's irregular casing.
import type { CalendarDay, TimeOfDay } from './dates';
import type { Decimal } from './money';

export interface InvoiceContact {
	contactType: string;
	personType: string;
	companyName: string;
	tradeName?: string | null;
	customerCode?: string | null;
	identificationType?: string | null;
	identification?: string | null;
	regime?: string | null;
	country?: string | null;
	province?: string | null;
	population?: string | null;
	addressCustomer?: string | null;
	postalCodeCustomer?: string | null;
	phoneCustomer?: string | null;
	webSite?: string | null;
	emailCustomer?: string | null;
	applySurchargeEquivalence?: boolean | null;
}

export interface LineTax {
	taxCode?: string | null;
	taxName: string;
	rate: number;
	taxBase: number;
	valueTax: number;
	isExemptOperation?: boolean | null;
	qualificationOperation?: string | null;
	regime?: string | null;
	idExento?: string | null;
}

/** IRPF retention or recargo de equivalencia of one line (newer "type" form or older tariff form). */
export interface LineWithholdingSurcharge {
	idRateWithHoldings: string;
	subTotalWithHoldings: number;
	cuotaWithHoldings: number;
	isWithHolding?: boolean | null;
	rateValueWithHoldings?: number | null;
}

export interface LineDiscount {
	discountName?: string | null;
	discountRate: number;
	discountBase: number;
	valueDiscount: number;
}

export interface InvoiceProduct {
	typeUse: string;
	reference?: string | null;
	description: string;
	productType: number;
	regime?: string | null;
	unitPrice: number;
	quantity: number;
	subTotal: number;
	totaldiscount: number;
	totalTax: number;
	totalSurCharges: number;
	totalwithHoldings: number;
	taxes: LineTax[];
	withHoldingsSurChargesDto?: LineWithholdingSurcharge[] | null;
	discountDtoModules?: LineDiscount[] | null;
}

export interface ChargeAndDiscount {
	idtypeFeeDiscount: 'CG' | 'DT' | 'RT' | string;
	idTypeValueFeeDiscount: 'VR' | 'PJ' | string;
	baseFeeDiscount: number;
	valueFeeDiscount: number;
	totalFeeDiscount: number;
}

/**
 * One row of the tax summary. The real shape is unknown (§4), so the row reuses only names
 * the contract gives for `taxes` entries. Tax rows: one per (taxCode, taxName, rate).
 * Recargo rows: taxCode '01', taxName 'RE', rate = the recargo rate, one per rate.
 */
export interface FieldTaxation {
	taxCode?: string | null;
	taxName: string;
	rate: number;
	taxBase: number;
	valueTax: number;
}

export interface AddInvoiceBody {
	invoiceNumber: string;
	currentNumber?: number;
	invoiceDate: string;
	invoiceTime: string;
	invoiceExpiration?: string | null;
	invoiceIdTypeRegAEAT: string;
	invoiceIdTypeRegSIF?: string | null;
	contactName: string;
	operationDate?: string | null;
	contacts: InvoiceContact[];
	products: InvoiceProduct[];
	idPayment: string;
	paymentNote?: string | null;
	textObservations?: string | null;
	textCustomerObservations?: string | null;
	idOperations: string;
	idOperationsExenta: string;
	valueExemptBase: number;
	chargeAndDiscount?: ChargeAndDiscount[] | null;
	fieldTaxations: FieldTaxation[];
	sumTotalSubTotal: number;
	sumTotalTaxBase: number;
	sumTotalTax: number;
	sumTotalSubTotalAndTax: number;
	sumTotalTotal: number;
	sumTotalNetPayable: number;
	sumTotalExemptBase: number;
	sumTotalDiscount: number;
	sumTotalCharge: number;
	sumTotalRetentionIRPF: number;
	invoiceTypeId?: number;
	invoiceRectificativeTypeId?: number;
	typeRectificativeId?: number;
	aditionalData?: { invoiceId: number; startInvoiceId: number } | null;
}

// ---------------------------------------------------------------------------------------------
// Builder input: already parsed (parse.ts does it at the boundary), so every amount and rate is
// an exact Decimal, every day a CalendarDay, every flag a boolean. Codes (exemption cause,
// qualification, regime, payment method) are strings the validator checks against §6.

export type TaxKind = 'IVA' | 'IGIC' | 'IPSI' | 'other';

export interface LineInput {
	reference?: string;
	description: string;
	/** Default 'goods' (1). */
	productType?: 'goods' | 'service';
	quantity: Decimal;
	/** Net unit price, or tax-included when `priceIncludesTax`. Any number of decimals. */
	unitPrice: Decimal;
	/** Default: InvoiceInput.pricesIncludeTax. Recargo and IRPF are never included. */
	priceIncludesTax?: boolean;
	/** Line discount in percent of the line gross. */
	discount?: Decimal;
	/** Default 'IVA'. */
	tax?: TaxKind;
	/** Name sent for tax 'other' (required then); ignored for IVA/IGIC/IPSI. */
	taxName?: string;
	/** Percent (21). Zero-rated lines (rules.isZeroRated) take 0 whatever is given. */
	taxRate?: Decimal;
	/** Recargo de equivalencia: true = the default rate for the IVA rate, a Decimal = that rate,
	 * false = none. Undefined follows CustomerInput.surchargeEquivalence (rules.recargoByDefault). */
	recargo?: boolean | Decimal;
	/** IRPF retention percent on this line (7, 15, 19, 1, 2). */
	irpf?: Decimal;
	/** Exemption cause E1–E8: makes the line exempt (rate 0). */
	exemptCause?: string;
	/** S1, S2, N1, N2; default InvoiceInput.qualification. */
	qualification?: string;
	/** Regime key (§6.2); default rules.regimeFor. */
	regime?: string;
}

export interface CustomerInput {
	/** Sent as companyName. */
	name: string;
	tradeName?: string;
	customerCode?: string;
	/** 'company' → '02'; 'individual' (autónomo or natural person) → '01'. Default 'company'. */
	personType?: 'company' | 'individual';
	/** §6.3 code; default '02'. */
	identificationType?: string;
	identification?: string;
	address?: string;
	postalCode?: string;
	phone?: string;
	email?: string;
	web?: string;
	/** FacturasApp ids; country default '207' (Spain). */
	country?: string;
	province?: string;
	population?: string;
	/** §6.2 code; default '01'. */
	regime?: string;
	/** Customer is in recargo de equivalencia: IVA goods lines get recargo unless they opt out. */
	surchargeEquivalence?: boolean;
}

export type ChargeKind = 'charge' | 'discount' | 'withholding';

/** Invoice-level charge (CG), discount (DT) or global IRPF (RT): an amount or a percent of the tax base. */
export type ChargeInput =
	| { kind: ChargeKind; amount: Decimal }
	| { kind: ChargeKind; percent: Decimal };

export interface ShippingInput {
	/** Amount, net unless priceIncludesTax. */
	amount: Decimal;
	/** 'line' (default): a taxed service line; 'charge': an untaxed CG charge after tax. */
	as?: 'line' | 'charge';
	description?: string;
	priceIncludesTax?: boolean;
	/** Line mode only; default: the tax and rate of the first line. */
	tax?: TaxKind;
	taxRate?: Decimal;
}

export interface InvoiceInput {
	/** Full number with prefix ('RA02'). */
	number: string;
	/** Default: the trailing digits of `number`. */
	currentNumber?: number;
	/** Default today in `timeZone`. */
	date?: CalendarDay;
	/** Default now in `timeZone`. */
	time?: TimeOfDay;
	/** IANA zone for "today" and "now"; default 'Europe/Madrid'. */
	timeZone?: string;
	/** Reference instant for defaults (tests); default the current time. */
	now?: Date;
	/** Whole days until due. */
	dueInDays?: Decimal;
	/** §6.1 code; default 'ND'. */
	paymentMethod?: string;
	paymentNote?: string;
	observations?: string;
	customerObservations?: string;
	/** Issuer's sales contact (≤ 30), default ''. */
	salesContact?: string;
	/** S1 (default), S2, N1, N2. */
	qualification?: string;
	/** Date of the operation when it differs from the invoice date. */
	operationDate?: CalendarDay;
	/** Default for LineInput.priceIncludesTax. */
	pricesIncludeTax?: boolean;
	customer: CustomerInput;
	lines: LineInput[];
	shipping?: ShippingInput;
	charges?: ChargeInput[];
}
