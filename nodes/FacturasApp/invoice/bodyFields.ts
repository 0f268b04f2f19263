// The fields the AddInvoice body may carry, per object, in one table (docs/facturasapp-api.md §4).
// The API declares additionalProperties: false, so the validator refuses any other field; a
// field the newest public client sends is added here, and only here. Aliases: lower-case
// misspellings people make, mapped to the API's spelling.
import type { FieldSet } from './checks';
import { fieldSet } from './checks';

export const SUM_FIELDS = [
	'sumTotalSubTotal',
	'sumTotalTaxBase',
	'sumTotalTax',
	'sumTotalSubTotalAndTax',
	'sumTotalTotal',
	'sumTotalNetPayable',
	'sumTotalExemptBase',
	'sumTotalDiscount',
	'sumTotalCharge',
	'sumTotalRetentionIRPF',
] as const;

export const BODY_FIELDS: Readonly<
	Record<
		| 'top'
		| 'aditionalData'
		| 'contact'
		| 'product'
		| 'discount'
		| 'tax'
		| 'withholding'
		| 'fee'
		| 'summaryRow',
		FieldSet
	>
> = {
	top: fieldSet(
		[
			'invoiceNumber',
			'currentNumber',
			'invoiceDate',
			'invoiceTime',
			'invoiceExpiration',
			'invoiceIdTypeRegAEAT',
			'invoiceIdTypeRegSIF',
			'contactName',
			'operationDate',
			'contacts',
			'products',
			'idPayment',
			'paymentNote',
			'textObservations',
			'textCustomerObservations',
			'idOperations',
			'idOperationsExenta',
			'valueExemptBase',
			'chargeAndDiscount',
			'fieldTaxations',
			...SUM_FIELDS,
			'invoiceTypeId',
			'invoiceRectificativeTypeId',
			'typeRectificativeId',
			'aditionalData',
		],
		{ additionaldata: 'aditionalData' },
	),
	aditionalData: fieldSet(['invoiceId', 'startInvoiceId']),
	/** contacts[0]. */
	contact: fieldSet([
		'contactType',
		'personType',
		'companyName',
		'tradeName',
		'customerCode',
		'identificationType',
		'identification',
		'regime',
		'country',
		'province',
		'population',
		'addressCustomer',
		'postalCodeCustomer',
		'phoneCustomer',
		'webSite',
		'emailCustomer',
		'applySurchargeEquivalence',
	]),
	/** products[i]. */
	product: fieldSet(
		[
			'typeUse',
			'reference',
			'description',
			'productType',
			'regime',
			'unitPrice',
			'quantity',
			'subTotal',
			'totaldiscount',
			'totalTax',
			'totalSurCharges',
			'totalwithHoldings',
			'taxes',
			'withHoldingsSurChargesDto',
			'discountDtoModules',
		],
		{
			withholdingssurchargesdtos: 'withHoldingsSurChargesDto',
			discountdtomodule: 'discountDtoModules',
		},
	),
	/** products[i].discountDtoModules[0]. */
	discount: fieldSet(['discountName', 'discountRate', 'discountBase', 'valueDiscount']),
	/** products[i].taxes[0]. */
	tax: fieldSet([
		'taxCode',
		'taxName',
		'rate',
		'taxBase',
		'valueTax',
		'isExemptOperation',
		'qualificationOperation',
		'regime',
		'idExento',
	]),
	/** products[i].withHoldingsSurChargesDto[k]. */
	withholding: fieldSet([
		'idRateWithHoldings',
		'subTotalWithHoldings',
		'cuotaWithHoldings',
		'isWithHolding',
		'rateValueWithHoldings',
	]),
	/** chargeAndDiscount[j]. */
	fee: fieldSet([
		'idtypeFeeDiscount',
		'idTypeValueFeeDiscount',
		'baseFeeDiscount',
		'valueFeeDiscount',
		'totalFeeDiscount',
	]),
	/** fieldTaxations[k]; the newest public client adds the group's qualification, regime and
	 * exemption cause (§4). */
	summaryRow: fieldSet([
		'taxCode',
		'taxName',
		'rate',
		'taxBase',
		'valueTax',
		'qualificationOperation',
		'regime',
		'idExento',
	]),
};
