// What the hover shows for a string: nothing unless it is a catalogue SKU; cached figures when
// fresh; otherwise a batched refresh (rate-limited) awaited for a bounded time, falling back to
// the cached figures marked stale.
import { RefreshBatcher, type Timer } from './refreshBatcher';
import type { DevtoolsStock } from '../deps';
import { HOVER_STALE_AFTER_MS, isFresh, readingFromStore, type SkuReading } from '../stockReading';

export interface HoverStore {
  /** The SKU's cached reading and whether it is fresh; undefined when it is not in the catalogue. */
  lookup(sku: string): { reading: SkuReading; fresh: boolean } | undefined;
  /** Re-reads exactly these SKUs. */
  refresh(skus: string[]): Promise<void>;
}

export interface HoverResult {
  readonly reading: SkuReading;
  /** True when a refresh was needed and did not succeed in time. */
  readonly stale: boolean;
}

export class HoverStock {
  private readonly batcher: RefreshBatcher;

  constructor(
    private readonly store: HoverStore,
    options: { intervalMs?: number; timer?: Timer } = {},
  ) {
    this.batcher = new RefreshBatcher((skus) => store.refresh(skus), options.intervalMs ?? 1000, options.timer);
  }

  async get(sku: string, maxWaitMs = 3000): Promise<HoverResult | undefined> {
    const cached = this.store.lookup(sku);
    if (!cached) {
      return undefined;
    }
    if (cached.fresh) {
      return { reading: cached.reading, stale: false };
    }
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const refreshed = await Promise.race([
      this.batcher.request(sku).then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timeout = setTimeout(() => resolve(false), maxWaitMs);
      }),
    ]);
    clearTimeout(timeout);
    const after = this.store.lookup(sku) ?? cached;
    return { reading: after.reading, stale: !refreshed || !after.fresh };
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
      return entry && { reading: readingFromStore(entry), fresh: isFresh(entry, now(), staleAfterMs) };
    },
    async refresh(skus) {
      const outcome = await stock.invalidate(skus.map((sku) => ({ sku })));
      if (outcome.issues.length > 0) {
        throw new Error(outcome.issues.map((issue) => issue.message).join(' '));
      }
    },
  };
}
