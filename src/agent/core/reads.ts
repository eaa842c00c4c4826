// The read tools: stock of SKUs, low stock, a packing queue, an order, the sandbox's traffic and
// one exchange explained, a SKU's stock history. Each reads through the shared client (batched
// as it batches) or the stores the extension keeps, and answers in a few bounded lines.
import type { InventoryStockEntry } from '../../client';
import type { LedgerEntry } from '../../stockChange/ledgerEntry';
import { toDetailsView } from '../../packing/details';
import { PackingQueue, type KnownStates } from '../../packing/queue';
import type { PackingStatus } from '../../packing/protocol';
import type { TrafficExchange } from '../../traffic/exchange';
import { isLow } from '../../stock/store/figures';
import { signed } from '../../orders/change/apply';
import type { AgentContext } from './context';
import { AgentInputError, Fields, type InputSchema } from './input';
import { bounded, DEFAULT_ROWS, header, MAX_ROWS, quote } from './text';

const limitField = { type: 'integer', minimum: 1, maximum: MAX_ROWS, description: `Rows to list at most (default ${DEFAULT_ROWS}).` };

function rowsOf(fields: Fields): number {
  return fields.optionalInteger('limit', 1, MAX_ROWS) ?? DEFAULT_ROWS;
}

/** On hand at each location and in total, the no-location entry included (as checkGlobalStock sums it). */
export function describeStockOf(sku: string, entries: readonly InventoryStockEntry[], location?: string): string {
  const at = (entry: InventoryStockEntry): string => `${entry.pickupLocationCode === undefined ? 'no location' : entry.pickupLocationCode} ${entry.quantityOnHand}${entry.quantityForecasted === entry.quantityOnHand ? '' : ` (forecast ${entry.quantityForecasted})`}`;
  const total = entries.reduce((sum, entry) => sum + entry.quantityOnHand, 0);
  const forecast = entries.reduce((sum, entry) => sum + entry.quantityForecasted, 0);
  const where = location === undefined ? 'total' : `at ${location}`;
  return `${quote(sku)}: ${where} ${total} on hand${forecast === total ? '' : ` (forecast ${forecast})`}${location === undefined ? ` · ${entries.map(at).join(' · ')}` : ''}`;
}

export const stockSchema: InputSchema = {
  type: 'object',
  properties: {
    skus: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 1000, description: 'The SKUs to look up (1 to 1,000).' },
    location: { type: 'string', description: 'A pickup location code (e.g. RUH-WH1) to read only there.' },
    limit: limitField,
  },
  required: ['skus'],
  additionalProperties: false,
};

export async function readStock(ctx: AgentContext, input: unknown): Promise<string> {
  const fields = new Fields(input, stockSchema);
  const skus = fields.skus('skus');
  const location = fields.optionalText('location');
  const rows = rowsOf(fields);
  const client = await ctx.getClient();
  const stock = await client.checkInventoryStock(skus, location === undefined ? {} : { pickupLocationCode: location });
  const found: string[] = [];
  const missing: string[] = [];
  for (const sku of skus) {
    const entries = (Object.hasOwn(stock, sku) ? stock[sku] : []).filter((entry) => location === undefined || entry.pickupLocationCode === location);
    if (entries.length === 0) {
      missing.push(sku);
    } else {
      found.push(describeStockOf(sku, entries, location));
    }
  }
  const lines = [header(ctx.environment(), `stock of ${skus.length} SKU${skus.length === 1 ? '' : 's'}${location === undefined ? '' : ` at ${quote(location)}`}`), ...bounded(found, rows, 'SKUs (ask for fewer)')];
  if (missing.length > 0) {
    lines.push(`No stock${location === undefined ? '' : ` at ${quote(location)}`} for ${missing.length} SKU${missing.length === 1 ? '' : 's'} (unknown, or none kept there): ${bounded(missing.map((sku) => quote(sku)), 20, '').join(', ')}`);
  }
  return lines.join('\n');
}

export const lowStockSchema: InputSchema = {
  type: 'object',
  properties: {
    location: { type: 'string', description: 'A pickup location code (e.g. RUH-WH1); every location when absent.' },
    limit: limitField,
  },
  additionalProperties: false,
};

/**
 * SKUs low as the Stock view judges them: on hand in total (OTO's global stock) below the
 * minInventory, which OTO keeps per SKU, not per location. With a location, the low SKUs stocked
 * there, each with its share; the largest shortfall first either way.
 */
