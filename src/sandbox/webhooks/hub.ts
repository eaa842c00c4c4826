// The webhooks of one account's state: hears its orders change, builds each event for every
// webhook registered for its type (timestamp, signature, faults), and delivers them off the
// request path. Deliveries run at most MAX_IN_FLIGHT at a time; at most MAX_QUEUED (MAX_QUEUED_BYTES
// of bodies) wait, whether queued, delayed, held out of order or waiting to be retried.
import { Emitter } from '../../common/emitter';
import type { RawExchange } from '../../traffic/capture';
import type { WebhookDeliveryInfo } from '../../traffic/exchange';
import type { CustomerOrder, SandboxState } from '../state/model';
import { applyPackingStatus } from '../endpoints/packing';
import { customerOrdersFull, trimHistories } from '../endpoints/capacity';
import { addArrivingOrder } from '../state/seed';
import { DEFAULT_TIMEOUT_MS, deliver, isLoopback, WEBHOOK_USER_AGENT, type DeliveryResult } from '../../common/webhookDelivery';
import { DeliveryFaultQueue, MAX_DELAY_MS } from './deliveryFaults';
import { impliesPacked, payloadOf } from './payloads';
import { WebhookError, webhookIdOf, WebhookRegistry } from './registry';
import { STALE_AFTER_MS, timestampMs } from '../../oto/webhooks';
import { sign, signedField, signedValue, signingString } from './signing';
import { isWebhookType, WEBHOOK_TYPES, type DeliveryFault, type DeliveryFaultKind, type DeliveryOutcome, type NewOrderInput, type SandboxWebhooks, type TriggerRequest, type Webhook, type WebhookInput, type WebhookSettings, type WebhookType } from './types';

export const MAX_IN_FLIGHT = 8;
export const MAX_QUEUED = 1000;
export const MAX_QUEUED_BYTES = 32 * 1024 * 1024;
/** A delivery held for `outOfOrder` goes anyway after this long without a later event of its order. */
export const MAX_HOLD_MS = 60_000;
/** What `staleTimestamp` takes off the timestamp. */
export const STALE_BY_MS = 24 * 3600_000;
const DEFAULT_ATTEMPTS = 5;
const RECENT_STARTS = 64;
const DEFAULT_BACKOFF_MS = 1000;
const DEFAULT_DELAY_MS = 1000;
/** An OTO status as the sandbox accepts one: a word, as every status of OTO's list is. */
const STATUS = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Hands an outbound exchange to the traffic store; returns its id (absent with capture off). */
export type RecordExchange = (raw: RawExchange, info: WebhookDeliveryInfo, answerBytes?: number) => number | undefined;

interface Job {
  hook: Webhook;
  type: WebhookType;
  orderId: string;
  url: URL;
  body: string;
  headers: Record<string, string>;
  info: Omit<WebhookDeliveryInfo, 'attempt' | 'sent' | 'error' | 'copyOf'>;
  faults: Map<DeliveryFaultKind, DeliveryFault>;
  attempt: number;
  copyOf?: number;
  /** The event it delivers (one per emit, shared by its retries and copies). */
  eventId: number;
}

interface Held {
  job: Job;
  timer: NodeJS.Timeout;
}

/** The wait before attempt `attempt + 1` of a `retry` fault: doubling from `backoffMs`, at most MAX_DELAY_MS (a timer past 2^31 ms would fire at once). */
export function retryWaitMs(backoffMs: number, attempt: number): number {
  return Math.min(backoffMs * 2 ** (attempt - 1), MAX_DELAY_MS);
}

function timestampOf(hook: Webhook, settings: WebhookSettings, at: number): number | string {
  if (settings.timestamps === 'timestampFormat' && hook.timestampFormat) {
    return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
  }
  return at;
}

function checkedType(type: unknown): WebhookType {
  if (!isWebhookType(type)) {
    throw new WebhookError('OTO1010', `type must be one of ${WEBHOOK_TYPES.join(', ')}, got ${JSON.stringify(type)}`);
  }
  return type;
}

