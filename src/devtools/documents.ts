// Read-only virtual documents: an exchange of the Requests view (`oto-request:`) and the two
// sides of a snapshot comparison (`oto-snapshot:`). Virtual, so nothing lands in a temp file and
// the editor cannot save them.
import * as vscode from 'vscode';
import type { Exchange } from './exchange';
import type { ExchangeLog } from './exchangeLog';
import { formatExchangeDocument } from './logFormat';

export const REQUEST_SCHEME = 'oto-request';
export const SNAPSHOT_SCHEME = 'oto-snapshot';

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

/** Texts registered under a URI for as long as a comparison might be open. */
export class SnapshotDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 1;

  register(label: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: SNAPSHOT_SCHEME, path: `/${this.next++}/${label.replace(/[\\/]/g, '-')}.txt` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  forget(uri: vscode.Uri): void {
    this.texts.delete(uri.toString());
  }
}
