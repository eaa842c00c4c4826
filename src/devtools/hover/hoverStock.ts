// What the hover shows for a string: nothing unless it is a catalogue SKU; cached figures when
// fresh; otherwise a batched refresh (rate-limited) awaited for a bounded time, falling back to
// the cached figures marked stale.
import { unlessAborted } from '../../common/ui/cancellation';
import { RefreshBatcher, type Timer } from './refreshBatcher';
import type { DevtoolsStock } from '../deps';
import { looksLikeSku } from './skuText';
import { HOVER_STALE_AFTER_MS, isFresh, type StoreSku } from '../stockReading';

export interface HoverStore {
  /** The SKU's cached figures and whether they are fresh; undefined when it is not in the catalogue. */
  lookup(sku: string): { stock: StoreSku; fresh: boolean } | undefined;
  /** True when the catalogue has been read and this SKU is not in it. */
  knownMissing(sku: string): boolean;
  /** Re-reads exactly these SKUs, unless `signal` fires first. */
  refresh(skus: string[], signal?: AbortSignal): Promise<void>;
}

export interface HoverResult {
  readonly stock: StoreSku;
  /** True when a refresh was needed and did not succeed in time. */
  readonly stale: boolean;
}

export class HoverStock {
  private readonly batcher: RefreshBatcher;

  constructor(
    private readonly store: HoverStore,
    options: { intervalMs?: number; timer?: Timer } = {},
  ) {
    this.batcher = new RefreshBatcher((skus, signal) => store.refresh(skus, signal), options.intervalMs ?? 1000, options.timer);
  }

  /** `signal`: the hover was cancelled (the mouse moved on); then undefined, and its read is given up. */
  async get(sku: string, options: { maxWaitMs?: number; signal?: AbortSignal } = {}): Promise<HoverResult | undefined> {
    const cached = this.store.lookup(sku);
    if (!cached) {
      return undefined;
    }
    if (cached.fresh) {
      return { stock: cached.stock, stale: false };
    }
    const { signal } = options;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const refreshed = await unlessAborted(Promise.race([
      this.batcher.request(sku, signal).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timeout = setTimeout(() => resolve(false), options.maxWaitMs ?? 3000);
      }),
    ]), signal, () => false);
    clearTimeout(timeout);
    if (signal?.aborted) {
      return undefined;
    }
    const after = this.store.lookup(sku) ?? cached;
    return { stock: after.stock, stale: !refreshed || !after.fresh };
  }

  /** Whether the hover should say the string is a SKU OTO does not know. */
  notInCatalogue(sku: string): boolean {
    return looksLikeSku(sku) && this.store.knownMissing(sku);
  }

  dispose(): void {
    this.batcher.dispose();
  }
}

/** How long after a failed or pending catalogue load the hover may ask for one again. */
const CATALOGUE_RETRY_MS = 60_000;

/**
 * The stock store seen by the hover. A file can be hovered before the Stock view ever loaded the
 * catalogue, so the first lookup starts that load (at most once a minute, so a signed-out session
 * is not asked on every mouse move) and shows nothing until it is in.
 */
export function hoverStoreOf(stock: DevtoolsStock, now: () => number = Date.now, staleAfterMs = HOVER_STALE_AFTER_MS): HoverStore {
  let lastLoad = Number.NEGATIVE_INFINITY;
  return {
    lookup(sku) {
      if (!stock.loaded) {
        if (!stock.busy && now() - lastLoad >= CATALOGUE_RETRY_MS) {
          lastLoad = now();
          void stock.refresh().catch(() => undefined);
        }
        return undefined;
      }
      const entry = stock.getSku(sku);
      return entry && { stock: entry, fresh: isFresh(entry, now(), staleAfterMs) };
    },
    knownMissing(sku) {
      return stock.loaded && stock.getSku(sku) === undefined;
    },
    async refresh(skus, signal) {
      const outcome = await stock.invalidate(skus.map((sku) => ({ sku })), { signal });
      if (outcome.issues.length > 0) {
        throw new Error(outcome.issues.map((issue) => issue.message).join(' '));
      }
    },
  };
}