/** What a hub needs of its account. */
export interface HubSetup {
  /** The account's current state (a reset makes a new one). */
  state(): SandboxState;
  /** Its starting registrations, choices and faults (a reset to another scenario changes them). */
  settings(): WebhookSettings;
  record?: RecordExchange;
  /** Aborted when the account or the sandbox goes: deliveries under way are dropped. */
  closing: AbortSignal;
  /** An event changed the state (setOrderStatus, addOrder). */
  changed(): void;
  /** Epoch ms for the exchanges' times, in step with the account's inbound ones. */
  wallClock(): number;
}

export class WebhookHub implements SandboxWebhooks {
  private readonly deliveryFaults = new DeliveryFaultQueue();
  private readonly delivered = new Emitter<DeliveryOutcome>();
  private eventCount = 0;
  private readonly queue: Job[] = [];
  private inFlight = 0;
  private pumpScheduled = false;
  /** Jobs queued, in flight, delayed or waiting to be retried: `idle()` waits for none. */
  private pending = 0;
  /** Jobs queued, delayed, held or waiting to be retried, and their bodies' length: bounded by MAX_QUEUED and MAX_QUEUED_BYTES. */
  private waiting = 0;
  private waitingBytes = 0;
  private readonly held = new Map<string, Held[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private idleWaiters: Array<() => void> = [];
  /** When the last duplicate copy went (epoch ms): the duplicate-applied rule looks back only after one. */
  lastCopyAt = 0;
  /** When the last sends to each webhook started (epoch ms, the last RECENT_STARTS): the receiver rules ask. */
  private readonly starts = new Map<number, number[]>();

  readonly onDidDeliver = this.delivered.event;
  readonly faults = {
    add: (faults: readonly DeliveryFault[]) => this.deliveryFaults.add(faults),
    list: () => this.deliveryFaults.list(),
    remove: (id: number) => this.deliveryFaults.remove(id),
    clear: () => this.deliveryFaults.clear(),
  };

  private registry = new WebhookRegistry();
  private settings: WebhookSettings = {};
  private attached: SandboxState | undefined;

  constructor(private readonly setup: HubSetup) {
    this.restart();
    setup.closing.addEventListener('abort', () => this.dispose());
  }

  private get state(): SandboxState {
    return this.setup.state();
  }

  private get closing(): AbortSignal {
    return this.setup.closing;
  }

  /**
   * Back to the registrations and delivery faults the account started with (its scenario's and
   * options'), heard by its current state: at start and after each reset. Deliveries under way go on.
   */
  restart(): void {
    this.settings = this.setup.settings();
    const registry = new WebhookRegistry(new Set((this.settings.register ?? []).flatMap((input) => (input.id === undefined ? [] : [input.id]))));
    for (const input of this.settings.register ?? []) {
      registry.register(input);
    }
    registry.numberPastAll();
    this.registry = registry;
    this.deliveryFaults.clear();
    this.deliveryFaults.add(this.settings.faults ?? []);
    this.attach();
  }

  /** Makes the account's current state tell this hub of its order changes and webhook calls. */
  private attach(): void {
    const state = this.state;
    if (this.attached === state) {
      return;
    }
    this.attached = state;
    state.webhooks = {
      statusChanged: (order, status) => void this.emit('orderStatus', order, { status }),
      manage: (request) => this.registry.answer(request),
    };
  }

  list(): Webhook[] {
    return this.registry.list();
  }

  /** Whether deliveries to the URL are sent: only loopback ones are, unless the settings allow remote ones. */
  sendsTo(url: string | URL): boolean {
    return this.settings.allowRemote === true || isLoopback(typeof url === 'string' ? new URL(url) : url);
  }

  register(input: WebhookInput): Webhook {
    return this.registry.register(input);
  }

  remove(id: number): boolean {
    return this.registry.remove(id);
  }

  private order(orderId: string): CustomerOrder {
    if (typeof orderId !== 'string' || orderId === '') {
      throw new WebhookError('OTO1010', `orderId must be the id of an order of the sandbox, as a string (such as "1042"), got ${JSON.stringify(orderId) ?? 'nothing'}`);
    }
    const order = this.state.orders.find((candidate) => candidate.orderId === orderId);
    if (!order) {
      throw new WebhookError('OTO1002', `The order ID does not exist: ${JSON.stringify(orderId)}`, 404);
    }
    return order;
  }

  setOrderStatus(orderId: string, status: string): void {
    if (typeof status !== 'string' || !STATUS.test(status)) {
      throw new WebhookError('OTO1010', `status must be one of OTO's statuses (a word such as "shipmentCreated"), got ${JSON.stringify(status)}`);
    }
    const order = this.order(orderId);
    if (status === 'picked' && order.packingStatus !== 'none') {
      throw new WebhookError('OTO1103', `Status of the order is not suitable for the action: ${orderId} is already ${order.packingStatus}`);
    }
    if (status === 'packed' && order.packingStatus === 'packed') {
      throw new WebhookError('OTO1103', `Status of the order is not suitable for the action: ${orderId} is already packed`);
    }
    // OTO sends orderStatus when the status changes: setting the one it has changes nothing, so no event.
    if (status === order.status) {
      throw new WebhookError('OTO1103', `Status of the order is not suitable for the action: ${orderId} is already ${status} (POST /__oto/webhooks/trigger sends an event again)`);
    }
    // The packing queue follows: picked, packed and every later status go through the packing flow
    // (which fires its own orderStatus), so the order leaves the queue once packed.
    if (status === 'picked' || (impliesPacked(status) && order.packingStatus !== 'packed')) {
      applyPackingStatus(this.state, order, status === 'picked' ? 'picked' : 'packed', 'the sandbox');
    }
    if (status !== 'picked' && status !== 'packed') {
      order.status = status;
      order.statusHistory.push({ id: this.state.nextEventId++, date: this.state.now().toISOString().slice(0, 19), description: 'Status set through the sandbox', status });
      trimHistories(order);
      this.emit('orderStatus', order, { status });
    }
    this.setup.changed();
  }

  addOrder(input: NewOrderInput): void {
    const full = customerOrdersFull(this.state);
    if (full !== undefined) {
      throw new WebhookError('OTO1010', full, 507);
    }
    const problems = this.orderProblems(input);
    if (problems.length > 0) {
      throw new WebhookError('OTO1010', problems.join('; '), 400, problems);
    }
    const order = addArrivingOrder(this.state, { orderId: input.orderId, warehouseCode: input.warehouseCode, items: input.items });
    this.setup.changed();
    this.emit('newOrders', order, {});
  }

  private orderProblems(input: NewOrderInput): string[] {
    const problems: string[] = [];
    if (typeof input.orderId !== 'string' || input.orderId.trim() === '' || input.orderId.length > 100) {
      problems.push('orderId must be a non-empty string of at most 100 characters');
    } else if (this.state.orders.some((order) => order.orderId === input.orderId)) {
      problems.push(`orderId ${JSON.stringify(input.orderId)} already exists`);
    }
    const warehouse = typeof input.warehouseCode === 'string' ? this.state.locationByCode.get(input.warehouseCode) : undefined;
    if (!warehouse || warehouse.kind !== 'warehouse') {
      const codes = this.state.locations.filter((location) => location.kind === 'warehouse').map((location) => location.code);
      problems.push(`warehouseCode must be one of the warehouses (${codes.join(', ')}), got ${JSON.stringify(input.warehouseCode)}`);
    }
    if (!Array.isArray(input.items) || input.items.length === 0 || input.items.length > 500) {
      problems.push('items must be a list of 1 to 500 items');
    } else {
      input.items.forEach((item, index) => {
        if (item === null || typeof item !== 'object') {
          problems.push(`items[${index}] must be an object`);
          return;
        }
        if (typeof item.sku !== 'string' || item.sku.trim() === '' || item.sku.length > 200) {
          problems.push(`items[${index}].sku must be a non-empty string`);
        } else if (!this.state.productBySku.has(item.sku) && (typeof item.name !== 'string' || item.name === '')) {
          problems.push(`items[${index}]: ${JSON.stringify(item.sku)} is not in the catalogue, so the item needs a "name"`);
        }
        if (!Number.isSafeInteger(item.quantity) || item.quantity < 1 || item.quantity > 100_000) {
          problems.push(`items[${index}].quantity must be a whole number from 1 to 100000`);
        }
        if (item.price !== undefined && !(typeof item.price === 'number' && Number.isFinite(item.price) && item.price >= 0)) {
          problems.push(`items[${index}].price must be a number of 0 or more`);
        }
      });
    }
    return problems;
  }

  preview(type: WebhookType, orderId: string): Record<string, unknown> {
    return payloadOf(this.state, checkedType(type), this.order(orderId));
  }

  get lastEventId(): number {
    return this.eventCount;
  }

  trigger(request: TriggerRequest): number {
    const type = checkedType(request.type);
    const fields = request.fields ?? {};
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      throw new WebhookError('OTO1010', 'fields must be an object of the payload fields to override');
    }
    // An id as OTO gives it: a number, or its digits as POST /rest/v2/webhook answers it.
    const only = request.webhookId === undefined ? undefined : webhookIdOf(request.webhookId);
    if (request.webhookId !== undefined) {
      if (only === undefined) {
        throw new WebhookError('OTO1010', `webhookId must be the id of a registered webhook (a whole number, from GET /rest/v2/webhook), got ${JSON.stringify(request.webhookId)}`);
      }
      const hook = this.registry.get(only);
      if (!hook) {
        throw new WebhookError('OTO1125', `webhookId ${only} is not a webhook of this account (GET /rest/v2/webhook lists them)`, 404);
      }
      if (hook.webhookType !== type) {
        throw new WebhookError('OTO1010', `webhook ${hook.id} is registered for ${hook.webhookType}, not ${type}`);
      }
    }
    return this.emit(type, this.order(request.orderId), fields, only);
  }

