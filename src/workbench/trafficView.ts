// The "Sandbox Traffic" view: every exchange any client had with the in-process sandbox, newest
// first, with its findings. This editor's own successful reads (the Stock view's refreshes) are
// hidden unless asked for, with their count above the rows: they are what the Requests view is
// for, and here they buried the ERP's requests. Filters for other clients only and for findings.
import * as vscode from 'vscode';
import { Disposable } from '../common/lifecycle';
import { Coalesced } from '../common/refresh/coalesce';
import type { TrafficExchange } from '../traffic/exchange';
import type { TrafficFeed } from './feed';
import { isOwnBackgroundRead, severityLabel, trafficRow } from './rows';
import { COMMANDS, CONTEXT_KEYS } from '../common/ids';

export const OPEN_TRAFFIC_COMMAND = COMMANDS.openSandboxExchange;

export interface TrafficFilters {
  othersOnly: boolean;
  findingsOnly: boolean;
  /** This editor's own successful reads shown (off by default). */
  ownReads: boolean;
}

const FILTER_KEYS: Record<keyof TrafficFilters, string> = {
  othersOnly: CONTEXT_KEYS.trafficOthersOnly,
  findingsOnly: CONTEXT_KEYS.trafficFindingsOnly,
  ownReads: CONTEXT_KEYS.trafficOwnReads,
};

export class TrafficView extends Disposable implements vscode.TreeDataProvider<TrafficExchange> {
  private readonly changed = this._register(new vscode.EventEmitter<undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly filters: TrafficFilters = { othersOnly: false, findingsOnly: false, ownReads: false };
  private readonly repaint = this._register(new Coalesced(() => this.changed.fire(undefined)));

  constructor(private readonly feed: TrafficFeed) {
    super();
    // An ERP's sync can send hundreds of requests a second: one repaint per burst.
    this._register(feed.onDidRecord(() => this.refreshSoon()));
    this._register(feed.onDidReset(() => this.refreshSoon()));
  }

  refreshSoon(): void {
    this.repaint.schedule();
  }

  setFilter(name: keyof TrafficFilters, on: boolean): void {
    this.filters[name] = on;
    void vscode.commands.executeCommand('setContext', FILTER_KEYS[name], on);
    this.refreshSoon();
  }

  getChildren(element?: TrafficExchange): TrafficExchange[] {
    if (element) {
      return [];
    }
    return this.feed.list().filter((exchange) => this.shows(exchange));
  }

  /** How many of this editor's reads the view hides now (0 while they are shown or all own rows are). */
  hiddenOwnReads(): number {
    if (this.filters.ownReads || this.filters.othersOnly) {
      return 0;
    }
    let hidden = 0;
    for (const exchange of this.feed.list()) {
      if (isOwnBackgroundRead(exchange) && (!this.filters.findingsOnly || exchange.findings.length > 0)) {
        hidden++;
      }
    }
    return hidden;
  }

  private shows(exchange: TrafficExchange): boolean {
    return (
      (!this.filters.othersOnly || !exchange.client.own) &&
      (!this.filters.findingsOnly || exchange.findings.length > 0) &&
      (this.filters.ownReads || !isOwnBackgroundRead(exchange))
    );
  }

  getTreeItem(exchange: TrafficExchange): vscode.TreeItem {
    const row = trafficRow(exchange);
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = String(exchange.id);
    item.description = row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon.id, row.icon.color ? new vscode.ThemeColor(row.icon.color) : undefined);
    item.contextValue = row.contextValue;
    // Plain text, not Markdown: everything here came from the client.
    item.tooltip = [`#${exchange.id} ${exchange.method} ${exchange.target ?? exchange.path}`, row.description, ...exchange.findings.map((finding) => `${severityLabel(finding.severity)}: ${finding.rule}`)].join('\n');
    item.accessibilityInformation = { label: `${row.label}, ${row.description}` };
    item.command = { command: OPEN_TRAFFIC_COMMAND, title: vscode.l10n.t('Open exchange'), arguments: [exchange] };
    return item;
  }
}
