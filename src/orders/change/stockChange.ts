// "OTO: Adjust Stock…" and "OTO: Set Stock…": location → SKU → quantity (prefilled steps
// skipped), a modal confirmation for risky changes (declining it goes back to the quantity), the
// optional reason and, for a reason, a note (steps like the others: counted, with Back; not
// asked when `oto.askReason` is off), the call with progress, then Undo.
import { applyStockChange, describeSubject, readOnHand, refreshRows, signed } from './apply';
import type { FlowContext, OrdersClient } from '../context';
import type { LocationInfo } from '../../stockChange/stockView';
import { connectOrReport, showFailure, withWarnings } from './failure';
import * as l10n from '@vscode/l10n';
import { pickLocation, pickSku } from '../../stockChange/prompts/picks';
import { parseStockQuantity, preview, resultingStock, riskOf, StockAction, units } from '../../stockChange/quantity';
import { Step, runSteps } from '../../stockChange/prompts/steps';
import { Target, targetLocation } from '../../stockChange/target';
import { undoStockChange } from './undo';
import { chosenReason, noReasonYet, reasonStep, reasonStepCount, type ReasonAnswers } from '../../stockChange/reasonStep';

interface ChangeState {
  location?: LocationInfo;
  sku?: string;
  /** On hand at the location, read fresh once the SKU is known. */
  before?: number;
  text: string;
  /** Why, for the ledger. */
  why: ReasonAnswers;
}

/**
 * `again`: the quantity typed before, when the operator chose "Adjust again" after a write that
 * provably changed nothing (the figure is read afresh; nothing is resent on its own).
 */
export async function changeStock(ctx: FlowContext, action: StockAction, target: Target, again?: { text: string }): Promise<void> {
  const title = action === 'adjust' ? l10n.t('Adjust Stock') : l10n.t('Set Stock');
  const connection = await connectOrReport(ctx, title);
  if (!connection) {
    return;
  }
  const state: ChangeState = {
    location: targetLocation(ctx.stock, target),
    sku: target.sku,
    text: again?.text ?? '',
    why: noReasonYet(),
  };
  // `reason` turns false when the quantity is accepted with the box's "without a reason" button.
  const asked = { location: !state.location, sku: !state.sku, reason: ctx.asksReason?.() === true };
  const quantityAt = Number(asked.location) + Number(asked.sku) + 1;
  // Every step is counted: the reason's, and the note's once a reason is chosen (none: no note).
  const totalSteps = (): number => quantityAt + (asked.reason ? reasonStepCount(state.why) : 0);
  const position = (index: number) => ({ title, step: index, totalSteps: totalSteps() });

  const reasonStepAt = reasonStep(state.why, quantityAt + 1, position, undefined);
  let skippedReason = false;

  const quantityStep: Step = async (input) => {
    const location = state.location as LocationInfo;
    const sku = state.sku as string;
    const subject = describeSubject(sku, location);
    state.before ??= await ctx.prompter.progress(l10n.t('Reading stock of {0}…', subject), (signal) => readOnHand(connection.client, sku, location.code, signal), { cancellable: true });
    const before = state.before;
    state.text = await input.input({
      ...position(quantityAt),
      value: state.text,
      placeholder: action === 'adjust' ? l10n.t('e.g. -5 to remove, 12 to add') : l10n.t('the new quantity on hand, e.g. 40'),
      prompt: (value) => l10n.t('On hand of {0}: {1}', subject, preview(action, before, value)),
      validate: (value) => {
        const parsed = parseStockQuantity(action, before, value);
        return 'error' in parsed ? parsed.error : undefined;
      },
      // The quick path: the reason skipped from this box, without the reason step's Enter.
      alternative: asked.reason
        ? {
            tooltip: l10n.t('Go on without a reason'),
            choose: () => {
              skippedReason = true;
            },
          }
        : undefined,
    });
    const parsed = parseStockQuantity(action, before, state.text);
    // Declining the risky-change question goes back to the quantity, typed value kept.
    if ('value' in parsed && !(await confirmRisk(ctx, action, subject, before, parsed.value))) {
      return quantityStep;
    }
    const skip = skippedReason;
    skippedReason = false;
    return asked.reason && !skip ? reasonStepAt : undefined;
  };
  const skuStep: Step = async (input) => {
    const location = state.location as LocationInfo;
    const sku = await pickSku(input, position(Number(asked.location) + 1), ctx.stock, location, { current: state.sku });
    if (sku !== state.sku) {
      state.before = undefined;
    }
    state.sku = sku;
    return quantityStep;
  };
  const locationStep: Step = async (input) => {
    const location = await pickLocation(input, position(1), ctx.stock, state.location?.code);
    if (location.code !== state.location?.code) {
      state.before = undefined;
    }
    state.location = location;
    return asked.sku ? skuStep : quantityStep;
  };

  try {
    const end = await runSteps(ctx.prompter, asked.location ? locationStep : asked.sku ? skuStep : quantityStep);
    if (end !== 'done') {
      return;
    }
  } catch (error) {
    await showFailure(ctx, title, error);
    return;
  }
  const location = state.location as LocationInfo;
  const sku = state.sku as string;
  const parsed = parseStockQuantity(action, state.before as number, state.text);
  if ('error' in parsed) {
    return;
  }
  const qty = parsed.value;
  const subject = describeSubject(sku, location);
  const before = action === 'set' ? await recheckBeforeSet(ctx, connection.client, subject, sku, location, state.before as number, qty) : state.before;
  if (before === undefined) {
    return;
  }
  const why = chosenReason(state.why);
  const applied = await applyStockChange(ctx, connection, { action, location, sku, qty, before, ...why }, { again: action === 'adjust' ? l10n.t('Adjust again') : l10n.t('Set again') });
  if (applied === 'again') {
    await changeStock(ctx, action, { sku, locationCode: location.code }, { text: state.text });
    return;
  }
  if (!applied) {
    return;
  }
  const { record, warnings } = applied;
  const done =
    action === 'adjust'
      ? l10n.t('Adjusted {0} by {1}: {2} → {3}. Transaction {4}.', subject, signed(qty), record.before, record.after, record.transactionId ?? '—')
      : l10n.t('Set {0} to {1}: {2} → {3}. Transaction {4}.', subject, qty, record.before, record.after, record.transactionId ?? '—');
  const undo = l10n.t('Undo');
  if ((await ctx.prompter.message('info', withWarnings(done, warnings), [undo])) === undo) {
    await undoStockChange(ctx, record, connection.generation);
  }
}

