// The bounded store of recent exchanges: numbers them, has the lint judge each against the ones
// before it, and tells its readers (the CLI's log, the Sandbox Traffic view). Bounded in count and
// in bytes, whatever the clients send.
import { Emitter, type Event } from '../common/emitter';
import { oldestToCut } from '../common/trim';
import { captureExchange, keptCost, type CapturedExchange, type RawExchange } from './capture';
import type { Finding, TrafficExchange } from './exchange';
import { TokenFamilies } from './families';
import { lint, type LintOptions } from './lint';
import type { Rule } from './rules';

export interface TrafficStoreOptions {
  /** How many exchanges are kept (default 1,000). */
  readonly capacity?: number;
  /** How many bytes of bodies are kept in all (default 32 MB); the oldest go first. */
  readonly maxBytes?: number;
  /** Lint options, or `false` to keep exchanges without judging them. */
  readonly lint?: Partial<LintOptions> | false;
  /** Rules run after the contract lint's own, e.g. the recording proxy's `shape-drift`. */
  readonly rules?: readonly Rule[];
  /** The first exchange's id (default 1): two stores shown in one view keep their ids apart. */
  readonly firstId?: number;
}

export const DEFAULT_CAPACITY = 1000;
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** What an exchange costs beyond its bodies (headers, fields), for the byte bound. */
const OVERHEAD_BYTES = 512;
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
/**
 * Raw exchanges waiting past this are recorded at once: what waits holds unshortened tokens and
 * whole bodies, so it stays small even when one turn of the event loop answers a great many.
 */
const MAX_WAITING = 256;

function sizeOf(exchange: TrafficExchange): number {
  // UTF-16 in memory: two bytes a character; a body's kept parse counts too.
  return OVERHEAD_BYTES + keptCost(exchange.requestBody) + keptCost(exchange.responseBody) + 2 * (exchange.target?.length ?? 0);
}

export class TrafficStore {
  readonly capacity: number;
  readonly maxBytes: number;
  private readonly lintOptions: Partial<LintOptions> | false;
  private readonly extraRules: readonly Rule[];
  /** Oldest first; up to `capacity + slack` (see `trim`). */
  private readonly kept: TrafficExchange[] = [];
  /** The byte cost of each kept exchange, in the same order. */
  private readonly sizes: number[] = [];
  /** How far past `capacity` the array grows before the oldest are cut, all at once. */
  private readonly slack: number;
  private bytes = 0;
  private nextId = 1;
  private readonly families = new TokenFamilies();
  /**
   * Exchanges a server handed over raw (`capture`), oldest first, not yet recorded; `waitingFrom`
   * is the first not taken yet, so one that ends while a flush runs joins that flush.
   */
  private waiting: (RawExchange | undefined)[] = [];
  private waitingFrom = 0;
  private scheduled: NodeJS.Immediate | undefined;
  /** Inside `flush`: a listener reading the store sees it as it is at that exchange. */
  private flushing = false;
  private readonly recorded = new Emitter<TrafficExchange>();
  private readonly cleared = new Emitter<void>();

  /** After each exchange is recorded, with its findings. */
  readonly onDidRecord: Event<TrafficExchange> = this.recorded.event;
  readonly onDidClear: Event<void> = this.cleared.event;

