// `oto-traffic:` documents: one captured exchange, read-only and virtual (nothing lands on disk).
import * as vscode from 'vscode';
import type { TrafficExchange } from '../traffic/exchange';
import { formatTrafficDocument, trafficDocumentPath, trafficIdOf, type TrafficDocument } from './exchangeDocument';
import type { TrafficFeed } from './feed';
import { findingText } from './findingText';
import { TRAFFIC_SCHEME } from '../common/ids';

export function trafficUri(exchange: TrafficExchange): vscode.Uri {
  return vscode.Uri.from({ scheme: TRAFFIC_SCHEME, path: trafficDocumentPath(exchange, vscode.l10n.t('Sandbox Traffic')) });
}

export function trafficDocument(feed: TrafficFeed, exchange: TrafficExchange): TrafficDocument {
  return formatTrafficDocument(exchange, feed.urlOf(exchange), findingText);
}

export class TrafficDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly feed: TrafficFeed) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = trafficIdOf(uri.path);
    const exchange = id === undefined ? undefined : this.feed.get(id);
    return exchange
      ? trafficDocument(this.feed, exchange).text
      : `${JSON.stringify({ error: vscode.l10n.t('This exchange is no longer kept (only the last {0} are).', this.feed.capacity) }, null, 2)}\n`;
  }

  static async open(exchange: TrafficExchange): Promise<void> {
    const document = await vscode.workspace.openTextDocument(trafficUri(exchange));
    await vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
