// The CLI's resident memory under load. V8 grows its young generation (where each request's
// short-lived objects are made) whenever objects keep surviving it, up to 16 MB a semi-space, and
// the journal's kept exchanges survive by design: after 100,000 requests the young generation
// alone held about 30 MB of the CLI's ~110 MB. Node sets the semi-space's maximum only at start-up
// (`--max-semi-space-size`), which `node oto-sandbox.js` cannot pass to itself; what V8 reads each
// time it grows is its growth factor, so once the young generation has reached `capBytes` the CLI
// sets it to 1 and the young generation stays about that size. A process of its own only: the
// in-process sandbox never touches the editor's V8 flags.
import { PerformanceObserver } from 'node:perf_hooks';
import * as v8 from 'node:v8';

/** Big enough that a scavenge does not come every few requests, small enough for the memory goal. */
export const YOUNG_GENERATION_CAP_BYTES = 4 * 1024 * 1024;

/** The young generation's current size, in bytes. */
export function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Stops V8 growing the young generation once it has reached `capBytes`, checked after each garbage
 * collection (V8 grows it at the end of one). Returns a function that stops watching.
 */
export function capYoungGeneration(capBytes = YOUNG_GENERATION_CAP_BYTES): () => void {
  const reached = (): boolean => {
    if (youngGenerationBytes() < capBytes) {
      return false;
    }
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    return true;
  };
  if (reached()) {
    return () => undefined;
  }
  const observer = new PerformanceObserver(() => reached() && observer.disconnect());
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}
