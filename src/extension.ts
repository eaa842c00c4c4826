// Wiring only: creates the session and hands each feature module what it declares in its deps.

import * as vscode from 'vscode';
import { registerDevtools } from './devtools';
import { registerSessionCommands } from './session/commands';
import { describeSession } from './session/describe';
import { createSession } from './session/vscodeSession';
import { registerStatusBar } from './statusBar/statusBar';
import { registerStock } from './stock';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const session = await createSession(context);
  registerSessionCommands(context, { session });

  // The stock store is what registerOrders and the hover read; then registerPacking;
  // registerDevtools subscribes to session.onRequest.
  const stock = registerStock(context, {
    getClient: () => session.getClient(),
    onDidChange: session.onDidChange,
    describeView: () => describeSession(session),
  });
  registerStatusBar(context, { session, lowStock: stock });
  registerDevtools(context, { session, stock });
}

export function deactivate(): void {}
