// What the stock-change flows' bundle (dist/orders.js) gets from the extension, and what it offers.
import type { OrdersClient } from './context';
import type { StockView } from '../stockChange/stockView';
import type { LedgerEntry } from '../stockChange/ledgerEntry';
import type { MementoLike } from './recent/recentChanges';
import type { LostStockChange, RecentChange } from '../stockChange/records';

export interface OrdersWiring {
  /** The shared client of the active environment; rejects (an `auth` OtoError) when not signed in. */
  getClient(): Promise<OrdersClient>;
  /** The stock store: locations, catalogue and cached figures for the picks; `invalidate` after a write. */
  store: StockView;
  /** The active environment's name, recorded with each change. */
  environment(): string;
  /** The session's generation (Session.generation). */
  generation(): number;
  /** Where recent changes are kept (the extension's workspace state). */
  workspaceState: MementoLike;
  /** Told of every change and order recorded (the stock ledger). */
  onRecorded?(record: RecentChange): void;
  /** Told of every single change whose answer was lost (the ledger records it once a read shows it applied). */
  onLostAnswer?(change: LostStockChange): void;
  /** The environment's bulk rows and transfers from the stock ledger, for Show Recent Changes. */
  operatorChanges?(environment: string): Promise<readonly LedgerEntry[]>;
}

/** The commands' flows, each on the argument its command was invoked with (a tree item, a SKU). */
export interface OrdersRuntime {
  adjustStock(argument: unknown): Promise<void>;
  setStock(argument: unknown): Promise<void>;
  createInventoryOrder(argument: unknown): Promise<void>;
  showRecentChanges(): Promise<void>;
}
