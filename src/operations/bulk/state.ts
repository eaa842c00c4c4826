// Where each row of a bulk apply stands, folded from its journal. A row sent without a recorded
// answer (in flight when VS Code stopped, or whose answer was lost) is "check": it may or may
// not have been applied, and it is never sent again unless the operator says so.
import type { JournalEntry, ReadJournal } from '../journal';
import type { PlannedRow } from './preview';

export type RowState =
  | { state: 'not-sent' }
  | { state: 'noop' }
  | { state: 'in-flight' }
  | { state: 'applied'; transactionId?: string; warnings: string[] }
  | { state: 'failed'; code?: string; message: string }
  /** Sent, answer lost. `now`: on hand when re-read afterwards. */
  | { state: 'check'; message?: string; now?: number }
  | { state: 'resolved'; as: 'applied' | 'not-applied'; now?: number };

export interface RowStatus {
  row: PlannedRow;
  status: RowState;
}

export function foldRows(rows: readonly PlannedRow[], entries: readonly JournalEntry[]): RowStatus[] {
  const states = rows.map((row): RowState => (row.noop ? { state: 'noop' } : { state: 'not-sent' }));
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
  return rows.map((row, index) => {
    const status = states[index];
    // A send with no answer on record: the process stopped while the write was in flight.
    return { row, status: status.state === 'in-flight' ? { state: 'check', now: checked.get(index) } : status };
  });
}

export function statusOf(journal: ReadJournal): RowStatus[] {
  return foldRows(journal.start.rows, journal.entries);
}

export interface Counts {
  applied: number;
  failed: number;
  check: number;
  notSent: number;
  noop: number;
  resolved: number;
}

export function countStates(statuses: readonly RowStatus[]): Counts {
  const counts: Counts = { applied: 0, failed: 0, check: 0, notSent: 0, noop: 0, resolved: 0 };
  for (const { status } of statuses) {
    switch (status.state) {
      case 'applied':
        counts.applied++;
        break;
      case 'failed':
        counts.failed++;
        break;
      case 'check':
      case 'in-flight':
        counts.check++;
        break;
      case 'not-sent':
        counts.notSent++;
        break;
      case 'noop':
        counts.noop++;
        break;
      case 'resolved':
        counts.resolved++;
        break;
    }
  }
  return counts;
}

/** Nothing left for the operator: every row applied, refused, unchanged or decided. */
export function isSettled(statuses: readonly RowStatus[]): boolean {
  const counts = countStates(statuses);
  return counts.check === 0 && counts.notSent === 0;
}
