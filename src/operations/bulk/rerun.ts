// A file applied before: applying it again would send its rows a second time (an adjust twice), so
// the command first looks for an earlier apply of the same file in this environment's journals.
import { isOpen, type ReadJournal } from '../journal';
import type { BulkChange } from './file/validate';
import { countStates, statusOf, type Counts } from './state';

export interface EarlierApply {
  journal: ReadJournal;
  /** Still offered for review: some of its rows are unsent or unclear. */
  open: boolean;
  counts: Counts;
  /** How many of the file's changes were among that apply's rows (every one: the same file again). */
  common: number;
}

const changeKey = (change: Pick<BulkChange, 'sku' | 'locationCode' | 'action' | 'qty'>): string => JSON.stringify([change.sku, change.locationCode, change.action, change.qty]);

/**
 * The newest earlier apply of this file in the journals that sent something that landed or may
 * have (applied, to check, decided applied), or still has rows to send; undefined when there is
 * none. "This file" is the same name with at least half of that apply's rows among the file's
 * changes (a row fixed or added since must not hide the others, which would be sent a second
 * time), or another name with exactly the same rows (a copy saved from a message, `changes (1).csv`).
 * A run that resumed another counts for the whole file.
 */
export function findEarlierApply(source: string, changes: readonly BulkChange[], journals: readonly ReadJournal[]): EarlierApply | undefined {
  const keys = new Set(changes.map(changeKey));
  for (const journal of [...journals].reverse()) {
    const rows = journal.start.rows;
    const common = rows.filter((row) => keys.has(changeKey(row))).length;
    const sameFile = journal.start.source === source ? common > 0 && common * 2 >= rows.length : common === rows.length && common === keys.size;
    if (rows.length === 0 || !sameFile) {
      continue;
    }
    const statuses = statusOf(journal);
    const landed = statuses.filter(({ status }) => status.state === 'applied' || status.state === 'check' || status.state === 'in-flight' || (status.state === 'resolved' && status.as === 'applied'));
    const open = isOpen(journal, journals);
    if (open || landed.length > 0) {
      const counts = countStates(statuses);
      return { journal, open, counts, common };
    }
  }
  return undefined;
}

/**
 * What the operator's answer about an earlier apply means for this one: whether to send, and
 * which run it takes over. Sending the whole file again over an apply still open takes it over
 * (the new run resumes it), so that apply is not offered for review again, where its rows never
 * sent would be sent once more after the whole file has sent them.
 */
export function rerunPlan(earlier: EarlierApply | undefined, again: boolean): { send: boolean; resumes?: ReadJournal } {
  if (!earlier) {
    return { send: true };
  }
  return again ? { send: true, resumes: earlier.open ? earlier.journal : undefined } : { send: false };
}
