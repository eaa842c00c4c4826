// Wires the Stock view: one StockStore for the active environment, its tree view, the refresh
// scheduler and the view's commands. Returns the store so other modules read it instead of the API.
import { isRightToLeft } from '../common/text/bidi';
import { ExpansionMemory } from './tree/expansion';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../common/ui/progress';
import { WorkbenchRefreshScheduler } from '../common/refresh/workbenchRefresh';
import type { Reachability } from '../common/refresh/refreshScheduler';
import { registerStockCommands } from './commands';
import { savedTreeOptions, StockViewController } from './controller';
import type { StockSource } from './store/source';
import { StockStore } from './store/store';
import { lowStockDecorations, StockTreeProvider } from './view';
import { VIEWS } from '../common/ids';
import { readSetting } from '../common/settings/read';

export interface StockDeps {
  /** The client of the active environment; rejects (kind `auth`) when not signed in. */
  getClient(): Promise<StockSource>;
  /** Moves on every switch of environment or base URL and every sign-in or out, as soon as it happens. */
  sessionGeneration(): number;
  /** Environment switched, signed in or signed out: the view starts over. */
  onDidChange(listener: () => unknown): { dispose(): unknown };
  /** The view's description: the sandbox label, or the signed-in account; undefined for none. */
  describeView(): Promise<string | undefined>;
  /** Whether the active environment answers: background refreshes back off while it does not. */
  reachability: Reachability;
}

const VIEW_ID = VIEWS.stock;

/** `oto.changeMarkMinutes`: how long a change mark stays after the change was seen. */
function changeMarkMs(): number {
  return readSetting('changeMarkMinutes') * 60_000;
}

export function registerStock(context: vscode.ExtensionContext, deps: StockDeps): StockStore {
  const store = new StockStore({ getSource: () => deps.getClient(), sessionGeneration: () => deps.sessionGeneration(), changeMarkMs });
  const initial = savedTreeOptions(context.globalState, isRightToLeft(vscode.env.language));
  const expansion = new ExpansionMemory(context.workspaceState);
  const provider = new StockTreeProvider(store, initial, expansion);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(
    vscode.window.registerFileDecorationProvider(lowStockDecorations),
    view.onDidExpandElement(({ element }) => element.kind === 'location' && expansion.remember(element.id, true)),
    view.onDidCollapseElement(({ element }) => element.kind === 'location' && expansion.remember(element.id, false)),
  );
  const controller = new StockViewController(store, provider, view, {
    state: context.globalState,
    setContext: (key, value) => void vscode.commands.executeCommand('setContext', key, value),
    withProgress: (task, cancellable) => cancellable
      ? withCancellableProgress({ title: vscode.l10n.t('Refreshing OTO stock…'), quietly: { viewId: VIEW_ID } }, (signal) => task(signal))
      : vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => task()),
    showInformation: (message) => void vscode.window.showInformationMessage(message),
    describeView: () => deps.describeView(),
  });

  const scheduler = new WorkbenchRefreshScheduler(() => {
    // A read already under way (the first load after a switch, a manual refresh) is as fresh as this one would be.
    if (!store.busy) {
      void controller.refresh(false);
    }
  }, view.visible, deps.reachability);

  context.subscriptions.push(
    store,
    provider,
    view,
    scheduler,
    store.onDidChange((event) => {
      if (event.reason === 'refresh') {
        scheduler.refreshed();
      }
      controller.showState();
    }),
    view.onDidChangeVisibility(({ visible }) => {
      scheduler.update({ visible });
      controller.loadIfNeeded();
    }),
    deps.onDidChange(() => {
      store.reset();
      controller.describe();
      controller.loadIfNeeded();
    }),
    ...registerStockCommands(controller, store),
  );
  controller.showState();
  controller.describe();
  controller.loadIfNeeded();
  return store;
}
