// "Save report": each row's outcome as CSV, for the operator's records or a spreadsheet.
import Papa from 'papaparse';
import * as l10n from '@vscode/l10n';
import { guardCsvRow } from '../../common/text/csvGuard';
import type { RowState, RowStatus } from './state';

export function outcomeLabel(status: RowState): string {
  switch (status.state) {
    case 'applied':
      return l10n.t('applied');
    case 'failed':
      return l10n.t('not applied: OTO refused it');
    case 'check':
    case 'in-flight':
      return l10n.t('check: may or may not have been applied');
    case 'not-sent':
      if (status.now !== undefined) {
        return l10n.t('not sent: the stock changed since the preview ({0} now)', status.now);
      }
      return status.message === undefined ? l10n.t('not sent') : l10n.t('not applied: OTO asked to slow down; send it again from Review');
    case 'noop':
      return l10n.t('unchanged: already at this figure');
    case 'resolved':
      return status.as === 'applied' ? l10n.t('applied (confirmed by the operator)') : l10n.t('not applied (confirmed by the operator)');
  }
}

export function reportCsv(statuses: readonly RowStatus[]): string {
  const rows = statuses.map(({ row, status }) => ({
    line: row.line,
    sku: row.sku,
    locationCode: row.locationCode,
    action: row.action,
    qty: row.qty,
    before: row.before,
    after: row.after,
    now: 'now' in status && status.now !== undefined ? status.now : '',
    outcome: outcomeLabel(status),
    transactionId: status.state === 'applied' ? (status.transactionId ?? '') : '',
    otoCode: status.state === 'failed' ? (status.code ?? '') : '',
    message: status.state === 'failed' || status.state === 'check' || status.state === 'not-sent' ? (status.message ?? '') : status.state === 'applied' ? status.warnings.join(' · ') : '',
    reason: row.reason ?? '',
    note: row.note ?? '',
  }));
  return `${Papa.unparse(rows.map(guardCsvRow), { newline: '\r\n' })}\r\n`;
}
