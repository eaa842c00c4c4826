// Keeps V8's young generation of the CLI's process at a bounded size. V8 doubles it whenever more
// bytes have survived its scavenges since the last doubling than it holds, and every exchange the
// journal keeps survives one: under any sustained load it grows to its ceiling (16 MB a half, 32 MB
// of resident memory) and stays there, which was most of what the CLI held above bare node:http.
// The ceiling itself (`--max-semi-space-size`) is fixed when the process starts, and the CLI is run
// as `node oto-sandbox.js`; the growth factor is read at each doubling, so the CLI lets V8 double up
// to the bound and then sets it to 1. Measured (`npm run bench`): a new space of 8 MB costs no CPU
// per request beside 32 MB, while one left at its starting 1 MB cost 6 to 10 µs a request; so the
// bound is below what V8 would take and above where scavenges start to cost.
// Only for a process of its own: the flag is the whole process's, never the extension host's.
import { PerformanceObserver } from 'node:perf_hooks';
import * as v8 from 'node:v8';

/** Both halves of the young generation together: what `new_space` reports. */
export const DEFAULT_NEW_SPACE_BYTES = 8 * 1024 * 1024;
const GROW = 2;
const HOLD = 1;

/** The growth factor V8 should use when its young generation holds `newSpaceBytes`. */
export function growthFactorFor(newSpaceBytes: number, boundBytes: number): number {
  return newSpaceBytes < boundBytes ? GROW : HOLD;
}

function newSpaceBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/** Whoever started node with their own young-generation size keeps it. */
export function sizedByUser(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const flags = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return flags.some((flag) => /^--(max|min)[-_]semi[-_]space[-_]size\b/.test(flag) || /^--semi[-_]space[-_]growth[-_]factor\b/.test(flag));
}

/**
 * Bounds the young generation at `boundBytes` from now on: after each of V8's minor collections
 * (one observer; V8 grows only in those), the growth factor is 2 below the bound and 1 at it. V8
 * also halves an idle young generation, and it then grows back to the bound under the next load.
 * Returns what stops it.
 */
export function boundYoungGeneration(boundBytes = DEFAULT_NEW_SPACE_BYTES): () => void {
  let factor = GROW;
  const apply = (): void => {
    const wanted = growthFactorFor(newSpaceBytes(), boundBytes);
    if (wanted !== factor) {
      factor = wanted;
      v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`);
    }
  };
  const observer = new PerformanceObserver(apply);
  observer.observe({ entryTypes: ['gc'] });
  apply();
  return () => {
    observer.disconnect();
    v8.setFlagsFromString(`--semi-space-growth-factor=${GROW}`);
  };
}
