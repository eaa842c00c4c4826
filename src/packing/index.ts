// Packing queues: the `oto.openPackingQueue` command, its panels, and their restoration after a
// window reload. extension.ts calls `registerPacking` with what `PackingDeps` asks for.
import * as vscode from 'vscode';
import { isCancellation } from '../common/ui/cancellation';
import { withCancellableProgress } from '../common/ui/progress';
import { type PackingLog } from './controller';
import { describeError, describeErrorForLog } from '../common/text/errorText';
import { PACKING_VIEW_TYPE, PackingPanels } from './panels';
import { parsePanelState, type WarehouseInfo } from './protocol';
import type { PackingApi } from './queue';
import { toWarehouseInfo, warehouseFromArgument, type WarehouseLike } from './target';
import { COMMANDS } from '../common/ids';
import type { Reachability } from '../common/refresh/refreshScheduler';

export interface PackingDeps {
  /** The session's client (rejects with an auth OtoError when not signed in). */
  getClient(): Promise<PackingApi>;
  /** The account's warehouses (not branches), for the palette's quick pick. */
  listWarehouses(signal?: AbortSignal): Promise<ReadonlyArray<WarehouseLike & { city?: string }>>;
  log: PackingLog;
  /** The active environment, so packing states of different environments never mix. */
  environment(): string;
  /** The session's generation (see Session.generation). */
  generation(): number;
  /** Fires when the environment changes or the user signs in or out: open queues read again. */
  onDidReset?: (listener: () => void) => { dispose(): void };
  /** Whether the active environment answers: an open queue says so, and its Mark buttons wait. */
  reachability: Reachability;
}

async function pickWarehouse(deps: PackingDeps): Promise<WarehouseInfo | undefined> {
  let warehouses: ReadonlyArray<WarehouseLike & { city?: string }>;
  try {
    warehouses = await withCancellableProgress({ title: vscode.l10n.t('Reading warehouses…'), quietly: vscode.ProgressLocation.Window }, (signal) => deps.listWarehouses(signal));
  } catch (error) {
    if (isCancellation(error)) {
      return undefined;
    }
    const reason = describeError(error);
    deps.log.error(`Packing: could not list warehouses: ${describeErrorForLog(error)}`);
    const showLog = vscode.l10n.t('Show log');
    const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Could not read the warehouses: {0}', reason), showLog);
    if (choice === showLog) {
      void vscode.commands.executeCommand(COMMANDS.showLog);
    }
    return undefined;
  }
  if (warehouses.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This OTO account has no warehouses, so it has no packing queues.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    warehouses.map((warehouse) => ({ label: warehouse.name || warehouse.code, description: warehouse.code, detail: warehouse.city, warehouse })),
    { title: vscode.l10n.t('Open Packing Queue'), placeHolder: vscode.l10n.t('Choose a warehouse'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked ? toWarehouseInfo(picked.warehouse) : undefined;
}

export function registerPacking(context: vscode.ExtensionContext, deps: PackingDeps): void {
  const panels = new PackingPanels(context, { getClient: () => deps.getClient(), log: deps.log, scope: () => deps.environment(), generation: () => deps.generation(), reachability: deps.reachability });
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand(COMMANDS.openPackingQueue, async (argument?: unknown) => {
      const warehouse = warehouseFromArgument(argument) ?? (await pickWarehouse(deps));
      if (warehouse) {
        panels.show(warehouse);
      }
    }),
    vscode.window.registerWebviewPanelSerializer(PACKING_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        const saved = parsePanelState(state);
        if (!saved) {
          deps.log.warn('Packing: a restored packing panel had no usable saved state; it was closed.');
          panel.dispose();
          return;
        }
        panels.restore(panel, saved.warehouse);
      },
    }),
  );
  if (deps.onDidReset) {
    context.subscriptions.push(deps.onDidReset(() => panels.resetAll()));
  }
}
