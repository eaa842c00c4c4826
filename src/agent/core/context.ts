// What the agent tools need from whoever runs them (the VS Code extension, the MCP server): the
// active environment's client, where the ledger and journals are, the sandbox's traffic.
import type { OtoClient } from '../../client';
import type { LedgerEntry } from '../../stockChange/ledgerEntry';
import type { KnownStates } from '../../packing/queue';
import type { TrafficExchange } from '../../traffic/exchange';

/** The calls the tools make; the shared `OtoClient` has them. */
export type AgentClient = Pick<
  OtoClient,
  'checkInventoryStock' | 'checkGlobalStock' | 'listProducts' | 'getPickupLocations' | 'getPackingOrders' | 'getOrderDetails' | 'updateStockQuantity' | 'createInventoryOrder' | 'updatePackingStatus'
>;

/** The recorded traffic of the sandbox (or the recording proxy): a `TrafficStore` has these. */
export interface TrafficView {
  /** Newest first. */
  list(): readonly TrafficExchange[];
  get(id: number): TrafficExchange | undefined;
}

export interface AgentContext {
  /** The active environment's client; rejects (kind `auth`) when not signed in. */
  getClient(): Promise<AgentClient>;
  /** The active environment's name, recorded with each change; checked again before a write is sent. */
  environment(): string;
  /** Records changes in the environment's stock ledger (the same recorder the commands use). Absent: no ledger here. */
  record?(environment: string, entries: readonly LedgerEntry[]): Promise<void>;
  /** A change whose answer was lost: the ledger records it, marked so, once a read shows it applied (LedgerRecorder.expectLost). */
  expectLost?(environment: string, entries: readonly LedgerEntry[]): void;
  /** One SKU's ledger entries, oldest first. Absent: no ledger here. */
  history?(environment: string, sku: string): Promise<readonly LedgerEntry[]>;
  /** Where transfers are journalled step by step (the operator tools' folder, so VS Code reviews one left half done). */
  journalDir?: string;
  /** The sandbox's recorded traffic, when there is one. */
  traffic?(): TrafficView | undefined;
  /** Packing states known from earlier reads and updates; a map of the tools' own when absent. */
  knownStates?: KnownStates;
  /** Values never to appear in an answer (the refresh token the tools were given). */
  secrets?(): readonly string[];
}

/** What a tool answers: text for the model, `isError` when it did not do what was asked. */
export interface ToolAnswer {
  text: string;
  isError: boolean;
}
