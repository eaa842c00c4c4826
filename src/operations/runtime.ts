// Everything of the operator tools that runs inside dist/operations.js, built once over the
// extension's client, store and log: the ledgers and their recorder, and the commands' work.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyStockChangesFromFile, isBeingSent, reviewJournal } from './bulk/command';
import { BulkSurfaces } from './bulk/documents';
import { openJournals, pruneJournals } from './journal';
import { LowStockNotifier } from './alerts/notify';
import type { OperationsDeps, OperationsRuntime, OperationsWiring } from './deps';
import { ledgerEntriesOf } from './history/fromRecent';
import { Ledger } from './history/ledger';
import { HistoryPanel } from './history/panel';
import { Transfers } from './transfer/command';
import { LedgerRecorder } from './history/recorder';

/** `subscriptions`: what the runtime registers goes there, disposed with the extension. */
export function createRuntime(wiring: OperationsWiring, subscriptions: vscode.Disposable[]): OperationsRuntime {
  const ledgers = new Map<string, Ledger>();
  const ledger = (environment: string): Ledger => {
    let found = ledgers.get(environment);
    if (!found) {
      found = Ledger.forEnvironment(path.join(wiring.storageDir, 'ledger'), environment);
      ledgers.set(environment, found);
    }
    return found;
  };
  const recorder = new LedgerRecorder(ledger, (error) => wiring.log.warn(`Ledger: could not record a change: ${String(error)}`));
  const bulk = new BulkSurfaces();
  subscriptions.push(bulk);
  const deps: OperationsDeps = {
    ...wiring,
    bulk,
    ledger,
    record: (environment, entries) => recorder.record(environment, entries),
    expectUnconfirmed: (environment, entries) => recorder.expectUnconfirmed(environment, entries),
    reconcile: (environment, sku, entries, now, readSince) => recorder.reconcile(environment, sku, entries, now, readSince),
    journalDir: path.join(wiring.storageDir, 'journals'),
  };
  const alerts = new LowStockNotifier(wiring.store);
  const history = new HistoryPanel(deps);
  const transfers = new Transfers(deps);
  return {
    applyStockChanges: (argument) => applyStockChangesFromFile(deps, argument),
    transferStock: (argument) => transfers.transferStock(argument),
    showStockHistory: (argument) => history.show(argument),
    reviewStockChanges: (asked) => reviewOpenJournals(deps, transfers, asked),
    onRecorded: (record) => void recorder.record(record.environment, ledgerEntriesOf(record)),
    onLostAnswer: (change) => recorder.expectLost(change.environment, ledgerEntriesOf(change)),
    expectLost: (environment, entries) => recorder.expectLost(environment, entries),
    record: (environment, entries) => recorder.record(environment, entries),
    history: (environment, sku) => ledger(environment).forSku(sku),
    operatorChanges: async (environment) => (await ledger(environment).entries()).filter((entry) => entry.source === 'bulk' || entry.source === 'transfer'),
    observe: (environment, changes) => void recorder.observe(environment, changes),
    refreshed: () => alerts.refreshed(),
    reset: () => alerts.reset(),
  };
}

async function reviewOpenJournals(deps: OperationsDeps, transfers: Transfers, asked: boolean): Promise<void> {
  // Closed journals are the record of what happened; the oldest go once there are many.
  await pruneJournals(deps.journalDir);
  const interrupted = await transfers.reviewTransfers();
  // A run still sending in this window is not interrupted: its outcome comes when it ends.
  const journals = (await openJournals(deps.journalDir, deps.environment(), 'bulk')).filter((journal) => !isBeingSent(journal.file));
  if (journals.length === 0) {
    if (asked && interrupted === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No apply of stock changes is waiting for review in {0}.', deps.environment()));
    }
    return;
  }
  const review = vscode.l10n.t('Review');
  for (const journal of journals) {
    const choice = asked
      ? review
      : await vscode.window.showWarningMessage(
          vscode.l10n.t('The apply of stock changes from {0} ({1}) did not finish: some rows were never sent or have no answer. Nothing more is sent until you review it.', journal.start.source, new Date(journal.start.at).toLocaleString(vscode.env.language)),
          review,
        );
    if (choice === review) {
      await reviewJournal(deps, journal);
    }
  }
}
