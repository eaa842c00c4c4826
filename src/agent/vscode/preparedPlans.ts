// The plans VS Code's confirmation showed, kept from `prepare` until `invoke` (no `vscode`, so it
// is tested in plain Node). What the user confirmed is what is sent, however long the
// confirmation stayed open: its apply reads the figure again and refuses if it moved, so an old
// plan is never wrong, only refused. Age only decides what is let go to bound the map; a plan let
// go is planned again, and that new plan, which the user has not seen, is asked about.
import type { WritePlan } from '../core';

/** How long a shown plan is kept for certain, and how many are kept at most. */
export const PLAN_TTL_MS = 5 * 60_000;
export const MAX_PLANS = 20;

export type Prepared = { plan: WritePlan } | { error: string };

export class PreparedPlans {
  private readonly plans = new Map<string, Prepared & { at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps what `prepare` showed (a plan, or why there is none), letting go of old ones first. */
  remember(key: string, value: Prepared): void {
    const now = this.now();
    for (const [old, entry] of this.plans) {
      if (now - entry.at > PLAN_TTL_MS || this.plans.size >= MAX_PLANS) {
        this.plans.delete(old);
      }
    }
    this.plans.set(key, { ...value, at: now });
  }

  /** What `prepare` showed for this call, once; undefined when nothing was shown or it was let go. */
  take(key: string): Prepared | undefined {
    const entry = this.plans.get(key);
    this.plans.delete(key);
    return entry && ('plan' in entry ? { plan: entry.plan } : { error: entry.error });
  }

  get size(): number {
    return this.plans.size;
  }
}
