// What a single stock change or inventory order made in this workspace is recorded as (Recent
// Changes keeps them; the stock ledger takes its entries from them).
import type { Reason } from './reasons';

export interface StockChangeRecord {
  type: 'stock';
  id: string;
  /** ISO time the change was made. */
  time: string;
  environment: string;
  action: 'adjust' | 'set';
  locationCode: string;
  sku: string;
  /** The quantity sent: a delta for adjust, the new on-hand for set. */
  qty: number;
  before: number;
  after: number;
  transactionId?: string;
  /** Set on an undo: the id of the change it reversed. */
  undoOf?: string;
  /** Set once this change has been undone, so it is not undone twice. */
  undone?: boolean;
  /**
   * An undo of this change was sent and its answer lost: the figure it started from and the one it
   * would leave. A further Undo sends only while the stock is still at `before`.
   */
  undoUnknown?: { before: number; after: number };
  /** Why, as the operator said it (kept for the ledger; OTO takes no reason). */
  reason?: Reason;
  note?: string;
}

export interface OrderRecord {
  type: 'order';
  id: string;
  time: string;
  environment: string;
  action: 'inbound' | 'outbound';
  locationCode: string;
  items: Array<{ sku: string; qty: number }>;
  otoId: string;
  /** Exactly what was sent, for "Copy order JSON". */
  request: Record<string, unknown>;
}

export type RecentChange = StockChangeRecord | OrderRecord;

/** A single change whose answer was lost, as it would have been recorded: not kept in Recent Changes, as whether it was applied is not known. */
export type LostStockChange = Omit<StockChangeRecord, 'id'>;
