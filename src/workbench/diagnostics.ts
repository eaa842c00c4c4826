// Findings in the Problems panel: one diagnostic per finding on its exchange's document, `code` the
// rule id and `source` "OTO sandbox", so VS Code's own filter and counts work on them. Only for
// exchanges the sandbox still keeps.
import * as vscode from 'vscode';
import { Coalesced } from '../common/refresh/coalesce';
import type { Severity, TrafficExchange } from '../traffic/exchange';
import { trafficDocument, trafficUri } from './documents';
import type { TrafficFeed } from './feed';
import { findingText } from './findingText';
import { Disposable } from '../common/lifecycle';

export const DIAGNOSTIC_SOURCE = 'OTO sandbox';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class TrafficDiagnostics extends Disposable {
  private readonly collection = this._register(vscode.languages.createDiagnosticCollection('oto-sandbox'));
  /** Exchanges with diagnostics, oldest first, to drop them once the sandbox forgets them. */
  private readonly shown: Array<{ id: number; uri: vscode.Uri }> = [];
  private waiting: TrafficExchange[] = [];
  /** Problems updates are batched: a burst of bad requests is one update, not hundreds. */
  private readonly flushing = this._register(new Coalesced(() => this.flush()));

  constructor(private readonly feed: TrafficFeed) {
    super();
    this._register(feed.onDidRecord((exchange) => {
      if (exchange.findings.length > 0) {
        this.waiting.push(exchange);
        this.flushing.schedule();
      }
    }));
    this._register(feed.onDidReset(() => this.reset()));
  }

  private flush(): void {
    const entries: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
    for (const exchange of this.waiting.splice(0)) {
      if (this.feed.get(exchange.id) === undefined) {
        continue;
      }
      const uri = trafficUri(exchange);
      const { findingLines } = trafficDocument(this.feed, exchange);
      const diagnostics = exchange.findings.map((finding, index) => {
        const line = findingLines[index] ?? 0;
        const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, 200), findingText(finding), SEVERITY[finding.severity]);
        diagnostic.code = finding.rule;
        diagnostic.source = DIAGNOSTIC_SOURCE;
        return diagnostic;
      });
      entries.push([uri, diagnostics]);
      this.shown.push({ id: exchange.id, uri });
    }
    this.collection.set(entries);
    this.forgetGone();
  }

  private forgetGone(): void {
    while (this.shown.length > 0 && this.feed.get(this.shown[0].id) === undefined) {
      this.collection.delete(this.shown.shift()!.uri);
    }
  }

  private reset(): void {
    this.waiting = [];
    this.shown.length = 0;
    this.collection.clear();
    // A sandbox already running when the view starts: show what it has kept.
    this.waiting = this.feed.list().filter((exchange) => exchange.findings.length > 0).reverse();
    if (this.waiting.length > 0) {
      this.flushing.schedule();
    }
  }
}
