// Read-only virtual documents: an exchange of the Requests view (`oto-request:`), the two sides
// of a snapshot comparison (`oto-snapshot:`) and stock reports (`oto-stock-report:`). Virtual, so
// nothing lands in a temp file and the editor cannot save them.
import * as vscode from 'vscode';
import type { Exchange } from './requests/log/exchange';
import type { ExchangeLog } from './requests/log/exchangeLog';
import { formatExchangeDocument } from './requests/log/logFormat';
import { Disposable } from '../common/lifecycle';

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

/**
 * Read-only texts registered under URIs of one scheme, kept while a document shows them: the two
 * sides of a snapshot comparison, a stock report. Closing one never asks to save it.
 */
export class VirtualTexts extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 1;

  constructor(readonly scheme: string) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(scheme, this));
    this._register(vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === scheme) {
        this.texts.delete(document.uri.toString());
      }
    }));
    this._register({ dispose: () => this.texts.clear() });
  }

  /** A URI showing `text`; `fileName` (its extension picks the language) is what the tab shows. */
  register(fileName: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${this.next++}/${fileName.replace(/[\\/]/g, '-')}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
