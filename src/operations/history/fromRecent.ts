// The ledger entries of a change or inventory order the single-change flows recorded.
import type { LostStockChange, RecentChange } from '../../stockChange/records';
import type { LedgerEntry } from '../../stockChange/ledgerEntry';

export function ledgerEntriesOf(record: RecentChange | LostStockChange): LedgerEntry[] {
  if (record.type === 'order') {
    return record.items.map((item) => ({ time: record.time, source: 'order', action: record.action, sku: item.sku, locationCode: record.locationCode, qty: item.qty, transactionId: record.otoId }));
  }
  return [{
    time: record.time,
    source: record.undoOf === undefined ? 'single' : 'undo',
    action: record.action,
    sku: record.sku,
    locationCode: record.locationCode,
    before: record.before,
    after: record.after,
    qty: record.qty,
    transactionId: record.transactionId,
    reason: record.reason,
    note: record.note,
  }];
}
