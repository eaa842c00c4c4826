// Wires the operator tools: their commands, the CodeLens on CSV files of stock changes, and the
// store's reads forwarded to the ledger. The work itself lives in dist/operations.js, loaded on
// the first command, change or interrupted apply, so the extension's start stays small.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LostStockChange, RecentChange } from '../stockChange/records';
import type { LedgerEntry } from '../stockChange/ledgerEntry';
import { hasStockChangeColumns } from './bulk/file/validate';
import { headerCells } from './bulk/file/table';
import type { OperationsRuntime, OperationsWiring } from './deps';
import { COMMANDS } from '../common/ids';
import { lazyPart } from '../common/lazyBundle';
import { readSetting } from '../common/settings/read';
import { registerLazyCommands } from '../common/lazyCommands';

export interface Operations {
  /** For the flows in src/orders: a change or order they recorded goes to the ledger. */
  onRecorded(record: RecentChange): void;
  onLostAnswer(change: LostStockChange): void;
  /** The environment's bulk rows and transfers in the stock ledger (for Show Recent Changes). */
  operatorChanges(environment: string): Promise<readonly LedgerEntry[]>;
  /** For the agent tools: their changes go to the ledger through the same recorder. */
  record(environment: string, entries: readonly LedgerEntry[]): Promise<void>;
  /** One SKU's ledger entries, oldest first. */
  history(environment: string, sku: string): Promise<LedgerEntry[]>;
}

function alertsEnabled(): boolean {
  return readSetting('alerts.lowStock') === 'notify';
}

export function registerOperations(context: vscode.ExtensionContext, wiring: Omit<OperationsWiring, 'storageDir' | 'extensionUri'>): Operations {
  const full: OperationsWiring = { ...wiring, storageDir: context.globalStorageUri.fsPath, extensionUri: context.extensionUri };
  const part = lazyPart<OperationsWiring, OperationsRuntime>(context, 'operations', full);
  const load = part.load;

  registerLazyCommands(context.subscriptions, load, {
    [COMMANDS.applyStockChanges]: (run, argument) => run.applyStockChanges(argument),
    [COMMANDS.reviewStockChanges]: (run) => run.reviewStockChanges(true),
    [COMMANDS.transferStock]: (run, argument) => run.transferStock(argument),
    [COMMANDS.showStockHistory]: (run, argument) => run.showStockHistory(argument),
  });
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.csv' }, {
      provideCodeLenses(document) {
        const header = headerCells(document.lineAt(0).text, document.lineCount > 1 ? document.lineAt(1).text : undefined);
        return hasStockChangeColumns(header)
          ? [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: vscode.l10n.t('$(cloud-upload) Apply these stock changes to OTO…'), command: COMMANDS.applyStockChanges, arguments: [document.uri] })]
          : [];
      },
    }),
    wiring.store.onDidChange((event) => {
      if (event.changes.length > 0) {
        load().observe(wiring.environment(), event.changes);
      }
      if (event.reason === 'reset') {
        part.started?.reset();
      } else if (event.reason === 'refresh' && alertsEnabled()) {
        load().refreshed();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Turned off and on again: the next refresh is a fresh first reading, not a flood of alerts.
      if (event.affectsConfiguration('oto.alerts.lowStock')) {
        part.started?.reset();
      }
    }),
  );
  // Only an unfinished apply left journals behind; without any, the bundle is not loaded.
  void fs.readdir(path.join(full.storageDir, 'journals')).then(
    (names) => (names.length > 0 ? load().reviewStockChanges(false) : undefined),
    () => undefined,
  );
  return {
    onRecorded: (record) => load().onRecorded(record),
    onLostAnswer: (change) => load().onLostAnswer(change),
    operatorChanges: (environment) => load().operatorChanges(environment),
    record: (environment, entries) => load().record(environment, entries),
    history: (environment, sku) => load().history(environment, sku),
  };
}
