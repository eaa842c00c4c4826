// The append-only journal of one run of writes, a bulk apply or a transfer: a JSON line before each
// write is sent and one after its answer, each flushed to disk before going on. Whatever stops the
// run (VS Code closing, the network, a cancel), the journal says which writes were applied, which
// were never sent and which were sent without an answer; it is read back on the next start.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readJsonLines } from '../common/text/jsonLines';
import type { PlannedRow } from './bulk/preview';
import type { TransferPlan } from './transfer/transfer';

export interface JournalStart {
  type: 'start';
  runId: string;
  environment: string;
  /** The file the changes came from, for the operator's orientation only. */
  source: string;
  at: string;
  rows: PlannedRow[];
  /** The interrupted run whose unsent rows this one sends: that run is no longer offered. */
  resumes?: string;
  /**
   * Present in a transfer's journal: what it moves. Its `rows` are then empty, and an entry's
   * `row` is the index of its step in TRANSFER_STEPS (first, second, reverse).
   */
  transfer?: TransferPlan;
}

/** A bulk apply's journal, or a transfer's. */
export type JournalKind = 'bulk' | 'transfer';

export function kindOf(start: JournalStart): JournalKind {
  return start.transfer === undefined ? 'bulk' : 'transfer';
}

export type JournalEntry =
  | JournalStart
  /** Written, and flushed, before the write is sent. */
  | { type: 'send'; row: number; at: string }
  | { type: 'applied'; row: number; at: string; transactionId?: string; warnings: string[] }
  /** OTO answered no: the change was not made. */
  | { type: 'failed'; row: number; at: string; code?: string; message: string }
  /** No answer (network, timeout, a 5xx without OTO's code): the change may or may not have been made. */
  | { type: 'lost'; row: number; at: string; message: string }
  /**
   * Not applied, to send again after a fresh preview: a set whose stock had changed since the
   * preview (`now`; a set would overwrite that change), or a write OTO refused unprocessed because
   * of its rate limit (`message`).
   */
  | { type: 'held'; row: number; at: string; now?: number; message?: string }
  /** The SKU re-read after a lost answer. */
  | { type: 'checked'; row: number; at: string; now: number }
  /** The operator's decision about a row whose answer was lost; `resend` makes it sendable again. */
  | { type: 'resolved'; row: number; at: string; as: 'applied' | 'not-applied' | 'resend' }
  /** The apply stopped (finished or cancelled); rows may still need the operator. */
  | { type: 'stopped'; at: string; cancelled: boolean }
  /** The operator is done with this journal: it is no longer offered on start. */
  | { type: 'closed'; at: string };

export type JournalEntryType = JournalEntry['type'];

const SUFFIX = '.journal.jsonl';
/** Journals the operator closed are kept for a while (they are the record of what happened), then removed. */
export const KEEP_CLOSED_JOURNALS = 20;

export class Journal {
  private writes: Promise<unknown> = Promise.resolve();
  /** Set on a reopened journal: its last line may be torn, and the next entry must not join it. */
  private startOnNewLine = false;

  private constructor(
    readonly file: string,
    readonly start: JournalStart,
    private readonly now: () => Date,
  ) {}

  /** A new journal whose first line (flushed) plans every row. */
  static async create(dir: string, plan: Omit<JournalStart, 'type' | 'runId' | 'at'>, now: () => Date = () => new Date()): Promise<Journal> {
    await fs.mkdir(dir, { recursive: true });
    const start: JournalStart = { type: 'start', runId: `${now().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`, at: now().toISOString(), ...plan };
    const journal = new Journal(path.join(dir, `${start.runId}${SUFFIX}`), start, now);
    await journal.write(start, 'wx');
    return journal;
  }

  /** Reopens a journal read back from disk, to add to it. */
  static reopen(file: string, start: JournalStart, now: () => Date = () => new Date()): Journal {
    const journal = new Journal(file, start, now);
    journal.startOnNewLine = true;
    return journal;
  }

  /** Appends one entry and waits until it is on disk; appends run one after another. */
  append(entry: DistributiveOmit<Exclude<JournalEntry, JournalStart>, 'at'>): Promise<void> {
    return this.write({ ...entry, at: this.now().toISOString() }, 'a');
  }

