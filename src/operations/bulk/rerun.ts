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
}

const changeKey = (change: Pick<BulkChange, 'sku' | 'locationCode' | 'action' | 'qty'>): string => JSON.stringify([change.sku, change.locationCode, change.action, change.qty]);

/**
 * The newest apply of `source` (the file's name) whose rows are all among `changes` and that sent
 * something that landed or may have (applied, to check, decided applied), or still has rows to
 * send; undefined when there is none. A run that resumed another counts for the whole file.
 */
export function findEarlierApply(source: string, changes: readonly BulkChange[], journals: readonly ReadJournal[]): EarlierApply | undefined {
  const keys = new Set(changes.map(changeKey));
  for (const journal of [...journals].reverse()) {
    if (journal.start.source !== source || journal.start.rows.length === 0 || !journal.start.rows.every((row) => keys.has(changeKey(row)))) {
      continue;
    }
    const statuses = statusOf(journal);
    const landed = statuses.filter(({ status }) => status.state === 'applied' || status.state === 'check' || status.state === 'in-flight' || (status.state === 'resolved' && status.as === 'applied'));
    const open = isOpen(journal, journals);
    if (open || landed.length > 0) {
      const counts = countStates(statuses);
      return { journal, open, counts };
    }
  }
  return undefined;
}
