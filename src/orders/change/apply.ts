// Sends one stock change, exactly once, and records it; a lost answer is reported as such and
// never resent.
import type { Connection, FlowContext, OrdersClient } from '../context';
import type { ReasonNote } from '../../stockChange/reasonStep';
import type { LocationInfo } from '../../stockChange/stockView';
import { showFailure, showLostAnswer, stillCurrent } from './failure';
import { isLostAnswer, isServerErrorAnswer, isUnreadableAnswer } from '../../stockChange/outcome';
import * as l10n from '@vscode/l10n';
import { resultingStock, StockAction } from '../../stockChange/quantity';
import type { StockChangeRecord } from '../../stockChange/records';
import { locationName } from '../../stockChange/target';
import { describeError } from '../../common/text/errorText';

export interface StockChangePlan {
  action: StockAction;
  location: LocationInfo;
  sku: string;
  qty: number;
  /** On hand right before the change, read fresh. */
  before: number;
  undoOf?: string;
  reason?: ReasonNote['reason'];
  note?: string;
}

export interface AppliedChange {
  record: StockChangeRecord;
  warnings: readonly string[];
}

export async function readOnHand(client: OrdersClient, sku: string, locationCode: string, signal?: AbortSignal): Promise<number> {
  const stock = await client.checkInventoryStock([sku], { pickupLocationCode: locationCode, signal });
  return stock[sku]?.find((entry) => entry.pickupLocationCode === locationCode)?.quantityOnHand ?? 0;
}

export function describeSubject(sku: string, location: LocationInfo): string {
  return l10n.t('{0} at {1}', sku, locationName(location));
}

export function signed(qty: number): string {
  return qty > 0 ? `+${qty}` : String(qty);
}

/**
 * Sends the change once. With `again` (a label, "Adjust again"), a failure after which the change
 * provably did not land offers it, and choosing it resolves 'again' for the flow to ask anew with a
 * fresh figure: a refusal at once, a lost answer that was an answer (a server error) only once the
 * stock re-read shows it did not land; after no answer at all, never (OTO may still apply it).
 * `onLost` runs when the answer was lost, before the user is told.
 */
export async function applyStockChange(ctx: FlowContext, connection: Connection, plan: StockChangePlan, options: { again?: string; onLost?: () => Promise<void> } = {}): Promise<AppliedChange | 'again' | undefined> {
  const subject = describeSubject(plan.sku, plan.location);
  const after = resultingStock(plan.action, plan.before, plan.qty);
  const touched = [{ sku: plan.sku, locationCode: plan.location.code }];
  const title = plan.action === 'adjust' ? l10n.t('Adjusting {0} by {1}…', subject, signed(plan.qty)) : l10n.t('Setting {0} to {1}…', subject, plan.qty);
  if (!(await stillCurrent(ctx, connection))) {
    return undefined;
  }
  const planned = {
    type: 'stock' as const,
    environment: connection.environment,
    action: plan.action,
    locationCode: plan.location.code,
    sku: plan.sku,
    qty: plan.qty,
    before: plan.before,
    after,
    undoOf: plan.undoOf,
    reason: plan.reason,
    note: plan.note,
  };
  try {
    const response = await ctx.prompter.progress(title, () =>
      connection.client.updateStockQuantity({ actionType: plan.action, locationCode: plan.location.code, sku: plan.sku, qty: plan.qty }),
    );
    const record = await ctx.recent.add<StockChangeRecord>({
      ...planned,
      transactionId: response.transactionID === undefined ? undefined : String(response.transactionID),
    });
    // Only once the change is recorded (and so known to the ledger) may a read show it: read
    // earlier, it would count as made outside the extension as well.
    refreshRows(ctx, touched);
    return { record, warnings: response.warnings };
  } catch (error) {
    const again = options.again === undefined ? [] : [options.again];
    if (isLostAnswer(error)) {
      // Before any read: one that finds the figure it leaves records it as ours, answer lost.
      ctx.recent.lost(planned);
      refreshRows(ctx, touched);
      await options.onLost?.();
      return (await reportLostChange(ctx, connection, plan, error, again)) ? 'again' : undefined;
    }
    return (await showFailure(ctx, l10n.t('{0} was not changed', subject), error, again)) === undefined ? undefined : 'again';
  }
}

/** The tree re-reads just these rows; its own errors show in the view, so nothing waits on it. */
export function refreshRows(ctx: FlowContext, targets: ReadonlyArray<{ sku: string; locationCode?: string }>): void {
  ctx.stock.invalidate(targets).catch(() => undefined);
}

/** True when the operator chose `again` (offered only once the re-read shows the change did not land). */
async function reportLostChange(ctx: FlowContext, connection: Connection, plan: StockChangePlan, error: unknown, again: readonly string[]): Promise<boolean> {
  const subject = describeSubject(plan.sku, plan.location);
  const answered = isServerErrorAnswer(error);
  const text =
    isUnreadableAnswer(error)
      ? plan.action === 'adjust'
        ? l10n.t('OTO answered the adjustment of {0} by {1}, but its answer could not be read ({2}). It may or may not have been applied; nothing was resent.', subject, signed(plan.qty), describeError(error))
        : l10n.t('OTO answered setting {0} to {1}, but its answer could not be read ({2}). It may or may not have been applied; nothing was resent.', subject, plan.qty, describeError(error))
      : plan.action === 'adjust'
      ? answered
        ? l10n.t('OTO answered the adjustment of {0} by {1} with a server error ({2}). It may or may not have been applied; nothing was resent.', subject, signed(plan.qty), describeError(error))
        : l10n.t('No answer from OTO to the adjustment of {0} by {1} ({2}). It may or may not have been applied; nothing was resent.', subject, signed(plan.qty), describeError(error))
      : answered
        ? l10n.t('OTO answered setting {0} to {1} with a server error ({2}). It may or may not have been applied; nothing was resent.', subject, plan.qty, describeError(error))
        : l10n.t('No answer from OTO to setting {0} to {1} ({2}). It may or may not have been applied; nothing was resent.', subject, plan.qty, describeError(error));
  const reread = l10n.t('Re-read stock');
  if ((await showLostAnswer(ctx, text, [reread])) !== reread) {
    return false;
  }
  try {
    const now = await ctx.prompter.progress(l10n.t('Reading stock of {0}…', subject), (signal) => readOnHand(connection.client, plan.sku, plan.location.code, signal), { cancellable: true });
    refreshRows(ctx, [{ sku: plan.sku, locationCode: plan.location.code }]);
    const after = resultingStock(plan.action, plan.before, plan.qty);
    const unchanged = now === plan.before && now !== after;
    // Only an answer says OTO is done with the request: after none (a timeout, a dropped
    // connection) it may still be applying it, and an unchanged figure proves nothing yet.
    const finished = isServerErrorAnswer(error) || isUnreadableAnswer(error);
    // Still the figure from before, and not what the change would have left: it did not land, so
    // the operator may make it again (through the flow, on this fresh figure).
    const offered = unchanged && finished ? again : [];
    const figures = l10n.t('{0}: {1} on hand now. It was {2} before the change and would be {3} had it been applied.', subject, now, plan.before, after);
    const choice = await ctx.prompter.message('info', unchanged && !finished ? l10n.t('{0} OTO gave no answer, so it may still apply it: check again later.', figures) : figures, offered);
    return choice !== undefined && offered.includes(choice);
  } catch (readError) {
    await showFailure(ctx, l10n.t('Could not read the stock of {0}', subject), readError);
    return false;
  }
}
