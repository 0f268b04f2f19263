// Is this a whole PDF? A PDF starts with "%PDF-" and ends with "%%EOF" (possibly followed by
// a line break or padding); an answer cut off in transit, or base64 cut short, lacks the end.

const HEADER = '%PDF-';
const TAIL_WINDOW = 1024;
/** Smaller than the smallest PDF a viewer can open. */
const MIN_BYTES = 32;

/** Undefined for a PDF that is whole as far as its first and last bytes tell; else the problem. */
export function pdfProblem(bytes: Buffer): string | undefined {
	if (bytes.subarray(0, HEADER.length).toString('latin1') !== HEADER)
		return 'not a PDF (it does not start with %PDF-)';
	if (bytes.length < MIN_BYTES) return `only ${bytes.length} bytes long: a truncated PDF`;
	const tail = bytes.subarray(Math.max(0, bytes.length - TAIL_WINDOW)).toString('latin1');
	if (!tail.includes('%%EOF'))
		return `a truncated PDF (${bytes.length} bytes, no %%EOF at the end)`;
	return undefined;
}
