// "OTO: Transfer Stock…": from, SKU, to, quantity (checked against the source's on hand, read
// fresh), how (at once or through inventory orders, with dates), an optional reason, one
// confirmation; then the two steps, and for a partial transfer the operator's choice of
// retrying the second step or reversing the first. Recorded in the ledger as one transfer.
import * as vscode from 'vscode';
import { formatDdMmYyyy, isValidDdMmYyyy } from '../../client';
import { isCancellation } from '../../common/cancellation';
import { withCancellableProgress } from '../../common/progress';
import { describeError } from '../../orders/failure';
import { targetOf } from '../../orders/target';
import type { OperationsDeps } from '../deps';
import type { LedgerEntry } from '../history/entry';
import { askReason } from '../history/reasonPick';
import { onHandAt } from '../bulk/preview';
import { checkTransferQuantity, describeStep, describeTransfer, isComplete, newTransferId, runTransfer, sendStep, stepRequest, type StepName, type StepOutcome, type TransferMethod, type TransferOutcome, type TransferPlan } from './transfer';

const l10n = vscode.l10n;

async function pickLocation(deps: OperationsDeps, title: string, placeHolder: string, exclude?: string): Promise<string | undefined> {
  const items = deps.store.locations.filter((location) => location.code !== exclude).map((location) => ({ label: location.name ?? location.code, description: location.code, code: location.code }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true }))?.code;
}

async function pickSku(deps: OperationsDeps, title: string, from: string): Promise<string | undefined> {
  const items: Array<vscode.QuickPickItem & { sku: string }> = [];
  for (const stock of deps.store.skus()) {
    const onHand = stock.locations.find((entry) => entry.locationCode === from)?.onHand;
    if (onHand !== undefined && onHand > 0) {
      items.push({ label: stock.sku, description: l10n.t('{0} on hand', onHand), detail: stock.product?.name, sku: stock.sku });
    }
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('No SKU has stock at {0} to transfer.', from));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title, placeHolder: l10n.t('Pick the SKU to move from {0}', from), matchOnDetail: true }))?.sku;
}

export async function transferStock(deps: OperationsDeps, argument: unknown): Promise<void> {
  const title = l10n.t('Transfer Stock');
  try {
    if (!deps.store.loaded) {
      await deps.store.refresh({ reloadCatalogue: true });
    }
    const environment = deps.environment();
    const target = targetOf(argument);
    const from = target.locationCode ?? (await pickLocation(deps, title, l10n.t('Move stock from which location?')));
    if (!from) {
      return;
    }
    const sku = target.sku ?? (await pickSku(deps, title, from));
    if (!sku) {
      return;
    }
    const to = await pickLocation(deps, title, l10n.t('Move {0} from {1} to which location?', sku, from), from);
    if (!to) {
      return;
    }
    const client = await deps.getClient();
    const stock = await withCancellableProgress({ title: l10n.t('Reading stock of {0}…', sku) }, (signal) => client.checkInventoryStock([sku], { signal }));
    const fromBefore = onHandAt(stock, sku, from);
    const toBefore = onHandAt(stock, sku, to);
    const toIsNew = !(stock[sku] ?? []).some((entry) => entry.pickupLocationCode === to);
    const qtyText = await vscode.window.showInputBox({
      title,
      prompt: l10n.t('{0}: {1} on hand at {2}, {3} at {4}. How many units to move?', sku, fromBefore, from, toBefore, to),
      validateInput: (text) => (text === '' ? undefined : checkTransferQuantity(text, fromBefore)),
    });
    if (qtyText === undefined || checkTransferQuantity(qtyText, fromBefore)) {
      return;
    }
    const qty = Number(qtyText.trim());
    const methods: Array<vscode.QuickPickItem & { method: TransferMethod }> = [
      { label: l10n.t('Immediately'), detail: l10n.t('Adjust −{0} at {1}, then +{0} at {2}: on hand moves now.', qty, from, to), method: 'immediate' },
      { label: l10n.t('Through inventory orders'), detail: l10n.t('An outbound order at {0} and an inbound order at {1}, with dates: the forecast moves until the orders are handled.', from, to), method: 'orders' },
    ];
    const method = (await vscode.window.showQuickPick(methods, { title, placeHolder: l10n.t('How should the stock move?') }))?.method;
    if (!method) {
      return;
    }
    const dates = method === 'orders' ? await askDates(title) : {};
    if (!dates) {
      return;
    }
    const why = await askReason();
    if (!why) {
      return;
    }
    const plan: TransferPlan = { id: newTransferId(), sku, from, to, qty, method, fromBefore, toBefore, toIsNew, ...dates, ...why };
    const go = l10n.t('Transfer');
    const detail = method === 'immediate'
      ? l10n.t('{0}: {1} → {2}. {3}: {4} → {5}.', from, fromBefore, fromBefore - qty, to, toBefore, toBefore + qty)
      : l10n.t('An outbound order of {0} at {1} and an inbound order of {0} at {2}.', qty, from, to);
    if ((await vscode.window.showWarningMessage(l10n.t('Transfer {0} × {1} from {2} to {3}?', qty, sku, from, to), { modal: true, detail }, go)) !== go) {
      return;
    }
    if (deps.environment() !== environment) {
      void vscode.window.showWarningMessage(l10n.t('OTO switched from {0} to {1} while this was being prepared, so nothing was sent. Run the command again.', environment, deps.environment()));
      return;
    }
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Transferring {0} × {1} from {2} to {3}…', qty, sku, from, to) }, () => runTransfer(client, plan));
    record(deps, environment, plan, 'first', outcome.first);
    record(deps, environment, plan, 'second', outcome.second);
    await followUp(deps, environment, plan, outcome);
  } catch (error) {
    if (isCancellation(error)) {
      return;
    }
    deps.log.warn(`Transfer: ${describeError(error)}`);
    void vscode.window.showErrorMessage(l10n.t('{0}: {1}', title, describeError(error)));
  }
}

