// The messages between the packing panel host and its page, declared once for both sides.
// Neither side trusts the other: every message is parsed on receipt, and anything that does not
// match exactly is dropped (and logged) rather than half-used. No `vscode` import: the page
// bundle includes this file.

import { isPluralForms, type PluralForms } from '../common/text/pluralForms';
import { hasOnlyKeys, isArrayOf, isCount, isFiniteNumber, isFilledText, isOneOf, isRecord, isString, isTime, optional, parseMessage, type Checks } from '../common/webview/schema';

/** `unknown`: OTO's answer about the order's state could not be read, so no state is claimed. */
export type PackingState = 'ready' | 'picked' | 'packed' | 'unknown';
export type PackingStatus = 'picked' | 'packed';

export interface QueueItem {
  sku: string;
  name: string;
  quantity: number;
}

export interface QueueOrder {
  orderId: string;
  items: QueueItem[];
  state: PackingState;
}

export interface WarehouseInfo {
  code: string;
  name: string;
}

export interface HistoryEntry {
  date: string;
  status: string;
  description: string;
}

/** What the page shows when an order is expanded; every field may be missing upstream. */
export interface OrderDetailsView {
  status: string;
  customerCity: string;
  packingHistory: HistoryEntry[];
  // Present only when OTO sent them (some only in one of its answer dialects).
  customerRegion?: string;
  /** Shown as text, never as a link: it comes from the network. */
  trackingUrl?: string;
  /** `YYYY-MM-DD` as OTO sends it. */
  deliverySlotDate?: string;
  deliverySlotFrom?: string;
  deliverySlotTo?: string;
  packageWeight?: number;
  packageCount?: number;
  paymentMethod?: string;
  amountDue?: number;
  currency?: string;
}

const DETAIL_TEXT_KEYS = ['customerRegion', 'trackingUrl', 'deliverySlotDate', 'deliverySlotFrom', 'deliverySlotTo', 'paymentMethod', 'currency'] as const;
const DETAIL_NUMBER_KEYS = ['packageWeight', 'packageCount', 'amountDue'] as const;

/** Every string the page shows, localised by the host; `{0}`, `{1}` are filled in by the page. */
export const PAGE_STRING_KEYS = [
  'searchLabel',
  'searchPlaceholder',
  'refresh',
  'readAt',
  'loading',
  'emptyTitle',
  'emptyBody',
  'noMatches',
  'errorTitle',
  'retry',
  'unreachableNote',
  'showLog',
  'signIn',
  'stateReady',
  'statePicked',
  'statePacked',
  'stateUnknown',
  'markPicked',
  'markPacked',
  'showDetails',
  'hideDetails',
  'loadingDetails',
  'columnSku',
  'columnProduct',
  'columnQuantity',
  'confirmPacked',
  'confirmSkipPicked',
  'confirmMarkPacked',
  'cancel',
  'updating',
  'packedNote',
  'orderLabel',
  'orderStatus',
  'customerCity',
  'packingHistory',
  'noPackingHistory',
  'unknownValue',
  'customerRegion',
  'trackingUrl',
  'deliverySlot',
  'deliverySlotRange',
  'packageWeight',
  'packageWeightValue',
  'packageCount',
  'paymentMethod',
  'paymentPaid',
  'paymentCod',
  'amountDue',
  'amountWithCurrency',
  'advanceStatus',
] as const;

export type PageStringKey = (typeof PAGE_STRING_KEYS)[number];

/** The counted messages, as plural forms the page picks from by the count (`{0}`). */
export const PAGE_PLURAL_KEYS = ['orderCount', 'filteredCount', 'totalUnits'] as const;
export type PagePluralKey = (typeof PAGE_PLURAL_KEYS)[number];
export type PageStrings = Record<PageStringKey, string> & Record<PagePluralKey, PluralForms>;

/** Host → page. */
export type HostMessage =
  /** `screenReader`: VS Code's accessibility support is on, so every card is rendered whole (see packing.css). */
  | { type: 'init'; warehouse: WarehouseInfo; strings: PageStrings; locale: string; screenReader?: true }
  | { type: 'loading' }
  /** The session changed: everything shown so far belongs to the one that ended. */
  | { type: 'reset' }
  /** `advance`: each card offers Advance Order Status… (the sandbox, whose orders it can move on). */
  | { type: 'queue'; orders: QueueOrder[]; readAt: number; advance?: true }
  | { type: 'loadError'; message: string; signIn: boolean }
  /** OTO cannot be reached: the page says so, and its Mark buttons wait until `reachable`. */
  | { type: 'unreachable'; message: string }
  | { type: 'reachable' }
  | { type: 'statusResult'; requestId: number; orderId: string; ok: true; state: PackingState }
  | { type: 'statusResult'; requestId: number; orderId: string; ok: false; error: string }
  | { type: 'orderDetails'; orderId: string; details: OrderDetailsView }
  | { type: 'orderDetailsError'; orderId: string; error: string };

