// Moving stock between two locations, built on single writes (OTO has no transfer): either at
// once (an adjust −n at the source, then +n at the destination) or through inventory orders (an
// outbound order at the source, then an inbound one at the destination). The second step is
// sent only after the first was applied; when it fails or its answer is lost, the operator is
// told exactly what happened and chooses: retry the second step or reverse the first. Nothing
// is resent on its own. Each step is journalled like a bulk apply's rows (../journal.ts): should
// VS Code stop between the two writes, the next start says what was half done.
import { randomUUID } from 'node:crypto';
import type { CreateInventoryOrderRequest, CreateInventoryOrderResponse, InventoryStock, InventoryStockEntry, UpdateStockQuantityRequest, UpdateStockQuantityResponse } from '../../client';
import { isOtoError } from '../../client';
import { isLostAnswer } from '../../stockChange/outcome';
import * as l10n from '@vscode/l10n';
import { foldStates, type Journal, type JournalEntry, type RowState } from '../journal';
import type { Reason } from '../../stockChange/reasons';

export type TransferMethod = 'immediate' | 'orders';

export interface TransferPlan {
  id: string;
  sku: string;
  from: string;
  to: string;
  qty: number;
  method: TransferMethod;
  /** On hand at each end, read fresh before the transfer. */
  fromBefore: number;
  toBefore: number;
  /** The destination has no inventory of the SKU yet: OTO refuses an adjust there, so the second step is a set. */
  toIsNew: boolean;
  /** DD/MM/YYYY, for inventory orders. */
  orderDate?: string;
  deliveryDate?: string;
  reason?: Reason;
  note?: string;
}

export type StepName = 'first' | 'second' | 'reverse';

/** A step's `row` in the transfer's journal is its index here. */
export const TRANSFER_STEPS: readonly StepName[] = ['first', 'second', 'reverse'];

export interface StepOutcome {
  state: 'applied' | 'failed' | 'lost' | 'not-sent';
  /** The transaction ID of an adjust or set, or the otoId of an inventory order. */
  reference?: string;
  code?: string;
  message?: string;
  warnings?: string[];
}

export interface TransferOutcome {
  first: StepOutcome;
  second: StepOutcome;
  reverse?: StepOutcome;
  /** The second step, a set, was held back: the destination has stock of the SKU now (`onHand`). */
  held?: { onHand: number };
}

export interface TransferClient {
  updateStockQuantity(request: UpdateStockQuantityRequest): Promise<UpdateStockQuantityResponse>;
  createInventoryOrder(request: CreateInventoryOrderRequest): Promise<CreateInventoryOrderResponse>;
  checkInventoryStock(skus: string[]): Promise<InventoryStock>;
}

export function newTransferId(): string {
  return randomUUID();
}

/** The write of one step, exactly as it will be sent. */
export function stepRequest(plan: TransferPlan, step: StepName): { kind: 'stock'; request: UpdateStockQuantityRequest } | { kind: 'order'; request: CreateInventoryOrderRequest } {
  const { sku, qty } = plan;
  if (plan.method === 'immediate') {
    if (step === 'second' && plan.toIsNew) {
      return { kind: 'stock', request: { actionType: 'set', sku, locationCode: plan.to, qty } };
    }
    return { kind: 'stock', request: { actionType: 'adjust', sku, locationCode: step === 'second' ? plan.to : plan.from, qty: step === 'first' ? -qty : qty } };
  }
  const dates = { orderDate: plan.orderDate, deliveryDate: plan.deliveryDate, description: `Transfer ${plan.from} → ${plan.to} (${plan.id.slice(0, 8)})` };
  const action = step === 'first' ? 'outbound' : 'inbound';
  return { kind: 'order', request: { action, locationCode: step === 'second' ? plan.to : plan.from, items: [{ sku, qty }], ...dates } };
}

