// Feeds the ledger: changes the extension makes (told by the flows) and changes a read of the
// store shows that the extension did not make ("outside": another user, the dashboard, an ERP).
// A figure the extension expects (the after of its own change) is not counted as outside when
// the next read finds it; "outside" means other writers only.
import type { StockChange } from '../../stock/store/figures';
import type { LedgerEntry } from '../../stockChange/ledgerEntry';
import type { LocationNow } from './protocol';
import type { Ledger } from './ledger';

/** One of our changes of one SKU at one location, as the next read should find it. */
interface Expected {
  /** On hand our change started from (read fresh right before it), when known. */
  before?: number;
  after: number;
  time: string;
  /** Its answer was lost: not in the ledger (yet), so a read that does not find it starts from the read's own figure. */
  unconfirmed?: true;
  /** What the ledger records once a read finds the figure this change leaves (a single change whose answer was lost). */
  onceRead?: LedgerEntry;
}

/** How many of our changes per SKU and location wait for a read, and for how long at most. */
const MAX_WAITING = 20;
const MAX_WAIT_MS = 10 * 60_000;

export class LedgerRecorder {
  /** Per environment, `sku␟location` → our changes no read has shown yet, oldest first. */
  private readonly expected = new Map<string, Map<string, Expected[]>>();
  /**
   * Per environment, `sku␟location` → figures a read found that bulk rows still to be decided
   * explain (their answer lost, the operator not yet asked): the history does not record them as
   * outside, or the operator's "they were applied" would enter the same move a second time.
   */
  private readonly undecided = new Map<string, Map<string, number[]>>();