  constructor(options: TrafficStoreOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_CAPACITY;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    for (const [name, value] of [['capacity', this.capacity], ['maxBytes', this.maxBytes]] as const) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new RangeError(`${name} must be a positive integer, got ${value}`);
      }
    }
    this.lintOptions = options.lint ?? {};
    this.extraRules = options.rules ?? [];
    this.nextId = options.firstId ?? 1;
    this.slack = Math.max(1, Math.floor(this.capacity / 8));
  }

  /**
   * Takes a finished exchange as its server saw it, and records it (capture, lint, listeners) in
   * one batch once the current turn of the event loop is done, so none of that delays an answer.
   * Every reader of the store records what is waiting first: whoever reads right after an answer or
   * an abandoned call finds the exchange there, as if it had been recorded at once. The raw
   * exchange (tokens unshortened) is private to the store and lives at most until then.
   */
  capture(raw: RawExchange): void {
    this.waiting.push(raw);
    if (this.waiting.length - this.waitingFrom >= MAX_WAITING) {
      this.flush();
    } else {
      this.scheduled ??= setImmediate(() => this.flush());
    }
  }

  /** Records every exchange waiting (see `capture`); what the readers call first. */
  flush(): void {
    if (this.flushing || this.waitingFrom === this.waiting.length) {
      return;
    }
    if (this.scheduled) {
      clearImmediate(this.scheduled);
      this.scheduled = undefined;
    }
    this.flushing = true;
    try {
      while (this.waitingFrom < this.waiting.length) {
        const raw = this.waiting[this.waitingFrom] as RawExchange;
        this.waiting[this.waitingFrom++] = undefined;
        try {
          this.recordNow(captureExchange(raw));
        } catch (error) {
          // Capture is an observer: whatever goes wrong in it, the server keeps serving.
          console.error('OTO traffic capture failed:', error);
        }
      }
    } finally {
      this.waiting = [];
      this.waitingFrom = 0;
      this.flushing = false;
    }
  }

  /** Numbers `captured`, judges it and keeps it; the store owns the object from now on. */
  record(captured: CapturedExchange): TrafficExchange {
    // After what is waiting, so ids stay in the order the exchanges ended.
    this.flush();
    return this.recordNow(captured);
  }

  private recordNow(captured: CapturedExchange): TrafficExchange {
    // Taken over rather than copied: capture made it for the store, and copying costs every request.
    const exchange = captured as { -readonly [K in keyof TrafficExchange]: TrafficExchange[K] };
    exchange.id = this.nextId++;
    exchange.findings = NO_FINDINGS;
    this.families.assign(exchange);
    if (this.lintOptions !== false) {
      // Judged before it joins the history, so no rule compares it with itself.
      exchange.findings = lint(this.kept, exchange, this.lintOptions, this.extraRules);
    }
    const size = sizeOf(exchange);
    this.kept.push(exchange);
    this.sizes.push(size);
    this.bytes += size;
    this.trim();
    this.recorded.fire(exchange);
    return exchange;
  }

  /**
   * Cuts the oldest exchanges: past the byte bound at once, past the count bound only once the
   * slack is used up. Cutting one at a time would move the whole array on every request.
   */
  private trim(): void {
    const { cut, bytes } = oldestToCut(this.sizes, this.bytes, { maxCount: this.capacity + this.slack, keepCount: this.capacity, maxBytes: this.maxBytes });
    if (cut > 0) {
      this.kept.splice(0, cut);
      this.sizes.splice(0, cut);
      this.bytes = bytes;
    }
  }

  /** The last `capacity` exchanges, newest first. */
  list(): TrafficExchange[] {
    this.flush();
    const result: TrafficExchange[] = [];
    for (let i = this.kept.length - 1; i >= 0 && result.length < this.capacity; i--) {
      result.push(this.kept[i]);
    }
    return result;
  }

  /** Oldest first, as the lint reads it (a few more than `capacity` until the next cut). */
  history(): readonly TrafficExchange[] {
    this.flush();
    return this.kept;
  }

  /** How many exchanges `list()` shows. */
  get size(): number {
    this.flush();
    return Math.min(this.kept.length, this.capacity);
  }

  /** Bytes the kept exchanges take, as the byte bound counts them. */
  get keptBytes(): number {
    this.flush();
    return this.bytes;
  }

  /** One of the last `capacity` exchanges, by id. */
  get(id: number): TrafficExchange | undefined {
    this.flush();
    // Ids only grow, so a binary search finds one among the kept.
    let [low, high] = [0, this.kept.length - 1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      const candidate = this.kept[middle];
      if (candidate.id === id) {
        return middle >= this.kept.length - this.capacity ? candidate : undefined;
      }
      [low, high] = candidate.id < id ? [middle + 1, high] : [low, middle - 1];
    }
    return undefined;
  }

  clear(): void {
    // What ended before the clear is recorded (and told) first, then forgotten with the rest.
    this.flush();
    this.kept.length = 0;
    this.sizes.length = 0;
    this.bytes = 0;
    this.families.clear();
    this.cleared.fire();
  }

  dispose(): void {
    this.flush();
    this.recorded.dispose();
    this.cleared.dispose();
  }
}