/** Sends one step; with a journal, the send is on disk before the write leaves, and the outcome after. */
export async function sendStep(client: TransferClient, plan: TransferPlan, step: StepName, journal?: Journal): Promise<StepOutcome> {
  const row = TRANSFER_STEPS.indexOf(step);
  await journal?.append({ type: 'send', row });
  const outcome = await attempt(client, plan, step);
  switch (outcome.state) {
    case 'applied':
      await journal?.append({ type: 'applied', row, transactionId: outcome.reference, warnings: outcome.warnings ?? [] });
      break;
    case 'failed':
      await journal?.append({ type: 'failed', row, code: outcome.code, message: outcome.message ?? '' });
      break;
    case 'lost':
      await journal?.append({ type: 'lost', row, message: outcome.message ?? '' });
      break;
  }
  return outcome;
}

async function attempt(client: TransferClient, plan: TransferPlan, step: StepName): Promise<StepOutcome> {
  const write = stepRequest(plan, step);
  try {
    if (write.kind === 'stock') {
      const answer = await client.updateStockQuantity(write.request);
      return { state: 'applied', reference: answer.transactionID === undefined ? undefined : String(answer.transactionID), warnings: answer.warnings };
    }
    const answer = await client.createInventoryOrder(write.request);
    return { state: 'applied', reference: String(answer.otoId), warnings: answer.warnings };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isLostAnswer(error)) {
      return { state: 'lost', message };
    }
    return { state: 'failed', code: isOtoError(error) ? error.code : undefined, message };
  }
}

/** The SKU's inventory at a location, absent when it has none there. */
function entryAt(stock: InventoryStock, sku: string, code: string): InventoryStockEntry | undefined {
  return (Object.hasOwn(stock, sku) ? stock[sku] : []).find((entry) => entry.pickupLocationCode === code);
}

/**
 * What sending a step (first or again) did: sent it, or held it back (`onHand`: the figure now at
 * the location read; with `expected`, the figure the step had to start from there).
 */
export type RetryResult = { sent: StepOutcome } | { held: { onHand: number; locationCode?: string; expected?: number } };

/**
 * A transfer made at once whose outcome is unclear (a step without an answer) is told by its
 * figures: the first step, or a reverse, left the source at `fromBefore − qty`; the second step, an
 * adjust, starts from `toBefore`. A step is sent only where the figure it must start from is there
 * now; anything else (it landed, or did not, or someone else moved the stock) holds it back.
 */
function figuresToCheck(plan: TransferPlan, step: 'second' | 'reverse', outcome: TransferOutcome | undefined): Array<{ locationCode: string; expected: number }> {
  if (plan.method !== 'immediate' || !outcome) {
    return [];
  }
  const checks: Array<{ locationCode: string; expected: number }> = [];
  if (outcome.first.state === 'lost' || (step === 'reverse' && outcome.reverse?.state === 'lost')) {
    checks.push({ locationCode: plan.from, expected: plan.fromBefore - plan.qty });
  }
  if (step === 'second' && outcome.second.state === 'lost' && !plan.toIsNew) {
    checks.push({ locationCode: plan.to, expected: plan.toBefore });
  }
  return checks;
}

async function heldBack(client: TransferClient, plan: TransferPlan, step: 'second' | 'reverse', outcome: TransferOutcome | undefined): Promise<RetryResult | undefined> {
  const checks = figuresToCheck(plan, step, outcome);
  if (checks.length === 0) {
    return undefined;
  }
  const stock = await client.checkInventoryStock([plan.sku]);
  for (const { locationCode, expected } of checks) {
    const onHand = entryAt(stock, plan.sku, locationCode)?.quantityOnHand ?? 0;
    if (onHand !== expected) {
      return { held: { onHand, locationCode, expected } };
    }
  }
  return undefined;
}

