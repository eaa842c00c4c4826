// The "Sandbox Traffic" view: every exchange any client had with the in-process sandbox, newest
// first, with its findings; filters for other clients only and for exchanges with findings.
import * as vscode from 'vscode';
import { Coalesced } from '../common/refresh/coalesce';
import type { TrafficExchange } from '../traffic/exchange';
import type { TrafficFeed } from './feed';
import { severityLabel, trafficRow } from './rows';
import { COMMANDS } from '../common/ids';

export const OPEN_TRAFFIC_COMMAND = COMMANDS.openSandboxExchange;

export interface TrafficFilters {
  othersOnly: boolean;
  findingsOnly: boolean;
}

export class TrafficView implements vscode.TreeDataProvider<TrafficExchange>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly filters: TrafficFilters = { othersOnly: false, findingsOnly: false };
  private readonly repaint = new Coalesced(() => this.changed.fire(undefined));
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly feed: TrafficFeed) {
    // An ERP's sync can send hundreds of requests a second: one repaint per burst.
    this.subscriptions = [feed.onDidRecord(() => this.refreshSoon()), feed.onDidReset(() => this.refreshSoon())];
  }

  refreshSoon(): void {
    this.repaint.schedule();
  }

  setFilter(name: keyof TrafficFilters, on: boolean): void {
    this.filters[name] = on;
    void vscode.commands.executeCommand('setContext', name === 'othersOnly' ? 'oto.traffic.othersOnly' : 'oto.traffic.findingsOnly', on);
    this.refreshSoon();
  }

  getChildren(element?: TrafficExchange): TrafficExchange[] {
    if (element) {
      return [];
    }
    return this.feed.list().filter((exchange) => (!this.filters.othersOnly || !exchange.client.own) && (!this.filters.findingsOnly || exchange.findings.length > 0));
  }

  getTreeItem(exchange: TrafficExchange): vscode.TreeItem {
    const row = trafficRow(exchange);
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = String(exchange.id);
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    item.contextValue = 'oto.trafficExchange';
    // Plain text, not Markdown: everything here came from the client.
    item.tooltip = [`#${exchange.id} ${exchange.method} ${exchange.target ?? exchange.path}`, row.description, ...exchange.findings.map((finding) => `${severityLabel(finding.severity)}: ${finding.rule}`)].join('\n');
    item.accessibilityInformation = { label: `${row.label}, ${row.description}` };
    item.command = { command: OPEN_TRAFFIC_COMMAND, title: vscode.l10n.t('Open exchange'), arguments: [exchange] };
    return item;
  }

  dispose(): void {
    this.repaint.dispose();
    this.subscriptions.forEach((subscription) => {
      subscription.dispose();
    });
    this.changed.dispose();
  }
}
