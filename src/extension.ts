// Wiring only: creates the session and hands each feature module what it declares in its deps.

import * as vscode from 'vscode';
import { registerDevtools } from './devtools';
import { registerSessionCommands } from './session/commands';
import { createSession } from './session/vscodeSession';
import { registerStatusBar } from './statusBar/statusBar';
import { registerStock } from './stock';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const session = await createSession(context);
  registerSessionCommands(context, { session });

  // Feature modules register here, each given the session: registerStock(context, session) returns
  // the stock store that registerOrders and the hover read and that the status bar takes as
  // `lowStock`; then registerPacking; registerDevtools subscribes to session.onRequest.
  registerStatusBar(context, { session });
  const stock = registerStock(context, session);
  registerDevtools(context, { session, stock });
}

export function deactivate(): void {}
