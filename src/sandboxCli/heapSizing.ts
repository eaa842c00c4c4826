// How the CLI's own process sizes V8's heap: the defaults suit a short script, not a server that
// keeps a journal of a thousand exchanges under sustained load.
//
// The young generation is kept at a bounded size. V8 doubles it whenever more
// bytes have survived its scavenges since the last doubling than it holds, and every exchange the
// journal keeps survives one: under any sustained load it grows to its ceiling (16 MB a half, 32 MB
// of resident memory) and stays there, which was most of what the CLI held above bare node:http.
// The ceiling itself (`--max-semi-space-size`) is fixed when the process starts, and the CLI is run
// as `node oto-sandbox.js`; the growth factor is read at each doubling, so the CLI lets V8 double up
// to the bound and then sets it to 1. Measured (`npm run bench`): a new space of 8 MB costs no CPU
// per request beside 32 MB, while one left at its starting 1 MB cost 6 to 10 µs a request; so the
// bound is below what V8 would take and above where scavenges start to cost.
//
// The old generation's limit after each full collection is what it kept times a factor V8 picks
// between 1.1 and 4; the journal's exchanges are promoted and dropped all the time, so the old
// space filled to about four times its live size before each collection. A fixed factor of 2
// (`--heap-growing-percent`, read at every collection) held 8 MB less, with CPU per request
// unchanged within the bench's noise: the live heap is small, so a full collection is cheap.
//
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

/** The old generation may grow to twice what a full collection kept. */
export const OLD_GENERATION_GROWTH_PERCENT = 100;

const YOUNG_FLAGS = /^--(?:(?:max|min)[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)\b/;
const OLD_FLAGS = /^--heap[-_]growing[-_]percent\b/;

/** Which of the heap's sizes whoever started node chose themselves (those are left alone). */
export function sizedByUser(execArgv: readonly string[], nodeOptions: string | undefined): { young: boolean; old: boolean } {
  const flags = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return { young: flags.some((flag) => YOUNG_FLAGS.test(flag)), old: flags.some((flag) => OLD_FLAGS.test(flag)) };
}

/** Fixes the old generation's growth factor (see the top of the file). */
export function limitOldGenerationGrowth(percent = OLD_GENERATION_GROWTH_PERCENT): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}

/** Both, for the CLI's process, except what the user sized. */
export function sizeHeapForService(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS): void {
  const user = sizedByUser(execArgv, nodeOptions);
  if (!user.young) {
    boundYoungGeneration();
  }
  if (!user.old) {
    limitOldGenerationGrowth();
  }
}

/**
 * Bounds the young generation at `boundBytes` for the life of the process: after each of V8's
 * collections (it grows the young generation only in a minor one, and tells the observer between
 * turns of the event loop), the growth factor is 2 below the bound and 1 at it. V8 also halves an
 * idle young generation, which then grows back to the bound under the next load.
 */
export function boundYoungGeneration(boundBytes = DEFAULT_NEW_SPACE_BYTES): void {
  let factor = GROW;
  const apply = (): void => {
    const wanted = growthFactorFor(newSpaceBytes(), boundBytes);
    if (wanted !== factor) {
      factor = wanted;
      v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`);
    }
  };
  new PerformanceObserver(apply).observe({ entryTypes: ['gc'] });
  apply();
}
