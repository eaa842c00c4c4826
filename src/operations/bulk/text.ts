// The preview and results documents of a bulk apply, as aligned plain text (they open as
// read-only documents beside the file, so they can be searched, copied and kept).
import * as l10n from '@vscode/l10n';
import type { LocationTotal, Preview, PlannedRow } from './preview';
import { outcomeLabel } from './report';
import type { RowStatus } from './state';
import { plural } from '../../common/text/plural';
import { goesBelowZero } from '../../stockChange/quantity';

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

function change(row: PlannedRow): string {
  return row.action === 'adjust' ? `adjust ${signed(row.qty)}` : `set ${row.qty}`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]): string => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(header), widths.map((width) => '─'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** The preview's and results' document, named for the file it is about (its tab's name). */
export function documentName(source: string): string {
  return l10n.t('{0} → OTO', source);
}

/** Units added and removed, zeros left out (`+5 / -3`, `+5`, or empty): never a `-0`. */
function moved(total: LocationTotal): string {
  return [total.added > 0 ? `+${total.added}` : '', total.removed > 0 ? `-${total.removed}` : ''].filter(Boolean).join(' / ');
}

/** A location's line in the confirmation: `RUH-WH1: 120 → 125 (+5)`. */
export function totalLine(total: LocationTotal): string {
  const change = moved(total);
  return change ? l10n.t('{0}: {1} → {2} ({3})', total.locationCode, total.before, total.after, change) : l10n.t('{0}: {1} → {2}', total.locationCode, total.before, total.after);
}

/** The After of a row, marked when the row leaves the stock below zero (as the quantity box's preview marks it). */
function afterCell(row: PlannedRow): string {
  return goesBelowZero(row.before, row.after) ? l10n.t('{0} (below zero)', row.after) : String(row.after);
}

/** For the confirmation: the rows that leave the stock below zero, by line; undefined when none does. */
export function belowZeroLine(preview: Preview): string | undefined {
  const lines = preview.rows.filter((row) => !row.noop && goesBelowZero(row.before, row.after)).map((row) => row.line);
  return lines.length === 0 ? undefined : plural(lines.length, '1 row leaves the stock below zero (line {1}).', '{0} rows leave the stock below zero (lines {1}).', lines.join(', '));
}

/** `readAs`: how the file was read, when that is worth saying (an encoding other than UTF-8, unsaved edits). */
export function previewText(preview: Preview, source: string, readAs?: string): string {
  const sending = preview.rows.filter((row) => !row.noop);
  const unchanged = preview.rows.filter((row) => row.noop);
  const rowTable = (rows: PlannedRow[]): string =>
    table(
      [l10n.t('Line'), l10n.t('SKU'), l10n.t('Location'), l10n.t('Change'), l10n.t('Before'), l10n.t('After'), l10n.t('Reason')],
      rows.map((row) => [String(row.line), row.sku, row.locationCode, change(row), String(row.before), afterCell(row), row.reason ?? '']),
    );
  const parts = [
    l10n.t('Stock changes from {0}: preview (figures read just now)', source),
    ...(readAs ? [readAs] : []),
    '',
    l10n.t('Totals per location'),
    table(
      [l10n.t('Location'), l10n.t('Rows'), l10n.t('Before'), l10n.t('After'), l10n.t('Added'), l10n.t('Removed')],
      preview.totals.map((total) => [total.locationCode, String(total.rows), String(total.before), String(total.after), total.added > 0 ? `+${total.added}` : '0', total.removed > 0 ? `-${total.removed}` : '0']),
    ),
    '',
    plural(sending.length, '1 row to send', '{0} rows to send'),
    rowTable(sending),
  ];
  const belowZero = belowZeroLine(preview);
  if (belowZero) {
    parts.push('', belowZero);
  }
  if (unchanged.length > 0) {
    const heading = plural(unchanged.length, '1 row changes nothing (the stock already has that figure) and is not sent', '{0} rows change nothing (the stock already has that figure) and are not sent');
    parts.push('', heading, rowTable(unchanged));
  }
  return `${parts.join('\n')}\n`;
}

export function resultsText(statuses: readonly RowStatus[], source: string): string {
  const rows = statuses.map(({ row, status }) => [
    String(row.line),
    row.sku,
    row.locationCode,
    change(row),
    String(row.before),
    String(row.after),
    'now' in status && status.now !== undefined ? String(status.now) : '',
    outcomeLabel(status),
    status.state === 'applied' ? (status.transactionId ?? '') : status.state === 'failed' ? [status.code, status.message].filter(Boolean).join(' ') : status.state === 'check' ? (status.message ?? '') : '',
  ]);
  const header = [l10n.t('Line'), l10n.t('SKU'), l10n.t('Location'), l10n.t('Change'), l10n.t('Before'), l10n.t('After'), l10n.t('Now'), l10n.t('Outcome'), l10n.t('Transaction / OTO message')];
  return `${l10n.t('Stock changes from {0}: results', source)}\n\n${table(header, rows)}\n`;
}
