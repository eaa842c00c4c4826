// The messages between the stock history panel and its page, declared once for both sides and
// checked on receipt by each: anything that does not match exactly is dropped. No `vscode`
// import: the page bundle includes this file.
import { LEDGER_SOURCES, type LedgerSource } from '../../stockChange/ledgerEntry';
import { isPluralForms, type PluralForms } from '../../common/text/pluralForms';
import { hasOnlyKeys, isArrayOf, isInteger, isRecord, isShortString, isTime, parseMessage, type Checks } from '../../common/webview/schema';

/** One ledger entry as the page shows it. */
export interface HistoryRow {
  time: number;
  source: LedgerSource;
  action: string;
  locationCode: string;
  before?: number;
  after?: number;
  qty?: number;
  transactionId?: string;
  reason?: string;
  note?: string;
  /** `lost`: our change whose answer was lost, found applied by a later read (LedgerEntry.answer). */
  answer?: 'lost';
}

export interface LocationNow {
  locationCode: string;
  onHand: number;
}

export const HISTORY_STRING_KEYS = [
  'title', 'loading', 'chartLabel', 'noHistory', 'filterLabel', 'filterPlaceholder', 'allSources', 'allLocations', 'exportCsv', 'refresh',
  'columnTime', 'columnSource', 'columnLocation', 'columnChange', 'columnBeforeAfter', 'columnReason', 'columnTransaction',
  'sourceSingle', 'sourceBulk', 'sourceTransfer', 'sourceOrder', 'sourceUndo', 'sourceOutside', 'onHandAxis', 'now',
  'reasonReceived', 'reasonDamaged', 'reasonCycleCount', 'reasonCorrection', 'reasonReturned', 'reasonOther',
  'actionAdjust', 'actionSet', 'actionInbound', 'actionOutbound', 'actionObserved', 'showMore', 'beforeAfter', 'noOnHandChanges', 'answerLost',
] as const;
export type HistoryStringKey = (typeof HISTORY_STRING_KEYS)[number];
/** The counted messages, as plural forms the page picks from by the count (`{0}`). */
export const HISTORY_PLURAL_KEYS = ['entriesCount'] as const;
export type HistoryPluralKey = (typeof HISTORY_PLURAL_KEYS)[number];
export type HistoryStrings = Record<HistoryStringKey, string> & Record<HistoryPluralKey, PluralForms>;

export interface HistoryFilter {
  text: string;
  source: LedgerSource | '';
  locationCode: string;
}

/** Host → page. */
export type HistoryHostMessage =
  | { type: 'init'; strings: HistoryStrings; locale: string }
  | { type: 'history'; sku: string; name: string; rows: HistoryRow[]; now: LocationNow[]; readAt: number }
  | { type: 'error'; message: string };

/** Page → host. */
export type HistoryPageMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'exportCsv'; filter: HistoryFilter };

/** At most this many rows cross to the page (the chart and table of one SKU). */
export const MAX_HISTORY_ROWS = 100_000;

const isText = (value: unknown, max = 500): value is string => isShortString(value, max);
const isCode = (value: unknown): value is string => isShortString(value, 200);

const ROW_KEYS: ReadonlySet<string> = new Set<keyof HistoryRow>(['time', 'source', 'action', 'locationCode', 'before', 'after', 'qty', 'transactionId', 'reason', 'note', 'answer']);
const SOURCES: ReadonlySet<unknown> = new Set(LEDGER_SOURCES);

/**
 * Run for every row of a history (up to 100,000), in a page whose code is still cold when the
 * history arrives: one expression of plain checks, no closure or entry array per field (a table
 * of per-field checks cost 30 ms for 10,000 rows there).
 */
function isRow(value: unknown): value is HistoryRow {
  if (!isRecord(value)) {
    return false;
  }
  for (const key in value) {
    if (!ROW_KEYS.has(key)) {
      return false;
    }
  }
  const { before, after, qty, transactionId, reason, note, answer } = value;
  return (
    isTime(value.time) &&
    SOURCES.has(value.source) &&
    isText(value.action, 40) &&
    isCode(value.locationCode) &&
    (before === undefined || isInteger(before)) &&
    (after === undefined || isInteger(after)) &&
    (qty === undefined || isInteger(qty)) &&
    (transactionId === undefined || isCode(transactionId)) &&
    (reason === undefined || isText(reason, 40)) &&
    (note === undefined || isText(note)) &&
    (answer === undefined || answer === 'lost')
  );
}

function isStrings(value: unknown): value is HistoryStrings {
  return (
    isRecord(value) &&
    hasOnlyKeys(value, [...HISTORY_STRING_KEYS, ...HISTORY_PLURAL_KEYS]) &&
    HISTORY_STRING_KEYS.every((key) => isText(value[key], 1000)) &&
    HISTORY_PLURAL_KEYS.every((key) => isPluralForms(value[key], 1000))
  );
}

const isNow = (value: unknown): value is LocationNow => isRecord(value) && hasOnlyKeys(value, ['locationCode', 'onHand']) && isCode(value.locationCode) && isInteger(value.onHand);

function isFilter(value: unknown): value is HistoryFilter {
  return isRecord(value) && hasOnlyKeys(value, ['text', 'source', 'locationCode']) && isText(value.text, 200) && (value.source === '' || LEDGER_SOURCES.includes(value.source as LedgerSource)) && isCode(value.locationCode);
}

const hostChecks: Record<HistoryHostMessage['type'], Checks[]> = {
  init: [{ strings: isStrings, locale: (value) => isText(value, 40) }],
  history: [{
    sku: isCode,
    name: isText,
    rows: (value) => isArrayOf(value, isRow, MAX_HISTORY_ROWS),
    now: (value) => isArrayOf(value, isNow, 1000),
    readAt: isTime,
  }],
  error: [{ message: (value) => isText(value, 2000) }],
};

const pageChecks: Record<HistoryPageMessage['type'], Checks[]> = {
  ready: [{}],
  refresh: [{}],
  exportCsv: [{ filter: isFilter }],
};

export const parseHistoryHostMessage = (raw: unknown): HistoryHostMessage | undefined => parseMessage(raw, hostChecks);
export const parseHistoryPageMessage = (raw: unknown): HistoryPageMessage | undefined => parseMessage(raw, pageChecks);

/** The rows a filter keeps: by source, location and text in the note, reason, action or transaction. */
export function filterRows(rows: readonly HistoryRow[], filter: HistoryFilter): HistoryRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter((row) =>
    (filter.source === '' || row.source === filter.source) &&
    (filter.locationCode === '' || row.locationCode === filter.locationCode) &&
    (text === '' || [row.action, row.locationCode, row.reason, row.note, row.transactionId].some((field) => field?.toLowerCase().includes(text))));
}
