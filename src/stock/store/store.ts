// The one store of stock: catalogue, pickup locations and figures, read through the active
// environment's client. Reads run one at a time in a single lane, so refreshes never overlap and
// a targeted re-read after a write can't be overwritten by an older refresh still in flight.
import { SharedAbort, unlessAborted } from '../../common/ui/cancellation';
import { Emitter, type Event } from '../../common/emitter';
import { bySku, mergeRead, type SkuRead, type SkuStock, type StockChange } from './figures';
import { CatalogueUnreadError, describeIssue, type StockIssue, type StockOperation } from './issues';
import type { GlobalStockEntry, InventoryStockEntry, PickupLocation, Product, StockSource } from './source';

export interface StockTarget {
  sku: string;
  locationCode?: string;
}

export interface StockChangeEvent {
  /** `refresh`: everything was re-read; `invalidate`: only `skus`; `reset`: the store was emptied. */
  reason: 'refresh' | 'invalidate' | 'reset';
  /** The SKUs re-read by an invalidation. */
  skus?: readonly string[];
  /** For an invalidation: the location codes its caller touched. */
  locationCodes?: readonly string[];
  /** Figures that differ from the previous read. */
  changes: readonly StockChange[];
}

export interface ReadResult {
  startedAt: number;
  finishedAt: number;
  /** What failed during this read; the figures of a failed part are kept from before. */
  issues: StockIssue[];
  /** The caller gave up (its signal fired): this read changed nothing and says nothing. */
  cancelled?: boolean;
}

/** What a caller may pass to a read: its signal, to give up waiting (see `SharedAbort`). */
export interface ReadOptions {
  signal?: AbortSignal;
}

export interface StockStoreOptions {
  /** The client of the active environment; rejects when not signed in. */
  getSource(): Promise<StockSource>;
  /**
   * The session's generation (it moves the moment the environment, base URL or sign-in changes,
   * before the session announces it): a read begun under another commits nothing, so figures of
   * the old environment are never shown, or recorded as changes, under the new one.
   */
  sessionGeneration?: () => number;
  now?: () => number;
  /** How long a change mark stays after the change was seen (`oto.changeMarkMinutes`); 0 by default. */
  changeMarkMs?: () => number;
}

interface Job {
  reloadCatalogue: boolean;
  fullRefresh: boolean;
  targets: Map<string, Set<string | undefined>>;
  /** Stops the read once every caller waiting on it has given up (or the store reset). */
  cancel: SharedAbort;
  done: Promise<ReadResult>;
  finish(result: ReadResult): void;
}

export class StockStore {
  private readonly changeEmitter = new Emitter<StockChangeEvent>();
  /** Fires after every read (even one that changed nothing, so views can show its issues) and on reset. */
  readonly onDidChange: Event<StockChangeEvent> = this.changeEmitter.event;

  private readonly now: () => number;
  private products: Product[] | undefined;
  private productsBySku = new Map<string, Product>();
  private pickupLocations: PickupLocation[] = [];
  private stock = new Map<string, SkuStock>();
  private running: Job | undefined;
  private pending: Job | undefined;
  private generation = 0;
  private last: ReadResult | undefined;
  /** A full read got the global figures (where minInventory is): only then are low SKUs known. */
  private globalRead = false;

