// What the operator tools need from the rest of the extension, declared as contracts so the
// lazily loaded bundle (dist/operations.js) shares the extension's client, store and ledger.
import type { CreateInventoryOrderRequest, CreateInventoryOrderResponse } from '../client';
import type { StockStore } from '../stock/store/store';
import type { BulkSurfaces } from './bulk/documents';
import type { BulkClient } from './bulk/run';
import type { LedgerEntry } from '../stockChange/ledgerEntry';
import type { LostStockChange, RecentChange } from '../stockChange/records';
import type { StockChange } from '../stock/store/figures';
import type { Ledger } from './history/ledger';
import type { LocationNow } from './history/protocol';

export interface OperationsClient extends BulkClient {
  createInventoryOrder(request: CreateInventoryOrderRequest): Promise<CreateInventoryOrderResponse>;
}

export interface OperationsLog {
  info(message: string): void;
  warn(message: string): void;
}

/** What the extension hands the bundle. */
export interface OperationsWiring {
  /** The shared client of the active environment; rejects (kind `auth`) when not signed in. */
  getClient(): Promise<OperationsClient>;
  store: StockStore;
  environment(): string;
  log: OperationsLog;
  /** The extension's global storage folder: ledgers and journals live there. */
  storageDir: string;
  extensionUri: import('vscode').Uri;
}

/** What the tools inside the bundle use. */
export interface OperationsDeps extends OperationsWiring {
  /** The ledger of an environment, to read. */
  ledger(environment: string): Ledger;
  /** Records changes the extension made (so the next read does not count them as outside ones). */
  record(environment: string, entries: readonly LedgerEntry[]): Promise<void>;
  /** Writes whose answer was lost: not recorded, but a read showing them is not counted as outside (see LedgerRecorder.expectUnconfirmed). */
  expectUnconfirmed(environment: string, entries: readonly LedgerEntry[]): void;
  /** Makes the ledger agree with the stock read now (see LedgerRecorder.reconcile); resolves with what it recorded. */
  reconcile(environment: string, sku: string, entries: readonly LedgerEntry[], now: readonly LocationNow[], readSince: number): Promise<LedgerEntry[]>;
  /** Where bulk journals are kept. */
  journalDir: string;
  /** A bulk apply's Problems-panel collection and preview/results documents. */
  bulk: BulkSurfaces;
}

/** What the bundle gives back to the extension. */
export interface OperationsRuntime {
  applyStockChanges(argument: unknown): Promise<void>;
  transferStock(argument: unknown): Promise<void>;
  showStockHistory(argument: unknown): Promise<void>;
  /** `asked`: the command was run (say so when nothing waits); else the offer on start. */
  reviewStockChanges(asked: boolean): Promise<void>;
  onRecorded(record: RecentChange): void;
  /** A single change whose answer was lost: recorded, marked so, once a read shows it applied (LedgerRecorder.expectLost). */
  onLostAnswer(change: LostStockChange): void;
  /** Changes made elsewhere in the extension (the agent tools), recorded like the commands' own. */
  record(environment: string, entries: readonly LedgerEntry[]): Promise<void>;
  history(environment: string, sku: string): Promise<LedgerEntry[]>;
  /** The environment's bulk rows and transfers in the ledger, oldest first. */
  operatorChanges(environment: string): Promise<LedgerEntry[]>;
  observe(environment: string, changes: readonly StockChange[]): void;
  /** A full refresh finished (`oto.alerts.lowStock` is `notify`). */
  refreshed(): void;
  /** The store was emptied: another environment or account. */
  reset(): void;
}
