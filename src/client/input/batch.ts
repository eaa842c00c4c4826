// Long SKU lists are split so that every URL stays within what proxies and servers reliably accept
// (2,048 characters, host included), and the batches run with a small bounded concurrency.
import { validationError } from '../errors';
import { SKU_SEPARATOR } from '../../oto';

export interface SkuBatch {
  skus: string[];
  url: string;
}

/**
 * Splits `skus` (duplicates dropped) into URLs `${prefix}A,B,C${suffix}` each at most `maxLength`
 * long; every SKU is percent-encoded so any character arrives intact.
 */
export function batchSkuUrls(prefix: string, skus: readonly string[], suffix: string, maxLength: number, endpoint: string): SkuBatch[] {
  const room = maxLength - prefix.length - suffix.length;
  const batches: SkuBatch[] = [];
  let current: string[] = [];
  let encoded: string[] = [];
  let used = 0;
  const flush = (): void => {
    if (current.length > 0) {
      batches.push({ skus: current, url: `${prefix}${encoded.join(SKU_SEPARATOR)}${suffix}` });
      current = [];
      encoded = [];
      used = 0;
    }
  };
  for (const sku of new Set(skus)) {
    const piece = encodeURIComponent(sku);
    if (piece.length > room) {
      throw validationError('skus', `The SKU "${sku.slice(0, 40)}…" is too long to fit in a request URL`, endpoint);
    }
    const cost = piece.length + (current.length > 0 ? 1 : 0);
    if (used + cost > room) {
      flush();
    }
    used += piece.length + (current.length > 0 ? 1 : 0);
    current.push(sku);
    encoded.push(piece);
  }
  flush();
  return batches;
}

/**
 * Runs `task` over `items` with at most `limit` in flight, results in input order. The first
 * failure aborts the signal the other tasks were given (each task must honour it) and is what the
 * returned promise rejects with.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', forward, { once: true });
  if (signal?.aborted) {
    forward();
  }
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], controller.signal);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, () =>
      worker().catch((error: unknown) => {
        controller.abort(error);
        throw error;
      })));
    return results;
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}
