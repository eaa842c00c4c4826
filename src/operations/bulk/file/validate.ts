// Every row of a file of stock changes checked before anything is sent: the columns, each cell,
// the SKU and location against the store, and one change per SKU and location. A file with any
// problem sends nothing; each problem names its line so it can be shown in the Problems panel.
import * as l10n from '@vscode/l10n';
import { parseReason, REASONS, type Reason } from '../../../stockChange/reasons';
import type { Table, TableProblem } from './table';
import { asciiDigits } from '../../../common/text/display';
import { pluralOfMany } from '../../../common/text/plural';

export type BulkAction = 'set' | 'adjust';

export interface BulkChange {
  /** 1-based line of the file the row is on. */
  line: number;
  sku: string;
  locationCode: string;
  action: BulkAction;
  qty: number;
  reason?: Reason;
  note?: string;
}

export interface KnownStock {
  hasSku(sku: string): boolean;
  hasLocation(code: string): boolean;
  /** The catalogue's SKUs: an unknown SKU that is one of them without its leading zeros is named so. */
  skus?(): Iterable<string>;
}

export interface Validation {
  changes: BulkChange[];
  problems: TableProblem[];
}

/** Larger changes than this are almost always a typo (a barcode pasted into qty, say). */
export const MAX_QTY = 1_000_000;
/** Files are bounded like everything else we read: one apply sends at most this many writes. */
export const MAX_ROWS = 10_000;
export const MAX_NOTE_LENGTH = 500;

/**
 * Direction marks and embeddings a paste from a right-to-left sheet leaves around text: invisible,
 * so "Unknown SKU" would name what looks like a known one; never part of a SKU or a location code.
 */
const DIRECTION_MARKS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

/**
 * Spaces that look like ordinary ones, and ones that do not show at all: a SKU copied from a web
 * page or a sheet carries them, and "Unknown SKU" would name what looks like a known one.
 */
const ODD_SPACES = /[\u00a0\u2007\u202f\u200b\u2060\ufeff]/;

/** What a decoder leaves for bytes it could not read: the file was read in another encoding than its own. */
const UNREADABLE = '\ufffd';

