// One warehouse's packing queue: the orders OTO lists as ready for pick and pack, each with the
// packing state we know it to be in. `getPackingOrders` says nothing about an order's state, so
// the state comes from what we did (our own successful updates) and what `orderDetails` tells
// us (its packing history, read for every order not yet known to be picked); an order whose
// history cannot be read is "unknown", never guessed. The known states survive a reload through
// `KnownStates` and are pruned to the orders still queued.
import { isQueueOrder, type OrderDetailsView, type PackingState, type PackingStatus, type QueueOrder } from './protocol';
import { toDetailsView, latestPackingStatus } from './details';
import { OtoError } from '../client';
import { SharedAbort } from '../common/ui/cancellation';

/** The part of `OtoClient` the queue uses (structural, so any client with these methods fits). */
export interface PackingApi {
  getPackingOrders(warehouseCode: string, options?: { signal?: AbortSignal }): Promise<ReadonlyArray<ApiPackingOrder>>;
  updatePackingStatus(input: { orderId: string; packingStatus: PackingStatus }): Promise<unknown>;
  getOrderDetails(orderId: string, options?: { signal?: AbortSignal }): Promise<unknown>;
}

export interface ApiPackingOrder {
  orderId: string | number;
  items: ReadonlyArray<{ sku: string; name?: string; quantity: number }>;
}

/** Where known states are kept between sessions (a Memento in the extension, a Map in tests). */
export interface KnownStates {
  get(warehouseCode: string): Readonly<Record<string, PackingStatus>>;
  set(warehouseCode: string, states: Record<string, PackingStatus>): void;
}

/** Why a status change was refused before anything was sent. */
export type RefusalReason = 'notInQueue' | 'busy' | 'alreadyPicked' | 'alreadyPacked' | 'notPicked';

export class StatusRefusedError extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly orderId: string,
  ) {
    super(`${reason}: ${orderId}`);
    this.name = 'StatusRefusedError';
  }
}

/** How many orderDetails reads a queue read runs at once. */
export const DETAILS_AT_ONCE = 4;

