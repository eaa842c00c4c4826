// The last N exchanges, newest first, for the Requests view and the virtual documents. A fixed
// ring so a long session (polling every few seconds) never grows memory. A failed read like one
// already in the run of failures since the last success is counted on that entry, not added.
import { isError, sameFailure, type Exchange, type RequestEventLike } from './exchange';

export class ExchangeLog {
  private readonly slots: Array<Exchange | undefined>;
  private next = 0;
  private count = 0;
  private nextId = 1;
  private readonly listeners = new Set<(exchange: Exchange) => void>();

  constructor(readonly capacity = 200) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    this.slots = new Array<Exchange | undefined>(capacity);
  }

  /** Keeps a copy of the event's fields (never the caller's object, which it might reuse). */
  add(event: RequestEventLike): Exchange {
    const repeated = this.repeatOf(event);
    const exchange: Exchange = {
      id: repeated ? repeated.exchange.id : this.nextId++,
      ...(repeated ? { count: (repeated.exchange.count ?? 1) + 1, firstAt: repeated.exchange.firstAt ?? repeated.exchange.startedAt } : {}),
      ...(event.environment !== undefined ? { environment: event.environment } : {}),
      startedAt: event.startedAt,
      method: event.method,
      endpoint: event.endpoint,
      url: event.url,
      operation: event.operation,
      attempt: event.attempt,
      durationMs: event.durationMs,
      ...(event.requestHeaders ? { requestHeaders: { ...event.requestHeaders } } : {}),
      ...(event.requestBody !== undefined ? { requestBody: event.requestBody } : {}),
      ...(event.status !== undefined ? { status: event.status } : {}),
      ...(event.responseBody !== undefined ? { responseBody: event.responseBody } : {}),
      ...(event.error ? { error: { kind: event.error.kind, message: event.error.message, ...(event.error.code ? { code: event.error.code } : {}) } } : {}),
    };
    if (repeated) {
      this.slots[repeated.slot] = exchange;
    } else {
      this.slots[this.next] = exchange;
      this.next = (this.next + 1) % this.capacity;
      this.count = Math.min(this.count + 1, this.capacity);
    }
    for (const listener of this.listeners) {
      listener(exchange);
    }
    return exchange;
  }

  /** The entry of the same failure within the trailing run of failures, and where it is. */
  private repeatOf(event: RequestEventLike): { exchange: Exchange; slot: number } | undefined {
    if (!isError(event) || event.operation === 'write') {
      return undefined;
    }
    for (let i = 1; i <= this.count; i++) {
      const slot = (this.next - i + this.capacity) % this.capacity;
      const exchange = this.slots[slot];
      if (!exchange || !isError(exchange)) {
        return undefined;
      }
      if (sameFailure(exchange, event)) {
        return { exchange, slot };
      }
    }
    return undefined;
  }

  /** Newest first. */
  list(): Exchange[] {
    const result: Exchange[] = [];
    for (let i = 1; i <= this.count; i++) {
      const slot = this.slots[(this.next - i + this.capacity) % this.capacity];
      if (slot) {
        result.push(slot);
      }
    }
    return result;
  }

  /** The exchange with this id, or undefined once it has been pushed out of the ring. */
  get(id: number): Exchange | undefined {
    const newest = this.nextId - 1;
    if (!Number.isInteger(id) || id < 1 || newest - id >= this.count || id > newest) {
      return undefined;
    }
    const slot = this.slots[(this.next - 1 - (newest - id) + this.capacity) % this.capacity];
    return slot?.id === id ? slot : undefined;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.count = 0;
    this.next = 0;
  }

  onDidAdd(listener: (exchange: Exchange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
