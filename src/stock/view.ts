// The thin vscode side of the Stock view: turns the plain tree model into TreeItems and tells
// VS Code exactly which rows changed. Everything it shows comes from the StockStore.
import { displayFormats } from '../common/text/display';
import * as vscode from 'vscode';
import { rowId, type ExpansionMemory } from './tree/expansion';
import type { StockIssue } from './store/issues';
import type { StockStore } from './store/store';
import { lowBadge } from './tree/format';
import { locationTooltip, skuTooltip } from './tree/tooltip';
import { buildTree, type LocationGroup, type StockNode, type TreeModel, type TreeOptions } from './tree/treeModel';
import { COMMANDS, LOW_STOCK_SCHEME } from '../common/ids';
import { visibleIssues } from './controller';

/** The row at the top of the view when a read failed; clicking it opens the log. */
export interface IssueNode {
  kind: 'issue';
  id: string;
  issues: StockIssue[];
}

export type StockViewElement = StockNode | IssueNode;

/** More changed rows than this and VS Code is simply told to refresh the whole tree. */
const TARGETED_LIMIT = 200;

function issueNode(issues: StockIssue[]): IssueNode {
  return { kind: 'issue', id: 'issue', issues };
}

export class StockTreeProvider implements vscode.TreeDataProvider<StockViewElement>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<StockViewElement | StockViewElement[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private model: TreeModel = { roots: [], rowCount: 0 };
  private issues: IssueNode | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: StockStore,
    private options: TreeOptions,
    private readonly expansion: ExpansionMemory,
  ) {
    this.rebuild('initial');
    this.subscription = store.onDidChange((event) => this.rebuild(event.reason === 'invalidate' ? 'targeted' : 'whole'));
  }

  get treeOptions(): TreeOptions {
    return this.options;
  }

  setOptions(options: Partial<TreeOptions>): void {
    this.options = { ...this.options, ...options };
    this.rebuild('whole');
  }

  getTreeItem(element: StockViewElement): vscode.TreeItem {
    if (element.kind === 'issue') {
      const item = new vscode.TreeItem(element.issues[0].planGated ? vscode.l10n.t('Stock management is not available') : vscode.l10n.t("Couldn't read stock"));
      item.id = element.id;
      item.description = vscode.l10n.t('Show log');
      item.tooltip = element.issues.map((issue) => issue.message).join('\n\n');
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
      item.command = { command: COMMANDS.showLog, title: vscode.l10n.t('Show log') };
      item.contextValue = 'oto.issue';
      return item;
    }
    const collapsible = !element.children?.length ? vscode.TreeItemCollapsibleState.None : this.expands(element) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(this.label(element), collapsible);
    item.id = rowId(element.id, element.kind, this.filtered());
    item.description = element.description;
    item.contextValue = element.contextValue;
    item.iconPath = this.iconOf(element);
    if (element.kind === 'location' && element.lowCount > 0) {
      // The decoration provider reads the counts back from the query (see lowStockDecorations).
      item.resourceUri = vscode.Uri.from({ scheme: LOW_STOCK_SCHEME, path: `/${element.id}`, query: `low=${element.lowCount}&of=${element.lowOfAll}` });
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, element: StockViewElement): vscode.TreeItem {
    if (element.kind === 'issue') {
      return item;
    }
    const context = { locations: this.store.locations, ...displayFormats(vscode.env.language) };
    let markdown: string | undefined;
    if (element.kind === 'location') {
      markdown = locationTooltip(element);
    } else {
      const stock = this.store.getSku(element.sku);
      markdown = stock && skuTooltip(stock, context, element.locationCode);
    }
    if (markdown) {
      const tooltip = new vscode.MarkdownString(markdown, true);
      item.tooltip = tooltip;
    }
    return item;
  }

  getChildren(element?: StockViewElement): StockViewElement[] {
    if (element) {
      return element.kind === 'issue' ? [] : (element.children ?? []);
    }
    return this.issues ? [this.issues, ...this.model.roots] : this.model.roots;
  }

  getParent(element: StockViewElement): StockViewElement | undefined {
    return element.kind === 'issue' ? undefined : element.parent;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  /** See ExpansionMemory: the user's choice, a filter's matches, or "fits on one screen". */
  private filtered(): boolean {
    return this.options.lowOnly || this.options.text !== '';
  }

  private expands(node: StockNode): boolean {
    return node.kind === 'location' && this.expansion.expands(node.id, this.model.rowCount, this.filtered());
  }

  private iconOf(node: StockNode): vscode.ThemeIcon {
    if (node.kind === 'location') {
      return locationIcon(node.group);
    }
    if (node.parent?.kind === 'sku') {
      // A location row under its SKU (SKU → location grouping).
      const kind = node.locationCode === undefined ? 'none' : (this.store.locations.find((location) => location.code === node.locationCode)?.kind ?? 'warehouse');
      return locationIcon(kind);
    }
    if (node.warns) {
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    }
    // A changed row stands out (as changed files do in the Explorer) for as long as its mark lasts.
    if (node.trend) {
      return node.trend === 'up'
        ? new vscode.ThemeIcon('arrow-up', new vscode.ThemeColor('gitDecoration.addedResourceForeground'))
        : new vscode.ThemeIcon('arrow-down', new vscode.ThemeColor('gitDecoration.deletedResourceForeground'));
    }
    return new vscode.ThemeIcon('tag');
  }

  private label(node: StockNode): vscode.TreeItemLabel | string {
    const text = this.options.text.trim().toLowerCase();
    const at = text === '' ? -1 : node.label.toLowerCase().indexOf(text);
    return at < 0 ? node.label : { label: node.label, highlights: [[at, at + text.length]] };
  }

  /**
   * `targeted` (after an invalidation): reuse the shown rows and tell VS Code just the ones that
   * changed. `whole` (refresh, reset, filter): everything may differ, so VS Code re-reads the tree;
   * stable ids keep its expanded rows expanded.
   */
  private rebuild(scope: 'initial' | 'targeted' | 'whole'): void {
    const issues = visibleIssues(this.store);
    const hadIssues = this.issues !== undefined;
    this.issues = issues.length > 0 ? issueNode(issues) : undefined;
    const previous = scope === 'targeted' ? this.model : undefined;
    const { model, changed, rootsChanged } = buildTree({ locations: this.store.locations, skus: this.store.skus() }, this.options, previous);
    this.model = model;
    if (scope === 'initial') {
      return;
    }
    if (rootsChanged || hadIssues || this.issues || changed.length > TARGETED_LIMIT) {
      this.changeEmitter.fire(undefined);
    } else if (changed.length > 0) {
      this.changeEmitter.fire(changed);
    }
  }

}

function locationIcon(group: LocationGroup): vscode.ThemeIcon {
  return new vscode.ThemeIcon(group === 'none' ? 'question' : group === 'branch' ? 'home' : 'archive');
}

/** The badge of a location row with low SKUs: how many, out of how many low in total (the tooltip says so). */
export const lowStockDecorations: vscode.FileDecorationProvider = {
  provideFileDecoration(uri) {
    if (uri.scheme !== LOW_STOCK_SCHEME) {
      return undefined;
    }
    const query = new URLSearchParams(uri.query);
    const here = Number(query.get('low'));
    const ofAll = Number(query.get('of'));
    if (!Number.isSafeInteger(here) || here <= 0 || !Number.isSafeInteger(ofAll)) {
      return undefined;
    }
    const { badge, tooltip } = lowBadge(here, ofAll);
    return new vscode.FileDecoration(badge, tooltip, new vscode.ThemeColor('list.warningForeground'));
  },
};
