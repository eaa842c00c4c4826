// The store's view of one SKU's stock, and how a fresh read is merged into it: per-location
// entries from checkInventoryStock, the total and minInventory from checkGlobalStock, and the
// change since the previous read of each figure (the marks the tree shows, e.g. `272 (−5)`).
import type { GlobalStockEntry, InventoryStockEntry, Product } from './source';

export interface Figures {
  onHand: number;
  forecast: number;
}

/** A change mark: what changed since the figure was last unmarked, and when it was first seen. */
export interface Change extends Figures {
  /** Absent when the mark lasts only until the next read. */
  since?: number;
}

export interface LocationStock extends Figures {
  /** Absent for the entry OTO returns without a location code ("(no location)"). */
  locationCode?: string;
  /** What changed lately (kept for the mark's lifetime, see MergeOptions), only when something did. */
  change?: Change;
}

export interface GlobalStock {
  onHand: number;
  forecast?: number;
  minInventory?: number;
  change?: Change;
}

/** How long a change mark stays after the change was first seen, so the user gets to see it. */
export interface MarkLifetime {
  /** 0 shows a change only until the next read. */
  keepMs: number;
}

export interface SkuStock {
  sku: string;
  /** Catalogue entry; absent for a SKU read by invalidation that the catalogue does not list. */
  product?: Product;
  /** In OTO's order, the no-location entry included. */
  locations: LocationStock[];
  /** Absent until checkGlobalStock answered for this SKU. */
  global?: GlobalStock;
  /** On hand (global) below minInventory. */
  low: boolean;
  /** When the figures were read (ms since epoch); absent before the first read. */
  readAt?: number;
}

/** One figure that differs from the previous read. `before`/`after` are absent when the entry appeared/disappeared. */
export interface StockChange {
  sku: string;
  scope: 'location' | 'global';
  /** For `scope: 'location'`: the location code, absent for the no-location entry. */
  locationCode?: string;
  before?: Figures;
  after?: Figures;
}

/** The order SKUs are shown in: by SKU, code unit by code unit (stable and cheap for 10,000s). */
export function bySku(a: { sku: string }, b: { sku: string }): number {
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

export function isLow(global: GlobalStock | undefined): boolean {
  return global?.minInventory !== undefined && global.onHand < global.minInventory;
}

function delta(before: Figures, after: Figures): Figures | undefined {
  const change = { onHand: after.onHand - before.onHand, forecast: after.forecast - before.forecast };
  return change.onHand === 0 && change.forecast === 0 ? undefined : change;
}

/**
 * The mark after a read: a fresh change adds to a mark still showing (`−5` then `−2` reads `−7`);
 * without one, a mark stays until its lifetime is over.
 */
function nextMark(previous: Change | undefined, fresh: Figures | undefined, readAt: number, lifetime: MarkLifetime): Change | undefined {
  const alive = previous?.since !== undefined && readAt - previous.since < lifetime.keepMs ? previous : undefined;
  if (!fresh) {
    return alive;
  }
  if (!alive) {
    return lifetime.keepMs > 0 ? { ...fresh, since: readAt } : fresh;
  }
  const sum = { onHand: alive.onHand + fresh.onHand, forecast: alive.forecast + fresh.forecast };
  // Changes that cancel out leave nothing to mark.
  return sum.onHand === 0 && sum.forecast === 0 ? undefined : { ...sum, since: alive.since };
}

/** A total without a forecast (OTO leaves it out when it doesn't apply) counts its on hand as forecast. */
function globalFigures(global: GlobalStock): Figures {
  return { onHand: global.onHand, forecast: global.forecast ?? global.onHand };
}

/** What a read brought for one SKU; `undefined` for a part whose call failed (the old figures stay). */
export interface SkuRead {
  inventory?: InventoryStockEntry[];
  global?: GlobalStockEntry | null;
}

/**
 * Merges a read into the previous state of a SKU, computing change marks against it. A SKU read
 * for the first time gets no marks: there is nothing it changed from.
 */
export function mergeRead(
  sku: string,
  product: Product | undefined,
  previous: SkuStock | undefined,
  read: SkuRead,
  readAt: number,
  changes: StockChange[],
  lifetime: MarkLifetime = { keepMs: 0 },
): SkuStock {
  const everRead = previous?.readAt !== undefined;
  const locations = read.inventory === undefined ? (previous?.locations ?? []) : mergeLocations(sku, previous?.locations ?? [], read.inventory, everRead, changes, readAt, lifetime);
  const global = read.global === undefined ? previous?.global : mergeGlobal(sku, previous?.global, read.global, everRead, changes, readAt, lifetime);
  const gotSomething = read.inventory !== undefined || read.global !== undefined;
  return { sku, product, locations, global, low: isLow(global), readAt: gotSomething ? readAt : previous?.readAt };
}

function mergeLocations(
  sku: string,
  previous: LocationStock[],
  entries: InventoryStockEntry[],
  everRead: boolean,
  changes: StockChange[],
  readAt: number,
  lifetime: MarkLifetime,
): LocationStock[] {
  const before = new Map(previous.map((entry) => [entry.locationCode, entry]));
  const merged = entries.map((entry): LocationStock => {
    const after: Figures = { onHand: entry.quantityOnHand, forecast: entry.quantityForecasted };
    const old = before.get(entry.pickupLocationCode);
    before.delete(entry.pickupLocationCode);
    const fresh = old ? delta(old, after) : everRead ? delta({ onHand: 0, forecast: 0 }, after) : undefined;
    if (everRead && (fresh || !old)) {
      changes.push({ sku, scope: 'location', locationCode: entry.pickupLocationCode, before: old && { onHand: old.onHand, forecast: old.forecast }, after });
    }
    return { locationCode: entry.pickupLocationCode, ...after, change: nextMark(old?.change, fresh, readAt, lifetime) };
  });
  for (const gone of before.values()) {
    changes.push({ sku, scope: 'location', locationCode: gone.locationCode, before: { onHand: gone.onHand, forecast: gone.forecast } });
  }
  return merged;
}

function mergeGlobal(
  sku: string,
  previous: GlobalStock | undefined,
  entry: GlobalStockEntry | null,
  everRead: boolean,
  changes: StockChange[],
  readAt: number,
  lifetime: MarkLifetime,
): GlobalStock | undefined {
  if (entry === null) {
    if (previous) {
      changes.push({ sku, scope: 'global', before: globalFigures(previous) });
    }
    return undefined;
  }
  const next: GlobalStock = { onHand: entry.quantityOnHand, forecast: entry.quantityForecasted, minInventory: entry.minInventory };
  const fresh = previous ? delta(globalFigures(previous), globalFigures(next)) : undefined;
  if (everRead && (fresh || !previous)) {
    changes.push({ sku, scope: 'global', before: previous && globalFigures(previous), after: globalFigures(next) });
  }
  return { ...next, change: nextMark(previous?.change, fresh, readAt, lifetime) };
}
