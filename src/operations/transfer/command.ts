// "OTO: Transfer Stock…": from, SKU, to, quantity (checked against the source's on hand, read
// fresh), how (at once or through inventory orders, with dates), an optional reason, one
// confirmation; then the two steps, and for a partial transfer the operator's choice of
// retrying the second step or reversing the first. Recorded in the ledger as one transfer, and
// journalled step by step: a transfer VS Code stopped in the middle of is shown on the next start.
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
import { confirmPick } from '../confirmPick';
import { Journal, openJournals, type ReadJournal } from '../journal';
import { checkTransferQuantity, describeStep, describeTransfer, isComplete, newTransferId, outcomeOfJournal, runTransfer, sendStep, stepRequest, type StepName, type StepOutcome, type TransferMethod, type TransferOutcome, type TransferPlan } from './transfer';

const l10n = vscode.l10n;

/**
 * Journals of the transfers being asked about right now (after a transfer, or on review): one is
 * never offered twice at once, where two Retry buttons could send its second step twice.
 */
const asking = new Set<string>();

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
    const detail = method === 'immediate'
      ? l10n.t('{0}: {1} → {2}. {3}: {4} → {5}.', from, fromBefore, fromBefore - qty, to, toBefore, toBefore + qty)
      : l10n.t('An outbound order of {0} at {1} and an inbound order of {0} at {2}.', qty, from, to);
    const confirmed = await confirmPick({
      title: l10n.t('Transfer {0} × {1} from {2} to {3}?', qty, sku, from, to),
      placeHolder: l10n.t('Two writes, one after the other: nothing is resent on its own.'),
      action: l10n.t('$(arrow-swap) Transfer'),
      detail,
    });
    if (!confirmed) {
      return;
    }
    if (deps.environment() !== environment) {
      void vscode.window.showWarningMessage(l10n.t('OTO switched from {0} to {1} while this was being prepared, so nothing was sent. Run the command again.', environment, deps.environment()));
      return;
    }
    const journal = await Journal.create(deps.journalDir, { environment, source: `${sku} ${from} → ${to}`, rows: [], transfer: plan });
    asking.add(journal.file);
    try {
      const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Transferring {0} × {1} from {2} to {3}…', qty, sku, from, to) }, () => runTransfer(client, plan, journal));
      record(deps, environment, plan, 'first', outcome.first);
      record(deps, environment, plan, 'second', outcome.second);
      await followUp(deps, environment, plan, outcome, journal);
    } finally {
      asking.delete(journal.file);
    }
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

/**
 * Transfers VS Code stopped in the middle of (their journal has no end): each is told as it was
 * left, with the same choices as right after a partial transfer. Nothing is sent unless chosen.
 * Resolves with how many there are, without waiting for the operator's answers.
 */
export async function reviewTransfers(deps: OperationsDeps): Promise<number> {
  const open = (await openJournals(deps.journalDir, deps.environment(), 'transfer')).filter((read) => !asking.has(read.file));
  open.forEach((read) => asking.add(read.file));
  void (async () => {
    for (const read of open) {
      try {
        await reviewTransfer(deps, read);
      } finally {
        asking.delete(read.file);
      }
    }
  })().catch((error: unknown) => deps.log.warn(`Transfer: ${describeError(error)}`));
  return open.length;
}

async function reviewTransfer(deps: OperationsDeps, read: ReadJournal): Promise<void> {
  const plan = read.start.transfer;
  if (!plan) {
    return;
  }
  const journal = Journal.reopen(read.file, read.start);
  const outcome = outcomeOfJournal(read.entries);
  if (isComplete(outcome)) {
    // Nothing was sent, or it was finished and only the last line is missing: nothing to tell.
    deps.log.info(`Transfer ${plan.id} (journal ${read.file}): ${describeTransfer(plan, outcome)}; closed on start`);
    await journal.append({ type: 'closed' });
    return;
  }
  await followUp(deps, read.start.environment, plan, outcome, journal, new Date(read.start.at));
}

/**
 * Until the transfer is whole (or reversed), tell exactly what happened and let the operator
 * choose. The journal is closed once it is whole, or when the operator leaves it as it is;
 * dismissed, it is offered again on the next start. `stoppedSince`: read back from the journal.
 */
async function followUp(deps: OperationsDeps, environment: string, plan: TransferPlan, outcome: TransferOutcome, journal: Journal, stoppedSince?: Date): Promise<void> {
  deps.store.invalidate([{ sku: plan.sku, locationCode: plan.from }, { sku: plan.sku, locationCode: plan.to }]).catch(() => undefined);
  let current = outcome;
  let since = stoppedSince;
  for (;;) {
    const text = describeTransfer(plan, current);
    deps.log.info(`Transfer ${plan.id}: ${text}`);
    if (isComplete(current)) {
      await journal.append({ type: 'closed' });
      const show = current.first.state === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
      void show(l10n.t('Transfer of {0} × {1}: {2}.', plan.qty, plan.sku, text));
      return;
    }
    const retry = l10n.t('Retry {0}', describeStep(plan, 'second'));
    const reverse = l10n.t('Reverse {0}', describeStep(plan, 'first'));
    const leave = l10n.t('Leave as it is');
    const secondUnclear = current.second.state === 'lost' || current.first.state === 'lost';
    const advice = secondUnclear ? l10n.t('Check the figures before you choose: a step without an answer may have been applied.') : '';
    const message = since
      ? l10n.t('A transfer of {0} × {1} from {2} to {3} ({4}) was left incomplete when VS Code stopped: {5}. {6}', plan.qty, plan.sku, plan.from, plan.to, since.toLocaleString(vscode.env.language), text, advice)
      : l10n.t('Transfer of {0} × {1} is incomplete: {2}. {3}', plan.qty, plan.sku, text, advice);
    const choice = await vscode.window.showWarningMessage(message.trim(), retry, reverse, leave);
    if (choice === leave) {
      deps.log.info(`Transfer ${plan.id}: left as it is by the operator`);
      await journal.append({ type: 'closed' });
      return;
    }
    const step: StepName | undefined = choice === retry ? 'second' : choice === reverse ? 'reverse' : undefined;
    if (!step) {
      return;
    }
    since = undefined;
    const client = await deps.getClient();
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: choice ?? '' }, () => sendStep(client, plan, step, journal));
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