/**
 * Sends the second step, first or again. A set (the destination had no inventory of the SKU when
 * the transfer was prepared) is not safe once the destination has some: another writer may have
 * stocked it since, or a set sent before may have landed, and a set would overwrite that figure.
 * So the destination is read first, and the set is held back when it has inventory there now. An
 * adjust or an order is relative: sent as it is, unless `outcome` has a step without an answer
 * and the figures do not show the second step still to make (see figuresToCheck).
 */
export async function sendSecond(client: TransferClient, plan: TransferPlan, journal?: Journal, outcome?: TransferOutcome): Promise<RetryResult> {
  const held = await heldBack(client, plan, 'second', outcome);
  if (held) {
    return held;
  }
  const write = stepRequest(plan, 'second');
  if (write.kind === 'stock' && write.request.actionType === 'set') {
    const there = entryAt(await client.checkInventoryStock([plan.sku]), plan.sku, plan.to);
    if (there) {
      return { held: { onHand: there.quantityOnHand } };
    }
  }
  return { sent: await sendStep(client, plan, 'second', journal) };
}

/** Reverses the first step, unless `outcome` has a step without an answer and the source's figure does not show the first step's result (see figuresToCheck). */
export async function sendReverse(client: TransferClient, plan: TransferPlan, journal?: Journal, outcome?: TransferOutcome): Promise<RetryResult> {
  return (await heldBack(client, plan, 'reverse', outcome)) ?? { sent: await sendStep(client, plan, 'reverse', journal) };
}

/**
 * Why a step was held back (`sentBefore`: the set had been sent, without an answer or refused), and
 * what the operator can do instead. `figure`: held because a figure was not the one the step must
 * start from.
 */
export function describeHeld(plan: TransferPlan, onHand: number, sentBefore: boolean, figure?: { locationCode: string; expected: number }): string {
  if (figure) {
    return l10n.t('{0} now has {1} of {2}, not the {3} this step must start from, so nothing was sent: a step without an answer may have been applied, or the stock changed there since. Check the figures; Leave as it is and adjust the stock yourself if needed.', figure.locationCode, onHand, plan.sku, figure.expected);
  }
  return sentBefore
    ? l10n.t('{0} now has {1} of {2}, so the set to {3} was not sent again: it may have been applied, or the stock changed there since. Check the figure; Leave as it is and adjust it yourself if units are missing.', plan.to, onHand, plan.sku, plan.qty)
    : l10n.t('{0} now has {1} of {2} (it had none when the transfer was prepared), so the set to {3} was not sent: it would overwrite that figure. Reverse the first step and transfer again, or Leave as it is.', plan.to, onHand, plan.sku, plan.qty);
}

/**
 * On hand at both ends read now, beside the figures before the transfer, for a transfer with a
 * step whose answer was lost: the operator can see whether it landed before choosing. Only for a
 * transfer made at once (an order moves no figure on hand); a read that fails says nothing.
 */
export async function figuresNow(client: TransferClient, plan: TransferPlan): Promise<string | undefined> {
  if (plan.method !== 'immediate') {
    return undefined;
  }
  let stock: InventoryStock;
  try {
    stock = await client.checkInventoryStock([plan.sku]);
  } catch {
    return undefined;
  }
  const at = (code: string): number => entryAt(stock, plan.sku, code)?.quantityOnHand ?? 0;
  return l10n.t('On hand now: {0} at {1} ({2} before the transfer), {3} at {4} ({5} before).', at(plan.from), plan.from, plan.fromBefore, at(plan.to), plan.to, plan.toBefore);
}

/** The first step, then the second only once the first was applied. */
export async function runTransfer(client: TransferClient, plan: TransferPlan, journal?: Journal): Promise<TransferOutcome> {
  const first = await sendStep(client, plan, 'first', journal);
  if (first.state !== 'applied') {
    return { first, second: { state: 'not-sent' } };
  }
  const second = await sendSecond(client, plan, journal);
  return 'held' in second ? { first, second: { state: 'not-sent' }, held: second.held } : { first, second: second.sent };
}

/**
 * Where a journalled transfer stands. A step sent without an answer on record was in flight when
 * VS Code stopped: like a lost answer, it may or may not have been applied.
 */
