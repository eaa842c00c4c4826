// Where each row of a bulk apply stands, folded from its journal (the fold itself is the
// journal's, shared with transfers), and the counts the summary shows.
import { foldStates, type JournalEntry, type ReadJournal, type RowState } from '../journal';
import type { PlannedRow } from './preview';

export type { RowState };

export interface RowStatus {
  row: PlannedRow;
  status: RowState;
}

export function foldRows(rows: readonly PlannedRow[], entries: readonly JournalEntry[]): RowStatus[] {
  const states = foldStates(rows.map((row): RowState => (row.noop ? { state: 'noop' } : { state: 'not-sent' })), entries);
  return rows.map((row, index) => ({ row, status: states[index] }));
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
