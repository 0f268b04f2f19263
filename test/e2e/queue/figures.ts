// The figures of a burst run, from what FacturasApp (the emulator) stored and what n8n recorded:
// invoices, orders invoiced twice, gaps in the series, failed executions, executions per process.
import type { Emulator } from '../../emulator/index';
import type { ClusterExecution } from './cluster';

export interface BurstFigures {
	label: string;
	orders: number;
	requests: number;
	/** Invoices issued for these orders. */
	invoices: number;
	/** Orders with more than one invoice. */
	ordersInvoicedTwice: number;
	/** Invoices beyond one per order. */
	duplicateInvoices: number;
	/** Orders with no invoice at all. */
	ordersWithoutInvoice: number;
	/** Numbers of the series missing between its first and last issued one (prefix given). */
	gaps: number[];
	/** Whether the issued numbers of the series are exactly start+1 … start+invoices. */
	consecutive: boolean;
	/** Whether a series was checked (gaps and consecutive mean something). */
	seriesChecked: boolean;
	executions: number;
	failedExecutions: number;
	perProcess: Record<string, number>;
	wallMs: number;
}

/** The order an invoice was issued for, from the Shopify example's observations ("Pedido Shopify #1001"). */
export function orderOfInvoice(body: Record<string, unknown>): string | undefined {
	return /Pedido Shopify (#\d+)/.exec(String(body.textObservations ?? ''))?.[1];
}

export function burstFigures(input: {
	label: string;
	emulator: Emulator;
	orderNames: string[];
	requests: number;
	executions: ClusterExecution[];
	perProcess: Record<string, number>;
	wallMs: number;
	/** Series to check for gaps, and its last number before the run. */
	series?: { prefix: string; lastBefore: number };
}): BurstFigures {
	const invoices = [...input.emulator.invoices.values()];
	const byOrder = new Map<string, number>();
	for (const inv of invoices) {
		const order = orderOfInvoice(inv.body);
		if (order) byOrder.set(order, (byOrder.get(order) ?? 0) + 1);
	}
	const counts = input.orderNames.map((o) => byOrder.get(o) ?? 0);
	const ofTheseOrders = counts.reduce((a, b) => a + b, 0);
	let gaps: number[] = [];
	let consecutive = true;
	if (input.series) {
		const { prefix, lastBefore } = input.series;
		const numbers = invoices
			.map((i) => i.invoiceNumber)
			.filter((n) => n.startsWith(prefix) && /^\d+$/.test(n.slice(prefix.length)))
			.map((n) => Number(n.slice(prefix.length)))
			.sort((a, b) => a - b);
		const max = numbers.at(-1) ?? lastBefore;
		const have = new Set(numbers);
		gaps = [];
		for (let n = lastBefore + 1; n <= max; n++) if (!have.has(n)) gaps.push(n);
		consecutive =
			numbers.length === invoices.length && numbers.every((n, i) => n === lastBefore + 1 + i);
	}
	return {
		label: input.label,
		orders: input.orderNames.length,
		requests: input.requests,
		invoices: ofTheseOrders,
		ordersInvoicedTwice: counts.filter((c) => c > 1).length,
		duplicateInvoices: counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0),
		ordersWithoutInvoice: counts.filter((c) => c === 0).length,
		gaps,
		consecutive,
		seriesChecked: !!input.series,
		executions: input.executions.length,
		failedExecutions: input.executions.filter((e) => !e.success).length,
		perProcess: input.perProcess,
		wallMs: input.wallMs,
	};
}

export function formatFigures(f: BurstFigures): string {
	const per = Object.entries(f.perProcess)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([p, n]) => `${p} ${n}`)
		.join(', ');
	return (
		`[burst] ${f.label}: ${f.orders} orders, ${f.requests} webhook calls → ${f.invoices} invoices, ` +
		`${f.duplicateInvoices} duplicates (${f.ordersInvoicedTwice} orders twice), ${f.ordersWithoutInvoice} orders without invoice, ` +
		(f.seriesChecked
			? `gaps ${f.gaps.length ? f.gaps.join(',') : 'none'}${f.consecutive ? ', consecutive' : ', NOT consecutive'}, `
			: '') +
		`${f.executions} executions, ${f.failedExecutions} failed, per process: ${per}, wall ${(f.wallMs / 1000).toFixed(1)} s`
	);
}