export function outcomeOfJournal(entries: readonly JournalEntry[]): TransferOutcome {
  const notSent: RowState = { state: 'not-sent' };
  const [first, second, reverse] = foldStates(TRANSFER_STEPS.map(() => notSent), entries).map(stepOutcome);
  return { first, second, ...(reverse.state === 'not-sent' ? {} : { reverse }) };
}

function stepOutcome(state: RowState): StepOutcome {
  switch (state.state) {
    case 'applied':
      return { state: 'applied', reference: state.transactionId, warnings: state.warnings };
    case 'failed':
      return { state: 'failed', code: state.code, message: state.message };
    case 'check':
      return { state: 'lost', message: state.message };
    default:
      // A transfer's journal has no other entries; a step read back as anything else was not sent.
      return { state: 'not-sent' };
  }
}

/** A step's change in words: "−5 at RUH-WH1", or "an outbound order of 5 at RUH-WH1". */
export function describeStep(plan: TransferPlan, step: StepName): string {
  const write = stepRequest(plan, step);
  if (write.kind === 'order') {
    return write.request.action === 'outbound'
      ? l10n.t('an outbound order of {0} at {1}', plan.qty, write.request.locationCode)
      : l10n.t('an inbound order of {0} at {1}', plan.qty, write.request.locationCode);
  }
  const sign = step === 'first' ? '−' : '+';
  return l10n.t('{0}{1} at {2}', sign, plan.qty, write.request.locationCode);
}

function describeOutcome(plan: TransferPlan, step: StepName, outcome: StepOutcome): string {
  const what = describeStep(plan, step);
  switch (outcome.state) {
    case 'applied':
      return outcome.reference ? l10n.t('{0} applied ({1})', what, outcome.reference) : l10n.t('{0} applied', what);
    case 'failed':
      return l10n.t('{0} not applied ({1})', what, [outcome.code, outcome.message].filter(Boolean).join(' '));
    case 'lost':
      // Not "no answer": a server error or an unreadable success is an answer, and the message says which.
      return outcome.message
        ? l10n.t('{0}: outcome unknown ({1}), may or may not have been applied', what, outcome.message)
        : l10n.t('{0}: outcome unknown, may or may not have been applied', what);
    case 'not-sent':
      return l10n.t('{0} not sent', what);
  }
}

/** Exactly what happened, e.g. "−5 at RUH-WH1 applied; +5 at JED-WH1 not applied (OTO1134 …)". */
export function describeTransfer(plan: TransferPlan, outcome: TransferOutcome): string {
  const parts = [describeOutcome(plan, 'first', outcome.first), describeOutcome(plan, 'second', outcome.second)];
  if (outcome.reverse) {
    parts.push(l10n.t('reversed: {0}', describeOutcome(plan, 'reverse', outcome.reverse)));
  }
  return parts.join('; ');
}

/**
 * The buttons of an incomplete transfer: the second step is "Send" when it was never sent (VS Code
 * stopped before it) and "Retry" when it was sent and refused or unanswered.
 */
export function choiceLabels(plan: TransferPlan, outcome: TransferOutcome): { second: string; reverse: string; leave: string } {
  const second = describeStep(plan, 'second');
  return {
    second: outcome.second.state === 'not-sent' ? l10n.t('Send {0}', second) : l10n.t('Retry {0}', second),
    reverse: l10n.t('Reverse {0}', describeStep(plan, 'first')),
    leave: l10n.t('Leave as it is'),
  };
}

/** Done: both steps applied, or the first reversed. Otherwise the operator is asked what next. */
export function isComplete(outcome: TransferOutcome): boolean {
  if (outcome.first.state === 'not-sent') {
    return true;
  }
  return (outcome.first.state === 'applied' && outcome.second.state === 'applied') || outcome.reverse?.state === 'applied' || (outcome.first.state === 'failed');
}
