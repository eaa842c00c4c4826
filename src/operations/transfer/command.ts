// "OTO: Transfer Stock…": from, SKU, to, quantity (checked against the source's on hand, read
// fresh), how (at once or through inventory orders, with dates), an optional reason, one
// confirmation; then the two steps, and for a partial transfer the operator's choice of
// retrying the second step or reversing the first. Recorded in the ledger as one transfer, and
// journalled step by step: a transfer VS Code stopped in the middle of is shown on the next start.
import * as vscode from 'vscode';
import { isCancellation } from '../../common/ui/cancellation';
import { withCancellableProgress } from '../../common/ui/progress';
import { displayDate } from '../../stockChange/dates';
import { dateFieldLabel as fieldLabel } from '../../stockChange/dates';
import { targetOf } from '../../stockChange/target';
import type { OperationsDeps } from '../deps';
import { interruptedTransferEntries, journalWrite, recordMissing, transferLedgerEntry } from '../history/journalEntries';
import { askReason } from '../history/reasonPick';
import { onHandAt } from '../bulk/preview';
import { confirmPick } from '../confirmPick';
import { Journal, openJournals, type ReadJournal } from '../journal';
import { readTransferDate, type TransferDate } from './dates';
import { checkTransferQuantity, choiceLabels, describeHeld, describeTransfer, figuresNow, isComplete, newTransferId, outcomeOfJournal, runTransfer, sendSecond, sendStep, TRANSFER_STEPS, type RetryResult, type StepName, type StepOutcome, type TransferMethod, type TransferOutcome, type TransferPlan } from './transfer';
import { describeError, describeErrorForLog } from '../../common/text/errorText';

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
      // An empty box is refused like any other bad quantity: accepted, it ended the transfer without a word.
      validateInput: (text) => checkTransferQuantity(text, fromBefore),
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
    // The dates beside the action, where they are read in full: after the orders they were cut off.
    const datesShown = (['orderDate', 'deliveryDate'] as const).flatMap((field) => (plan[field] ? [l10n.t('{0}: {1}', fieldLabel(field), displayDate(plan[field]))] : [])).join(' · ');
    const confirmed = await confirmPick({
      title: l10n.t('Transfer {0} × {1} from {2} to {3}?', qty, sku, from, to),
      placeHolder: l10n.t('Two writes, one after the other: nothing is resent on its own.'),
      action: l10n.t('$(arrow-swap) Transfer'),
      description: datesShown || undefined,
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
      record(deps, environment, plan, 'first', outcome.first, journal);
      record(deps, environment, plan, 'second', outcome.second, journal);
      await followUp(deps, environment, plan, outcome, journal);
    } finally {
      asking.delete(journal.file);
    }
  } catch (error) {
    if (isCancellation(error)) {
      return;
    }
    deps.log.warn(`Transfer: ${describeErrorForLog(error)}`);
    void vscode.window.showErrorMessage(l10n.t('{0}: {1}', title, describeError(error)));
  }
}

/** The box's answer as the operator types: the date in the display language's format, or what is wrong. */
function dateFeedback(read: TransferDate): vscode.InputBoxValidationMessage | undefined {
  if ('error' in read) {
    return { message: read.error, severity: vscode.InputBoxValidationSeverity.Error };
  }
  return 'date' in read ? { message: displayDate(read.date), severity: vscode.InputBoxValidationSeverity.Info } : undefined;
}