export async function readLowStock(ctx: AgentContext, input: unknown): Promise<string> {
  const fields = new Fields(input, lowStockSchema);
  const location = fields.optionalText('location');
  const rows = rowsOf(fields);
  const client = await ctx.getClient();
  const locations = await client.getPickupLocations();
  if (location !== undefined && !locations.some((candidate) => candidate.code === location)) {
    throw new AgentInputError(`No pickup location ${quote(location)}: the locations are ${locations.map((candidate) => candidate.code).join(', ')}.`);
  }
  const skus = (await client.listProducts()).map((product) => product.sku);
  if (skus.length === 0) {
    return [header(ctx.environment(), 'low stock'), 'The catalogue is empty.'].join('\n');
  }
  const global = await client.checkGlobalStock(skus);
  const lowSkus = skus.filter((sku) => Object.hasOwn(global, sku) && isLow({ onHand: global[sku].quantityOnHand, minInventory: global[sku].minInventory }));
  const stock = lowSkus.length === 0 ? {} : await client.checkInventoryStock(lowSkus, location === undefined ? {} : { pickupLocationCode: location });
  const low: Array<{ line: string; shortfall: number }> = [];
  for (const sku of lowSkus) {
    const { quantityOnHand: total, minInventory } = global[sku];
    const judged = `${total} in total, minimum ${minInventory} (${(minInventory ?? 0) - total} short)`;
    const entries = (Object.hasOwn(stock, sku) ? stock[sku] : []).filter((entry) => location === undefined || entry.pickupLocationCode === location);
    if (location === undefined) {
      const shares = entries.map((entry) => `${entry.pickupLocationCode ?? 'no location'} ${entry.quantityOnHand}`);
      low.push({ shortfall: (minInventory ?? 0) - total, line: `${quote(sku)}: ${judged}${shares.length > 0 ? ` · ${shares.join(' · ')}` : ''}` });
    } else if (entries.length > 0) {
      const here = entries.reduce((sum, entry) => sum + entry.quantityOnHand, 0);
      low.push({ shortfall: (minInventory ?? 0) - total, line: `${location} · ${quote(sku)}: ${here} on hand here, ${judged}` });
    }
  }
  low.sort((a, b) => b.shortfall - a.shortfall);
  const rule = 'low = on hand in total below minInventory, as the Stock view counts it';
  const title =
    location === undefined
      ? `low stock: ${low.length} SKU${low.length === 1 ? '' : 's'} (${rule})`
      : `low stock at ${quote(location)}: ${low.length} of the ${lowSkus.length} low SKU${lowSkus.length === 1 ? '' : 's'} stocked here (${rule})`;
  return [header(ctx.environment(), title), ...(low.length === 0 ? ['None.'] : bounded(low.map((item) => item.line), rows, 'rows'))].join('\n');
}

export const packingQueueSchema: InputSchema = {
  type: 'object',
  properties: {
    warehouse: { type: 'string', description: 'The warehouse code, e.g. RUH-WH1.' },
    limit: limitField,
  },
  required: ['warehouse'],
  additionalProperties: false,
};

/** Known packing states the tools keep when the runner gives none (one per context). */
const ownStates = new WeakMap<AgentContext, KnownStates>();

export function packingQueueOf(ctx: AgentContext, warehouseCode: string): PackingQueue {
  let known = ctx.knownStates ?? ownStates.get(ctx);
  if (!known) {
    const byWarehouse = new Map<string, Record<string, PackingStatus>>();
    known = { get: (code) => byWarehouse.get(`${ctx.environment()}\u0000${code}`) ?? {}, set: (code, states) => void byWarehouse.set(`${ctx.environment()}\u0000${code}`, states) };
    ownStates.set(ctx, known);
  }
  const environment = ctx.environment();
  return new PackingQueue({ warehouseCode, getApi: () => ctx.getClient(), known, scope: () => (ctx.environment() === environment ? environment : `${environment}→${ctx.environment()}`) });
}

export async function readPackingQueue(ctx: AgentContext, input: unknown): Promise<string> {
  const fields = new Fields(input, packingQueueSchema);
  const warehouse = fields.text('warehouse');
  const rows = rowsOf(fields);
  const orders = await packingQueueOf(ctx, warehouse).load();
  const lines = orders.map((order) => {
    const items = order.items.map((item) => `${quote(item.sku)} × ${item.quantity}${item.name === item.sku ? '' : ` (${quote(item.name)})`}`);
    return `order ${quote(order.orderId)} · ${order.state} · ${bounded(items, 5, 'items').join(', ')}`;
  });
  const title = `packing queue of ${quote(warehouse)}: ${orders.length} order${orders.length === 1 ? '' : 's'} (ready: not picked yet; unknown: its history could not be read)`;
  return [header(ctx.environment(), title), ...(lines.length === 0 ? ['No order waits for packing.'] : bounded(lines, rows, 'orders'))].join('\n');
}

