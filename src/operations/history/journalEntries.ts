// The ledger entries of journalled writes (a bulk row, a transfer's step): made as each is
// answered, and again by the review of a run VS Code stopped in the middle of. The live run can
// stop before its entries reach the ledger (a transfer records its steps only once both are
// answered; a bulk row's entry is written after its journal line), so the review records each
// write the journal shows applied and the ledger lacks, marked as found on review. Every entry
// names its journal write (`run`): a review shown again records nothing twice.
import * as l10n from '@vscode/l10n';
import type { PlannedRow } from '../bulk/preview';
import type { ReadJournal } from '../journal';
import { foldStates, type RowState } from '../journal';
import { stepRequest, TRANSFER_STEPS, type StepName, type StepOutcome, type TransferPlan } from '../transfer/transfer';
import { MAX_LEDGER_NOTE, type LedgerEntry } from '../../stockChange/ledgerEntry';

/** The `run` of a ledger entry: which write of which journal it records. */
export function journalWrite(runId: string, row: number): string {
  return `${runId}#${row}`;
}

/** Adds `extra` to a note, keeping it within what the ledger accepts (the operator's words are cut first). */
export function withNote(note: string | undefined, extra: string): string {
  const separator = ' · ';
  if (!note) {
    return extra.slice(0, MAX_LEDGER_NOTE);
  }
  const room = MAX_LEDGER_NOTE - extra.length - separator.length;
  return room <= 0 ? extra.slice(0, MAX_LEDGER_NOTE) : `${note.slice(0, room)}${separator}${extra}`;
}

/** A bulk row's entry. */
export function bulkLedgerEntry(row: PlannedRow, extra: Partial<LedgerEntry>): LedgerEntry {
  return { time: new Date().toISOString(), source: 'bulk', action: row.action, sku: row.sku, locationCode: row.locationCode, before: row.before, after: row.after, qty: row.qty, reason: row.reason, note: row.note, ...extra };
}

/** A transfer step's entry: an order moves only the forecast, an adjust or set has before and after. */
export function transferLedgerEntry(plan: TransferPlan, step: StepName, outcome: StepOutcome, extra: Partial<LedgerEntry>): LedgerEntry {
  const write = stepRequest(plan, step);
  const base = { time: new Date().toISOString(), source: 'transfer' as const, sku: plan.sku, transactionId: outcome.reference, reason: plan.reason, note: plan.note, transferId: plan.id };
  if (write.kind === 'order') {
    return { ...base, action: write.request.action, locationCode: write.request.locationCode, qty: plan.qty, ...extra };
  }
  const atSource = write.request.locationCode === plan.from;
  const before = atSource ? (step === 'reverse' ? plan.fromBefore - plan.qty : plan.fromBefore) : plan.toBefore;
  const after = write.request.actionType === 'set' ? write.request.qty : before + write.request.qty;
  return { ...base, action: write.request.actionType, locationCode: write.request.locationCode, qty: write.request.qty, before, after, ...extra };
}

/** Each write the journal shows applied, with the time its answer was written down. */
function appliedWrites(read: ReadJournal, initial: readonly RowState[]): Array<{ row: number; at: string; transactionId?: string }> {
  const answeredAt = new Map<number, string>();
  for (const entry of read.entries) {
    if (entry.type === 'applied') {
      answeredAt.set(entry.row, entry.at);
    }
  }
  return foldStates(initial, read.entries).flatMap((state, row) => (state.state === 'applied' ? [{ row, at: answeredAt.get(row) ?? read.start.at, transactionId: state.transactionId }] : []));
}

/** The steps an interrupted transfer had applied, as ledger entries marked as found on review. */
export function interruptedTransferEntries(read: ReadJournal): LedgerEntry[] {
  const plan = read.start.transfer;
  if (!plan) {
    return [];
  }
  const mark = l10n.t('recorded on review: VS Code stopped during this transfer');
  return appliedWrites(read, TRANSFER_STEPS.map((): RowState => ({ state: 'not-sent' }))).map(({ row, at, transactionId }) =>
    transferLedgerEntry(plan, TRANSFER_STEPS[row], { state: 'applied', reference: transactionId }, { time: at, run: journalWrite(read.start.runId, row), note: withNote(plan.note, mark) }));
}

/** The rows an interrupted bulk apply had applied, as ledger entries marked as found on review. */
export function interruptedBulkEntries(read: ReadJournal): LedgerEntry[] {
  const rows = read.start.rows;
  const mark = l10n.t('recorded on review: VS Code stopped during this apply');
  return appliedWrites(read, rows.map((row): RowState => (row.noop ? { state: 'noop' } : { state: 'not-sent' }))).map(({ row, at, transactionId }) =>
    bulkLedgerEntry(rows[row], { time: at, transactionId, run: journalWrite(read.start.runId, row), note: withNote(rows[row].note, mark) }));
}

const transactionKey = (entry: LedgerEntry): string | undefined => (entry.transactionId === undefined ? undefined : [entry.source, entry.sku, entry.locationCode, entry.transactionId].join('\u241f'));

export interface LedgerAccess {
  ledger(environment: string): { entries(): Promise<LedgerEntry[]> };
  record(environment: string, entries: readonly LedgerEntry[]): Promise<void>;
}

/** Records the entries the ledger does not hold yet; resolves with them. */
export async function recordMissing(access: LedgerAccess, environment: string, entries: readonly LedgerEntry[]): Promise<LedgerEntry[]> {
  if (entries.length === 0) {
    return [];
  }
  // Held already: by its journal write, or (an entry from before `run` existed) by its transaction.
  const runs = new Set<string>();
  const transactions = new Set<string>();
  for (const found of await access.ledger(environment).entries()) {
    if (found.run !== undefined) {
      runs.add(found.run);
    }
    const key = transactionKey(found);
    if (key !== undefined) {
      transactions.add(key);
    }
  }
  const missing = entries.filter((entry) => !(entry.run !== undefined && runs.has(entry.run)) && !transactions.has(transactionKey(entry) ?? ''));
  if (missing.length > 0) {
    await access.record(environment, missing);
  }
  return missing;
}
