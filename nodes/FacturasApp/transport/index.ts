export { FacturasAppClient } from './client';
export type { ClientOptions, CreateResult } from './client';
export { hiddenCharacterProblem, invoiceNumberProblem } from './paths';
export { CREDENTIAL_TYPE } from './http';
export type { RequestContext } from './http';