  /** Builds the event for every webhook of `type` and queues its deliveries; returns how many. */
  private emit(type: WebhookType, order: CustomerOrder, overrides: Record<string, unknown>, only?: number): number {
    const hooks = this.registry.of(type).filter((hook) => only === undefined || hook.id === only);
    if (hooks.length === 0 || this.closing.aborted) {
      return 0;
    }
    const base = { ...payloadOf(this.state, type, order), ...overrides };
    const now = this.state.now().getTime();
    this.eventCount++;
    for (const hook of hooks) {
      this.dispatch({ ...this.build(hook, type, order.orderId, base, now), eventId: this.eventCount });
    }
    return hooks.length;
  }

  private build(hook: Webhook, type: WebhookType, orderId: string, base: Record<string, unknown>, now: number): Omit<Job, 'eventId'> {
    const faults = this.deliveryFaults.take(type);
    const staleFault = faults.has('staleTimestamp');
    const payload: Record<string, unknown> = { ...base };
    if (!('timestamp' in base) || staleFault) {
      payload.timestamp = timestampOf(hook, this.settings, staleFault ? now - STALE_BY_MS : now);
    }
    // A timestamp the trigger's fields wrote is judged as a receiver would: stale past STALE_AFTER_MS.
    const writtenAt = staleFault ? undefined : timestampMs(payload.timestamp);
    const stale = staleFault || (writtenAt !== undefined && Math.abs(now - writtenAt) > STALE_AFTER_MS);
    // newOrders carries the order's fields one level down and, in OTO's text, no signature.
    const signed = type === 'newOrders' ? (this.settings.signNewOrders ?? false) : true;
    const subject = type === 'newOrders' ? { ...(payload.order as Record<string, unknown>), timestamp: payload.timestamp } : payload;
    const field = signedField(type, this.settings.shipmentErrorSigning);
    const event = signedValue(subject[field]);
    let signature: WebhookDeliveryInfo['signature'] = 'none';
    if (signed && hook.secretKey !== undefined && !('signature' in base)) {
      const wrong = faults.has('wrongSignature');
      payload.signature = sign(wrong ? `${hook.secretKey}-not-the-secret` : hook.secretKey, signingString(subject, field));
      signature = wrong ? 'wrong' : 'valid';
    } else if ('signature' in base && hook.secretKey !== undefined) {
      // Written by the trigger's fields: sent as written, and judged against the webhook's secret, so
      // the receiver rules know a forged one (the inbox refuses it as any careful receiver would).
      signature = payload.signature === sign(hook.secretKey, signingString(subject, field)) ? 'valid' : 'wrong';
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': WEBHOOK_USER_AGENT };
    if (hook.authorizationKey !== undefined) {
      headers.Authorization = this.settings.authorization === 'bearer' ? `Bearer ${hook.authorizationKey}` : hook.authorizationKey;
    }
    const applied = [...faults.keys()];
    return {
      hook,
      type,
      orderId,
      url: new URL(hook.url),
      body: JSON.stringify(payload),
      headers,
      info: { webhookId: hook.id, type, orderId, event, signedField: field, signature, stale, faults: applied },
      faults,
      attempt: 1,
    };
  }

  /** Applies the faults that decide when (or whether) a job goes, then queues it. */
  private dispatch(job: Job): void {
    const key = `${job.hook.id}\u0000${job.orderId}`;
    if (job.faults.has('drop')) {
      this.finish(job, undefined, 'dropped');
      return;
    }
    if (!this.admit(job)) {
      return;
    }
    if (job.faults.has('outOfOrder')) {
      const list = this.held.get(key) ?? [];
      const timer = setTimeout(() => this.release(key, job), MAX_HOLD_MS);
      list.push({ job, timer });
      this.held.set(key, list);
      return;
    }
    const delay = job.faults.get('delay');
    if (delay) {
      this.later(delay.delayMs ?? DEFAULT_DELAY_MS, job);
      return;
    }
    this.enqueue(job);
  }

  private later(ms: number, job: Job): void {
    this.pending++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.pending--;
      this.enqueue(job);
    }, ms);
    this.timers.add(timer);
  }

  /** Sends the held job(s) of `key`: all of them once a later event went, or `only` when its wait ran out. */
  private release(key: string, only?: Job): void {
    const list = this.held.get(key) ?? [];
    const going = only ? list.filter((entry) => entry.job === only) : list;
    const staying = list.filter((entry) => !going.includes(entry));
    if (staying.length > 0) {
      this.held.set(key, staying);
    } else {
      this.held.delete(key);
    }
    for (const entry of going) {
      clearTimeout(entry.timer);
      this.enqueue(entry.job);
    }
  }

  /** Counts a job in among those waiting, or records it as not sent when they are at their bound. */
  private admit(job: Job): boolean {
    if (this.waiting >= MAX_QUEUED || this.waitingBytes + job.body.length > MAX_QUEUED_BYTES) {
      this.finish(job, undefined, 'queue full');
      return false;
    }
    this.waiting++;
    this.waitingBytes += job.body.length;
    return true;
  }

  /** Queues an admitted job to be sent. */
  private enqueue(job: Job): void {
    if (this.closing.aborted) {
      return;
    }
    this.pending++;
    this.queue.push(job);
    // Sent on a later turn: the /rest/v2/ answer that caused the event goes out first.
    if (!this.pumpScheduled) {
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this.pump();
      });
    }
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const job = this.queue.shift() as Job;
      this.waiting--;
      this.waitingBytes -= job.body.length;
      this.inFlight++;
      void this.send(job).finally(() => {
        this.inFlight--;
        this.pending--;
        this.pump();
        this.checkIdle();
      });
    }
  }

  private async send(job: Job): Promise<void> {
    if (!this.sendsTo(job.url)) {
      this.finish(job, undefined, 'not loopback');
      return;
    }
    const starts = this.starts.get(job.hook.id) ?? [];
    starts.push(this.setup.wallClock());
    if (starts.length > RECENT_STARTS) {
      starts.shift();
    }
    this.starts.set(job.hook.id, starts);
    const result = await deliver({
      url: job.url,
      method: job.hook.method === 'put' ? 'PUT' : 'POST',
      headers: job.headers,
      body: job.body,
      timeoutMs: this.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: this.closing,
    });
    if (result.error === 'closed') {
      return;
    }
    const acknowledged = result.error === undefined && result.status !== undefined && result.status >= 200 && result.status < 300;
    const retry = job.faults.get('retry');
    const next = !acknowledged && retry && job.attempt < (retry.attempts ?? DEFAULT_ATTEMPTS) ? { ...job, attempt: job.attempt + 1 } : undefined;
    // Admitted before the outcome is told, so it says whether this attempt is the event's last.
    const retrying = next !== undefined && this.admit(next);
    const exchangeId = this.finish(job, result, result.error, !retrying);
    // A later event of this order went, answered or not: what was held back for it goes now, after
    // it, whatever retries or copies of it are still to come.
    if (job.copyOf === undefined && job.attempt === 1) {
      const key = `${job.hook.id}\u0000${job.orderId}`;
      if (this.held.has(key)) {
        this.release(key);
      }
    }
    if (next) {
      if (retrying) {
        this.later(retryWaitMs(retry?.backoffMs ?? DEFAULT_BACKOFF_MS, job.attempt), next);
      }
      return;
    }
    if (job.faults.has('duplicate') && job.copyOf === undefined) {
      // The copy is not retried: its record says so too.
      const copy = { ...job, attempt: 1, copyOf: exchangeId ?? 0, faults: new Map([...job.faults].filter(([kind]) => kind !== 'retry')), info: { ...job.info, faults: job.info.faults.filter((kind) => kind !== 'retry') } };
      if (this.admit(copy)) {
        this.enqueue(copy);
      }
    }
  }

  /** Records the delivery as an outbound exchange and tells the listeners; returns the exchange id. */
  private finish(job: Job, result: DeliveryResult | undefined, error: string | undefined, final = true): number | undefined {
    const info: WebhookDeliveryInfo = { ...job.info, attempt: job.attempt, sent: result !== undefined, ...(error === undefined ? {} : { error }), ...(job.copyOf === undefined ? {} : { copyOf: job.copyOf }) };
    const described = [...job.info.faults.map((kind) => (kind === 'duplicate' && job.copyOf !== undefined ? 'duplicate copy' : kind)), ...(job.attempt > 1 ? [`attempt ${job.attempt}`] : []), ...(result ? [] : [error ?? 'not sent'])];
    if (job.copyOf !== undefined) {
      this.lastCopyAt = this.setup.wallClock();
    }
    const exchangeId = this.setup.record?.(
      {
        startedAt: this.setup.wallClock() - (result?.durationMs ?? 0),
        source: { kind: 'sandbox' },
        remoteAddress: job.url.hostname,
        remotePort: Number(job.url.port) || (job.url.protocol === 'https:' ? 443 : 80),
        method: job.hook.method === 'put' ? 'PUT' : 'POST',
        target: job.url.href,
        requestHeaders: job.headers,
        requestBody: job.body,
        authenticated: true,
        // A status that came before a timeout or a cut is known: it is kept beside the error.
        status: result?.status,
        responseHeaders: result?.headers,
        responseBody: result?.body,
        durationMs: result?.durationMs ?? 0,
        fault: described.length > 0 ? `webhook: ${described.join(', ')}` : undefined,
      },
      info,
      result?.bytes,
    );
    this.delivered.fire({
      webhookId: job.hook.id,
      type: job.type,
      orderId: job.orderId,
      ...(result?.status === undefined ? {} : { status: result.status }),
      ...(error === undefined ? {} : { error }),
      attempt: job.attempt,
      eventId: job.eventId,
      final,
      ...(exchangeId === undefined ? {} : { exchangeId }),
    });
    return exchangeId;
  }

  /** Whether a send to `webhookId` started after `from` and at or before `to`, other than those started at `except` (within 5 ms). */
  startedBetween(webhookId: number, from: number, to: number, except: readonly number[]): boolean {
    return (this.starts.get(webhookId) ?? []).some((at) => at > from + 5 && at <= to && !except.some((known) => Math.abs(known - at) <= 5));
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private checkIdle(): void {
    if (this.pending === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  private dispose(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    for (const list of this.held.values()) {
      list.forEach((entry) => clearTimeout(entry.timer));
    }
    this.timers.clear();
    this.held.clear();
    this.queue.length = 0;
    this.waiting = 0;
    this.waitingBytes = 0;
    this.pending = this.inFlight;
    this.checkIdle();
    this.delivered.dispose();
  }
}
