// What the flows need from the rest of the extension, declared here so they depend on contracts
// (the shared OtoClient, the stock store) rather than on their implementations.
import type {
  CheckInventoryStockOptions,
  CreateInventoryOrderRequest,
  CreateInventoryOrderResponse,
  InventoryStock,
  UpdateStockQuantityRequest,
  UpdateStockQuantityResponse,
} from '../client';
import type { LedgerEntry } from '../stockChange/ledgerEntry';
import type { StockView } from '../stockChange/stockView';
import type { Prompter } from '../stockChange/prompts/prompter';
import type { RecentChanges } from './recent/recentChanges';
import type { UndosUnderWay } from './change/undo';

/** The calls the flows make; the shared `OtoClient` has them. */
export interface OrdersClient {
  updateStockQuantity(request: UpdateStockQuantityRequest): Promise<UpdateStockQuantityResponse>;
  checkInventoryStock(skus: string[], options?: CheckInventoryStockOptions): Promise<InventoryStock>;
  createInventoryOrder(request: CreateInventoryOrderRequest): Promise<CreateInventoryOrderResponse>;
}

export interface FlowContext {
  prompter: Prompter;
  getClient(): Promise<OrdersClient>;
  stock: StockView;
  /** The active environment's name (`sandbox`, `staging`, `production`), recorded with each change. */
  environment(): string;
  /** The session's generation: changes on every sign-in, sign-out and switch (Session.generation). */
  generation(): number;
  recent: RecentChanges;
  /** The undos under way, shared by every flow of the bundle (one undo of a change at a time). */
  undos: UndosUnderWay;
  /** `oto.confirmAboveUnits`: changes of more units than this ask for confirmation. */
  confirmAboveUnits(): number;
  copyToClipboard(text: string): Promise<void>;
  /** Runs `oto.showLog`. */
  showLog(): Promise<void>;
  /** The clock, so "today" and recorded times are testable. */
  now(): Date;
  /** The environment's bulk rows and transfers, from the stock ledger (oldest first); absent: none listed. */
  operatorChanges?(environment: string): Promise<readonly LedgerEntry[]>;
  /** Whether Adjust and Set ask why (for the ledger only; OTO takes no reason): `oto.askReason`. Absent: not asked. */
  asksReason?(): boolean;
}

/** A client and the environment it talks to, taken together at the start of a flow so a write is recorded against the environment it went to. */
export interface Connection {
  client: OrdersClient;
  environment: string;
  /** The session generation the flow's reads were made in. */
  generation: number;
}

export async function connect(ctx: FlowContext): Promise<Connection> {
  const environment = ctx.environment();
  const generation = ctx.generation();
  return { client: await ctx.getClient(), environment, generation };
}
