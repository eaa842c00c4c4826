// The write tools: adjust, set, inventory order, mark picked / packed, transfer. Each first makes
// a plan from figures read just then, whose `change` lines are the exact change
// (`RUH-WH1 · AJW-DATES-500: 91 → 98`) for the user to confirm or the agent to preview; `apply`
// sends it through the same code as the commands: the same checks, a write never resent once it
// may have arrived (a lost answer is reported as "may or may not have been applied"), the same
// ledger (the agent's reason kept as the note `agent: …`) and, for a transfer, the same journal.
import { formatDdMmYyyy } from '../../client';
import { MAX_LEDGER_NOTE, type LedgerEntry } from '../../stockChange/ledgerEntry';
import { journalWrite, transferLedgerEntry } from '../../operations/history/journalEntries';
import { onHandAt } from '../../operations/bulk/preview';
import { Journal } from '../../operations/journal';
import { describeHeld, describeTransfer, isComplete, newTransferId, runTransfer, TRANSFER_STEPS, type StepName, type TransferPlan } from '../../operations/transfer/transfer';
import { readOnHand, signed } from '../../orders/change/apply';
import { describeError } from '../../common/text/errorText';
import { withWarnings } from '../../orders/change/failure';
import { isLostAnswer, isServerErrorAnswer, isUnreadableAnswer } from '../../stockChange/outcome';
import { parseStockQuantity, parseTransferQuantity, resultingStock, riskOf, type StockAction } from '../../stockChange/quantity';
import { refusal, StatusRefusedError, type RefusalReason } from '../../packing/queue';
import type { AgentClient, AgentContext, ToolAnswer } from './context';
import { AgentInputError, Fields, type InputSchema } from './input';
import { packingQueueOf } from './reads';
import { code, quote } from './text';

export interface WritePlan {
  /** The environment the figures were read in; nothing is sent once the active one differs. */
  environment: string;
  /** The exact change, a line per figure it moves. */
  change: string[];
  /** What deserves a second look (a result below zero, a large change), for the confirmation. */
  warnings: string[];
  /** Sends the change (once) and says what happened. */
  apply(): Promise<ToolAnswer>;
}

/** Changes of more units than this are pointed out in the confirmation (the commands' default). */
const NOTABLE_UNITS = 100;

const reasonField = { type: 'string', maxLength: 200, description: 'Why, in a few words (kept in the stock history as "agent: <reason>").' };

/** The ledger's note for an agent's change. */
export function agentNote(reason: string): string {
  return `agent: ${reason}`.slice(0, MAX_LEDGER_NOTE);
}

async function locationCodes(client: AgentClient): Promise<string[]> {
  return (await client.getPickupLocations()).map((location) => location.code);
}

async function requireLocation(client: AgentClient, locationCode: string, field: string): Promise<void> {
  const codes = await locationCodes(client);
  if (!codes.includes(locationCode)) {
    throw new AgentInputError(`${field}: no pickup location ${quote(locationCode)}. The locations are ${codes.join(', ')}.`);
  }
}

/** Refuses (nothing sent) when the session moved to another environment since the figures were read. */
function stillCurrent(ctx: AgentContext, plan: { environment: string }): ToolAnswer | undefined {
  const now = ctx.environment();
  return now === plan.environment ? undefined : { isError: true, text: `OTO switched from ${plan.environment} to ${now} since the change was prepared, so nothing was sent. Prepare it again.` };
}

function failed(what: string, error: unknown): ToolAnswer {
  if (isLostAnswer(error)) {
    // An answer that came but could not be read, or a server error, is not "no answer": OTO took the request.
    const heard = isUnreadableAnswer(error)
      ? `OTO answered ${what}, but its answer could not be read`
      : isServerErrorAnswer(error)
        ? `OTO answered ${what} with a server error`
        : `No answer from OTO to ${what}`;
    return {
      isError: true,
      text: `${heard} (${describeError(error)}). It may or may not have been applied; nothing was resent. Read the figures again (oto_stock) before deciding what to do; do not repeat the change blindly.`,
    };
  }
  return { isError: true, text: `${what} was not applied: ${describeError(error)}` };
}

