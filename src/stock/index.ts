// Wires the Stock view: one StockStore for the active environment, its tree view, the refresh
// scheduler and the view's commands. Returns the store so other modules read it instead of the API.
import { isRightToLeft } from '../common/bidi';
import { ExpansionMemory } from './expansion';
import * as vscode from 'vscode';
import { WorkbenchRefreshScheduler } from '../common/workbenchRefresh';
import { registerStockCommands, type StockViewControls } from './commands';
import { skuRow, unhide } from './reveal';
import type { StockSource } from './source';
import { StockStore } from './store';
import type { Grouping, StockNode, TreeOptions } from './treeModel';
import { StockTreeProvider, visibleIssues } from './view';

export interface StockDeps {
  /** The client of the active environment; rejects (kind `auth`) when not signed in. */
  getClient(): Promise<StockSource>;
  /** Environment switched, signed in or signed out: the view starts over. */
  onDidChange(listener: () => unknown): { dispose(): unknown };
  /** The view's description: the sandbox label, or the signed-in account; undefined for none. */
  describeView(): Promise<string | undefined>;
}

const VIEW_ID = 'oto.stock';
const GROUPING_KEY = 'oto.stock.grouping';
const LOW_ONLY_KEY = 'oto.stock.lowOnly';

export function registerStock(context: vscode.ExtensionContext, deps: StockDeps): StockStore {
  const store = new StockStore({ getSource: () => deps.getClient(), l10n: vscode.l10n });
  const initial: TreeOptions = {
    grouping: context.globalState.get<Grouping>(GROUPING_KEY) === 'sku' ? 'sku' : 'location',
    lowOnly: context.globalState.get<boolean>(LOW_ONLY_KEY) === true,
    text: '',
    rightToLeft: isRightToLeft(vscode.env.language),
  };
  const expansion = new ExpansionMemory(context.workspaceState);
  const provider = new StockTreeProvider(store, initial, expansion);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(
    view.onDidExpandElement(({ element }) => element.kind === 'location' && expansion.remember(element.id, true)),
    view.onDidCollapseElement(({ element }) => element.kind === 'location' && expansion.remember(element.id, false)),
  );

  const showState = (): void => {
    const { grouping, lowOnly, text } = provider.treeOptions;
    void vscode.commands.executeCommand('setContext', 'oto.stock.grouping', grouping);
    void vscode.commands.executeCommand('setContext', 'oto.stock.lowOnly', lowOnly);
    void vscode.commands.executeCommand('setContext', 'oto.stock.filtered', lowOnly || text !== '');
    const low = store.lowStockCount();
    view.badge = low ? { value: low, tooltip: vscode.l10n.t('{0} SKUs below their minimum inventory', low) } : undefined;
    const issues = visibleIssues(store);
    if (issues.length > 0) {
      view.message = issues.map((issue) => issue.message).join(' ');
    } else if (lowOnly || text !== '') {
      const filters = [lowOnly ? vscode.l10n.t('low-stock SKUs only') : undefined, text ? vscode.l10n.t('matching “{0}”', text) : undefined].filter(Boolean);
      view.message = vscode.l10n.t('Filtered: {0}', filters.join(' · '));
    } else {
      view.message = undefined;
    }
  };

  const controls: StockViewControls = {
    get treeOptions() {
      return provider.treeOptions;
    },
    setOptions(options) {
      provider.setOptions(options);
      const { lowOnly, text } = provider.treeOptions;
      if (lowOnly || text !== '') {
        // Groups the user (or the default) collapsed stay collapsed on refresh; a filter should show its matches.
        for (const root of provider.getChildren()) {
          if (root.kind === 'location') {
            void view.reveal(root, { expand: true, select: false, focus: false });
          }
        }
      }
      void context.globalState.update(GROUPING_KEY, provider.treeOptions.grouping);
      void context.globalState.update(LOW_ONLY_KEY, provider.treeOptions.lowOnly);
      showState();
    },
    refresh: (manual) => vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => store.refresh({ reloadCatalogue: manual })),
    async reveal(sku) {
      if (!store.loaded) {
        await controls.refresh(true);
      }
      const stock = store.getSku(sku);
      const change = stock && unhide(provider.treeOptions, stock);
      if (change) {
        controls.setOptions(change);
      }
      const row = stock && skuRow(provider.getChildren().filter((root): root is StockNode => root.kind !== 'issue'), sku);
      if (!row) {
        void vscode.window.showInformationMessage(vscode.l10n.t('SKU {0} is not in the Stock view.', sku));
        return;
      }
      await view.reveal(row, { select: true, focus: true });
    },
  };

  let describing = 0;
  const describe = (): void => {
    // Only the latest answer counts: an older one may arrive after a quick environment switch.
    const ticket = ++describing;
    void deps.describeView().then((description) => {
      if (ticket === describing) {
        view.description = description;
      }
    });
  };

  const loadIfNeeded = (): void => {
    if (view.visible && !store.loaded && !store.busy) {
      void controls.refresh(true);
    }
  };

  const scheduler = new WorkbenchRefreshScheduler(() => void controls.refresh(false), view.visible);

  context.subscriptions.push(
    store,
    provider,
    view,
    scheduler,
    store.onDidChange((event) => {
      if (event.reason === 'refresh') {
        scheduler.refreshed();
      }
      showState();
    }),
    view.onDidChangeVisibility(({ visible }) => {
      scheduler.update({ visible });
      loadIfNeeded();
    }),
    deps.onDidChange(() => {
      store.reset();
      describe();
      loadIfNeeded();
    }),
    ...registerStockCommands(controls, store),
  );
  showState();
  describe();
  loadIfNeeded();
  return store;
}
