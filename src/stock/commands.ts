// The Stock view's own commands: refresh, grouping, filters, copy and reveal SKU. The write commands on
// its rows (adjust, set, inventory order) belong to the orders module; only their menus are ours.
import * as vscode from 'vscode';
import { revealArgument } from './reveal';
import type { StockStore } from './store';
import type { TreeOptions } from './treeModel';
import { COMMANDS } from '../common/ids';

export interface StockViewControls {
  readonly treeOptions: TreeOptions;
  setOptions(options: Partial<TreeOptions>): void;
  /** A refresh with progress shown in the view; `manual` also re-reads catalogue and locations. */
  refresh(manual: boolean): Thenable<unknown>;
  /** Shows and selects the SKU's row, clearing a filter that hides it. */
  reveal(sku: string): Promise<void>;
}

async function pickSku(store: StockStore, placeHolder: string): Promise<string | undefined> {
  const items = [...store.skus()].map((stock) => ({ label: stock.sku, description: stock.product?.name }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No SKUs are loaded yet: refresh the Stock view first.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return picked?.label;
}

function skuArgument(node: unknown): string | undefined {
  if (typeof node === 'object' && node !== null && (node as { kind?: unknown }).kind === 'sku') {
    const sku = (node as { sku?: unknown }).sku;
    return typeof sku === 'string' ? sku : undefined;
  }
  return undefined;
}

/** The filter box narrows the view as it is typed in; Escape puts the previous filter back. */
function filterLive(controls: StockViewControls): Promise<void> {
  const previous = controls.treeOptions.text;
  const box = vscode.window.createInputBox();
  box.title = vscode.l10n.t('Filter stock');
  box.prompt = vscode.l10n.t('Show only SKUs whose SKU or product name contains this text');
  box.value = previous;
  let accepted = false;
  return new Promise((resolve) => {
    box.onDidChangeValue((text) => controls.setOptions({ text: text.trim() }));
    box.onDidAccept(() => {
      accepted = true;
      box.hide();
    });
    box.onDidHide(() => {
      if (!accepted && controls.treeOptions.text !== previous) {
        controls.setOptions({ text: previous });
      }
      box.dispose();
      resolve();
    });
    box.show();
  });
}

export function registerStockCommands(controls: StockViewControls, store: StockStore): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.refresh, () => controls.refresh(true)),
    vscode.commands.registerCommand(COMMANDS.groupBySku, () => controls.setOptions({ grouping: 'sku' })),
    vscode.commands.registerCommand(COMMANDS.groupByLocation, () => controls.setOptions({ grouping: 'location' })),
    vscode.commands.registerCommand(COMMANDS.filterLowStock, () => controls.setOptions({ lowOnly: !controls.treeOptions.lowOnly })),
    vscode.commands.registerCommand(COMMANDS.showAllStock, () => controls.setOptions({ lowOnly: false })),
    vscode.commands.registerCommand(COMMANDS.filter, () => filterLive(controls)),
    vscode.commands.registerCommand(COMMANDS.clearFilter, () => controls.setOptions({ text: '', lowOnly: false })),
    vscode.commands.registerCommand(COMMANDS.copySku, async (node?: unknown) => {
      const sku = skuArgument(node) ?? (await pickSku(store, vscode.l10n.t('SKU to copy')));
      if (sku !== undefined) {
        await vscode.env.clipboard.writeText(sku);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied SKU {0}', sku), 3000);
      }
    }),
    vscode.commands.registerCommand(COMMANDS.revealSku, async (node?: unknown) => {
      const sku = revealArgument(node) ?? (await pickSku(store, vscode.l10n.t('SKU to reveal in the Stock view')));
      if (sku !== undefined) {
        await controls.reveal(sku);
      }
    }),
  ];
}