function record(ctx: AgentContext, environment: string, entries: readonly LedgerEntry[]): Promise<void> {
  return ctx.record?.(environment, entries).catch(() => undefined) ?? Promise.resolve();
}

export function stockChangeSchema(action: StockAction): InputSchema {
  return {
    type: 'object',
    properties: {
      location: { type: 'string', description: 'The pickup location code, e.g. RUH-WH1.' },
      sku: { type: 'string', description: 'The SKU.' },
      qty: action === 'adjust'
        ? { type: 'integer', description: 'The change in units: positive adds, negative removes (not 0).' }
        : { type: 'integer', minimum: 0, description: 'The new quantity on hand (0 or more).' },
      reason: reasonField,
    },
    required: ['location', 'sku', 'qty', 'reason'],
    additionalProperties: false,
  };
}

export async function planStockChange(ctx: AgentContext, action: StockAction, input: unknown): Promise<WritePlan> {
  const fields = new Fields(input, stockChangeSchema(action));
  const location = fields.text('location');
  const sku = fields.text('sku');
  const qty = fields.integer('qty', action === 'adjust' ? 'nonZero' : 'nonNegative');
  const reason = fields.text('reason');
  const environment = ctx.environment();
  const client = await ctx.getClient();
  const stock = await client.checkInventoryStock([sku]);
  const kept = (Object.hasOwn(stock, sku) ? stock[sku] : []).some((entry) => entry.pickupLocationCode === location);
  if (!kept) {
    await requireLocation(client, location, 'location');
    if (action === 'adjust') {
      throw new AgentInputError(`${code(location)} keeps no inventory of ${quote(sku)}: OTO refuses an adjust there (OTO1134). oto_set_stock creates it with a quantity.`);
    }
  }
  const before = onHandAt(stock, sku, location);
  const parsed = parseStockQuantity(action, before, String(qty));
  if ('error' in parsed) {
    throw new AgentInputError(parsed.error);
  }
  const after = resultingStock(action, before, qty);
  const subject = `${code(location)} · ${code(sku)}`;
  const risk = riskOf(action, before, qty, NOTABLE_UNITS);
  const what = action === 'adjust' ? `the adjustment of ${subject} by ${signed(qty)}` : `setting ${subject} to ${qty}`;
  return {
    environment,
    change: [`${subject}: ${before} → ${after}${kept ? '' : ' (new at this location)'}`],
    warnings: risk === undefined ? [] : [risk],
    apply: async () => {
      const moved = stillCurrent(ctx, { environment });
      if (moved) {
        return moved;
      }
      // A set must not overwrite a change made since the figure the user confirmed, nor an adjust land on another base.
      const now = await readOnHand(client, sku, location);
      if (now !== before) {
        return { isError: true, text: `${subject} is ${now} now, not the ${before} the change was prepared from, so nothing was sent. Prepare it again from the new figure.` };
      }
      try {
        const answer = await client.updateStockQuantity({ actionType: action, locationCode: location, sku, qty });
        const transactionId = answer.transactionID === undefined ? undefined : String(answer.transactionID);
        await record(ctx, environment, [{ time: new Date().toISOString(), source: 'single', action, sku, locationCode: location, before, after, qty, transactionId, note: agentNote(reason) }]);
        return { isError: false, text: withWarnings(`Applied: ${subject}: ${before} → ${after}. Transaction ${transactionId === undefined ? '—' : quote(transactionId, 40)}.`, answer.warnings.map((warning) => quote(warning))) };
      } catch (error) {
        return failed(what, error);
      }
    },
  };
}

