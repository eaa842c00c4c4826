// The stock ledger of one environment: every change the extension made (with its reason) and
// every change a refresh saw that it did not make ("outside"), as JSON lines in the extension's
// global storage. Bounded: past the limit the oldest entries are dropped.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isLedgerEntry, type LedgerEntry } from '../../stockChange/ledgerEntry';
import { readJsonLines } from '../../common/text/jsonLines';

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
    // A line cut short by a crash mid-append, even one later appends ran on from, costs only
    // itself: the entries around it still count.
    return readJsonLines(text, isLedgerEntry).values;
  }
}
