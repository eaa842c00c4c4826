// Bounded lists that drop their oldest entries in one cut: shifting one entry per addition would
// move the whole array every time (a request log, the traffic store: once per request).

/**
 * How many of the oldest entries to drop, and the bytes left: past `maxCount` down to
 * `keepCount` at once, then as many more as the byte bound needs (always keeping the newest).
 */
export function oldestToCut(costs: readonly number[], bytes: number, limits: { maxCount: number; keepCount: number; maxBytes: number }): { cut: number; bytes: number } {
  let cut = costs.length > limits.maxCount ? costs.length - limits.keepCount : 0;
  let left = bytes;
  for (let i = 0; i < cut; i++) {
    left -= costs[i];
  }
  while (left > limits.maxBytes && cut < costs.length - 1) {
    left -= costs[cut++];
  }
  return { cut, bytes: left };
}
