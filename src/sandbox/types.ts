import type { SandboxSnapshot } from './state/snapshot';

// The sandbox's public options. Kept apart from the server so tests and the client's tests can
// describe faults without loading the emulator.
import type { ServerActivity, ServerLimits } from '../common/serverLimits';
import type { LintConfig } from '../traffic/lintConfig';
import type { TrafficStore, TrafficStoreOptions } from '../traffic/store';
import type { SandboxWebhooks, WebhookSettings } from './webhooks/types';

export type { DeliveryFault, DeliveryFaultKind, WebhookType } from './webhooks/types';
import type { Dialect } from '../oto';
import type { SandboxControl } from './control/operations';
import type { TrafficExchange } from '../traffic/exchange';

/** OTO's two answer dialects (two published versions of its Postman collection); see src/oto/dialects.ts. */
export type { Dialect } from '../oto';

/** What the sandbox does to one matching request instead of (or before) answering normally. */
export interface Fault {
  /** Endpoint name as in the URL path after `/rest/v2/`, e.g. `checkInventoryStock`; `*` matches all. */
  endpoint: string;
  /** How many matching requests this fault applies to; unlimited when omitted. */
  times?: number;
  /** For how many seconds from when it is added the fault applies; for good when omitted. */
  seconds?: number;
  /**
   * `others`: every client but the extension's own (User-Agent `oto-stock-vscode/…`), so an
   * integration under test gets the fault while the Stock view keeps working. `all` by default.
   */
  clients?: 'all' | 'others';
  /** Extra delay before answering, in milliseconds. */
  latencyMs?: number;
  /** Answer with this HTTP status (and `body`, or a generic OTO error body for it). */
  status?: number;
  /** Raw response body to send with `status`; sent verbatim, so it may be malformed JSON. */
  body?: string;
  /** Extra response headers, e.g. `{ 'Retry-After': '1' }`. */
  headers?: Record<string, string>;
  /** Never answer; the socket stays open until the client gives up or the sandbox closes. Wins over `reset`, `status` and `body`. */
  hang?: boolean;
  /**
   * Apply the request's effect (e.g. the stock change) first, then lose the answer: hang with
   * `hang`, answer `status`/`body` when given, or else drop the connection.
   */
  afterEffect?: boolean;
  /** Drop the connection without answering (a network error). Implied by `afterEffect` alone; wins over `status` and `body`. */
  reset?: boolean;
}

/** A fault still to be injected, as listed by `RunningSandbox.faults`. */
export interface ActiveFault {
  /** Unique in one sandbox; for `remove`. */
  id: number;
  fault: Fault;
  /** Uses left; absent when unlimited. */
  left?: number;
  /** Epoch milliseconds when it stops applying; absent when it has no time limit. */
  expiresAt?: number;
}

/** The faults of a running sandbox, changeable while it runs. */
export interface SandboxFaults {
  /** Adds faults (their `seconds` count from now) and returns their ids. */
  add(faults: readonly Fault[]): number[];
  list(): ActiveFault[];
  remove(id: number): boolean;
  clear(): void;
  /** Fires when faults are added, used, removed, or run out of time. */
  onDidChange(listener: () => void): { dispose(): void };
}

/** A pickup location added to the seeded ones (tests use OTO's example codes, e.g. `ASDS`). */
export interface ExtraLocation {
  code: string;
  kind: 'warehouse' | 'branch';
  name?: string;
  city?: string;
  /** `active` unless said otherwise. */
  status?: 'active' | 'inactive';
  /** Creation date, `YYYY-MM-DD`; the `minDate`/`maxDate` filters of getPickupLocationList use it. */
  createdDate?: string;
  /** Bin names accepted as `binLocationName` by createInventoryOrder at this location. */
  bins?: string[];
}

/** Stock of one SKU at one location. `forecasted` defaults to `onHand`. */
export interface ExtraStock {
  onHand: number;
  forecasted?: number;
}

/** A product added to the catalogue, with its stock; names may be anything (hostile text for tests). */
export interface ExtraProduct {
  sku: string;
  name: string;
  barcode?: string;
  productImage?: string;
  minInventory?: number;
  /** Stock per location code. */
  stock?: Record<string, ExtraStock>;
  /** The entry without `pickupLocationCode` that OTO reports (negative figures). */
  noLocation?: ExtraStock;
}

/** A customer order waiting in a warehouse's packing queue (or already packed). */
export interface ExtraPackingOrder {
  orderId: string;
  warehouseCode: string;
  /** OTO's numeric order id (`orderDetails?id=`); assigned when omitted. */
  id?: number;
  /** Items; `name` is required for SKUs that are not in the catalogue (those carry no productId). */
  items: Array<{ sku: string; quantity: number; name?: string; price?: number }>;
  /** Where the order is in the packing flow; `packed` orders are no longer in the queue. */
  packingStatus?: 'picked' | 'packed';
}

/** Data added on top of the seeded demo data. */
export interface SandboxExtraData {
  locations?: ExtraLocation[];
  products?: ExtraProduct[];
  packingOrders?: ExtraPackingOrder[];
}

/** A product of a scenario: on hand per location code; forecasts follow from the orders. */
export interface ScenarioProduct {
  sku: string;
  name: string;
  barcode?: string;
  productImage?: string;
  price?: number;
  minInventory?: number;
  stock?: Record<string, number>;
  noLocation?: { onHand: number; forecasted?: number };
}

/** A pending inventory order of a scenario: it moves the forecast, never on hand. */
export interface ScenarioInventoryOrder {
  action: 'inbound' | 'outbound';
  locationCode: string;
  items: Array<{ sku: string; qty: number }>;
  binLocationName?: string;
  waybillNumber?: string;
  description?: string;
}

