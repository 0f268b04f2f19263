// The poll's view of FacturasApp, through the node's own client (same credential, retries,
// redaction). "No such invoice" is an answer here, not an error: it is how a gap shows.
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { FacturasAppClient } from '../../FacturasApp/transport';
import { invoiceNumberProblem } from '../../FacturasApp/transport';
import { NOT_FOUND } from '../../FacturasApp/transport/lookUp';
import type { StateRead, StateReader } from './run';

interface ApiErrorLike {
	message?: string;
	errorResponse?: IDataObject;
}

function notFound(error: ApiErrorLike): string | undefined {
	const response = error.errorResponse ?? {};
	if (response.kind === 'business' && NOT_FOUND.test(error.message ?? '')) return error.message;
	// Unlike Create's look-up (which decides a resend), a bare 404 may count here: GetConsecutives
	// just worked at this base URL, and a wrong "absent" shows as a gap item, never as silence.
	if (response.kind === 'http' && response.httpStatus === 404) return 'HTTP 404';
	return undefined;
}

export function clientReader(client: FacturasAppClient, node: INode): StateReader {
	return {
		consecutives: async () => await client.getConsecutives(0),
		state: async (invoiceNumber: string): Promise<StateRead> => {
			const problem = invoiceNumberProblem(invoiceNumber);
			if (problem) return { found: false, reason: `the number ${problem}` };
			try {
				return { found: true, value: await client.getState(invoiceNumber, 0) };
			} catch (error) {
				const reason = notFound(error as ApiErrorLike);
				if (reason !== undefined) return { found: false, reason };
				// Re-wrapping a NodeApiError returns it unchanged (already redacted and explained).
				if (error instanceof NodeApiError)
					throw new NodeApiError(node, error as unknown as JsonObject);
				throw new NodeOperationError(node, error as Error);
			}
		},
	};
}
