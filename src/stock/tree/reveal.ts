// Where "Reveal in Stock view" lands: the argument it accepts, the filter change that lets the SKU
// show, and the row to select. Plain data, so the vscode side only focuses and reveals.
import type { SkuStock } from '../store/figures';
import { matcher, type SkuNode, type StockNode, type TreeOptions } from './treeModel';

/** A Stock view SKU node (`{ kind: 'sku', sku }`, as the hover passes it) or the SKU itself. */
export function revealArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string') {
    return argument.trim() || undefined;
  }
  if (typeof argument === 'object' && argument !== null && (argument as { kind?: unknown }).kind === 'sku') {
    const sku = (argument as { sku?: unknown }).sku;
    return typeof sku === 'string' && sku !== '' ? sku : undefined;
  }
  return undefined;
}

/** The filter options to clear so that `stock` shows; undefined when it shows already. */
export function unhide(options: TreeOptions, stock: SkuStock): Partial<TreeOptions> | undefined {
  if (matcher(options)(stock)) {
    return undefined;
  }
  const change: Partial<TreeOptions> = {};
  if (options.lowOnly && !stock.low) {
    change.lowOnly = false;
  }
  if (!matcher({ ...options, lowOnly: false })(stock)) {
    change.text = '';
  }
  return change;
}

/**
 * The SKU's row: its top-level row in SKU grouping; in location grouping its row under the first
 * location (in the view's order) that holds it. Undefined when no shown row is that SKU's.
 */
export function skuRow(roots: readonly StockNode[], sku: string): SkuNode | undefined {
  for (const root of roots) {
    if (root.kind === 'sku') {
      if (root.sku === sku) {
        return root;
      }
      continue;
    }
    const row = root.children?.find((child): child is SkuNode => child.kind === 'sku' && child.sku === sku);
    if (row) {
      return row;
    }
  }
  return undefined;
}
