// "Now" for snapshots and export: the store re-read in full (so an outside change made by an
// integration is in it), then its SKUs as readings. Going through the store keeps one way to the
// API and updates the Stock view at the same time. Cancelling it ends the command quietly.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../common/ui/progress';
import type { DevtoolsStock } from './deps';
import { readingFromStore, type SkuReading } from './stockReading';

/** Undefined when the read failed (the user was told) or was cancelled (nothing to tell). */
export async function readCurrentStock(stock: DevtoolsStock, title: string): Promise<SkuReading[] | undefined> {
  const outcome = await withCancellableProgress({ title }, (signal) => stock.refresh({ signal }));
  if (outcome.cancelled) {
    return undefined;
  }
  if (outcome.issues.length > 0) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('Could not read the current stock: {0}', outcome.issues.map((issue) => issue.message).join(' ')),
    );
    return undefined;
  }
  return [...stock.skus()].map(readingFromStore).sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}