export const inventoryOrderSchema: InputSchema = {
  type: 'object',
  properties: {
    action: { type: 'string', enum: ['inbound', 'outbound'], description: 'inbound: stock expected to arrive; outbound: stock expected to leave.' },
    location: { type: 'string', description: 'The pickup location code, e.g. RUH-WH1.' },
    items: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } }, required: ['sku', 'qty'], additionalProperties: false }, description: 'The SKUs and quantities.' },
    orderDate: { type: 'string', description: 'DD/MM/YYYY (default today).' },
    deliveryDate: { type: 'string', description: 'DD/MM/YYYY.' },
    description: { type: 'string', maxLength: 200, description: 'Shown in OTO with the order.' },
    reason: reasonField,
  },
  required: ['action', 'location', 'items', 'reason'],
  additionalProperties: false,
};

export async function planInventoryOrder(ctx: AgentContext, input: unknown): Promise<WritePlan> {
  const fields = new Fields(input, inventoryOrderSchema);
  const action = fields.oneOf('action', ['inbound', 'outbound'] as const);
  const location = fields.text('location');
  const items = fields.items('items');
  const orderDate = fields.optionalDate('orderDate') ?? formatDdMmYyyy(new Date());
  const deliveryDate = fields.optionalDate('deliveryDate');
  const description = fields.optionalText('description');
  const reason = fields.text('reason');
  const environment = ctx.environment();
  const client = await ctx.getClient();
  await requireLocation(client, location, 'location');
  const stock = await client.checkInventoryStock(items.map((item) => item.sku), { pickupLocationCode: location });
  const sign = action === 'inbound' ? 1 : -1;
  const change = items.map(({ sku, qty }) => {
    const entry = (Object.hasOwn(stock, sku) ? stock[sku] : []).find((candidate) => candidate.pickupLocationCode === location);
    const forecast = entry?.quantityForecasted ?? 0;
    return `${code(location)} · ${code(sku)}: forecast ${forecast} → ${forecast + sign * qty} (${action} ${qty})`;
  });
  const request = { action, locationCode: location, items, orderDate, deliveryDate, description };
  const what = `the ${action} inventory order at ${code(location)}`;
  return {
    environment,
    change,
    warnings: [`An ${action} inventory order moves the forecast, not the stock on hand.`],
    apply: async () => {
      const moved = stillCurrent(ctx, { environment });
      if (moved) {
        return moved;
      }
      try {
        const answer = await client.createInventoryOrder(request);
        const time = new Date().toISOString();
        await record(ctx, environment, items.map((item) => ({ time, source: 'order', action, sku: item.sku, locationCode: location, qty: item.qty, transactionId: String(answer.otoId), note: agentNote(reason) })));
        return { isError: false, text: withWarnings(`Created ${what}: OTO id ${quote(String(answer.otoId), 40)}, ${items.length} item${items.length === 1 ? '' : 's'}.`, (answer.warnings ?? []).map((warning) => quote(warning))) };
      } catch (error) {
        return failed(what, error);
      }
    },
  };
}

export const packingStatusSchema: InputSchema = {
  type: 'object',
  properties: {
    warehouse: { type: 'string', description: 'The warehouse code whose packing queue has the order, e.g. RUH-WH1.' },
    orderId: { type: 'string', description: 'The order id.' },
    status: { type: 'string', enum: ['picked', 'packed'], description: 'picked, then packed (a packed order leaves the queue for good).' },
    skipPicked: { type: 'boolean', description: 'Pack an order not marked picked (default false).' },
  },
  required: ['warehouse', 'orderId', 'status'],
  additionalProperties: false,
};

function refusalText(reason: RefusalReason, orderId: string, warehouse: string): string {
  switch (reason) {
    case 'notInQueue':
      return `Order ${quote(orderId)} is not in the packing queue of ${code(warehouse)} (oto_packing_queue lists it).`;
    case 'busy':
      return `Order ${quote(orderId)} is being updated already.`;
    case 'alreadyPicked':
      return `Order ${quote(orderId)} is picked already.`;
    case 'alreadyPacked':
      return `Order ${quote(orderId)} is packed already: a packed order cannot change again.`;
    case 'notPicked':
      return `Order ${quote(orderId)} is not marked picked: mark it picked first, or pass skipPicked: true to pack it straight away.`;
  }
}

