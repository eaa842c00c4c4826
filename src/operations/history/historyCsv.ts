// The history panel's "Export CSV": the filtered ledger rows as a spreadsheet reads them (a BOM
// so Excel takes UTF-8, CRLF lines), through the formula guard every CSV we write shares.
import Papa from 'papaparse';
import { guardCsvRow } from '../../common/text/csvGuard';
import type { HistoryRow } from './protocol';

export function historyCsv(rows: readonly HistoryRow[]): string {
  const csv = Papa.unparse(rows.map((row) => guardCsvRow({
    time: new Date(row.time).toISOString(),
    source: row.source,
    action: row.action,
    locationCode: row.locationCode,
    qty: row.qty ?? '',
    before: row.before ?? '',
    after: row.after ?? '',
    reason: row.reason ?? '',
    note: row.note ?? '',
    transactionId: row.transactionId ?? '',
    answer: row.answer ?? '',
  })), { newline: '\r\n' });
  return `\uFEFF${csv}\r\n`;
}
