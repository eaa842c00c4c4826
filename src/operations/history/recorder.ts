// Feeds the ledger: changes the extension makes (told by the flows) and changes a read of the
// store shows that the extension did not make ("outside": another user, the dashboard, an ERP).
// A figure the extension expects (the after of its own change) is not counted as outside when
// the next read finds it.
import type { StockChange } from '../../stock/store/figures';
import type { LedgerEntry } from './entry';
import type { Ledger } from './ledger';

export class LedgerRecorder {
  /** Per environment, `sku␟location` → the on hand our latest change left. */
  private readonly expected = new Map<string, Map<string, number>>();

  constructor(
    private readonly ledger: (environment: string) => Ledger,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Our own changes: recorded, and their figures expected on the next read. */
  record(environment: string, entries: readonly LedgerEntry[]): Promise<void> {
    const expected = this.expectedIn(environment);
    for (const entry of entries) {
      if (entry.after !== undefined) {
        expected.set(key(entry.sku, entry.locationCode), entry.after);
      }
    }
    return this.ledger(environment).append(entries).catch(this.onError);
  }

  /** What a read of the store found changed; the ones we did not make go to the ledger as "outside". */
  observe(environment: string, changes: readonly StockChange[]): Promise<void> {
    const expected = this.expectedIn(environment);
    const time = this.now().toISOString();
    const outside: LedgerEntry[] = [];
    for (const change of changes) {
      if (change.scope !== 'location' || change.locationCode === undefined) {
        continue;
      }
      const before = change.before?.onHand ?? 0;
      const after = change.after?.onHand ?? 0;
      const id = key(change.sku, change.locationCode);
      const ours = expected.get(id);
      expected.delete(id);
      if (before === after || ours === after) {
        continue;
      }
      outside.push({ time, source: 'outside', action: 'observed', sku: change.sku, locationCode: change.locationCode, before: ours ?? before, after });
    }
    return outside.length === 0 ? Promise.resolve() : this.ledger(environment).append(outside).catch(this.onError);
  }

  private expectedIn(environment: string): Map<string, number> {
    let map = this.expected.get(environment);
    if (!map) {
      map = new Map();
      this.expected.set(environment, map);
    }
    return map;
  }
}

function key(sku: string, locationCode: string): string {
  return `${sku}\u241f${locationCode}`;
}
