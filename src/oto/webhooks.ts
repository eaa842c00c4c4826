// What OTO's webhooks are (oto-webhooks.md): their types and the string a `signature` is computed
// over. The sandbox signs with these; the editor's Webhook Inbox and Verify Webhook Signature check
// with them. The HMAC itself is node:crypto's, outside this room (no Node built-ins here).

export const WEBHOOK_TYPES = ['orderStatus', 'newOrders', 'shipmentError', 'walletTransaction'] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

export function isWebhookType(value: unknown): value is WebhookType {
  return typeof value === 'string' && (WEBHOOK_TYPES as readonly string[]).includes(value);
}

/** What a shipmentError's signature is computed over: OTO's text says `status`, integrations check `errorCode`. */
export type ShipmentErrorSigning = 'errorCode' | 'status';
/**
 * What the sandbox signs a shipmentError over unless its scenario says otherwise: what public
 * integrations check. The sandbox, the inbox's checks and the receiver rules' wording all read this.
 */
export const DEFAULT_SHIPMENT_ERROR_SIGNING: ShipmentErrorSigning = 'errorCode';
/** Every choice, the default first (the inbox tries them in this order). */
export const SHIPMENT_ERROR_SIGNINGS: readonly ShipmentErrorSigning[] = [DEFAULT_SHIPMENT_ERROR_SIGNING, 'status'];

/** The payload field whose value is the middle of the signing string. */
export function signedField(type: WebhookType, shipmentErrorSigning: ShipmentErrorSigning = DEFAULT_SHIPMENT_ERROR_SIGNING): string {
  if (type === 'walletTransaction') {
    return 'transactionStatus';
  }
  return type === 'shipmentError' ? shipmentErrorSigning : 'status';
}

/** A payload value as it goes into the signing string: text as it is, nothing for null or missing. */
export function signedValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `orderId:status:timestamp` of a flat payload (newOrders signs its nested order's fields). */
export function signingString(payload: Record<string, unknown>, field: string): string {
  return `${signedValue(payload.orderId)}:${signedValue(payload[field])}:${signedValue(payload.timestamp)}`;
}

/**
 * How far a `timestamp` may be from the receiver's clock. OTO documents no maximum age; five
 * minutes is the usual receiver tolerance (Stripe's). The inbox refuses past it, and the sandbox
 * counts a delivery whose timestamp is past it as stale (its receiver rules judge the answer).
 */
export const STALE_AFTER_MS = 5 * 60_000;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/;

/** A payload's `timestamp` in epoch ms: epoch ms (a number or its digits), or `YYYY-MM-DD HH:mm:ss` in UTC; undefined otherwise. */
export function timestampMs(raw: unknown): number | undefined {
  if (typeof raw === 'number') {
    return Number.isFinite(raw) ? raw : undefined;
  }
  if (typeof raw !== 'string') {
    return undefined;
  }
  if (/^\d{10,16}$/.test(raw)) {
    return Number(raw);
  }
  const parts = DATE_TIME.exec(raw);
  const at = parts ? Date.UTC(+parts[1], +parts[2] - 1, +parts[3], +parts[4], +parts[5], +parts[6]) : undefined;
  return at === undefined || Number.isNaN(at) ? undefined : at;
}

/**
 * An order's statuses in the order it usually goes through them, for Advance Order Status…:
 * the warehouse part and the first shipment statuses are OTO's list (oto-webhooks.md); the rest
 * (transit, delivery, return) are the ones OTO's dashboard shows. The sandbox takes any status.
 */
export const ORDER_STATUS_FLOW = [
  'assignedToWarehouse',
  'picked',
  'packed',
  'searchingDriver',
  'shipmentCreated',
  'goingToPickup',
  'shipmentInProgress',
  'outForDelivery',
  'delivered',
  'returnShipmentProcessing',
  'returned',
] as const;

/** Off the usual path, offered from any warehouse status. */
const WAREHOUSE_DETOURS = ['shipmentOnHoldWarehouse', 'notAvailableWH'];

/** The statuses Advance Order Status… offers after `current`: the rest of the usual path, then the detours. */
export function nextStatuses(current: string): string[] {
  const at = (ORDER_STATUS_FLOW as readonly string[]).indexOf(current);
  const rest = ORDER_STATUS_FLOW.slice(at + 1);
  const inWarehouse = at < ORDER_STATUS_FLOW.indexOf('packed') || WAREHOUSE_DETOURS.includes(current) || current === 'new';
  return [...(WAREHOUSE_DETOURS.includes(current) ? ORDER_STATUS_FLOW.slice(1) : rest), ...(inWarehouse ? WAREHOUSE_DETOURS.filter((status) => status !== current) : [])];
}
