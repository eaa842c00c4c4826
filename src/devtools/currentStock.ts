// "Now" for snapshots and export: the store re-read in full (so an outside change made by an
// integration is in it), then its SKUs as readings. Going through the store keeps one way to the
// API and updates the Stock view at the same time.
import * as vscode from 'vscode';
import type { DevtoolsStock } from './deps';
import { readingFromStore, type SkuReading } from './stockReading';

export async function readCurrentStock(stock: DevtoolsStock, title: string): Promise<SkuReading[] | undefined> {
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => stock.refresh());
  if (outcome.issues.length > 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not read the current stock: {0}', outcome.issues.map((issue) => issue.message).join(' ')),
    );
    return undefined;
  }
  return [...stock.skus()].map(readingFromStore).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