  private write(entry: JournalEntry, flag: 'a' | 'wx'): Promise<void> {
    const done = this.writes.then(async () => {
      const handle = await fs.open(this.file, flag);
      try {
        await handle.write(`${this.startOnNewLine ? '\n' : ''}${JSON.stringify(entry)}\n`);
        this.startOnNewLine = false;
        await handle.datasync();
      } finally {
        await handle.close();
      }
    });
    this.writes = done.catch(() => undefined);
    return done;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ReadJournal {
  file: string;
  start: JournalStart;
  entries: JournalEntry[];
}

/**
 * A journal's entries. A line cut short (VS Code stopped mid-write) can only be the last one and
 * is left out: the write it would have announced was not sent, since sending waits for the line.
 */
export async function readJournal(file: string): Promise<ReadJournal | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const entries = readJsonLines(text, isEntry).values;
  const start = entries[0];
  return start?.type === 'start' ? { file, start, entries } : undefined;
}

/** Journals of this kind and environment the operator has not closed, oldest first. */
export async function openJournals(dir: string, environment: string, kind: JournalKind): Promise<ReadJournal[]> {
  const journals = await allJournals(dir);
  // Resuming creates the new journal before closing the old one; should VS Code stop in between,
  // the old one must not be offered again, or its unsent rows could be sent twice.
  const resumed = new Set(journals.map((journal) => journal.start.resumes).filter((runId) => runId !== undefined));
  return journals.filter((journal) => kindOf(journal.start) === kind && journal.start.environment === environment && !resumed.has(journal.start.runId) && !isClosed(journal));
}

/** Every journal of this kind and environment still on disk (the open ones and the last closed ones), oldest first. */
export async function journalsOf(dir: string, environment: string, kind: JournalKind): Promise<ReadJournal[]> {
  return (await allJournals(dir)).filter((journal) => kindOf(journal.start) === kind && journal.start.environment === environment);
}

/** Whether a journal is still offered for review (see openJournals), among `journals` read from the same folder. */
export function isOpen(journal: ReadJournal, journals: readonly ReadJournal[]): boolean {
  return !isClosed(journal) && !journals.some((other) => other.start.resumes === journal.start.runId);
}

/** Removes the oldest closed journals beyond KEEP_CLOSED_JOURNALS. */
export async function pruneJournals(dir: string): Promise<void> {
  const closed = (await allJournals(dir)).filter(isClosed);
  for (const journal of closed.slice(0, Math.max(0, closed.length - KEEP_CLOSED_JOURNALS))) {
    await fs.rm(journal.file, { force: true });
  }
}

async function allJournals(dir: string): Promise<ReadJournal[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith(SUFFIX)).sort();
  } catch {
    return [];
  }
  const journals: ReadJournal[] = [];
  for (const name of names) {
    const journal = await readJournal(path.join(dir, name));
    if (journal) {
      journals.push(journal);
    }
  }
  return journals;
}

function isClosed(journal: ReadJournal): boolean {
  return journal.entries.some((entry) => entry.type === 'closed');
}

const TYPES: readonly JournalEntryType[] = ['start', 'send', 'applied', 'failed', 'lost', 'held', 'checked', 'resolved', 'stopped', 'closed'];

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const entry = value as Record<string, unknown>;
  if (!TYPES.includes(entry.type as JournalEntryType) || typeof entry.at !== 'string') {
    return false;
  }
  if (entry.type === 'start') {
    return typeof entry.runId === 'string' && typeof entry.environment === 'string' && Array.isArray(entry.rows) && (entry.transfer === undefined || isTransferPlan(entry.transfer));
  }
  return entry.type === 'stopped' || entry.type === 'closed' || Number.isSafeInteger(entry.row);
}

/** Enough of a plan to say what the transfer moved and to send its remaining steps. */
function isTransferPlan(value: unknown): value is TransferPlan {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const plan = value as Record<string, unknown>;
  return ['id', 'sku', 'from', 'to'].every((field) => typeof plan[field] === 'string') && Number.isSafeInteger(plan.qty) && (plan.method === 'immediate' || plan.method === 'orders')
    && Number.isSafeInteger(plan.fromBefore) && Number.isSafeInteger(plan.toBefore) && typeof plan.toIsNew === 'boolean';
}

/** Where one write of a journal stands (a bulk row, a transfer's step). */
export type RowState =
  /** `now`: a set held back because the stock had moved since the preview, to this figure; `message`: refused by OTO's rate limit. */
  | { state: 'not-sent'; now?: number; message?: string }
  | { state: 'noop' }
  | { state: 'in-flight' }
  | { state: 'applied'; transactionId?: string; warnings: string[] }
  | { state: 'failed'; code?: string; message: string }
  /** Sent, answer lost. `now`: on hand when re-read afterwards. */
  | { state: 'check'; message?: string; now?: number }
  | { state: 'resolved'; as: 'applied' | 'not-applied'; now?: number };

/**
 * Folds a journal's entries into each write's state, from `initial` (one per row). A write sent
 * without a recorded answer (in flight when VS Code stopped, or whose answer was lost) is "check":
 * it may or may not have been applied, and it is never sent again unless the operator says so.
 */
export function foldStates(initial: readonly RowState[], entries: readonly JournalEntry[]): RowState[] {
  const states = [...initial];
  const checked = new Map<number, number>();
  for (const entry of entries) {
    if (!('row' in entry) || entry.row < 0 || entry.row >= states.length) {
      continue;
    }
    switch (entry.type) {
      case 'send':
        states[entry.row] = { state: 'in-flight' };
        break;
      case 'applied':
        states[entry.row] = { state: 'applied', transactionId: entry.transactionId, warnings: entry.warnings ?? [] };
        break;
      case 'failed':
        states[entry.row] = { state: 'failed', code: entry.code, message: entry.message };
        break;
      case 'lost':
        states[entry.row] = { state: 'check', message: entry.message, now: checked.get(entry.row) };
        break;
      case 'held':
        states[entry.row] = { state: 'not-sent', ...(entry.now === undefined ? {} : { now: entry.now }), ...(entry.message === undefined ? {} : { message: entry.message }) };
        break;
      case 'checked': {
        checked.set(entry.row, entry.now);
        const current = states[entry.row];
        if (current.state === 'check' || current.state === 'in-flight') {
          states[entry.row] = { ...(current.state === 'check' ? current : { state: 'check' }), now: entry.now };
        }
        break;
      }
      case 'resolved':
        states[entry.row] = entry.as === 'resend' ? { state: 'not-sent' } : { state: 'resolved', as: entry.as, now: checked.get(entry.row) };
        break;
    }
  }
  // A send with no answer on record: the process stopped while the write was in flight.
  return states.map((status, index) => (status.state === 'in-flight' ? { state: 'check', now: checked.get(index) } : status));
}
