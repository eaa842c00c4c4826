// Wiring only: creates the session and hands each feature module what it declares in its deps.

import * as vscode from 'vscode';
import { registerSessionCommands } from './session/commands';
import { createSession } from './session/vscodeSession';
import { registerStatusBar } from './statusBar/statusBar';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const session = await createSession(context);
  registerSessionCommands(context, { session });

  // Feature modules register here, each given the session (and the stock store where it needs
  // one): registerStock returns the store, which registerOrders, the hover and the status bar's
  // low-stock count read; registerPacking; registerDevtools subscribes to session.onRequest.
  registerStatusBar(context, { session });
}

export function deactivate(): void {}