export const orderSchema: InputSchema = {
  type: 'object',
  properties: { orderId: { type: 'string', description: 'The order id, as in the packing queue.' } },
  required: ['orderId'],
  additionalProperties: false,
};

/** The order's state, items and packing history; the customer only by city (no name, phone or address). */
export async function readOrder(ctx: AgentContext, input: unknown): Promise<string> {
  const fields = new Fields(input, orderSchema);
  const orderId = fields.text('orderId');
  const client = await ctx.getClient();
  const details = await client.getOrderDetails(orderId);
  const view = toDetailsView(details);
  const facts = [
    ['status', view.status],
    ['order date', details.orderDate],
    ['pickup location', details.pickupLocation],
    ['delivery company', details.dcName],
    ['customer city', view.customerCity],
    ['payment', view.paymentMethod],
    ['amount due', view.amountDue === undefined ? undefined : `${view.amountDue}${view.currency ? ` ${view.currency}` : ''}`],
    ['packages', view.packageCount],
  ].filter((fact): fact is [string, string | number] => fact[1] !== undefined && fact[1] !== '');
  const items = details.items.map((item) => `${quote(item.sku ?? '')} × ${item.quantity ?? '?'}${item.name ? ` (${quote(item.name, 60)})` : ''}`);
  const packing = view.packingHistory.map((entry) => `${quote(entry.status)} ${quote(entry.date)}`);
  const statuses = details.statusHistory.map((entry) => `${quote(entry.status)}${entry.date ? ` ${quote(entry.date)}` : ''}`);
  return [
    header(ctx.environment(), `order ${quote(orderId)}`),
    ...facts.map(([name, value]) => `${name}: ${quote(value)}`),
    `items: ${bounded(items, 20, 'items').join(', ') || 'none'}`,
    `packing history (newest first): ${bounded(packing, 5, 'entries').join(', ') || 'none'}`,
    `status history: ${bounded(statuses, 5, 'entries').join(', ') || 'none'}`,
  ].join('\n');
}

export const trafficSchema: InputSchema = {
  type: 'object',
  properties: {
    endpoint: { type: 'string', description: 'Only exchanges with this endpoint, e.g. updateStockQuantity.' },
    client: { type: 'string', description: 'Only this client: its token family (F3) or part of its User-Agent (e.g. "curl").' },
    rule: { type: 'string', description: 'Only exchanges with a finding of this lint rule, e.g. qty-not-integer.' },
    limit: { ...limitField, description: 'Exchanges to list at most (default 20).' },
  },
  additionalProperties: false,
};

function trafficOf(ctx: AgentContext): NonNullable<ReturnType<NonNullable<AgentContext['traffic']>>> {
  const traffic = ctx.traffic?.();
  if (!traffic) {
    throw new AgentInputError(`No sandbox traffic here: traffic is recorded by the local OTO sandbox (and the recording proxy), and ${quote(ctx.environment())} is not served by one running in this process.`);
  }
  return traffic;
}

function clientOf(exchange: TrafficExchange): string {
  const family = exchange.client.family ?? `${exchange.client.address}`;
  return `${family}${exchange.client.userAgent ? ` ${quote(exchange.client.userAgent, 60)}` : ''}${exchange.client.own ? ' (this extension)' : ''}`;
}

/** One line: `#12 01:02:03 POST updateStockQuantity → 400 OTO1132 · client F3 "curl/8" · findings: qty-not-integer (error)`. */
export function exchangeLine(exchange: TrafficExchange): string {
  const time = new Date(exchange.startedAt).toISOString().slice(11, 19);
  const answer = exchange.status === undefined ? 'no answer' : `${exchange.status}${exchange.otoCode ? ` ${quote(exchange.otoCode, 20)}` : ''}`;
  const what = exchange.endpoint === '' ? quote(exchange.path, 80) : exchange.endpoint;
  const findings = exchange.findings.length === 0 ? '' : ` · findings: ${exchange.findings.map((finding) => `${finding.rule} (${finding.severity})`).join(', ')}`;
  const fault = exchange.fault ? ` · fault ${quote(exchange.fault, 60)}` : '';
  return `#${exchange.id} ${time} ${exchange.direction === 'outbound' ? 'webhook ' : ''}${exchange.method} ${what} → ${answer} · client ${clientOf(exchange)}${fault}${findings}`;
}

