// What a file of changes will do, from fresh figures: each row before → after, the rows that
// change nothing, and the totals per location the operator confirms.
import type { InventoryStock } from '../../client';
import type { BulkChange } from './file/validate';

export interface PlannedRow extends BulkChange {
  /** Position in the file's list of changes: the row's id in the journal. */
  index: number;
  /** On hand at the location right before the apply (read fresh). */
  before: number;
  after: number;
  /** A set to the figure the stock already has: nothing is sent for it. */
  noop: boolean;
}

export interface LocationTotal {
  locationCode: string;
  rows: number;
  /** Sum of on hand over this location's rows, before and after. */
  before: number;
  after: number;
  added: number;
  removed: number;
}

export interface Preview {
  rows: PlannedRow[];
  totals: LocationTotal[];
  /** Rows that would send something. */
  toSend: number;
}

export function onHandAt(stock: InventoryStock, sku: string, locationCode: string): number {
  const entries = Object.hasOwn(stock, sku) ? stock[sku] : [];
  return entries.find((entry) => entry.pickupLocationCode === locationCode)?.quantityOnHand ?? 0;
}

export function buildPreview(changes: readonly BulkChange[], stock: InventoryStock): Preview {
  const rows = changes.map((change, index): PlannedRow => {
    const before = onHandAt(stock, change.sku, change.locationCode);
    const after = change.action === 'adjust' ? before + change.qty : change.qty;
    return { ...change, index, before, after, noop: after === before };
  });
  const totals = new Map<string, LocationTotal>();
  for (const row of rows) {
    const total = totals.get(row.locationCode) ?? { locationCode: row.locationCode, rows: 0, before: 0, after: 0, added: 0, removed: 0 };
    total.rows++;
    total.before += row.before;
    total.after += row.after;
    total.added += Math.max(0, row.after - row.before);
    total.removed += Math.max(0, row.before - row.after);
    totals.set(row.locationCode, total);
  }
  return {
    rows,
    totals: [...totals.values()].sort((a, b) => (a.locationCode < b.locationCode ? -1 : a.locationCode > b.locationCode ? 1 : 0)),
    toSend: rows.filter((row) => !row.noop).length,
  };
}
