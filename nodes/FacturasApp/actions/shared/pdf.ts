// The PDF as n8n binary data: Get PDF's output, and Create's Download PDF.
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { hiddenCharacterProblem } from '../../transport';

/** The PDF as an n8n binary item part. */
export async function pdfBinary(
	ctx: IExecuteFunctions,
	pdf: Buffer,
	invoiceNumber: string,
	fileNameOverride: unknown,
): Promise<{
	fileName: string;
	fileSize: number;
	data: Awaited<ReturnType<IExecuteFunctions['helpers']['prepareBinaryData']>>;
}> {
	const chosen = typeof fileNameOverride === 'string' ? fileNameOverride.trim() : '';
	const fileName = chosen || `${invoiceNumber}.pdf`;
	// Invisible and text-direction characters would make the file look like another one.
	const problem = hiddenCharacterProblem(fileName);
	if (problem) throw new NodeOperationError(ctx.getNode(), `File Name ${problem}`);
	// prepareBinaryData hands the buffer to n8n's binary store (memory, filesystem or S3) as is.
	const data = await ctx.helpers.prepareBinaryData(pdf, fileName, 'application/pdf');
	return { fileName, fileSize: pdf.length, data };
}
