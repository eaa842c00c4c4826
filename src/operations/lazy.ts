// The operator tools' bundle (dist/operations.js), loaded on first use so the CSV parser, the
// bulk apply, the ledger, transfers and the history panel add nothing to the extension's start.
import * as vscode from 'vscode';
import { configureLocalisation } from '../common/text/localisation';
import type { OperationsRuntime, OperationsWiring } from './deps';
import { createRuntime } from './runtime';

/** Called once by the extension: registers what the bundle owns (for disposal) and builds the runtime. */
export function start(wiring: OperationsWiring, subscriptions: vscode.Disposable[]): OperationsRuntime {
  // Each bundle has its own copy of `@vscode/l10n`.
  configureLocalisation();
  return createRuntime(wiring, subscriptions);
}