export async function readTraffic(ctx: AgentContext, input: unknown): Promise<string> {
  const fields = new Fields(input, trafficSchema);
  const endpoint = fields.optionalText('endpoint');
  const client = fields.optionalText('client')?.toLowerCase();
  const rule = fields.optionalText('rule');
  const rows = fields.optionalInteger('limit', 1, MAX_ROWS) ?? 20;
  const all = trafficOf(ctx).list();
  const matching = all.filter((exchange) =>
    (endpoint === undefined || exchange.endpoint === endpoint) &&
    (client === undefined || exchange.client.family?.toLowerCase() === client || (exchange.client.userAgent ?? '').toLowerCase().includes(client)) &&
    (rule === undefined || exchange.findings.some((finding) => finding.rule === rule)));
  const filters = [endpoint && `endpoint ${quote(endpoint)}`, client && `client ${quote(client)}`, rule && `rule ${quote(rule)}`].filter(Boolean).join(', ');
  const title = `sandbox traffic: ${matching.length} of the ${all.length} exchanges kept${filters ? ` match ${filters}` : ''}, newest first`;
  return [header(ctx.environment(), title), ...(matching.length === 0 ? ['None.'] : bounded(matching.map(exchangeLine), rows, 'exchanges')), 'oto_exchange with an id shows its bodies and what each finding means.'].join('\n');
}

export const exchangeSchema: InputSchema = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1, description: 'The exchange id (#12 in oto_traffic).' } },
  required: ['id'],
  additionalProperties: false,
};

const BODY_SHOWN = 1500;

export async function readExchange(ctx: AgentContext, input: unknown): Promise<string> {
  const fields = new Fields(input, exchangeSchema);
  const id = fields.integer('id', 'positive');
  const exchange = trafficOf(ctx).get(id);
  if (!exchange) {
    throw new AgentInputError(`No exchange #${id} is kept (the sandbox keeps the last ones only): list them with oto_traffic.`);
  }
  const body = (captured: TrafficExchange['requestBody'] | undefined): string =>
    captured === undefined || captured.bytes === 0 ? 'none' : `${quote(captured.text, BODY_SHOWN)}${captured.truncated ? ` (${captured.bytes} bytes, cut)` : ''}`;
  const findings = exchange.findings.map((finding) => `- ${finding.severity} ${finding.rule}: ${finding.message}${finding.exchangeIds.length > 1 ? ` (with #${finding.exchangeIds.slice(1).join(', #')})` : ''}`);
  return [
    header(ctx.environment(), `exchange #${exchange.id}`),
    exchangeLine(exchange),
    `request: ${exchange.method} ${quote(exchange.target ?? exchange.path, 300)}`,
    `request body: ${body(exchange.requestBody)}`,
    `answer: ${exchange.status ?? 'none'} after ${Math.round(exchange.durationMs)} ms; body: ${body(exchange.responseBody)}`,
    findings.length === 0
      ? 'Findings: none (the contract lint found nothing OTO would refuse or do differently).'
      : `Findings (what OTO does with it, and what to change):\n${bounded(findings, 20, 'findings').join('\n')}`,
  ].join('\n');
}

export const historySchema: InputSchema = {
  type: 'object',
  properties: {
    sku: { type: 'string', description: 'The SKU.' },
    location: { type: 'string', description: 'Only this pickup location code.' },
    limit: limitField,
  },
  required: ['sku'],
  additionalProperties: false,
};

function ledgerLine(entry: LedgerEntry): string {
  const figures = entry.before !== undefined && entry.after !== undefined ? `: ${entry.before} → ${entry.after}` : '';
  const change = entry.action === 'observed' ? 'changed outside this tool' : `${entry.action}${entry.qty === undefined ? '' : ` ${entry.action === 'adjust' ? signed(entry.qty) : entry.qty}`}`;
  const why = [entry.reason, entry.note === undefined ? undefined : quote(entry.note, 200)].filter(Boolean).join(' ');
  return `${entry.time.slice(0, 19).replace('T', ' ')} · ${quote(entry.locationCode)} · ${change}${figures} (${entry.source}${entry.transactionId ? `, ${quote(entry.transactionId, 40)}` : ''})${why ? ` · ${why}` : ''}`;
}

export async function readHistory(ctx: AgentContext, input: unknown): Promise<string> {
  const fields = new Fields(input, historySchema);
  const sku = fields.text('sku');
  const location = fields.optionalText('location');
  const rows = rowsOf(fields);
  if (!ctx.history) {
    throw new AgentInputError('No stock ledger here: the history is kept where the extension (or the MCP server, with OTO_STATE_DIR) records changes.');
  }
  const entries = (await ctx.history(ctx.environment(), sku)).filter((entry) => location === undefined || entry.locationCode === location).reverse();
  const title = `stock history of ${quote(sku)}${location === undefined ? '' : ` at ${quote(location)}`}: ${entries.length} change${entries.length === 1 ? '' : 's'} recorded, newest first`;
  return [header(ctx.environment(), title), ...(entries.length === 0 ? ['None recorded.'] : bounded(entries.map(ledgerLine), rows, 'older changes'))].join('\n');
}
