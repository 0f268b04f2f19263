// Lays out a stored invoice as a one-or-more-page PDF: issuer, number, date, customer,
// one row per product line, totals. Reads the body defensively: it is whatever the client sent.
import { A4, type PdfPage, type TextItem, writePdf } from './writer';

export interface PdfIssuer {
	companyName: string;
	nif: string;
}

type Obj = Record<string, unknown>;

const LEFT = 50;
const RIGHT = A4.width - 50;
const ROW = 14;
const BOTTOM = 70;
// Column anchors: description is left aligned, the numbers right aligned at these x.
const COL = { qty: 330, price: 405, rate: 455, net: RIGHT };
const DESCRIPTION_CHARS = 48;

function obj(v: unknown): Obj {
	return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
}

function str(v: unknown): string {
	return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function num(v: unknown): number {
	const n = typeof v === 'string' ? Number(v) : v;
	return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** 1234.5 → "1.234,50" (Spanish grouping and decimal comma). */
export function formatMoney(n: number): string {
	const [int, dec] = Math.abs(n).toFixed(2).split('.');
	const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return `${n < 0 ? '-' : ''}${grouped},${dec}`;
}

/** The ISO invoiceDate → dd/MM/yyyy, taking the calendar day as written (clients send noon UTC). */
export function formatDate(iso: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function clip(text: string, max: number): string {
	return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

interface Row {
	description: string;
	quantity: number;
	unitPrice: number;
	rate: number;
	net: number;
}

function rowsOf(body: Obj): Row[] {
	const products = Array.isArray(body.products) ? body.products : [];
	return products.map((p) => {
		const product = obj(p);
		const tax = obj(Array.isArray(product.taxes) ? product.taxes[0] : undefined);
		const quantity = num(product.quantity);
		const unitPrice = num(product.unitPrice);
		const gross = product.subTotal !== undefined ? num(product.subTotal) : unitPrice * quantity;
		return {
			description: str(product.description) || str(product.reference),
			quantity,
			unitPrice,
			rate: num(tax.rate),
			net: gross - num(product.totaldiscount),
		};
	});
}

function tableHeader(y: number): { texts: TextItem[]; line: [number, number, number, number] } {
	return {
		texts: [
			{ x: LEFT, y, text: 'Descripción', bold: true },
			{ x: COL.qty, y, text: 'Cant.', bold: true, align: 'right' },
			{ x: COL.price, y, text: 'Precio', bold: true, align: 'right' },
			{ x: COL.rate, y, text: 'IVA %', bold: true, align: 'right' },
			{ x: COL.net, y, text: 'Base (€)', bold: true, align: 'right' },
		],
		line: [LEFT, y - 4, RIGHT, y - 4],
	};
}

export function renderInvoicePdf(body: Obj, issuer: PdfIssuer, padBytes = 0): Promise<Buffer> {
	const number = str(body.invoiceNumber);
	const customer = obj(Array.isArray(body.contacts) ? body.contacts[0] : undefined);
	const pages: PdfPage[] = [];
	let page: PdfPage = { texts: [], lines: [] };
	pages.push(page);

	const t = page.texts;
	t.push({ x: LEFT, y: 790, text: issuer.companyName, size: 14, bold: true });
	t.push({ x: LEFT, y: 774, text: `NIF: ${issuer.nif}` });
	t.push({ x: RIGHT, y: 790, text: 'FACTURA', size: 18, bold: true, align: 'right' });
	t.push({ x: RIGHT, y: 770, text: `Número: ${number}`, align: 'right' });
	t.push({ x: RIGHT, y: 756, text: `Fecha: ${formatDate(str(body.invoiceDate))}`, align: 'right' });
	t.push({ x: LEFT, y: 720, text: 'Cliente', bold: true });
	t.push({ x: LEFT, y: 706, text: str(customer.companyName) || str(customer.tradeName) });
	t.push({ x: LEFT, y: 692, text: `NIF / Identificación: ${str(customer.identification)}` });
	const address = [str(customer.addressCustomer), str(customer.postalCodeCustomer)]
		.filter(Boolean)
		.join(', ');
	if (address) t.push({ x: LEFT, y: 678, text: address });

	let y = 640;
	const startTable = () => {
		const header = tableHeader(y);
		page.texts.push(...header.texts);
		page.lines!.push(header.line);
		y -= ROW + 4;
	};
	startTable();
	for (const row of rowsOf(body)) {
		if (y < BOTTOM) {
			page = { texts: [], lines: [] };
			pages.push(page);
			y = 790;
			startTable();
		}
		page.texts.push(
			{ x: LEFT, y, text: clip(row.description, DESCRIPTION_CHARS) },
			{ x: COL.qty, y, text: String(row.quantity), align: 'right' },
			{ x: COL.price, y, text: formatMoney(row.unitPrice), align: 'right' },
			{ x: COL.rate, y, text: String(row.rate), align: 'right' },
			{ x: COL.net, y, text: formatMoney(row.net), align: 'right' },
		);
		y -= ROW;
	}

	const taxBase = num(body.sumTotalTaxBase);
	const tax = num(body.sumTotalTax);
	const surcharge = num(body.sumTotalTotal) - num(body.sumTotalSubTotalAndTax);
	const withholding = num(body.sumTotalTotal) - num(body.sumTotalNetPayable);
	const totals: Array<[string, number, boolean]> = [
		['Base imponible', taxBase, false],
		['Cuota IVA', tax, false],
		...(Math.abs(surcharge) >= 0.005
			? [['Recargo de equivalencia', surcharge, false] as [string, number, boolean]]
			: []),
		['Total factura', num(body.sumTotalTotal), true],
		...(Math.abs(withholding) >= 0.005
			? [['Retenciones y ajustes', -withholding, false] as [string, number, boolean]]
			: []),
		['Total a pagar', num(body.sumTotalNetPayable), true],
	];
	if (y - totals.length * ROW < BOTTOM) {
		page = { texts: [], lines: [] };
		pages.push(page);
		y = 790;
	}
	page.lines!.push([COL.rate - 120, y + 4, RIGHT, y + 4]);
	y -= ROW;
	for (const [label, amount, bold] of totals) {
		page.texts.push({ x: COL.rate - 120, y, text: label, bold });
		page.texts.push({ x: COL.net, y, text: `${formatMoney(amount)} €`, bold, align: 'right' });
		y -= ROW;
	}

	pages.forEach((p, i) => {
		p.texts.push({
			x: LEFT,
			y: 40,
			size: 8,
			text: `Emulador local de FacturasApp — documento de prueba sin validez fiscal — Página ${i + 1} de ${pages.length}`,
		});
	});
	return writePdf(pages, `Factura ${number}`, padBytes);
}