  constructor(private readonly options: StockStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** True once a catalogue has been read. */
  get loaded(): boolean {
    return this.products !== undefined;
  }

  get busy(): boolean {
    return this.running !== undefined || this.pending !== undefined;
  }

  /** The outcome of the latest read (refresh or invalidation). */
  get lastResult(): ReadResult | undefined {
    return this.last;
  }

  get locations(): readonly PickupLocation[] {
    return this.pickupLocations;
  }

  /** Every SKU with what is known of it: the catalogue in SKU order, then SKUs only invalidation read. */
  skus(): IterableIterator<SkuStock> {
    return this.stock.values();
  }

  getSku(sku: string): SkuStock | undefined {
    return this.stock.get(sku);
  }

  /**
   * SKUs whose on hand is below their minInventory; undefined until a full read got the global
   * figures, so neither a catalogue without figures nor a failed read counts as "0 low".
   */
  lowStockCount(): number | undefined {
    if (!this.globalRead) {
      return undefined;
    }
    let count = 0;
    for (const entry of this.stock.values()) {
      count += entry.low ? 1 : 0;
    }
    return count;
  }

  /**
   * Re-reads the stock of every SKU (and the catalogue and locations when `reloadCatalogue`, or
   * when none was read yet). Calls made while a read is queued join it; calls made while one is in
   * flight share one follow-up, so its data is read after they asked. A caller whose `signal`
   * fires stops waiting at once (a `cancelled` result); the read itself stops only when no one
   * else waits on it, and then changes nothing: the view keeps what it showed.
   */
  refresh(options: { reloadCatalogue?: boolean } & ReadOptions = {}): Promise<ReadResult> {
    if (options.signal?.aborted) {
      return Promise.resolve(this.cancelledResult());
    }
    const job = this.queue();
    job.fullRefresh = true;
    job.reloadCatalogue ||= options.reloadCatalogue === true;
    return this.wait(job, options.signal);
  }

  /**
   * Makes sure the catalogue and the pickup locations are known, reading them when they are not
   * (or when the locations failed last time). For a command that checks SKUs or locations against
   * them: when they cannot be read, it throws why (OTO's error, the catalogue past the client's
   * cap) rather than let every SKU look unknown. False when the caller gave up.
   */
  async requireCatalogue(options: ReadOptions = {}): Promise<boolean> {
    const unread = (): StockIssue[] => {
      const issues = this.last?.issues ?? [];
      if (!this.loaded) {
        return issues.filter((issue) => issue.operation === 'catalogue' || issue.operation === 'connect');
      }
      return this.pickupLocations.length === 0 ? issues.filter((issue) => issue.operation === 'locations') : [];
    };
    if (!this.loaded || unread().length > 0) {
      const read = await this.refresh({ reloadCatalogue: true, signal: options.signal });
      if (read.cancelled) {
        return false;
      }
    }
    const issues = unread();
    if (!this.loaded || issues.length > 0) {
      throw new CatalogueUnreadError(issues);
    }
    return true;
  }

  /** Re-reads just these SKUs (after a write), firing an event that names them. */
  invalidate(targets: readonly StockTarget[], options: ReadOptions = {}): Promise<ReadResult> {
    if (options.signal?.aborted) {
      return Promise.resolve(this.cancelledResult());
    }
    const job = this.queue();
    for (const { sku, locationCode } of targets) {
      const codes = job.targets.get(sku) ?? new Set();
      codes.add(locationCode);
      job.targets.set(sku, codes);
    }
    return this.wait(job, options.signal);
  }

  private wait(job: Job, signal: AbortSignal | undefined): Promise<ReadResult> {
    job.cancel.join(signal);
    return unlessAborted(job.done, signal, () => this.cancelledResult());
  }

  private cancelledResult(): ReadResult {
    const now = this.now();
    return { startedAt: now, finishedAt: now, issues: [], cancelled: true };
  }

  /** Forgets everything (environment switched, signed out); a read in flight is abandoned. */
  reset(): void {
    this.generation++;
    this.running?.cancel.abort();
    this.products = undefined;
    this.productsBySku = new Map();
    this.pickupLocations = [];
    this.stock.clear();
    this.last = undefined;
    this.globalRead = false;
    this.changeEmitter.fire({ reason: 'reset', changes: [] });
  }

  dispose(): void {
    this.running?.cancel.abort();
    this.changeEmitter.dispose();
  }

  private queue(): Job {
    if (this.pending && !this.pending.cancel.abandoned) {
      return this.pending;
    }
    if (this.pending) {
      // Abandoned (a hover that hid): dropped unread, and a fresh read queued in its place.
      const dropped = this.pending;
      dropped.cancel.dispose();
      dropped.finish(this.cancelledResult());
    }
    let finish!: (result: ReadResult) => void;
    const done = new Promise<ReadResult>((resolve) => (finish = resolve));
    const job: Job = { reloadCatalogue: false, fullRefresh: false, targets: new Map(), cancel: new SharedAbort(), done, finish };
    this.pending = job;
    // Started on a microtask so a synchronous burst of calls lands in this one job.
    queueMicrotask(() => this.drain());
    return job;
  }

  private drain(): void {
    if (this.running || !this.pending) {
      return;
    }
    const job = this.pending;
    this.pending = undefined;
    this.running = job;
    void this.run(job).then((result) => {
      this.running = undefined;
      job.cancel.dispose();
      job.finish(result);
      this.drain();
    });
  }

  private async run(job: Job): Promise<ReadResult> {
    const generation = this.generation;
    const sessionGeneration = this.options.sessionGeneration?.();
    const { signal } = job.cancel;
    const startedAt = this.now();
    const issues: StockIssue[] = [];
    const changes: StockChange[] = [];
    const note = (operation: StockOperation, error: unknown): void => {
      if (!signal.aborted) {
        issues.push(describeIssue(operation, error));
      }
    };
    // An abandoned read (reset, a switch of the session, or every caller gave up) commits nothing it read.
    const current = (): boolean => generation === this.generation && sessionGeneration === this.options.sessionGeneration?.() && !signal.aborted;
    let event: StockChangeEvent | undefined;
    try {
      if (!current()) {
        return { startedAt, finishedAt: this.now(), issues, cancelled: true };
      }
      const source = await this.options.getSource();
      if (job.fullRefresh) {
        await this.readAll(source, job.reloadCatalogue || !this.products, signal, note, changes, current);
        event = { reason: 'refresh', changes };
      } else {
        const skus = [...job.targets.keys()];
        await this.readSkus(source, skus, signal, note, changes, current);
        const codes = new Set<string>();
        for (const set of job.targets.values()) {
          set.forEach((code) => code !== undefined && codes.add(code));
        }
        event = { reason: 'invalidate', skus, locationCodes: [...codes], changes };
      }
    } catch (error) {
      note('connect', error);
    }
    const result: ReadResult = { startedAt, finishedAt: this.now(), issues, ...(signal.aborted ? { cancelled: true } : {}) };
    if (current()) {
      this.last = result;
      this.changeEmitter.fire(event ?? { reason: job.fullRefresh ? 'refresh' : 'invalidate', changes: [] });
    }
    return result;
  }

  /**
   * The catalogue and locations (when asked), then the figures of every SKU; nothing is kept
   * until all of it is in, so a read given up half-way leaves the store as it was.
   */
  private async readAll(source: StockSource, reloadCatalogue: boolean, signal: AbortSignal, note: (operation: StockOperation, error: unknown) => void, changes: StockChange[], current: () => boolean): Promise<void> {
    let catalogue: Product[] | undefined;
    let locations: PickupLocation[] | undefined;
    if (reloadCatalogue) {
      const [products, listed] = await Promise.allSettled([source.listProducts({ signal }), source.getPickupLocations({ signal })]);
      if (!current()) {
        return;
      }
      if (products.status === 'fulfilled') {
        catalogue = products.value;
      } else {
        note('catalogue', products.reason);
      }
      if (listed.status === 'fulfilled') {
        locations = listed.value;
      } else {
        note('locations', listed.reason);
      }
    }
    const stock = catalogue ? this.withCatalogue(catalogue) : this.products ? this.stock : undefined;
    const figures = stock && (await this.fetchFigures(source, [...stock.keys()], signal, note));
    if (!current()) {
      return;
    }
    if (locations) {
      this.pickupLocations = locations;
    }
    if (catalogue && stock) {
      this.products = catalogue;
      this.productsBySku = new Map(catalogue.map((product) => [product.sku, product]));
      this.stock = stock;
    }
    if (figures && this.mergeFigures(figures, changes)) {
      this.globalRead = true;
    }
  }

  /**
   * The store's SKUs under a new catalogue, sorted once here so the tree (which shows SKUs in
   * this order) rebuilds without sorting anew. SKUs read by invalidation that the catalogue
   * lacks stay after it.
   */
  private withCatalogue(products: Product[]): Map<string, SkuStock> {
    const previous = new Map(this.stock);
    const next = new Map<string, SkuStock>();
    for (const product of [...products].sort(bySku)) {
      const entry = previous.get(product.sku);
      next.set(product.sku, entry ? { ...entry, product } : { sku: product.sku, product, locations: [], low: false });
      previous.delete(product.sku);
    }
    for (const [sku, entry] of previous) {
      if (entry.product === undefined) {
        next.set(sku, entry);
      }
    }
    return next;
  }

  /** Reads these SKUs and keeps their figures (unless the read was given up). True when their global figures are known now. */
  private async readSkus(source: StockSource, skus: string[], signal: AbortSignal, note: (operation: StockOperation, error: unknown) => void, changes: StockChange[], current: () => boolean): Promise<boolean> {
    const figures = await this.fetchFigures(source, skus, signal, note);
    return current() && this.mergeFigures(figures, changes);
  }

  /** Location and global stock of these SKUs in one pass (the client batches long lists); undefined for a part that failed. */
  private async fetchFigures(source: StockSource, skus: string[], signal: AbortSignal, note: (operation: StockOperation, error: unknown) => void): Promise<Figures> {
    if (skus.length === 0) {
      return { skus, inventory: {}, global: {} };
    }
    const [inventory, global] = await Promise.allSettled([source.checkInventoryStock(skus, { signal }), source.checkGlobalStock(skus, { signal })]);
    if (inventory.status === 'rejected') {
      note('inventory', inventory.reason);
    }
    if (global.status === 'rejected') {
      note('global', global.reason);
    }
    return { skus, inventory: inventory.status === 'fulfilled' ? inventory.value : undefined, global: global.status === 'fulfilled' ? global.value : undefined };
  }

  /** Keeps what was read; true when the global figures of all the SKUs are known now. */
  private mergeFigures({ skus, inventory, global }: Figures, changes: StockChange[]): boolean {
    const readAt = this.now();
    for (const sku of skus) {
      const read: SkuRead = {
        inventory: inventory && (Object.hasOwn(inventory, sku) ? inventory[sku] : []),
        global: global && (Object.hasOwn(global, sku) ? global[sku] : null),
      };
      const previous = this.stock.get(sku);
      if (!previous && !read.inventory?.length && !read.global) {
        // An invalidated SKU the store never held and OTO knows nothing about: no row to show.
        continue;
      }
      this.stock.set(sku, mergeRead(sku, this.productsBySku.get(sku), previous, read, readAt, changes, { keepMs: this.options.changeMarkMs?.() ?? 0 }));
    }
    return global !== undefined;
  }
}

/** One pass of figures, before it is kept. */
interface Figures {
  skus: string[];
  inventory: Record<string, InventoryStockEntry[]> | undefined;
  global: Record<string, GlobalStockEntry> | undefined;
}
