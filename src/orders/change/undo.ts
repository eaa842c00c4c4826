// Undo of a recorded stock change: the inverse adjust, or for a set, the previous value put back
// only while the stock is still what the set left.
import { applyStockChange, describeSubject, readOnHand, refreshRows, StockChangePlan } from './apply';
import { connect, FlowContext } from '../context';
import { showFailure, withWarnings } from './failure';
import * as l10n from '@vscode/l10n';
import type { StockChangeRecord } from '../../stockChange/records';
import { findLocation } from '../../stockChange/target';
import { resultingStock } from '../../stockChange/quantity';
import { environmentInText } from '../../common/text/environmentName';

/**
 * Undos under way, by record id: one per flows' bundle, owned by what runs the flows. The
 * notification's Undo and Recent Changes can both start one for the same record; "undone" is only
 * recorded after network calls, so it alone cannot stop a second.
 */
export class UndosUnderWay {
  private readonly running = new Set<string>();

  /** Runs `undo` unless one for `id` is under way (then false, and nothing runs). */
  async once(id: string, undo: () => Promise<void>): Promise<boolean> {
    if (this.running.has(id)) {
      return false;
    }
    this.running.add(id);
    try {
      await undo();
    } finally {
      this.running.delete(id);
    }
    return true;
  }
}

/**
 * `madeIn` is the session generation the change was made in, when known (the notification's Undo):
 * after a new sign-in the inverse would go to what may be another account.
 */
export async function undoStockChange(ctx: FlowContext, record: StockChangeRecord, madeIn?: number): Promise<void> {
  const location = findLocation(ctx.stock, record.locationCode);
  const subject = describeSubject(record.sku, location);
  if (!(await ctx.undos.once(record.id, () => undoOnce(ctx, record, location, subject, madeIn)))) {
    await ctx.prompter.message('info', l10n.t('This change of {0} is already being undone.', subject), []);
  }
}

async function undoOnce(ctx: FlowContext, record: StockChangeRecord, location: ReturnType<typeof findLocation>, subject: string, madeIn: number | undefined): Promise<void> {
  // Undone: marked so, or an undo of it recorded (a bulk row, kept in the ledger, is never marked).
  if (record.undone || ctx.recent.list().some((change) => change.type === 'stock' && ((change.id === record.id && change.undone) || change.undoOf === record.id))) {
    await ctx.prompter.message('info', l10n.t('This change of {0} has already been undone.', subject), []);
    return;
  }
  if (record.environment !== ctx.environment()) {
    await ctx.prompter.message('warning', l10n.t('This change of {0} was made in the {1} environment; switch to it to undo the change.', subject, record.environment), []);
    return;
  }
  if (madeIn !== undefined && madeIn !== ctx.generation()) {
    await ctx.prompter.message('warning', l10n.t('You signed in or out of OTO {0} since this change of {1}, so it was not undone here. Undo it from the account it was made in.', environmentInText(record.environment), subject), []);
    return;
  }
  try {
    const connection = await connect(ctx);
    const now = await ctx.prompter.progress(l10n.t('Reading stock of {0}…', subject), (signal) => readOnHand(connection.client, record.sku, record.locationCode, signal), { cancellable: true });
    // Workspace state outlives versions of the extension: figures that are not whole numbers are not used.
    const earlier = Number.isSafeInteger(record.undoUnknown?.before) && Number.isSafeInteger(record.undoUnknown?.after) ? record.undoUnknown : undefined;
    // An undo already sent may have landed: sending the inverse again would undo the change twice.
    if (earlier && now !== earlier.before) {
      refreshRows(ctx, [{ sku: record.sku, locationCode: record.locationCode }]);
      await ctx.prompter.message(
        'warning',
        now === earlier.after
          ? l10n.t('An earlier undo of this change of {0} had no clear answer, and the stock is now {1}, what that undo would leave: it was most likely applied, so it was not sent again.', subject, now)
          : l10n.t('An earlier undo of this change of {0} had no clear answer, and the stock is now {1}: neither the {2} it started from nor the {3} it would leave, so whether it was applied cannot be told. Nothing was sent; check the stock and change it by hand if needed.', subject, now, earlier.before, earlier.after),
        [],
      );
      return;
    }
    const plan = inversePlan(record, now);
    if (!plan) {
      refreshRows(ctx, [{ sku: record.sku, locationCode: record.locationCode }]);
      await ctx.prompter.message(
        'warning',
        l10n.t('{0} is now {1}, not the {2} the set left: the stock changed since, so the set was not undone.', subject, now, record.after),
        [],
      );
      return;
    }
    const after = resultingStock(plan.action, now, plan.qty);
    const applied = await applyStockChange(ctx, connection, { ...plan, location }, { onLost: () => ctx.recent.markUndoUnknown(record.id, { before: now, after }) });
    if (!applied || applied === 'again') {
      return;
    }
    await ctx.recent.markUndone(record.id);
    const { record: undo, warnings } = applied;
    await ctx.prompter.message(
      'info',
      withWarnings(l10n.t('Undid the change of {0}: {1} → {2}. Transaction {3}.', subject, undo.before, undo.after, undo.transactionId ?? '—'), warnings),
      [],
    );
  } catch (error) {
    await showFailure(ctx, l10n.t('Could not undo the change of {0}', subject), error);
  }
}

function inversePlan(record: StockChangeRecord, now: number): Omit<StockChangePlan, 'location'> | undefined {
  const base = { sku: record.sku, before: now, undoOf: record.id };
  if (record.action === 'adjust') {
    return { ...base, action: 'adjust', qty: -record.qty };
  }
  if (now !== record.after) {
    return undefined;
  }
  // A set cannot send a negative quantity; an equivalent adjust can restore a negative figure.
  return record.before >= 0 ? { ...base, action: 'set', qty: record.before } : { ...base, action: 'adjust', qty: record.before - now };
}
