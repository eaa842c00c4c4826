// The bounded store of recent exchanges: numbers them, has the lint judge each against the ones
// before it, and tells its readers (the CLI's log, the Sandbox Traffic view). Bounded in count and
// in bytes, whatever the clients send.
import { Emitter, type Event } from '../common/emitter';
import type { CapturedExchange } from './capture';
import type { TrafficExchange } from './exchange';
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
}

export const DEFAULT_CAPACITY = 1000;
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** What an exchange costs beyond its bodies (headers, fields), for the byte bound. */
const OVERHEAD_BYTES = 512;

function sizeOf(exchange: TrafficExchange): number {
  // UTF-16 in memory: two bytes a character.
  return OVERHEAD_BYTES + 2 * (exchange.requestBody.text.length + (exchange.responseBody?.text.length ?? 0) + (exchange.target?.length ?? 0));
}

export class TrafficStore {
  readonly capacity: number;
  readonly maxBytes: number;
  private readonly lintOptions: Partial<LintOptions> | false;
  private readonly extraRules: readonly Rule[];
  /** Oldest first. */
  private readonly kept: TrafficExchange[] = [];
  private bytes = 0;
  private nextId = 1;
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
  }

  record(captured: CapturedExchange): TrafficExchange {
    const unjudged: TrafficExchange = { ...captured, id: this.nextId++, findings: [] };
    const exchange = this.lintOptions === false ? unjudged : { ...unjudged, findings: lint(this.kept, unjudged, this.lintOptions, this.extraRules) };
    this.kept.push(exchange);
    this.bytes += sizeOf(exchange);
    while (this.kept.length > this.capacity || (this.bytes > this.maxBytes && this.kept.length > 1)) {
      this.bytes -= sizeOf(this.kept.shift()!);
    }
    this.recorded.fire(exchange);
    return exchange;
  }

  /** Newest first. */
  list(): TrafficExchange[] {
    return [...this.kept].reverse();
  }

  /** Oldest first, as the lint reads it. */
  history(): readonly TrafficExchange[] {
    return this.kept;
  }

  get size(): number {
    return this.kept.length;
  }

  /** Bytes the kept exchanges take, as the byte bound counts them. */
  get keptBytes(): number {
    return this.bytes;
  }

  get(id: number): TrafficExchange | undefined {
    // Ids only grow, so a binary search finds one among the kept.
    let [low, high] = [0, this.kept.length - 1];
    while (low <= high) {
      const middle = (low + high) >> 1;
      const candidate = this.kept[middle];
      if (candidate.id === id) {
        return candidate;
      }
      [low, high] = candidate.id < id ? [middle + 1, high] : [low, middle - 1];
    }
    return undefined;
  }

  clear(): void {
    this.kept.length = 0;
    this.bytes = 0;
    this.cleared.fire();
  }

  dispose(): void {
    this.recorded.dispose();
    this.cleared.dispose();
  }
}
