// One entry of the stock ledger and its check (entries come back from disk and cross to the
// history page, so neither side trusts them). No Node or vscode import: the page bundle uses it.
import { isReason, type Reason } from './reasons';

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
  /** The journal write (`<runId>#<row>`) a bulk row's or a transfer step's entry records. */
  run?: string;
  /**
   * `lost`: OTO's answer to this change of ours was lost, and a later read found the figure it
   * leaves; the entry says so rather than pass it off as confirmed (or as another writer's).
   */
  answer?: 'lost';
}

/** The longest note the ledger keeps. */
export const MAX_LEDGER_NOTE = 500;

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
    isOptionalText(entry.transactionId, 200) && isOptionalText(entry.note, MAX_LEDGER_NOTE) && isOptionalText(entry.transferId, 200) && isOptionalText(entry.run, 300) &&
    (entry.reason === undefined || isReason(entry.reason)) &&
    (entry.answer === undefined || entry.answer === 'lost')
  );
}
