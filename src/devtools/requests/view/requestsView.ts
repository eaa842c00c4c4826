// The "Requests" view: this editor's own calls to OTO (the ring of recent exchanges), newest
// first, whichever environment they went to. What other clients send the sandbox is the Sandbox
// Traffic view's. Rows are built from the ring at once; tooltips only when hovered.
import * as vscode from 'vscode';
import { Coalesced } from '../../../common/refresh/coalesce';
import { rowParts } from '../../../common/text/bidi';
import { errorCode, type Exchange, isError } from '../log/exchange';
import { redactText } from '../log/redaction';
import type { ExchangeLog } from '../log/exchangeLog';
import { exchangeUri } from '../../documents';
import { formatDuration, formatTime } from '../log/logFormat';
import { planReplay } from '../replay/replay';
import { matchesFilter, type RequestFilter } from './requestFilter';
import { COMMANDS } from '../../../common/ids';

export const OPEN_EXCHANGE_COMMAND = COMMANDS.openRequest;

export class RequestsView implements vscode.TreeDataProvider<Exchange>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly repaint = new Coalesced(() => this.changed.fire(undefined));
  private readonly subscription: { dispose(): void };
  private filterValue: RequestFilter = 'all';

  constructor(private readonly exchanges: ExchangeLog) {
    // Polling can log many exchanges at once; one repaint per burst is enough.
    this.subscription = exchanges.onDidAdd(() => this.refreshSoon());
  }

  refreshSoon(): void {
    this.repaint.schedule();
  }

  get filter(): RequestFilter {
    return this.filterValue;
  }

  setFilter(filter: RequestFilter): void {
    this.filterValue = filter;
    this.changed.fire(undefined);
  }

  /** Exchanges logged, and how many of them the filter shows. */
  counts(): { logged: number; shown: number } {
    const all = this.exchanges.list();
    return { logged: all.length, shown: all.filter((exchange) => matchesFilter(exchange, this.filterValue)).length };
  }

  getChildren(element?: Exchange): Exchange[] {
    return element ? [] : this.exchanges.list().filter((exchange) => matchesFilter(exchange, this.filterValue));
  }

  getTreeItem(exchange: Exchange): vscode.TreeItem {
    const item = new vscode.TreeItem(`${exchange.method} ${exchange.endpoint}`, vscode.TreeItemCollapsibleState.None);
    const status = exchange.status === undefined ? (errorCode(exchange) ?? vscode.l10n.t('no answer')) : String(exchange.status);
    const times = exchange.count ?? 1;
    item.description = rowParts([status, ...(times > 1 ? [vscode.l10n.t('×{0}', times)] : []), formatDuration(exchange.durationMs), formatTime(exchange.startedAt)]);
    const failed = isError(exchange);
    item.iconPath = failed ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('pass');
    const kind = planReplay(exchange).kind;
    item.contextValue = `oto.exchange.${kind}`;
    item.accessibilityInformation = {
      label: failed
        ? times > 1
          ? vscode.l10n.t('{0} {1} failed {2} times in a row: {3}', exchange.method, exchange.endpoint, times, status)
          : vscode.l10n.t('{0} {1} failed: {2}, {3}', exchange.method, exchange.endpoint, status, formatDuration(exchange.durationMs))
        : vscode.l10n.t('{0} {1}: {2}, {3}', exchange.method, exchange.endpoint, status, formatDuration(exchange.durationMs)),
    };
    item.command = { command: OPEN_EXCHANGE_COMMAND, title: vscode.l10n.t('Open request'), arguments: [exchange] };
    return item;
  }

  /** The tooltip, built when hovered: a view of 200 rows opens without building 200 of them. */
  resolveTreeItem(item: vscode.TreeItem, exchange: Exchange): vscode.TreeItem {
    const times = exchange.count ?? 1;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(`${exchange.method} ${redactText(exchange.url)}\n\n`);
    tooltip.appendText(vscode.l10n.t('Attempt {0}', exchange.attempt));
    if (times > 1) {
      tooltip.appendText(`\n\n${vscode.l10n.t('Failed the same way {0} times in a row, from {1} to {2}; shown once.', times, formatTime(exchange.firstAt ?? exchange.startedAt), formatTime(exchange.startedAt))}`);
    }
    if (exchange.error) {
      tooltip.appendText(`\n\n${[exchange.error.code, redactText(exchange.error.message)].filter(Boolean).join(' ')}`);
    }
    item.tooltip = tooltip;
    return item;
  }

  static async open(exchange: Exchange): Promise<void> {
    const document = await vscode.workspace.openTextDocument(exchangeUri(exchange));
    await vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.repaint.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