async function askDates(title: string): Promise<{ orderDate: string; deliveryDate?: string } | undefined> {
  const validate = (text: string): string | undefined => (text.trim() === '' || isValidDdMmYyyy(text.trim()) ? undefined : l10n.t('Type a date as DD/MM/YYYY, e.g. {0}.', formatDdMmYyyy(new Date())));
  const orderDate = await vscode.window.showInputBox({ title, prompt: l10n.t('Order date (DD/MM/YYYY)'), value: formatDdMmYyyy(new Date()), validateInput: validate });
  if (orderDate === undefined || validate(orderDate)) {
    return undefined;
  }
  const deliveryDate = await vscode.window.showInputBox({ title, prompt: l10n.t('Expected delivery date at the destination (DD/MM/YYYY, optional)'), validateInput: validate });
  if (deliveryDate === undefined || validate(deliveryDate)) {
    return undefined;
  }
  return { orderDate: orderDate.trim(), deliveryDate: deliveryDate.trim() === '' ? undefined : deliveryDate.trim() };
}

/** Until the transfer is whole (or reversed), tell exactly what happened and let the operator choose. */
async function followUp(deps: OperationsDeps, environment: string, plan: TransferPlan, outcome: TransferOutcome): Promise<void> {
  deps.store.invalidate([{ sku: plan.sku, locationCode: plan.from }, { sku: plan.sku, locationCode: plan.to }]).catch(() => undefined);
  let current = outcome;
  for (;;) {
    const text = describeTransfer(plan, current);
    deps.log.info(`Transfer ${plan.id}: ${text}`);
    if (isComplete(current)) {
      const show = current.first.state === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
      void show(l10n.t('Transfer of {0} × {1}: {2}.', plan.qty, plan.sku, text));
      return;
    }
    const retry = l10n.t('Retry {0}', describeStep(plan, 'second'));
    const reverse = l10n.t('Reverse {0}', describeStep(plan, 'first'));
    const secondUnclear = current.second.state === 'lost' || current.first.state === 'lost';
    const advice = secondUnclear ? l10n.t('Check the figures before you choose: a step without an answer may have been applied.') : '';
    const choice = await vscode.window.showWarningMessage(l10n.t('Transfer of {0} × {1} is incomplete: {2}. {3}', plan.qty, plan.sku, text, advice).trim(), retry, reverse);
    const step: StepName | undefined = choice === retry ? 'second' : choice === reverse ? 'reverse' : undefined;
    if (!step) {
      return;
    }
    const client = await deps.getClient();
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: choice ?? '' }, () => sendStep(client, plan, step));
    record(deps, environment, plan, step, result);
    current = step === 'second' ? { ...current, second: result } : { ...current, reverse: result };
    deps.store.invalidate([{ sku: plan.sku, locationCode: plan.from }, { sku: plan.sku, locationCode: plan.to }]).catch(() => undefined);
  }
}

function record(deps: OperationsDeps, environment: string, plan: TransferPlan, step: StepName, outcome: StepOutcome): void {
  if (outcome.state !== 'applied') {
    return;
  }
  const write = stepRequest(plan, step);
  const base = { time: new Date().toISOString(), source: 'transfer' as const, sku: plan.sku, transactionId: outcome.reference, reason: plan.reason, note: plan.note, transferId: plan.id };
  let entry: LedgerEntry;
  if (write.kind === 'order') {
    entry = { ...base, action: write.request.action, locationCode: write.request.locationCode, qty: plan.qty };
  } else {
    const atSource = write.request.locationCode === plan.from;
    const before = atSource ? (step === 'reverse' ? plan.fromBefore - plan.qty : plan.fromBefore) : plan.toBefore;
    const after = write.request.actionType === 'set' ? write.request.qty : before + write.request.qty;
    entry = { ...base, action: write.request.actionType, locationCode: write.request.locationCode, qty: write.request.qty, before, after };
  }
  void deps.record(environment, [entry]);
}
