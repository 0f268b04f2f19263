import type {
	IDataObject,
	JsonObject,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { maxRetriesOption, timeoutOption } from '../FacturasApp/actions/shared/options';
import { readSeriesList } from '../FacturasApp/numbering/series';
import { CREDENTIAL_TYPE, FacturasAppClient } from '../FacturasApp/transport';
import { readCursor, writeCursor } from './poll/cursor';
import { qrDecorator } from './poll/qr';
import { clientReader } from './poll/reader';
import type { PollSettings, TriggerEvent } from './poll/run';
import { PollProblem, runPoll, sampleItem } from './poll/run';

// A shared constant: the two n8n rule sets disagree on literals here.
const MAIN = [NodeConnectionTypes.Main];
const DEFAULT_MAX_READS = 100;
// One state read may take a timeout and its retries: stop starting new ones at half the budget.
const BUDGET_SHARE = 0.5;

/** The chosen prefixes: a list from the editor, or comma-separated text from an expression. */
function seriesList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return list.map((s) => String(s).trim()).filter((s) => s !== '');
}

export class FacturasAppTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'FacturasApp Trigger',
		name: 'facturasAppTrigger',
		icon: { light: 'file:facturasapp.svg', dark: 'file:facturasapp.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["event"] === "invoiceIssued" ? "Invoice Issued" : "Invoice State Changed" }}',
		description:
			'Starts the workflow when an invoice is issued in FacturasApp or the AEAT decides on it',
		defaults: { name: 'FacturasApp Trigger' },
		polling: true,
		inputs: [],
		outputs: MAIN,
		credentials: [{ name: 'facturasAppApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Invoice Issued',
						value: 'invoiceIssued',
						description:
							'A new number appears in a series, also for invoices typed in the FacturasApp web app',
					},
					{
						name: 'Invoice State Changed',
						value: 'invoiceStateChanged',
						description:
							'The AEAT accepted, accepted with errors or rejected an invoice issued since the trigger started',
					},
				],
				default: 'invoiceIssued',
			},
			{
				displayName: 'Series Names or IDs',
				name: 'series',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getSeries' },
				default: [],
				description:
					'The series to watch; none watches every series. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Only Rejections',
				name: 'onlyRejections',
				type: 'boolean',
				default: false,
				displayOptions: { show: { event: ['invoiceStateChanged'] } },
				description:
					'Whether to start the workflow only when the AEAT rejects an invoice (Incorrecto)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Max Invoices per Poll',
						name: 'maxReads',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 1000 },
						default: DEFAULT_MAX_READS,
						description:
							'How many invoices one poll reads at most; a larger backlog continues at the next poll',
					},
					maxRetriesOption,
					{
						displayName: 'Report Numbering Gaps',
						name: 'reportGaps',
						type: 'boolean',
						default: true,
						description:
							'Whether a number missing from a series (the counter passed it but FacturasApp has no such invoice) starts the workflow with event "numberingGap"',
					},
					timeoutOption,
				],
			},
		],
	};

	methods = {
		loadOptions: {
			async getSeries(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const client = await FacturasAppClient.create(this);
				return readSeriesList(await client.getConsecutives(0)).map((s) => ({
					name: s.lastNumber === undefined ? s.prefix : `${s.prefix} (last number ${s.lastNumber})`,
					value: s.prefix,
				}));
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const client = await FacturasAppClient.create(this, {
			maxRetries: options.maxRetries === undefined ? undefined : Number(options.maxRetries),
			timeoutMs: options.timeout === undefined ? undefined : Number(options.timeout) * 1000,
		});
		const settings: PollSettings = {
			event: this.getNodeParameter('event', 'invoiceIssued') as TriggerEvent,
			series: seriesList(this.getNodeParameter('series', [])),
			onlyRejections: this.getNodeParameter('onlyRejections', false) as boolean,
			reportGaps: options.reportGaps !== false,
			maxReads: Number(options.maxReads ?? DEFAULT_MAX_READS),
			budgetMs:
				(typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 60_000) *
				BUDGET_SHARE,
		};
		const reader = clientReader(client, this.getNode());
		const decorate = qrDecorator(await this.getCredentials(CREDENTIAL_TYPE));
		try {
			if (this.getMode() === 'manual') {
				// "Fetch test event": one real sample, the cursor untouched.
				return [[{ json: decorate(await sampleItem(reader, settings)) }]];
			}
			const staticData = this.getWorkflowStaticData('node');
			const result = await runPoll(reader, readCursor(staticData), settings);
			// Only a poll that got this far moves the cursor; n8n saves it with the execution.
			writeCursor(staticData, result.cursor);
			if (result.items.length === 0) return null;
			return [result.items.map((json) => ({ json: decorate(json) }))];
		} catch (error) {
			if (error instanceof PollProblem) throw new NodeOperationError(this.getNode(), error.message);
			// The client's errors are already NodeApiErrors (redacted, explained): re-wrapping returns them as they are.
			if (error instanceof NodeApiError)
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error);
		}
	}
}