async function askDates(title: string): Promise<{ orderDate: string; deliveryDate?: string } | undefined> {
  const now = new Date();
  const prompt = (field: 'orderDate' | 'deliveryDate'): string => l10n.t('{0} as DD/MM/YYYY, or "today" or "tomorrow"', fieldLabel(field));
  const readOrder = (text: string): TransferDate => readTransferDate('orderDate', text, undefined, now);
  const orderText = await vscode.window.showInputBox({ title, prompt: prompt('orderDate'), value: l10n.t('today'), validateInput: (text) => dateFeedback(readOrder(text)) });
  const order = orderText === undefined ? undefined : readOrder(orderText);
  if (!order || !('date' in order)) {
    return undefined;
  }
  // A delivery before the order date is refused in the box itself, which stays open until it is fixed.
  const readDelivery = (text: string): TransferDate => readTransferDate('deliveryDate', text, order.date, now);
  const deliveryText = await vscode.window.showInputBox({
    title,
    prompt: l10n.t('{0} (leave empty for none)', prompt('deliveryDate')),
    validateInput: (text) => dateFeedback(readDelivery(text)),
  });
  const delivery = deliveryText === undefined ? undefined : readDelivery(deliveryText);
  if (!delivery || 'error' in delivery) {
    return undefined;
  }
  return { orderDate: order.date, deliveryDate: 'date' in delivery ? delivery.date : undefined };
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
      } catch (error) {
        // The operator chose, so they are told why it did not happen (it was only logged); the others are still asked about.
        if (!isCancellation(error)) {
          deps.log.warn(`Transfer: ${describeErrorForLog(error)}`);
          void vscode.window.showErrorMessage(l10n.t('{0}: {1}', l10n.t('Transfer Stock'), describeError(error)));
        }
      } finally {
        asking.delete(read.file);
      }
    }
  })();
  return open.length;
}

async function reviewTransfer(deps: OperationsDeps, read: ReadJournal): Promise<void> {
  const plan = read.start.transfer;
  if (!plan) {
    return;
  }
  const journal = Journal.reopen(read.file, read.start);
  // What it had applied goes to the stock history now, if the stop kept it from getting there.
  await recordMissing(deps, read.start.environment, interruptedTransferEntries(read));
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
  /** Said before the choices once the set was held back. */
  let held = outcome.held ? describeHeld(plan, outcome.held.onHand, false) : '';
  for (;;) {
    const text = describeTransfer(plan, current);
    deps.log.info(`Transfer ${plan.id}: ${text}`);
    if (isComplete(current)) {
      await journal.append({ type: 'closed' });
      const show = current.first.state === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
      void show(l10n.t('Transfer of {0} × {1}: {2}.', plan.qty, plan.sku, text));
      return;
    }
    const { second: retry, reverse, leave } = choiceLabels(plan, current);
    const secondUnclear = current.second.state === 'lost' || current.first.state === 'lost';
    const advice = secondUnclear
      ? [l10n.t('Check the figures before you choose: a step without an answer may have been applied.'), await deps.getClient().then((client) => figuresNow(client, plan), () => undefined)].filter(Boolean).join(' ')
      : '';
    const message = since
      ? l10n.t('A transfer of {0} × {1} from {2} to {3} ({4}) was left incomplete when VS Code stopped: {5}. {6}', plan.qty, plan.sku, plan.from, plan.to, since.toLocaleString(vscode.env.language), text, advice)
      : l10n.t('Transfer of {0} × {1} is incomplete: {2}. {3}', plan.qty, plan.sku, text, advice);
    const choice = await vscode.window.showWarningMessage([held, message.trim()].filter(Boolean).join(' '), retry, reverse, leave);
    held = '';
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
    const sent = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: choice ?? '' }, async (): Promise<RetryResult> => (step === 'second' ? sendSecond(client, plan, journal) : { sent: await sendStep(client, plan, step, journal) }));
    if ('held' in sent) {
      deps.log.info(`Transfer ${plan.id}: the set at ${plan.to} held back (${sent.held.onHand} there now)`);
      held = describeHeld(plan, sent.held.onHand, current.second.state !== 'not-sent');
      continue;
    }
    const result = sent.sent;
    record(deps, environment, plan, step, result, journal);
    current = step === 'second' ? { ...current, second: result } : { ...current, reverse: result };
    deps.store.invalidate([{ sku: plan.sku, locationCode: plan.from }, { sku: plan.sku, locationCode: plan.to }]).catch(() => undefined);
  }
}

function record(deps: OperationsDeps, environment: string, plan: TransferPlan, step: StepName, outcome: StepOutcome, journal: Journal): void {
  if (outcome.state === 'applied') {
    void deps.record(environment, [transferLedgerEntry(plan, step, outcome, { run: journalWrite(journal.start.runId, TRANSFER_STEPS.indexOf(step)) })]);
  }
}