/**
 * What a sandbox starts from: the shape of `.oto/sandbox.json` (scenario.schema.json). Each
 * section given replaces the demo one; packing and inventory orders come from the demo data only
 * while the products do. A packed order's items are already off the shelf (not taken again).
 */
export interface SandboxScenario {
  refreshToken?: string;
  /** Which of OTO's answer dialects the sandbox speaks (see SandboxOptions.dialect). */
  dialect?: Dialect;
  seed?: number;
  latencyMs?: number;
  accessTokenTtlSeconds?: number;
  locations?: ExtraLocation[];
  products?: ScenarioProduct[];
  packingOrders?: ExtraPackingOrder[];
  inventoryOrders?: ScenarioInventoryOrder[];
  faults?: Fault[];
  /** How the contract lint judges the traffic: rule levels, the duplicate window. */
  lint?: LintConfig;
  /** Webhooks registered at start, OTO's ambiguities decided, delivery faults. */
  webhooks?: WebhookSettings;
}

export interface SandboxOptions {
  /** Port on `host`; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Address to listen on (default `127.0.0.1`). One other than loopback (`0.0.0.0` in a CI
   * container) needs `controlToken`: the sandbox refuses to start without one.
   */
  host?: string;
  /**
   * The token the control API (`/__oto/…`) asks for as `Authorization: Bearer <token>` (16 or more
   * printable characters). Without one, only callers on this machine (loopback) are answered.
   */
  controlToken?: string;
  /** Seed of the deterministic demo data; the same seed gives the same data. */
  seed?: number;
  /** Number of products in the catalogue (default about 40). */
  products?: number;
  /** Latency added to every answer, in milliseconds. */
  latencyMs?: number;
  /** Lifetime of issued access tokens in seconds (default 3600), short to test refresh. */
  accessTokenTtlSeconds?: number;
  /** Faults injected per endpoint, in order; the first matching one with uses left applies. */
  faults?: Fault[];
  /** The refresh token to accept; a random one when omitted. */
  refreshToken?: string;
  /** Locations, products and packing orders added to the seeded data. */
  extra?: SandboxExtraData;
  /**
   * Which of OTO's answer dialects to speak: `oto-codes` (the default; otoErrorCode errors,
   * camelCase orderDetails) or `numeric-codes` (errorCode/errorMsg errors of the stock writes,
   * snake_case orderDetails with a delivery slot and the customer's region).
   */
  dialect?: Dialect;
  /**
   * Start from this scenario (from `parseScenario`) instead of the demo data. Options given here
   * win over the scenario's (`seed`, `latencyMs`, `accessTokenTtlSeconds`, `refreshToken`; its
   * faults come after `faults`); `products` and `extra` are unused with a scenario.
   */
  scenario?: SandboxScenario;
  /**
   * Start from this saved state (from `exportState`) instead of seeding; checked first, and a
   * SnapshotError names what is wrong with it. `seed`, `products`, `extra` and the scenario's data
   * and faults are then unused (its token, latency and token lifetime still apply).
   */
  state?: SandboxSnapshot;
  /**
   * The lowest transaction ID and inventory-order OTO id to hand out: a sandbox started afresh
   * (after a reset) continues after the IDs an earlier one gave, so no ID names two changes.
   */
  idsFrom?: { transactionId?: number; otoId?: number };
  /**
   * Traffic capture: every exchange, from any client, kept (bounded) with the contract lint's
   * findings in `traffic`. On by default; `false` turns capture off.
   */
  traffic?: TrafficStoreOptions | false;
  /** What one client may cost the sandbox; the defaults suit a local tool. */
  limits?: SandboxLimits;
  /**
   * The clock (milliseconds since the epoch) token lifetimes and faults' `seconds` are measured
   * with (default `Date.now`): a test moves a fake one on instead of waiting for real time.
   */
  clock?: () => number;
  /** Webhooks: registered at start, choices where OTO is ambiguous, delivery faults (on top of the scenario's). */
  webhooks?: WebhookSettings;
}

/** What one client may cost the server (timeouts, connection cap, sizes); shared with the recording proxy. */
export type SandboxLimits = ServerLimits;

export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:41234/rest/v2` (no trailing slash). */
  baseUrl: string;
  /** The refresh token this sandbox accepts. */
  refreshToken: string;
  /** Adds faults at run time (tests use it between calls); `faults.add` with the ids. */
  addFaults(faults: Fault[]): void;
  /** The endpoint names it answers under `/rest/v2/`, e.g. for choosing where a fault applies. */
  readonly endpoints: readonly string[];
  /** The active faults: list, add, remove, clear, and hear of changes. */
  readonly faults: SandboxFaults;
  /** The whole state as plain JSON, to start another sandbox from it (`state` option). */
  exportState(): SandboxSnapshot;
  /** Fires after every request that changed the state (stock, inventory orders, packing). */
  onDidChangeState(listener: () => void): { dispose(): void };
  /** The captured exchanges with their findings (empty when `traffic: false`): the default account's journal. */
  readonly traffic: TrafficStore;
  /** OTO's webhooks: registrations, events (order status, new orders, triggers), delivery faults. */
  readonly webhooks: SandboxWebhooks;
  /**
   * The control room's operations (what `/__oto/…` answers): reset, state, stock, the journal,
   * findings, faults, the clock, for the default account or any other (`control.account(id)`).
   */
  readonly control: SandboxControl;
  /** Requests open now, and when that changes (the CLI's --exit-after-idle). */
  readonly activity: ServerActivity;
  /** Every account's exchanges as they are recorded (`traffic` holds only the default account's). */
  onDidRecordExchange(listener: (event: { account: string; exchange: TrafficExchange }) => void): { dispose(): void };
  close(): Promise<void>;
}
