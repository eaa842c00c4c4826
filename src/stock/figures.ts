// The store's view of one SKU's stock, and how a fresh read is merged into it: per-location
// entries from checkInventoryStock, the total and minInventory from checkGlobalStock, and the
// change since the previous read of each figure (the marks the tree shows, e.g. `272 (−5)`).
import type { GlobalStockEntry, InventoryStockEntry, Product } from './source';

export interface Figures {
  onHand: number;
  forecast: number;
}

export interface LocationStock extends Figures {
  /** Absent for the entry OTO returns without a location code ("(no location)"). */
  locationCode?: string;
  /** Change since the previous read, only when something changed. */
  change?: Figures;
}

export interface GlobalStock {
  onHand: number;
  forecast?: number;
  minInventory?: number;
  change?: Figures;
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
export function mergeRead(sku: string, product: Product | undefined, previous: SkuStock | undefined, read: SkuRead, readAt: number, changes: StockChange[]): SkuStock {
  const everRead = previous?.readAt !== undefined;
  const locations = read.inventory === undefined ? (previous?.locations ?? []) : mergeLocations(sku, previous?.locations ?? [], read.inventory, everRead, changes);
  const global = read.global === undefined ? previous?.global : mergeGlobal(sku, previous?.global, read.global, everRead, changes);
  const gotSomething = read.inventory !== undefined || read.global !== undefined;
  return { sku, product, locations, global, low: isLow(global), readAt: gotSomething ? readAt : previous?.readAt };
}

function mergeLocations(sku: string, previous: LocationStock[], entries: InventoryStockEntry[], everRead: boolean, changes: StockChange[]): LocationStock[] {
  const before = new Map(previous.map((entry) => [entry.locationCode, entry]));
  const merged = entries.map((entry): LocationStock => {
    const after: Figures = { onHand: entry.quantityOnHand, forecast: entry.quantityForecasted };
    const old = before.get(entry.pickupLocationCode);
    before.delete(entry.pickupLocationCode);
    const change = old ? delta(old, after) : everRead ? delta({ onHand: 0, forecast: 0 }, after) : undefined;
    if (everRead && (change || !old)) {
      changes.push({ sku, scope: 'location', locationCode: entry.pickupLocationCode, before: old && { onHand: old.onHand, forecast: old.forecast }, after });
    }
    return { locationCode: entry.pickupLocationCode, ...after, change };
  });
  for (const gone of before.values()) {
    changes.push({ sku, scope: 'location', locationCode: gone.locationCode, before: { onHand: gone.onHand, forecast: gone.forecast } });
  }
  return merged;
}

function mergeGlobal(sku: string, previous: GlobalStock | undefined, entry: GlobalStockEntry | null, everRead: boolean, changes: StockChange[]): GlobalStock | undefined {
  if (entry === null) {
    if (previous) {
      changes.push({ sku, scope: 'global', before: globalFigures(previous) });
    }
    return undefined;
  }
  const next: GlobalStock = { onHand: entry.quantityOnHand, forecast: entry.quantityForecasted, minInventory: entry.minInventory };
  const change = previous ? delta(globalFigures(previous), globalFigures(next)) : undefined;
  if (everRead && (change || !previous)) {
    changes.push({ sku, scope: 'global', before: previous && globalFigures(previous), after: globalFigures(next) });
  }
  return { ...next, change };
}
