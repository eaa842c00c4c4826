// Wiring only: creates the session and hands each feature module what it declares in its deps.

import * as vscode from 'vscode';
import { registerOrders } from './orders';
import { registerPacking } from './packing';
import { registerSessionCommands } from './session/commands';
import { describeSession } from './session/describe';
import { createSession } from './session/vscodeSession';
import { registerStatusBar } from './statusBar/statusBar';
import { registerStock } from './stock';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const session = await createSession(context);
  registerSessionCommands(context, { session });

  const stock = registerStock(context, {
    getClient: () => session.getClient(),
    onDidChange: session.onDidChange,
    describeView: () => describeSession(session),
  });
  registerOrders(context, {
    getClient: () => session.getClient(),
    store: stock,
    environment: () => session.environment,
    workspaceState: context.workspaceState,
  });
  registerStatusBar(context, { session, lowStock: stock });

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