/** Page → host. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'updatePackingStatus'; requestId: number; orderId: string; packingStatus: 'picked'; skipPicked: boolean }
  /**
   * Packed cannot be undone, so the page asks first: `confirmed` says the user was told so and
   * went on, and a packed change without it is malformed.
   */
  | { type: 'updatePackingStatus'; requestId: number; orderId: string; packingStatus: 'packed'; skipPicked: boolean; confirmed: true }
  | { type: 'getOrderDetails'; orderId: string }
  /** Advance Order Status… on this order (the host runs the command: next status, orderStatus fired). */
  | { type: 'advanceOrderStatus'; orderId: string }
  | { type: 'showLog' }
  | { type: 'signIn' };

/** What the page keeps with `setState`, so a reloaded window can reopen the same queue. */
export interface PanelState {
  warehouse: WarehouseInfo;
  search: string;
  expanded: string[];
}

function isId(value: unknown): value is string {
  return isFilledText(value) && value.length <= 200;
}

export const PACKING_STATES: readonly PackingState[] = ['ready', 'picked', 'packed', 'unknown'];

/** A line to pack: a SKU and a name to show, and a whole number of units, at least one. */
function isItem(value: unknown): value is QueueItem {
  return isRecord(value) && hasOnlyKeys(value, ['sku', 'name', 'quantity']) && isFilledText(value.sku) && isFilledText(value.name) && isCount(value.quantity) && value.quantity >= 1;
}

/** The host checks what OTO listed with this before sending it, as the page does on receipt. */
export function isQueueOrder(value: unknown): value is QueueOrder {
  return isOrder(value);
}

function isOrder(value: unknown): value is QueueOrder {
  return isRecord(value) && hasOnlyKeys(value, ['orderId', 'items', 'state']) && isId(value.orderId) && isArrayOf(value.items, isItem) && isOneOf(value.state, PACKING_STATES);
}

function isWarehouse(value: unknown): value is WarehouseInfo {
  return isRecord(value) && hasOnlyKeys(value, ['code', 'name']) && isId(value.code) && isString(value.name);
}

function isHistoryEntry(value: unknown): value is HistoryEntry {
  return isRecord(value) && hasOnlyKeys(value, ['date', 'status', 'description']) && isString(value.date) && isString(value.status) && isString(value.description);
}

function isDetails(value: unknown): value is OrderDetailsView {
  return (
    isRecord(value) &&
    hasOnlyKeys(value, ['status', 'customerCity', 'packingHistory', ...DETAIL_TEXT_KEYS, ...DETAIL_NUMBER_KEYS]) &&
    isString(value.status) &&
    isString(value.customerCity) &&
    isArrayOf(value.packingHistory, isHistoryEntry) &&
    DETAIL_TEXT_KEYS.every((key) => value[key] === undefined || isString(value[key])) &&
    DETAIL_NUMBER_KEYS.every((key) => value[key] === undefined || isFiniteNumber(value[key]))
  );
}

function isStrings(value: unknown): value is PageStrings {
  return (
    isRecord(value) &&
    PAGE_STRING_KEYS.every((key) => isString(value[key])) &&
    PAGE_PLURAL_KEYS.every((key) => isPluralForms(value[key])) &&
    hasOnlyKeys(value, [...PAGE_STRING_KEYS, ...PAGE_PLURAL_KEYS])
  );
}

const isTrue = (value: unknown): boolean => value === true;
const isFalse = (value: unknown): boolean => value === false;
const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

const hostChecks: Record<HostMessage['type'], Checks[]> = {
  init: [{ warehouse: isWarehouse, strings: isStrings, locale: isString, screenReader: optional(isTrue) }],
  loading: [{}],
  reset: [{}],
  queue: [{ orders: (v) => isArrayOf(v, isOrder), readAt: isTime, advance: optional(isTrue) }],
  loadError: [{ message: isString, signIn: isBoolean }],
  unreachable: [{ message: isFilledText }],
  reachable: [{}],
  statusResult: [
    { requestId: isCount, orderId: isId, ok: isTrue, state: (v) => isOneOf(v, PACKING_STATES) },
    { requestId: isCount, orderId: isId, ok: isFalse, error: isString },
  ],
  orderDetails: [{ orderId: isId, details: isDetails }],
  orderDetailsError: [{ orderId: isId, error: isString }],
};

const pageChecks: Record<PageMessage['type'], Checks[]> = {
  ready: [{}],
  refresh: [{}],
  updatePackingStatus: [
    { requestId: isCount, orderId: isId, packingStatus: (v) => v === 'picked', skipPicked: isBoolean },
    { requestId: isCount, orderId: isId, packingStatus: (v) => v === 'packed', skipPicked: isBoolean, confirmed: isTrue },
  ],
  getOrderDetails: [{ orderId: isId }],
  advanceOrderStatus: [{ orderId: isId }],
  showLog: [{}],
  signIn: [{}],
};

/** The message if it is a well-formed host message, else undefined. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  return parseMessage<HostMessage>(raw, hostChecks);
}

/** The message if it is a well-formed page message, else undefined. */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  return parseMessage<PageMessage>(raw, pageChecks);
}

/** The saved page state if it is well-formed (it comes back from disk after a reload). */
export function parsePanelState(raw: unknown): PanelState | undefined {
  const ok =
    isRecord(raw) &&
    hasOnlyKeys(raw, ['warehouse', 'search', 'expanded']) &&
    isWarehouse(raw.warehouse) &&
    isString(raw.search) &&
    isArrayOf(raw.expanded, isId);
  return ok ? (raw as unknown as PanelState) : undefined;
}
