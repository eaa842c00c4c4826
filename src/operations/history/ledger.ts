// The stock ledger of one environment: every change the extension made (with its reason) and
// every change a refresh saw that it did not make ("outside"), as JSON lines in the extension's
// global storage. Bounded: past the limit the oldest entries are dropped.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isReason, type Reason } from '../reasons';

export type LedgerSource = 'single' | 'bulk' | 'transfer' | 'order' | 'undo' | 'outside';
export const LEDGER_SOURCES: readonly LedgerSource[] = ['single', 'bulk', 'transfer', 'order', 'undo', 'outside'];
export type LedgerAction = 'adjust' | 'set' | 'inbound' | 'outbound' | 'observed';
const ACTIONS: readonly LedgerAction[] = ['adjust', 'set', 'inbound', 'outbound', 'observed'];

export interface LedgerEntry {
  /** ISO time. */
  time: string;
  source: LedgerSource;
  action: LedgerAction;
  sku: string;
  locationCode: string;
  /** On hand before and after (absent for an inventory order, which moves only the forecast). */
  before?: number;
  after?: number;
  qty?: number;
  transactionId?: string;
  reason?: Reason;
  note?: string;
  /** Groups the two steps of a transfer. */
  transferId?: string;
}

export const LEDGER_LIMIT = 100_000;

export class Ledger {
  private count: number | undefined;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly limit = LEDGER_LIMIT,
  ) {}

  static forEnvironment(dir: string, environment: string, limit?: number): Ledger {
    return new Ledger(path.join(dir, `${environment.replace(/[^\w.-]/g, '_')}.ledger.jsonl`), limit);
  }

  /** Appends entries; once the file holds a tenth more than the limit, it keeps only the newest `limit`. */
  append(entries: readonly LedgerEntry[]): Promise<void> {
    const valid = entries.filter(isLedgerEntry);
    if (valid.length === 0) {
      return this.writes.then(() => undefined);
    }
    const done = this.writes.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      this.count ??= (await this.readAll()).length;
      await fs.appendFile(this.file, valid.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      this.count += valid.length;
      if (this.count > this.limit + Math.ceil(this.limit / 10)) {
        const kept = (await this.readAll()).slice(-this.limit);
        const temporary = `${this.file}.tmp`;
        await fs.writeFile(temporary, kept.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
        await fs.rename(temporary, this.file);
        this.count = kept.length;
      }
    });
    this.writes = done.catch(() => undefined);
    return done;
  }

  /** Every entry, oldest first, at most `limit`. */
  async entries(): Promise<LedgerEntry[]> {
    await this.writes;
    return (await this.readAll()).slice(-this.limit);
  }

  /** One SKU's entries, oldest first. */
  async forSku(sku: string): Promise<LedgerEntry[]> {
    return (await this.entries()).filter((entry) => entry.sku === sku);
  }

  private async readAll(): Promise<LedgerEntry[]> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch {
      return [];
    }
    const entries: LedgerEntry[] = [];
    for (const line of text.split('\n')) {
      if (line === '') {
        continue;
      }
      try {
        const entry = JSON.parse(line) as unknown;
        if (isLedgerEntry(entry)) {
          entries.push(entry);
        }
      } catch {
        // A line cut short by a crash mid-append: the entries around it still count.
      }
    }
    return entries;
  }
}

const isOptionalInteger = (value: unknown): boolean => value === undefined || Number.isSafeInteger(value);
const isOptionalText = (value: unknown, max: number): boolean => value === undefined || (typeof value === 'string' && value.length <= max);

export function isLedgerEntry(value: unknown): value is LedgerEntry {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.time === 'string' && !Number.isNaN(Date.parse(entry.time)) &&
    LEDGER_SOURCES.includes(entry.source as LedgerSource) &&
    ACTIONS.includes(entry.action as LedgerAction) &&
    typeof entry.sku === 'string' && entry.sku.length > 0 && entry.sku.length <= 200 &&
    typeof entry.locationCode === 'string' && entry.locationCode.length <= 200 &&
    isOptionalInteger(entry.before) && isOptionalInteger(entry.after) && isOptionalInteger(entry.qty) &&
    isOptionalText(entry.transactionId, 200) && isOptionalText(entry.note, 500) && isOptionalText(entry.transferId, 200) &&
    (entry.reason === undefined || isReason(entry.reason))
  );
}