  constructor(
    private readonly ledger: (environment: string) => Ledger,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Our own changes: recorded, and their figures expected on the next read. */
  record(environment: string, entries: readonly LedgerEntry[]): Promise<void> {
    this.expectAll(environment, entries, {});
    // The operator's decision on bulk rows enters them (or their rows' own figures) now.
    for (const entry of entries.filter((recorded) => recorded.source === 'bulk')) {
      this.undecided.get(environment)?.delete(key(entry.sku, entry.locationCode));
    }
    return this.ledger(environment).append(entries).catch(this.onError);
  }

  /**
   * Our writes whose answer was lost (a bulk row to check): nothing is recorded, as whether they
   * were applied is not known, but a read finding the figure they would leave is not counted as
   * another writer's change. Once the operator says they were applied, `record` enters them once.
   */
  expectUnconfirmed(environment: string, entries: readonly LedgerEntry[]): void {
    this.expectAll(environment, entries, { unconfirmed: true });
  }

  /**
   * A single change (or undo) whose answer was lost: nothing is recorded now, and a read (the
   * store's, or the history's) that finds the figure it leaves records it as ours, marked
   * `answer: 'lost'` (no operator step decides a single change, as one does a bulk row).
   */
  expectLost(environment: string, entries: readonly LedgerEntry[]): void {
    for (const entry of entries) {
      this.expectAll(environment, [entry], { unconfirmed: true, onceRead: { ...entry, answer: 'lost' } });
    }
  }

  private expectAll(environment: string, entries: readonly LedgerEntry[], marks: Pick<Expected, 'unconfirmed' | 'onceRead'>): void {
    for (const entry of entries) {
      if (entry.after !== undefined) {
        this.expect(environment, entry.sku, entry.locationCode, { before: entry.before, after: entry.after, time: entry.time, ...marks });
      }
    }
  }

  /** What a read of the store found changed; the ones we did not make go to the ledger as "outside". */
  observe(environment: string, changes: readonly StockChange[]): Promise<void> {
    const time = this.now().toISOString();
    const found: LedgerEntry[] = [];
    for (const change of changes) {
      if (change.scope !== 'location' || change.locationCode === undefined) {
        continue;
      }
      found.push(...this.explain(environment, change.sku, change.locationCode, change.before?.onHand ?? 0, change.after?.onHand ?? 0, time));
    }
    return this.append(environment, found);
  }

  /**
   * Makes the ledger agree with the stock read now (`readSince`: when that read started): where a
   * location's figure differs from what the ledger last says, the difference is recorded as
   * observed, so the history's table explains every step its chart draws. A ledger entry newer
   * than the read is not compared (the read may predate it).
   */
  async reconcile(environment: string, sku: string, entries: readonly LedgerEntry[], now: readonly LocationNow[], readSince: number): Promise<LedgerEntry[]> {
    const time = this.now().toISOString();
    const found: LedgerEntry[] = [];
    for (const { locationCode, onHand } of now) {
      const last = lastFigure(entries, sku, locationCode);
      if (last?.after === undefined || Date.parse(last.time) > readSince || last.after === onHand || this.undecided.get(environment)?.get(key(sku, locationCode))?.includes(onHand)) {
        continue;
      }
      // Our own changes whose answer was lost may explain it; what they do not is outside.
      found.push(...this.explain(environment, sku, locationCode, last.after, onHand, time));
      // The store's own read of the same change is not a second one.
      this.expect(environment, sku, locationCode, { before: last.after, after: onHand, time });
    }
    await this.append(environment, found);
    return found;
  }

  /**
   * What the ledger gains from a read of `before → after`: the outside entries it holds once our
   * own changes are taken out, and our changes whose answer was lost that it shows applied.
   */
  private explain(environment: string, sku: string, locationCode: string, before: number, after: number, time: string): LedgerEntry[] {
    const waiting = this.waiting(environment, sku, locationCode);
    const outside = (from: number, to: number, at = time): LedgerEntry[] => (from === to ? [] : [{ time: at, source: 'outside', action: 'observed', sku, locationCode, before: from, after: to }]);
    if (waiting.length === 0) {
      return outside(before, after);
    }
    const first = waiting[0];
    let reached = waiting.length - 1;
    while (reached >= 0 && waiting[reached].after !== after) {
      reached--;
    }
    this.forget(environment, sku, locationCode, reached === -1 ? waiting.length : reached + 1);
    if (reached === -1) {
      // Someone changed it after ours: from the figure our recorded changes left (one whose answer
      // was lost may never have landed, so it is no starting point; then the read's own is).
      const recorded = waiting.filter((change) => !change.unconfirmed);
      return before === after ? [] : outside(recorded.length === 0 ? before : recorded[recorded.length - 1].after, after);
    }
    // Ours explain the read, unless the stock had already moved before our first change started
    // from it: that move was someone else's, and came before ours.
    const earlier = first.before === undefined ? [] : outside(before, first.before, justBefore(first.time));
    const shown = waiting.slice(0, reached + 1);
    if (shown.some((change) => change.unconfirmed && !change.onceRead)) {
      this.markUndecided(environment, sku, locationCode, after);
    }
    return [...earlier, ...shown.flatMap((change) => (change.onceRead ? [change.onceRead] : []))];
  }

  private append(environment: string, entries: LedgerEntry[]): Promise<void> {
    return entries.length === 0 ? Promise.resolve() : this.ledger(environment).append(entries).catch(this.onError);
  }

  private markUndecided(environment: string, sku: string, locationCode: string, figure: number): void {
    let byKey = this.undecided.get(environment);
    if (!byKey) {
      byKey = new Map();
      this.undecided.set(environment, byKey);
    }
    const id = key(sku, locationCode);
    byKey.set(id, [...(byKey.get(id) ?? []), figure].slice(-MAX_WAITING));
  }

  private expect(environment: string, sku: string, locationCode: string, change: Expected): void {
    let byKey = this.expected.get(environment);
    if (!byKey) {
      byKey = new Map();
      this.expected.set(environment, byKey);
    }
    byKey.set(key(sku, locationCode), [...this.waiting(environment, sku, locationCode), change].slice(-MAX_WAITING));
  }

  /** Our changes of the SKU at the location that no read has shown yet (the too old left out). */
  private waiting(environment: string, sku: string, locationCode: string): Expected[] {
    const oldest = this.now().getTime() - MAX_WAIT_MS;
    return (this.expected.get(environment)?.get(key(sku, locationCode)) ?? []).filter((change) => Date.parse(change.time) >= oldest);
  }

  /** Drops the first `count` waiting changes (those a read has shown). */
  private forget(environment: string, sku: string, locationCode: string, count: number): void {
    const byKey = this.expected.get(environment);
    const id = key(sku, locationCode);
    const left = this.waiting(environment, sku, locationCode).slice(count);
    if (left.length === 0) {
      byKey?.delete(id);
    } else {
      byKey?.set(id, left);
    }
  }
}

function lastFigure(entries: readonly LedgerEntry[], sku: string, locationCode: string): LedgerEntry | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index];
    if (entry.sku === sku && entry.locationCode === locationCode && entry.after !== undefined) {
      return entry;
    }
  }
  return undefined;
}

function key(sku: string, locationCode: string): string {
  return `${sku}\u241f${locationCode}`;
}

function justBefore(time: string): string {
  const parsed = Date.parse(time);
  return Number.isNaN(parsed) ? time : new Date(parsed - 1).toISOString();
}