export async function planPackingStatus(ctx: AgentContext, input: unknown): Promise<WritePlan> {
  const fields = new Fields(input, packingStatusSchema);
  const warehouse = fields.text('warehouse');
  const orderId = fields.text('orderId');
  const status = fields.oneOf('status', ['picked', 'packed'] as const);
  const skipPicked = fields.boolean('skipPicked', false);
  const environment = ctx.environment();
  const queue = packingQueueOf(ctx, warehouse);
  await queue.load();
  const state = queue.stateOf(orderId);
  const refused = state === undefined ? 'notInQueue' : refusal(state, status, skipPicked);
  if (refused) {
    throw new AgentInputError(refusalText(refused, orderId, warehouse));
  }
  const order = queue.orders.find((candidate) => candidate.orderId === orderId);
  const units = order?.items.reduce((sum, item) => sum + item.quantity, 0) ?? 0;
  const what = `marking order ${quote(orderId)} ${status}`;
  return {
    environment,
    change: [`${code(warehouse)} · order ${code(orderId)}: ${state} → ${status} (${units} unit${units === 1 ? '' : 's'})`],
    warnings: status === 'packed' ? ['Packing takes the items off the shelf and the order leaves the queue; it cannot be undone.'] : [],
    apply: async () => {
      const moved = stillCurrent(ctx, { environment });
      if (moved) {
        return moved;
      }
      try {
        await queue.setStatus(orderId, status, skipPicked);
        return { isError: false, text: `Applied: ${code(warehouse)} · order ${code(orderId)}: ${state} → ${status}.` };
      } catch (error) {
        if (error instanceof StatusRefusedError) {
          return { isError: true, text: `Nothing was sent: ${refusalText(error.reason, orderId, warehouse)}` };
        }
        return failed(what, error);
      }
    },
  };
}

export const transferSchema: InputSchema = {
  type: 'object',
  properties: {
    sku: { type: 'string', description: 'The SKU to move.' },
    from: { type: 'string', description: 'The source location code.' },
    to: { type: 'string', description: 'The destination location code.' },
    qty: { type: 'integer', minimum: 1, description: 'Units to move (at most the source\'s on hand).' },
    method: { type: 'string', enum: ['immediate', 'orders'], description: 'immediate (default): adjust −qty at the source, then +qty at the destination; orders: an outbound then an inbound inventory order (moves the forecast).' },
    orderDate: { type: 'string', description: 'For method orders: DD/MM/YYYY (default today).' },
    deliveryDate: { type: 'string', description: 'For method orders: DD/MM/YYYY.' },
    reason: reasonField,
  },
  required: ['sku', 'from', 'to', 'qty', 'reason'],
  additionalProperties: false,
};

