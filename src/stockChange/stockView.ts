// The stock store as a stock change sees it: the locations, the tree's cached figures, and
// `invalidate` to refresh the rows a write touched. A contract, so the flows and picks depend on it
// rather than on the store.
import type { PickupLocation } from '../client';

export interface LocationInfo {
  code: string;
  name?: string;
  kind?: PickupLocation['kind'];
  city?: string;
}

export interface SkuFigures {
  sku: string;
  product?: { name?: string };
  locations: ReadonlyArray<{ locationCode?: string; onHand: number }>;
}

/** The stock store as the flows see it: the tree's cached figures, and `invalidate` to refresh touched rows. */
export interface StockView {
  readonly locations: readonly LocationInfo[];
  skus(): Iterable<SkuFigures>;
  getSku(sku: string): SkuFigures | undefined;
  invalidate(targets: ReadonlyArray<{ sku: string; locationCode?: string }>): Promise<unknown>;
}
