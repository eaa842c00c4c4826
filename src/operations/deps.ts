// What the operator tools need from the rest of the extension, declared as contracts so the
// lazily loaded bundle (dist/operations.js) shares the extension's client, store and ledger.
import type { CreateInventoryOrderRequest, CreateInventoryOrderResponse } from '../client';
import type { StockStore } from '../stock/store/store';
import type { BulkSurfaces } from './bulk/documents';
import type { BulkClient } from './bulk/run';
import type { LedgerEntry } from '../stockChange/ledgerEntry';
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
  /** Makes the ledger agree with the stock read now (see LedgerRecorder.reconcile); resolves with what it recorded. */
  reconcile(environment: string, sku: string, entries: readonly LedgerEntry[], now: readonly LocationNow[], readSince: number): Promise<LedgerEntry[]>;
  /** Where bulk journals are kept. */
  journalDir: string;
  /** A bulk apply's Problems-panel collection and preview/results documents. */
  bulk: BulkSurfaces;
}
