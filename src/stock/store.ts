// The one store of stock: catalogue, pickup locations and figures, read through the active
// environment's client. Reads run one at a time in a single lane, so refreshes never overlap and
// a targeted re-read after a write can't be overwritten by an older refresh still in flight.
import { Emitter, type Event } from '../common/emitter';
import { bySku, mergeRead, type SkuRead, type SkuStock, type StockChange } from './figures';
import { describeIssue, type StockIssue, type StockOperation } from './issues';
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
}

export interface StockStoreOptions {
  /** The client of the active environment; rejects when not signed in. */
  getSource(): Promise<StockSource>;
  now?: () => number;
  /** How long a change mark stays after the change was seen (`oto.changeMarkMinutes`); 0 by default. */
  changeMarkMs?: () => number;
}

interface Job {
  reloadCatalogue: boolean;
  fullRefresh: boolean;
  targets: Map<string, Set<string | undefined>>;
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
  private readonly stock = new Map<string, SkuStock>();
  private running: Job | undefined;
  private pending: Job | undefined;
  private abort: AbortController | undefined;
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
   * flight share one follow-up, so its data is read after they asked.
   */
  refresh(options: { reloadCatalogue?: boolean } = {}): Promise<ReadResult> {
    const job = this.queue();
    job.fullRefresh = true;
    job.reloadCatalogue ||= options.reloadCatalogue === true;
    return job.done;
  }

  /** Re-reads just these SKUs (after a write), firing an event that names them. */
  invalidate(targets: readonly StockTarget[]): Promise<ReadResult> {
    const job = this.queue();
    for (const { sku, locationCode } of targets) {
      const codes = job.targets.get(sku) ?? new Set();
      codes.add(locationCode);
      job.targets.set(sku, codes);
    }
    return job.done;
  }

  /** Forgets everything (environment switched, signed out); a read in flight is abandoned. */
  reset(): void {
    this.generation++;
    this.abort?.abort();
    this.products = undefined;
    this.productsBySku = new Map();
    this.pickupLocations = [];
    this.stock.clear();
    this.last = undefined;
    this.globalRead = false;
    this.changeEmitter.fire({ reason: 'reset', changes: [] });
  }

  dispose(): void {
    this.abort?.abort();
    this.changeEmitter.dispose();
  }

  private queue(): Job {
    if (this.pending) {
      return this.pending;
    }
    let finish!: (result: ReadResult) => void;
    const done = new Promise<ReadResult>((resolve) => (finish = resolve));
    const job: Job = { reloadCatalogue: false, fullRefresh: false, targets: new Map(), done, finish };
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
      job.finish(result);
      this.drain();
    });
  }

  private async run(job: Job): Promise<ReadResult> {
    const generation = this.generation;
    const abort = new AbortController();
    this.abort = abort;
    const startedAt = this.now();
    const issues: StockIssue[] = [];
    const changes: StockChange[] = [];
    const note = (operation: StockOperation, error: unknown): void => {
      if (!abort.signal.aborted) {
        issues.push(describeIssue(operation, error));
      }
    };
    const current = (): boolean => generation === this.generation;
    let event: StockChangeEvent | undefined;
    try {
      const source = await this.options.getSource();
      if (job.fullRefresh) {
        await this.readAll(source, job.reloadCatalogue || !this.products, abort.signal, note, changes, current);
        event = { reason: 'refresh', changes };
      } else {
        const skus = [...job.targets.keys()];
        await this.readSkus(source, skus, abort.signal, note, changes, current);
        const codes = new Set<string>();
        for (const set of job.targets.values()) {
          set.forEach((code) => code !== undefined && codes.add(code));
        }
        event = { reason: 'invalidate', skus, locationCodes: [...codes], changes };
      }
    } catch (error) {
      note('connect', error);
    }
    const result: ReadResult = { startedAt, finishedAt: this.now(), issues };
    if (current()) {
      this.last = result;
      this.changeEmitter.fire(event ?? { reason: job.fullRefresh ? 'refresh' : 'invalidate', changes: [] });
    }
    return result;
  }

  private async readAll(source: StockSource, reloadCatalogue: boolean, signal: AbortSignal, note: (operation: StockOperation, error: unknown) => void, changes: StockChange[], current: () => boolean): Promise<void> {
    if (reloadCatalogue) {
      const [products, locations] = await Promise.allSettled([source.listProducts({ signal }), source.getPickupLocations({ signal })]);
      if (!current()) {
        return;
      }
      if (products.status === 'fulfilled') {
        this.setCatalogue(products.value);
      } else {
        note('catalogue', products.reason);
      }
      if (locations.status === 'fulfilled') {
        this.pickupLocations = locations.value;
      } else {
        note('locations', locations.reason);
      }
    }
    if (!this.products) {
      return;
    }
    if (await this.readSkus(source, [...this.stock.keys()], signal, note, changes, current)) {
      this.globalRead = true;
    }
  }

  private setCatalogue(products: Product[]): void {
    this.products = products;
    this.productsBySku = new Map(products.map((product) => [product.sku, product]));
    // Sorted once here, so the tree (which shows SKUs in this order) rebuilds without sorting anew.
    // SKUs read by invalidation that the catalogue lacks stay after it.
    const previous = new Map(this.stock);
    this.stock.clear();
    for (const product of [...products].sort(bySku)) {
      const entry = previous.get(product.sku);
      this.stock.set(product.sku, entry ? { ...entry, product } : { sku: product.sku, product, locations: [], low: false });
      previous.delete(product.sku);
    }
    for (const [sku, entry] of previous) {
      if (entry.product === undefined) {
        this.stock.set(sku, entry);
      }
    }
  }

  /**
   * Reads location and global stock of these SKUs in one pass (the client batches long lists).
   * True when the global figures of all of them are known now.
   */
  private async readSkus(source: StockSource, skus: string[], signal: AbortSignal, note: (operation: StockOperation, error: unknown) => void, changes: StockChange[], current: () => boolean): Promise<boolean> {
    if (skus.length === 0) {
      return true;
    }
    const [inventory, global] = await Promise.allSettled([source.checkInventoryStock(skus, { signal }), source.checkGlobalStock(skus, { signal })]);
    if (!current()) {
      return false;
    }
    if (inventory.status === 'rejected') {
      note('inventory', inventory.reason);
    }
    if (global.status === 'rejected') {
      note('global', global.reason);
    }
    const readAt = this.now();
    const inventoryBySku: Record<string, InventoryStockEntry[]> | undefined = inventory.status === 'fulfilled' ? inventory.value : undefined;
    const globalBySku: Record<string, GlobalStockEntry> | undefined = global.status === 'fulfilled' ? global.value : undefined;
    for (const sku of skus) {
      const read: SkuRead = {
        inventory: inventoryBySku && (Object.hasOwn(inventoryBySku, sku) ? inventoryBySku[sku] : []),
        global: globalBySku && (Object.hasOwn(globalBySku, sku) ? globalBySku[sku] : null),
      };
      const previous = this.stock.get(sku);
      if (!previous && !read.inventory?.length && !read.global) {
        // An invalidated SKU the store never held and OTO knows nothing about: no row to show.
        continue;
      }
      this.stock.set(sku, mergeRead(sku, this.productsBySku.get(sku), previous, read, readAt, changes, { keepMs: this.options.changeMarkMs?.() ?? 0 }));
    }
    return globalBySku !== undefined;
  }
}