/** `map` with at most `limit` calls in flight; results in input order. None starts once `signal` fired. */
async function mapLimited<T, R>(items: readonly T[], limit: number, call: (item: T) => Promise<R>, signal: AbortSignal): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      results[index] = await call(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** OTO listed an order the page would refuse (a blank id or SKU, a quantity below 1 or not whole). */
export class UnshowableOrderError extends Error {
  constructor(readonly orderId: string) {
    super(`OTO listed order "${orderId.slice(0, 80)}" with an id, a SKU or a quantity that makes no sense`);
    this.name = 'UnshowableOrderError';
  }
}

/** An answer arrived after the session changed (sign-in, sign-out, switch): it is dropped. */
export class SessionChangedError extends Error {
  constructor() {
    super('The OTO session changed while the answer was on its way.');
    this.name = 'SessionChangedError';
  }
}

const RANK: Record<PackingState, number> = { unknown: 0, ready: 0, picked: 1, packed: 2 };

/** The later of two states: OTO's history can lag behind a change we just made. */
function furthest(a: PackingState, b: PackingState): PackingState {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Why `target` cannot follow `current`, or undefined when it can. */
export function refusal(current: PackingState, target: PackingStatus, skipPicked: boolean): RefusalReason | undefined {
  if (current === 'packed') {
    return 'alreadyPacked';
  }
  if (target === 'picked') {
    return current === 'picked' ? 'alreadyPicked' : undefined;
  }
  return (current === 'ready' || current === 'unknown') && !skipPicked ? 'notPicked' : undefined;
}

export interface PackingQueueOptions {
  warehouseCode: string;
  getApi(): Promise<PackingApi>;
  known: KnownStates;
  /** The environment `getApi` talks to now: a queue read in one is never acted on in another. */
  scope?: () => string;
  /** The session's generation (changes on sign-in, sign-out, switch): nor across a new sign-in. */
  generation?: () => number;
  now?: () => number;
}

/** The environment and session generation an answer was read in. */
interface ReadIn {
  scope: string | undefined;
  generation: number | undefined;
}

export class PackingQueue {
  private current: QueueOrder[] = [];
  private read: number | undefined;
  /** Where the current orders were read. */
  private readIn: ReadIn | undefined;
  private loading: { orders: Promise<QueueOrder[]>; cancel: SharedAbort } | undefined;
  private readonly updating = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly options: PackingQueueOptions) {
    this.now = options.now ?? Date.now;
  }

  get orders(): readonly QueueOrder[] {
    return this.current;
  }

  /** When the queue was last read (epoch ms), or undefined before the first read. */
  get readAt(): number | undefined {
    return this.read;
  }

  /**
   * Reads the queue again; concurrent callers share one read, which stops (rejecting `aborted`)
   * once every caller's `signal` has fired, and keeps nothing it read.
   */
  load(signal?: AbortSignal): Promise<QueueOrder[]> {
    if (!this.loading || this.loading.cancel.abandoned) {
      const cancel = new SharedAbort();
      const loading = { cancel, orders: this.fetch(cancel.signal) };
      void loading.orders.then(undefined, () => undefined).finally(() => {
        cancel.dispose();
        if (this.loading === loading) {
          this.loading = undefined;
        }
      });
      this.loading = loading;
    }
    this.loading.cancel.join(signal);
    return this.loading.orders;
  }

  /** Forgets the orders read so far: they belong to a session that has ended. */
  reset(): void {
    this.current = [];
    this.read = undefined;
    this.readIn = undefined;
    // A read under way belongs to the old session too: it stops, and the next load starts its own.
    this.loading?.cancel.abort();
    this.loading = undefined;
  }

  /** Where an answer is being read now, taken before the request so a change during it shows. */
  private session(): ReadIn {
    return { scope: this.options.scope?.(), generation: this.options.generation?.() };
  }

  private isCurrent(readIn: ReadIn | undefined): boolean {
    const now = this.session();
    return readIn !== undefined && readIn.scope === now.scope && readIn.generation === now.generation;
  }

  private async fetch(signal: AbortSignal): Promise<QueueOrder[]> {
    const readIn = this.session();
    const api = await this.options.getApi();
    const listed = await api.getPackingOrders(this.options.warehouseCode, { signal });
    if (!this.isCurrent(readIn)) {
      // The session changed during the read: this answer describes what the user left.
      throw new SessionChangedError();
    }
    const known = this.options.known.get(this.options.warehouseCode);
    // Null-prototype: an order id is data, and `__proto__` is a possible one.
    const kept = Object.create(null) as Record<string, PackingStatus>;
    const orders = listed.map((order) => {
      const orderId = String(order.orderId);
      const remembered = Object.hasOwn(known, orderId) ? known[orderId] : undefined;
      if (remembered) {
        kept[orderId] = remembered;
      }
      // An item OTO lists without a name is shown by its SKU.
      const items = order.items.map((item) => ({ sku: item.sku, name: item.name?.trim() ? item.name : item.sku, quantity: item.quantity }));
      if (!isQueueOrder({ orderId, items, state: 'ready' })) {
        throw new UnshowableOrderError(orderId);
      }
      return { orderId, remembered, items };
    });
    // The list says nothing of an order's state: each one not known to be picked is looked up in
    // its packing history, a few at a time, before any badge is shown.
    const states = await mapLimited(orders, DETAILS_AT_ONCE, ({ orderId, remembered }) => (remembered ? Promise.resolve<PackingState>(remembered) : this.stateFromHistory(api, orderId, signal)), signal);
    if (!this.isCurrent(readIn)) {
      throw new SessionChangedError();
    }
    if (signal.aborted) {
      // Given up: the states read so far would show as "unknown", which they are not.
      throw new OtoError({ kind: 'aborted', endpoint: 'orderDetails', message: 'Reading the packing queue was cancelled' });
    }
    this.current = orders.map(({ orderId, items }, index) => {
      const state = states[index];
      if (state === 'picked' || state === 'packed') {
        kept[orderId] = state;
      }
      return { orderId, state, items };
    });
    this.options.known.set(this.options.warehouseCode, kept);
    this.read = this.now();
    this.readIn = readIn;
    return this.current;
  }

  /** Ready unless the history says picked or packed; unknown when the history cannot be read. */
  private async stateFromHistory(api: PackingApi, orderId: string, signal: AbortSignal): Promise<PackingState> {
    try {
      return latestPackingStatus(await api.getOrderDetails(orderId, { signal })) ?? 'ready';
    } catch {
      return 'unknown';
    }
  }

  /** Moves an order on; refuses (sending nothing) what the packing flow does not allow. */
  async setStatus(orderId: string, target: PackingStatus, skipPicked: boolean): Promise<PackingState> {
    const order = this.current.find((candidate) => candidate.orderId === orderId);
    if (!order) {
      throw new StatusRefusedError('notInQueue', orderId);
    }
    if (this.updating.has(orderId)) {
      throw new StatusRefusedError('busy', orderId);
    }
    const reason = refusal(order.state, target, skipPicked);
    if (reason) {
      throw new StatusRefusedError(reason, orderId);
    }
    this.updating.add(orderId);
    try {
      const api = await this.options.getApi();
      // After an environment switch or a new sign-in the same order id may name another order, or
      // none: until the queue is read again there, nothing is sent.
      if (!this.isCurrent(this.readIn)) {
        throw new StatusRefusedError('notInQueue', orderId);
      }
      await api.updatePackingStatus({ orderId, packingStatus: target });
      this.remember(orderId, target);
      return target;
    } finally {
      this.updating.delete(orderId);
    }
  }

  /** The order's details; its packing history also tells us its state. */
  async details(orderId: string, signal?: AbortSignal): Promise<OrderDetailsView> {
    const readIn = this.session();
    const api = await this.options.getApi();
    const raw = await api.getOrderDetails(orderId, { signal });
    if (!this.isCurrent(readIn)) {
      throw new SessionChangedError();
    }
    const fromHistory = latestPackingStatus(raw);
    if (fromHistory) {
      this.remember(orderId, fromHistory);
    }
    return toDetailsView(raw);
  }

  /** The state now known for an order in the queue, or undefined when it is not queued. */
  stateOf(orderId: string): PackingState | undefined {
    return this.current.find((order) => order.orderId === orderId)?.state;
  }

  private remember(orderId: string, status: PackingStatus): void {
    const order = this.current.find((candidate) => candidate.orderId === orderId);
    if (!order) {
      return;
    }
    const state = furthest(order.state, status);
    this.current = this.current.map((candidate) => (candidate === order ? { ...order, state } : candidate));
    const known = { ...this.options.known.get(this.options.warehouseCode) };
    known[orderId] = state as PackingStatus;
    this.options.known.set(this.options.warehouseCode, known);
  }
}
