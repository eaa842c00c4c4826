// "OTO: Transfer Stock…": the questions are steps of the one step runner (flow.ts); then the two
// steps, and for a partial transfer the operator's choice of retrying the second step or reversing
// the first. Recorded in the ledger as one transfer, and journalled step by step: a transfer VS
// Code stopped in the middle of is shown on the next start.
import * as vscode from 'vscode';
import { isCancellation } from '../../common/ui/cancellation';
import { readSetting } from '../../common/settings/read';
import { VsCodePrompter } from '../../stockChange/prompts/vscodePrompter';
import { targetOf } from '../../stockChange/target';
import type { OperationsDeps } from '../deps';
import { interruptedTransferEntries, journalWrite, recordMissing, transferLedgerEntry } from '../history/journalEntries';
import { Journal, openJournals, type ReadJournal } from '../journal';
import { askTransfer } from './flow';
import { choiceLabels, describeHeld, describeTransfer, figuresNow, isComplete, outcomeOfJournal, runTransfer, sendReverse, sendSecond, TRANSFER_STEPS, type RetryResult, type StepName, type StepOutcome, type TransferOutcome, type TransferPlan } from './transfer';
import { describeError, describeErrorForLog } from '../../common/text/errorText';
import { environmentInText } from '../../common/text/environmentName';

const l10n = vscode.l10n;

/** Transfer Stock and the review of interrupted transfers, over one set of journals being asked about. */
export class Transfers {
  /**
   * Journals of the transfers being asked about right now (after a transfer, or on review): one is
   * never offered twice at once, where two Retry buttons could send its second step twice.
   */
  private readonly asking = new Set<string>();

  constructor(private readonly deps: OperationsDeps) {}

  async transferStock(argument: unknown): Promise<void> {
    const deps = this.deps;
    const title = l10n.t('Transfer Stock');
    const prompter = new VsCodePrompter();
    try {
      await deps.store.requireCatalogue();
      const asked = await askTransfer(
        { prompter, stock: deps.store, getClient: () => deps.getClient(), environment: () => deps.environment(), now: () => new Date(), asksReason: () => readSetting('askReason') },
        targetOf(argument),
      );
      prompter.dispose();
      if (!asked) {
        return;
      }
      const { plan, client, environment } = asked;
      if (deps.environment() !== environment) {
        void vscode.window.showWarningMessage(l10n.t('OTO switched from {0} to {1} while this was being prepared, so nothing was sent. Run the command again.', environmentInText(environment), environmentInText(deps.environment())));
        return;
      }
      const journal = await Journal.create(deps.journalDir, { environment, source: `${plan.sku} ${plan.from} → ${plan.to}`, rows: [], transfer: plan });
      this.asking.add(journal.file);
      try {
        const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: l10n.t('Transferring {0} × {1} from {2} to {3}…', plan.qty, plan.sku, plan.from, plan.to) }, () => runTransfer(client, plan, journal));
        record(deps, environment, plan, 'first', outcome.first, journal);
        record(deps, environment, plan, 'second', outcome.second, journal);
        await followUp(deps, environment, plan, outcome, journal);
      } finally {
        this.asking.delete(journal.file);
      }
    } catch (error) {
      if (isCancellation(error)) {
        return;
      }
      deps.log.warn(`Transfer: ${describeErrorForLog(error)}`);
      void vscode.window.showErrorMessage(l10n.t('{0}: {1}', title, describeError(error)));
    } finally {
      prompter.dispose();
    }
  }

  /**
   * Transfers VS Code stopped in the middle of (their journal has no end): each is told as it was
   * left, with the same choices as right after a partial transfer. Nothing is sent unless chosen.
   * Resolves with how many there are, without waiting for the operator's answers.
   */
  async reviewTransfers(): Promise<number> {
    const deps = this.deps;
    const open = (await openJournals(deps.journalDir, deps.environment(), 'transfer')).filter((read) => !this.asking.has(read.file));
    open.forEach((read) => this.asking.add(read.file));
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
          this.asking.delete(read.file);
        }
      }
    })();
    return open.length;
  }
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
    const sent = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: choice ?? '' }, (): Promise<RetryResult> => (step === 'second' ? sendSecond(client, plan, journal, current) : sendReverse(client, plan, journal, current)));
    if ('held' in sent) {
      const { onHand, locationCode, expected } = sent.held;
      deps.log.info(`Transfer ${plan.id}: the ${step} step held back (${onHand} at ${locationCode ?? plan.to} now${expected === undefined ? '' : `, ${expected} needed`})`);
      held = describeHeld(plan, onHand, current.second.state !== 'not-sent', locationCode === undefined || expected === undefined ? undefined : { locationCode, expected });
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
