// The public types of the sandbox's webhooks: what OTO's management API stores, the choices
// where OTO's text is ambiguous, and the delivery faults a receiver can be tested with.

import type { WebhookFields } from '../../oto/webhookInput';
import type { ShipmentErrorSigning, WebhookType } from '../../oto/webhooks';

export { WEBHOOK_TYPES, isWebhookType, type ShipmentErrorSigning, type WebhookType } from '../../oto/webhooks';

/** One registered webhook, as `GET /rest/v2/webhook` lists it (OTO's fields: src/oto/webhookInput.ts). */
export interface Webhook extends WebhookFields {
  id: number;
}

/** What `POST /rest/v2/webhook` (and the CLI, a scenario) registers. */
export type WebhookInput = Omit<Webhook, 'id' | 'method' | 'webhookType'> & {
  method?: 'post' | 'put';
  webhookType?: WebhookType;
  /** The id it keeps (a saved state's, so an ERP's stored id still names it); the next free one when omitted. */
  id?: number;
};

/** What the delivery faults can do to one delivery. */
export const DELIVERY_FAULT_KINDS = ['duplicate', 'outOfOrder', 'delay', 'drop', 'wrongSignature', 'staleTimestamp', 'retry'] as const;
export type DeliveryFaultKind = (typeof DELIVERY_FAULT_KINDS)[number];

export interface DeliveryFault {
  /**
   * `duplicate`: sent twice, the copy once the first is answered; `outOfOrder`: held until the
   * next delivery of the same order (to the same webhook) went; `delay`: sent `delayMs` later;
   * `drop`: never sent; `wrongSignature`: signed with another secret; `staleTimestamp`: a
   * timestamp a day old, signed correctly; `retry`: resent with backoff until the receiver answers
   * 2xx (at most `attempts`).
   */
  kind: DeliveryFaultKind;
  /** How many deliveries it applies to; unlimited when omitted. */
  times?: number;
  /** Only deliveries of this type. */
  webhookType?: WebhookType;
  /** `delay`: milliseconds (default 1,000). */
  delayMs?: number;
  /** `retry`: attempts in all, the first included (default 5). */
  attempts?: number;
  /** `retry`: the first wait, doubled after each attempt (default 1,000 ms). */
  backoffMs?: number;
}

export interface ActiveDeliveryFault {
  id: number;
  fault: DeliveryFault;
  /** Uses left; absent when unlimited. */
  left?: number;
}

/** How `authorizationKey` is sent in the Authorization header. */
export type AuthorizationStyle = 'raw' | 'bearer';
/** `epochMs` (OTO's samples), or `timestampFormat`: a webhook with one gets `YYYY-MM-DD HH:mm:ss` (UTC). */
export type TimestampStyle = 'epochMs' | 'timestampFormat';

/** The `webhooks` section of a scenario, and the `webhooks` option. */
export interface WebhookSettings {
  /** Registered at start, as if `POST /rest/v2/webhook` had been called. */
  register?: WebhookInput[];
  /** Default `errorCode`. */
  shipmentErrorSigning?: ShipmentErrorSigning;
  /** Default `raw`. */
  authorization?: AuthorizationStyle;
  /** Default `epochMs`. */
  timestamps?: TimestampStyle;
  /** newOrders payloads carry no signature in OTO's text; `true` adds one over `orderId:status:timestamp`. */
  signNewOrders?: boolean;
  /** Deliver to addresses other than loopback ones (default false: such a delivery is recorded, not sent). */
  allowRemote?: boolean;
  /** How long a receiver has to answer (default 10,000 ms, OTO's). */
  timeoutMs?: number;
  /** Delivery faults active from the start. */
  faults?: DeliveryFault[];
}

/** What `trigger` sends: a type, an order of the sandbox, and any field overridden. */
export interface TriggerRequest {
  type: WebhookType;
  orderId: string;
  fields?: Record<string, unknown>;
  /** Only to this registered webhook (a test event), rather than to every webhook of the type; it must be of `type`. */
  webhookId?: number;
}

/** A customer order added through `addOrder` (the newOrders event); it joins its warehouse's packing queue. */
export interface NewOrderInput {
  orderId: string;
  /** A warehouse code of the sandbox. */
  warehouseCode: string;
  items: Array<{ sku: string; quantity: number; name?: string; price?: number }>;
}

/** How one delivery went, as `onDidDeliver` reports it. */
export interface DeliveryOutcome {
  webhookId: number;
  type: WebhookType;
  orderId: string;
  /** The receiver's status, when it sent one (also beside an `error`: it timed out or dropped the rest of its answer). */
  status?: number;
  /** Why no whole answer came back, or why it was not sent. */
  error?: string;
  attempt: number;
  /** The event delivered (see `lastEventId`); its retries and copies share it. */
  eventId: number;
  /** No further attempt of this delivery follows (a `retry` fault's earlier failures are not final); a duplicate copy may still. */
  final: boolean;
  /** The traffic exchange that records it, when capture is on. */
  exchangeId?: number;
}

/** The webhooks of a running sandbox. */
export interface SandboxWebhooks {
  /** Registered webhooks, secrets included (this is the sandbox's own side). */
  list(): Webhook[];
  /** Whether deliveries to the URL are sent: loopback ones, or any with `allowRemote`. */
  sendsTo(url: string): boolean;
  /** Registers one with OTO's checks; a WebhookError (OTO's code and message) when refused. */
  register(input: WebhookInput): Webhook;
  remove(id: number): boolean;
  /** Sets an order's status (any of OTO's), fires `orderStatus`; the packing queue follows. */
  setOrderStatus(orderId: string, status: string): void;
  /** Adds an order to its warehouse's packing queue and fires `newOrders`. */
  addOrder(order: NewOrderInput): void;
  /** The body an event of `type` for an order would carry, before timestamp and signature (what `trigger` overrides). */
  preview(type: WebhookType, orderId: string): Record<string, unknown>;
  /** Fires an event of any type for an order, with fields overridden; returns how many webhooks it goes to. */
  trigger(request: TriggerRequest): number;
  /** The id of the latest event built (by a trigger, a status change, a new order); the next one gets the id after it, which its outcomes carry. */
  readonly lastEventId: number;
  readonly faults: {
    add(faults: readonly DeliveryFault[]): number[];
    list(): ActiveDeliveryFault[];
    remove(id: number): boolean;
    clear(): void;
  };
  /** Resolves once no delivery is in flight, queued, delayed or being retried (held ones excepted). */
  idle(): Promise<void>;
  onDidDeliver(listener: (outcome: DeliveryOutcome) => void): { dispose(): void };
}
