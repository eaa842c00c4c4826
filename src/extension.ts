// Wiring only: creates the session and hands each feature module what it declares in its deps.

import * as vscode from 'vscode';
import { registerPacking } from './packing';
import { registerSessionCommands } from './session/commands';
import { createSession } from './session/vscodeSession';
import { registerStatusBar } from './statusBar/statusBar';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const session = await createSession(context);
  registerSessionCommands(context, { session });

  // Feature modules register here, each given the session: registerStock(context, session) returns
  // the stock store that registerOrders and the hover read and that the status bar takes as
  // `lowStock`; then registerPacking; registerDevtools subscribes to session.onRequest.
  registerStatusBar(context, { session });

  // Until the devtools branch shares its "OTO" log channel, packing logs to its own.
  const packingLog = vscode.window.createOutputChannel(vscode.l10n.t('OTO Packing'), { log: true });
  context.subscriptions.push(packingLog);
  registerPacking(context, {
    getClient: () => session.getClient(),
    listWarehouses: async () => (await (await session.getClient()).getPickupLocations()).filter((location) => location.kind === 'warehouse'),
    environment: () => session.environment,
    onDidReset: (listener) => session.onDidChange(() => listener()),
    log: packingLog,
  });
}

export function deactivate(): void {}
