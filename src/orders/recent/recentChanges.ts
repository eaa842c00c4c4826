// This workspace's stock changes and inventory orders, newest first, kept in workspace state.
import { randomUUID } from 'node:crypto';
import type { LostStockChange, RecentChange, StockChangeRecord } from '../../stockChange/records';

export const RECENT_CHANGES_KEY = 'oto.recentChanges';
export const RECENT_CHANGES_LIMIT = 200;


type NewRecord<R> = R extends RecentChange ? Omit<R, 'id' | 'time'> : never;

/** The part of VS Code's Memento this store uses. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export class RecentChanges {
  /** Updates run one after another, so two changes finishing together both get recorded. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly memento: MementoLike,
    private readonly now: () => Date = () => new Date(),
    /** Told of each new record (the stock ledger listens). */
    private readonly onAdd?: (record: RecentChange) => void,
    /** Told of each change whose answer was lost (the stock ledger records it once a read shows it applied). */
    private readonly onLost?: (change: LostStockChange) => void,
  ) {}

  list(): RecentChange[] {
    const stored = this.memento.get<unknown>(RECENT_CHANGES_KEY);
    // Workspace state outlives versions of the extension: keep only entries we understand.
    return Array.isArray(stored) ? stored.filter(isRecentChange) : [];
  }

  async add<R extends RecentChange>(entry: NewRecord<R>): Promise<R> {
    const record = { ...entry, id: randomUUID(), time: this.now().toISOString() } as unknown as R;
    await this.write((changes) => [record, ...changes].slice(0, RECENT_CHANGES_LIMIT));
    this.onAdd?.(record);
    return record;
  }

  /** A change sent whose answer was lost: not kept here (whether it was applied is not known), only told on. */
  lost(entry: NewRecord<StockChangeRecord>): void {
    this.onLost?.({ ...entry, time: this.now().toISOString() });
  }

  async markUndone(id: string): Promise<void> {
    await this.write((changes) => changes.map((change) => (change.id === id && change.type === 'stock' ? { ...change, undone: true, undoUnknown: undefined } : change)));
  }

  /** An undo of the change was sent and its answer lost (see StockChangeRecord.undoUnknown). */
  async markUndoUnknown(id: string, figures: { before: number; after: number }): Promise<void> {
    await this.write((changes) => changes.map((change) => (change.id === id && change.type === 'stock' ? { ...change, undoUnknown: figures } : change)));
  }

  private write(change: (changes: RecentChange[]) => RecentChange[]): Promise<void> {
    const done = this.writes.then(() => this.memento.update(RECENT_CHANGES_KEY, change(this.list())));
    this.writes = done.catch(() => undefined);
    return done;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRecentChange(value: unknown): value is RecentChange {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.time !== 'string' || typeof value.environment !== 'string' || typeof value.locationCode !== 'string') {
    return false;
  }
  if (value.type === 'stock') {
    return (
      (value.action === 'adjust' || value.action === 'set') &&
      typeof value.sku === 'string' &&
      Number.isSafeInteger(value.qty) &&
      Number.isSafeInteger(value.before) &&
      Number.isSafeInteger(value.after)
    );
  }
  return (
    value.type === 'order' &&
    (value.action === 'inbound' || value.action === 'outbound') &&
    typeof value.otoId === 'string' &&
    Array.isArray(value.items) &&
    value.items.every((item) => isRecord(item) && typeof item.sku === 'string' && Number.isSafeInteger(item.qty)) &&
    isRecord(value.request)
  );
}