const REQUIRED = ['sku', 'locationCode', 'action', 'qty'] as const;
const OPTIONAL = ['reason', 'note'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** The file's name for each column we know, matched without regard to case. */
function columnNames(columns: readonly string[]): Partial<Record<Column, string>> {
  const names: Partial<Record<Column, string>> = {};
  for (const column of [...REQUIRED, ...OPTIONAL]) {
    const found = columns.find((name) => name.toLowerCase() === column.toLowerCase());
    if (found !== undefined) {
      names[column] = found;
    }
  }
  return names;
}

/** True when the header has every required column: what the CodeLens looks for. */
export function hasStockChangeColumns(columns: readonly string[]): boolean {
  const names = columnNames(columns);
  return REQUIRED.every((column) => names[column] !== undefined);
}

/** Columns named more than once (`qty` twice, or `qty` and `QTY`): which one holds the change is unclear. */
function ambiguousColumns(columns: readonly string[]): TableProblem[] {
  return [...REQUIRED, ...OPTIONAL].flatMap((column) => {
    const found = columns.filter((name) => name.toLowerCase() === column.toLowerCase());
    return found.length > 1
      ? [{ line: 1, message: l10n.t('The header names the column {0} more than once ({1}): keep one, so that it is clear which holds the change.', column, found.join(', ')) }]
      : [];
  });
}

/**
 * Why a SKU may be unknown when the file passed through Excel: it opens a CSV's `00123` as the
 * number 123, and a long barcode as `6.28E+12`, and saves them so.
 */
function unknownSkuMessage(sku: string, padded: () => Map<string, string>): string {
  const withZeros = /^\d+$/.test(sku) ? padded().get(sku) : undefined;
  if (withZeros !== undefined) {
    return l10n.t('Unknown SKU "{0}": the catalogue has "{1}". Excel drops the leading zeros of a number when it opens a CSV: write the SKU as the catalogue has it (format the column as Text before saving).', sku, withZeros);
  }
  if (/^\d+([.,]\d+)?E\+\d+$/i.test(sku)) {
    return l10n.t('Unknown SKU "{0}": a long number that Excel wrote in scientific notation, which loses its last digits. Format the column as Text and write the SKUs again.', sku);
  }
  return l10n.t('Unknown SKU "{0}": it is not in the catalogue of this OTO account.', sku);
}

export function validateTable(table: Table, known: KnownStock): Validation {
  const problems: TableProblem[] = [...table.problems];
  const names = columnNames(table.columns);
  const ambiguous = ambiguousColumns(table.columns);
  if (ambiguous.length > 0) {
    return { changes: [], problems: [...problems, ...ambiguous] };
  }
  const missing = REQUIRED.filter((column) => names[column] === undefined);
  if (missing.length > 0) {
    problems.push({
      line: 1,
      message: l10n.t('The file lacks the column(s) {0}. A file of stock changes has the columns sku, locationCode, action and qty (reason and note are optional), in any order.', missing.join(', ')),
    });
    return { changes: [], problems };
  }
  if (table.rows.length === 0) {
    problems.push({ line: 1, message: l10n.t('The file has a header but no changes.') });
    return { changes: [], problems };
  }
  if (table.rows.length > MAX_ROWS) {
    problems.push({ line: 1, message: pluralOfMany(table.rows.length, 'The file has {0} changes; at most {1} are applied from one file. Split it into smaller files.', MAX_ROWS) });
    return { changes: [], problems };
  }
  const cell = (cells: Record<string, string>, column: Column): string => {
    const name = names[column];
    return name === undefined ? '' : (cells[name] ?? '');
  };
  const changes: BulkChange[] = [];
  const firstLine = new Map<string, number>();
  // Built at the first unknown all-digit SKU: the catalogue's SKUs with leading zeros, by the number left without them.
  let padded: Map<string, string> | undefined;
  const paddedSkus = (): Map<string, string> => {
    padded ??= new Map([...(known.skus?.() ?? [])].filter((sku) => /^0+\d+$/.test(sku)).map((sku) => [sku.replace(/^0+(?=\d)/, ''), sku]));
    return padded;
  };
  for (const { line, cells } of table.rows) {
    const report = (message: string): void => {
      problems.push({ line, message });
    };
    const before = problems.length;
    const sku = cell(cells, 'sku');
    const locationCode = cell(cells, 'locationCode');
    const actionText = cell(cells, 'action');
    const qtyText = cell(cells, 'qty');
    /** Reports (and is true for) a value with direction marks in it. */
    const marked = (column: 'sku' | 'locationCode', value: string): boolean => {
      const plain = value.replace(DIRECTION_MARKS, '');
      if (plain === value) {
        return false;
      }
      report(l10n.t('The {0} "{1}" holds invisible direction marks (text copied from a right-to-left sheet carries them): delete them.', column, plain));
      return true;
    };
    /** Reports (and is true for) an unknown value with a non-breaking or zero-width space in it. */
    const oddlySpaced = (column: 'sku' | 'locationCode', value: string): boolean => {
      if (!ODD_SPACES.test(value)) {
        return false;
      }
      report(l10n.t('The {0} "{1}" holds a non-breaking or zero-width space (text copied from a web page or a sheet carries them), and is not known with it: type it again with ordinary spaces.', column, value));
      return true;
    };
    const filled = Object.values(cells).filter((value) => value !== '');
    if (filled.length === 1 && /^(#|\/\/)/.test(filled[0])) {
      // Said once, rather than as an unknown SKU and three empty cells.
      report(l10n.t('This line reads as a comment ("{0}"), and a file of stock changes has none: delete the line, or put the words in the note column of a change.', filled[0]));
      continue;
    }
    if (Object.values(cells).some((value) => value.includes(UNREADABLE))) {
      // Said once for the row, before an "unknown SKU" that would name a garbled one.
      report(l10n.t('This row holds characters that could not be read (shown as \ufffd): the file is in another encoding than the one it was read in. Reopen it with its encoding (e.g. Arabic (Windows 1256)) or save it as "CSV UTF-8", and apply it again.'));
      continue;
    }
    if (sku === '') {
      report(l10n.t('The sku is empty.'));
    } else if (!marked('sku', sku) && !known.hasSku(sku) && !oddlySpaced('sku', sku)) {
      report(unknownSkuMessage(sku, paddedSkus));
    }
    if (locationCode === '') {
      report(l10n.t('The locationCode is empty.'));
    } else if (!marked('locationCode', locationCode) && !known.hasLocation(locationCode) && !oddlySpaced('locationCode', locationCode)) {
      report(l10n.t('Unknown location "{0}": it is not one of this account\'s pickup locations.', locationCode));
    }
    const action = actionText.toLowerCase();
    if (action !== 'set' && action !== 'adjust') {
      report(actionText === '' ? l10n.t('The action is empty: write set or adjust.') : l10n.t('Unknown action "{0}": write set (the new quantity on hand) or adjust (a change, e.g. -5).', actionText));
    }
    const qty = parseQty(qtyText, action, report);
    const reasonText = cell(cells, 'reason');
    const reason = reasonText === '' ? undefined : parseReason(reasonText);
    if (reasonText !== '' && reason === undefined) {
      report(l10n.t('Unknown reason "{0}": use one of {1}, or leave it empty.', reasonText, REASONS.join(', ')));
    }
    const note = cell(cells, 'note');
    if (note.length > MAX_NOTE_LENGTH) {
      report(pluralOfMany(note.length, 'The note is {0} characters long; at most {1} are kept.', MAX_NOTE_LENGTH));
    }
    if (sku !== '' && locationCode !== '') {
      const key = JSON.stringify([sku, locationCode]);
      const first = firstLine.get(key);
      if (first !== undefined) {
        report(l10n.t('{0} at {1} is already changed on line {2}: one change per SKU and location per file.', sku, locationCode, first));
      } else {
        firstLine.set(key, line);
      }
    }
    if (problems.length === before && qty !== undefined) {
      changes.push({ line, sku, locationCode, action: action as BulkAction, qty, reason, note: note === '' ? undefined : note });
    }
  }
  return { changes: problems.length === 0 ? changes : [], problems };
}

function parseQty(text: string, action: string, report: (message: string) => void): number | undefined {
  if (text === '') {
    report(l10n.t('The qty is empty.'));
    return undefined;
  }
  // The digits every quantity box reads: a sheet typed on an Arabic keyboard holds `٥` or `۵`;
  // and no direction mark or embedding, which would make "5" look like no whole number.
  const plain = asciiDigits(text.replace(DIRECTION_MARKS, ''));
  if (/^\d+-$/.test(plain)) {
    // As SAP and some ERPs write a negative number; in a right-to-left sheet it may also be how
    // `-5` was typed to look. Which one it is is not guessed.
    report(l10n.t('qty "{0}" has its minus sign after the number (as some ERPs export a negative number): write -{1} if that is meant.', text, plain.slice(0, -1)));
    return undefined;
  }
  if (!/^[+-]?\d+$/.test(plain)) {
    // `1,200` and `1.200` are a thousand and two hundred in one locale and one point two in
    // another (and `١٬٢٠٠` is often typed for either): which the sheet meant cannot be known, so
    // the message asks instead of calling `1,200` "not a whole number".
    report(/^[+-]?\d{1,3}([.,\u066c'\u00a0\u202f ]\d{3})+$/.test(plain)
      ? l10n.t('qty "{0}" holds a separator: is it a thousands or a decimal separator? Write the whole number of units with digits only (e.g. 1200, not 1,200), with an optional sign.', text)
      : l10n.t('qty "{0}" is not a whole number: use digits only, with an optional sign.', text));
    return undefined;
  }
  const qty = Number(plain);
  if (Math.abs(qty) > MAX_QTY) {
    report(l10n.t('qty {0} is out of range: at most {1} units per change.', text, MAX_QTY));
    return undefined;
  }
  if (action === 'set' && qty < 0) {
    report(l10n.t('set {0}: stock cannot be set below 0.', text));
    return undefined;
  }
  if (action === 'adjust' && qty === 0) {
    report(l10n.t('adjust 0 changes nothing: write a positive number to add or a negative one to remove.'));
    return undefined;
  }
  return qty;
}