export async function planTransfer(ctx: AgentContext, input: unknown): Promise<WritePlan> {
  const fields = new Fields(input, transferSchema);
  const sku = fields.text('sku');
  const from = fields.text('from');
  const to = fields.text('to');
  const qty = fields.integer('qty', 'positive');
  const method = fields.oneOf('method', ['immediate', 'orders'] as const, 'immediate');
  const orderDate = fields.optionalDate('orderDate');
  const deliveryDate = fields.optionalDate('deliveryDate');
  const reason = fields.text('reason');
  if (from === to) {
    throw new AgentInputError('from and to are the same location: nothing would move.');
  }
  if (method === 'immediate' && (orderDate !== undefined || deliveryDate !== undefined)) {
    throw new AgentInputError('orderDate and deliveryDate are for method "orders" only.');
  }
  const environment = ctx.environment();
  const client = await ctx.getClient();
  const codes = await locationCodes(client);
  for (const [field, value] of [['from', from], ['to', to]] as const) {
    if (!codes.includes(value)) {
      throw new AgentInputError(`${field}: no pickup location ${quote(value)}. The locations are ${codes.join(', ')}.`);
    }
  }
  const stock = await client.checkInventoryStock([sku]);
  const fromBefore = onHandAt(stock, sku, from);
  const toBefore = onHandAt(stock, sku, to);
  const toIsNew = !(Object.hasOwn(stock, sku) ? stock[sku] : []).some((entry) => entry.pickupLocationCode === to);
  const movable = parseTransferQuantity(String(qty), fromBefore);
  if ('error' in movable) {
    throw new AgentInputError(movable.error);
  }
  const plan: TransferPlan = {
    id: newTransferId(), sku, from, to, qty, method, fromBefore, toBefore, toIsNew,
    ...(method === 'orders' ? { orderDate: orderDate ?? formatDdMmYyyy(new Date()), deliveryDate } : {}),
    note: agentNote(reason),
  };
  const change = method === 'immediate'
    ? [`${code(from)} · ${code(sku)}: ${fromBefore} → ${fromBefore - qty}`, `${code(to)} · ${code(sku)}: ${toBefore} → ${toBefore + qty}${toIsNew ? ' (new at this location)' : ''}`]
    : [`${code(from)} · ${code(sku)}: an outbound order of ${qty}`, `${code(to)} · ${code(sku)}: an inbound order of ${qty}`];
  return {
    environment,
    change,
    warnings: ['Two writes, one after the other: the second is sent only once the first was applied, and nothing is resent on its own.'],
    apply: async () => {
      const moved = stillCurrent(ctx, { environment });
      if (moved) {
        return moved;
      }
      const now = await client.checkInventoryStock([sku]);
      const nowIsNew = !(Object.hasOwn(now, sku) ? now[sku] : []).some((entry) => entry.pickupLocationCode === to);
      if (onHandAt(now, sku, from) !== fromBefore || onHandAt(now, sku, to) !== toBefore || nowIsNew !== toIsNew) {
        return { isError: true, text: `The stock of ${quote(sku)} changed since the transfer was prepared (${code(from)} ${onHandAt(now, sku, from)}, ${code(to)} ${onHandAt(now, sku, to)} now), so nothing was sent. Prepare it again.` };
      }
      const journal = ctx.journalDir === undefined ? undefined : await Journal.create(ctx.journalDir, { environment, source: `${sku} ${from} → ${to} (agent)`, rows: [], transfer: plan });
      const outcome = await runTransfer(client, plan, journal);
      const entries = (['first', 'second'] as const satisfies readonly StepName[]).flatMap((step) =>
        outcome[step].state === 'applied' ? [transferLedgerEntry(plan, step, outcome[step], journal ? { run: journalWrite(journal.start.runId, TRANSFER_STEPS.indexOf(step)) } : {})] : []);
      await record(ctx, environment, entries);
      const text = describeTransfer(plan, outcome);
      if (isComplete(outcome)) {
        await journal?.append({ type: 'closed' });
        return { isError: outcome.first.state !== 'applied', text: `Transfer of ${qty} × ${code(sku)}: ${text}.` };
      }
      const held = outcome.held ? ` ${describeHeld(plan, outcome.held.onHand, false)}` : '';
      const unclear = outcome.first.state === 'lost' || outcome.second.state === 'lost' ? ' A step whose outcome is unknown may or may not have been applied; nothing was resent.' : '';
      const review = journal ? ' In VS Code, "OTO: Review Interrupted Stock Changes…" offers to retry the second step or reverse the first.' : '';
      return { isError: true, text: `Transfer of ${qty} × ${code(sku)} is incomplete: ${text}.${held}${unclear} Nothing more was sent: read the stock (oto_stock) and tell the user.${review}` };
    },
  };
}
