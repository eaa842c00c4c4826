// `oto.alerts.lowStock: notify`: after each full refresh, one notification for the SKUs that
// have just gone low, with "Show" revealing them in the Stock view's low-stock filter.
import * as vscode from 'vscode';
import type { StockStore } from '../../stock/store/store';
import { listNames, LowStockAlerts, type StockLevel } from './lowStock';
import { COMMANDS } from '../../common/ids';
import { pluralOfMany } from '../../common/text/plural';

const SHOWN_NAMES = 3;

export class LowStockNotifier {
  private readonly alerts = new LowStockAlerts();

  constructor(private readonly store: StockStore) {}

  reset(): void {
    this.alerts.reset();
  }

  /** After a full refresh whose global figures (where the minimum is) were read. */
  refreshed(): void {
    if (this.store.lowStockCount() === undefined) {
      return;
    }
    const levels: StockLevel[] = [];
    for (const stock of this.store.skus()) {
      if (stock.global) {
        levels.push({ sku: stock.sku, onHand: stock.global.onHand, minInventory: stock.global.minInventory });
      }
    }
    const fresh = this.alerts.update(levels);
    if (fresh.length === 0) {
      return;
    }
    const names = listNames(fresh.map((level) => level.sku), SHOWN_NAMES, (count) => vscode.l10n.t('and {0} more', count));
    const text = fresh.length === 1
      ? vscode.l10n.t('Low stock: {0} has just gone below its minimum inventory or reached 0.', names)
      : pluralOfMany(fresh.length, 'Low stock: {0} SKUs have just gone below their minimum inventory or reached 0: {1}.', names);
    const show = vscode.l10n.t('Show');
    void vscode.window.showWarningMessage(text, show).then(async (choice) => {
      if (choice === show) {
        await vscode.commands.executeCommand(COMMANDS.showAllStock);
        await vscode.commands.executeCommand(COMMANDS.filterLowStock);
        await vscode.commands.executeCommand(COMMANDS.revealSku, fresh[0].sku);
      }
    });
  }
}
