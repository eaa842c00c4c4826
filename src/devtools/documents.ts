// Read-only virtual documents: an exchange of the Requests view (`oto-request:`), made from the
// log when shown; the schemes of the two sides of a snapshot comparison (`oto-snapshot:`) and of
// stock reports (`oto-stock-report:`), whose texts `common/ui/virtualTexts.ts` holds. Virtual, so
// nothing lands in a temp file and the editor cannot save them.
import * as vscode from 'vscode';
import type { Exchange } from './requests/log/exchange';
import type { ExchangeLog } from './requests/log/exchangeLog';
import { formatExchangeDocument } from './requests/log/logFormat';

export const REQUEST_SCHEME = 'oto-request';
export const SNAPSHOT_SCHEME = 'oto-snapshot';
export const REPORT_SCHEME = 'oto-stock-report';

export function exchangeUri(exchange: Exchange): vscode.Uri {
  return vscode.Uri.from({ scheme: REQUEST_SCHEME, path: `/${exchange.id}-${exchange.endpoint}.json` });
}

export class ExchangeDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly exchanges: ExchangeLog) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = Number(/^\/(\d+)-/.exec(uri.path)?.[1]);
    const exchange = this.exchanges.get(id);
    return exchange
      ? formatExchangeDocument(exchange)
      : `${JSON.stringify({ error: vscode.l10n.t('This request is no longer in the log (only the last {0} are kept).', this.exchanges.capacity) }, null, 2)}\n`;
  }
}