/**
 * A set overwrites whatever is there, and OTO has no compare-and-set: so the figure is read again
 * just before sending, and when another writer changed it since the preview the operator is asked
 * (declined: nothing is sent). Resolves with the figure the set replaces, or undefined to send nothing.
 */
async function recheckBeforeSet(ctx: FlowContext, client: OrdersClient, subject: string, sku: string, location: LocationInfo, previewed: number, qty: number): Promise<number | undefined> {
  let now: number;
  try {
    now = await ctx.prompter.progress(l10n.t('Reading stock of {0}…', subject), (signal) => readOnHand(client, sku, location.code, signal), { cancellable: true });
  } catch (error) {
    await showFailure(ctx, l10n.t('{0} was not changed', subject), error);
    return undefined;
  }
  if (now === previewed) {
    return now;
  }
  refreshRows(ctx, [{ sku, locationCode: location.code }]);
  if (now === qty) {
    await ctx.prompter.message('info', l10n.t('{0} is already {1}: another writer changed it from {2} while you typed, so nothing was sent.', subject, units(now), units(previewed)), []);
    return undefined;
  }
  const go = await ctx.prompter.confirm({
    message: l10n.t('{0} changed from {1} to {2} since you saw it. Set it to {3} anyway?', subject, units(previewed), units(now), units(qty)),
    detail: l10n.t('Another writer changed the stock while you typed. Setting it now overwrites that change (OTO has no compare-and-set).'),
    confirm: l10n.t('Set'),
  });
  return go ? now : undefined;
}

async function confirmRisk(ctx: FlowContext, action: StockAction, subject: string, before: number, qty: number): Promise<boolean> {
  const risk = riskOf(action, before, qty, ctx.confirmAboveUnits());
  if (!risk) {
    return true;
  }
  const after = resultingStock(action, before, qty);
  return ctx.prompter.confirm({
    message: action === 'adjust' ? l10n.t('Adjust {0} by {1}?', subject, signed(qty)) : l10n.t('Set {0} to {1}?', subject, qty),
    detail: l10n.t('{0} On hand goes from {1} to {2}.', risk, units(before), units(after)),
    confirm: action === 'adjust' ? l10n.t('Adjust') : l10n.t('Set'),
  });
}
