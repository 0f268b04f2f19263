export { FacturasAppClient } from './client';
export type { ClientOptions } from './client';
export type { CreateResult } from './issue';
export { hiddenCharacterProblem, invoiceNumberProblem } from './paths';
export { CREDENTIAL_TYPE } from './http';
export { readState } from './finalState';
export type { StateOptions, StateOutput } from './finalState';
