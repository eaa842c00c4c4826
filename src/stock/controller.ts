// The Stock view's state without `vscode`: context keys, the low-stock badge, the filter message,
// the saved grouping and filter, reveal, first load, and the description (where only the latest
// answer counts). index.ts hands it the real tree view; the unit tests hand it a plain object.
import type { StockViewControls } from './commands';
import { CONTEXT_KEYS } from '../common/ids';
import type { StockIssue } from './store/issues';
import * as l10n from '@vscode/l10n';
import { lowJudgedText, lowSkusText } from './tree/format';
import { skuRow, unhide } from './tree/reveal';
import type { ReadResult, StockStore } from './store/store';
import type { Grouping, StockNode, TreeOptions } from './tree/treeModel';

/** The element kinds the tree shows: stock rows, and an issue row when a read failed. */
export type StockViewRow = StockNode | { kind: 'issue' };

/** The part of `vscode.TreeView` the controller drives. */
export interface StockTreeView {
  readonly visible: boolean;
  badge?: { value: number; tooltip: string };
  message?: string;
  description?: string;
  reveal(row: StockViewRow, options: { select?: boolean; focus?: boolean; expand?: boolean }): PromiseLike<void>;
}

/** The part of the tree data provider the controller drives. */
export interface StockTreeData {
  readonly treeOptions: TreeOptions;
  setOptions(options: Partial<TreeOptions>): void;
  getChildren(): StockViewRow[];
}

export interface StockViewHost {
  /** Where the grouping and the low-stock filter are kept between sessions (globalState). */
  readonly state: { get(key: string): unknown; update(key: string, value: unknown): PromiseLike<void> };
  setContext(key: string, value: unknown): void;
  /**
   * Runs a refresh with progress shown in the view; a `cancellable` one (the user asked for it)
   * also offers Cancel, whose signal the task gets.
   */
  withProgress<T>(task: (signal?: AbortSignal) => Promise<T>, cancellable: boolean): PromiseLike<T>;
  showInformation(message: string): void;
  /** The view's description: the sandbox label, or the signed-in account; undefined for none. */
  describeView(): Promise<string | undefined>;
}

const GROUPING_KEY = 'oto.stock.grouping';
const LOW_ONLY_KEY = 'oto.stock.lowOnly';

/** The options the view opens with: the saved grouping and low-stock filter, no text filter. */
export function savedTreeOptions(state: StockViewHost['state'], rightToLeft: boolean): TreeOptions {
  const grouping: Grouping = state.get(GROUPING_KEY) === 'sku' ? 'sku' : 'location';
  return { grouping, lowOnly: state.get(LOW_ONLY_KEY) === true, text: '', rightToLeft };
}

/**
 * Auth failures mean "not signed in": the view's welcome content says what to do, not an error row.
 * One issue per message: when OTO cannot be reached every read fails the same way.
 */
export function visibleIssues(store: StockStore): StockIssue[] {
  const seen = new Set<string>();
  return (store.lastResult?.issues ?? []).filter((issue) => issue.kind !== 'auth' && !seen.has(issue.message) && seen.add(issue.message));
}

export class StockViewController implements StockViewControls {
  private describing = 0;
  /** The user cancelled the read before any stock was loaded: the empty view says why. */
  private loadCancelled = false;

  constructor(
    private readonly store: StockStore,
    private readonly tree: StockTreeData,
    private readonly view: StockTreeView,
    private readonly host: StockViewHost,
  ) {}

  get treeOptions(): TreeOptions {
    return this.tree.treeOptions;
  }

  /** Context keys, badge and message from the current options and the store's last read. */
  showState(): void {
    const { grouping, lowOnly, text } = this.tree.treeOptions;
    this.host.setContext(CONTEXT_KEYS.stockGrouping, grouping);
    this.host.setContext(CONTEXT_KEYS.stockLowOnly, lowOnly);
    this.host.setContext(CONTEXT_KEYS.stockFiltered, lowOnly || text !== '');
    const matchesNothing = (lowOnly || text !== '') && this.store.loaded && this.tree.getChildren().length === 0;
    this.host.setContext(CONTEXT_KEYS.stockFilterEmpty, matchesNothing);
    this.host.setContext(CONTEXT_KEYS.stockLoadCancelled, this.loadCancelled && !this.store.loaded);
    const low = this.store.lowStockCount();
    this.view.badge = low ? { value: low, tooltip: `${lowSkusText(low)}. ${lowJudgedText()}` } : undefined;
    const issues = visibleIssues(this.store);
    if (issues.length > 0) {
      this.view.message = issues.map((issue) => issue.message).join(' ');
    } else if (matchesNothing) {
      // VS Code shows a view's welcome (here: "No SKU matches the filter", Clear Filter) only without a message.
      this.view.message = undefined;
    } else if (lowOnly || text !== '') {
      const filters = [lowOnly ? l10n.t('low-stock SKUs only') : undefined, text ? l10n.t('matching “{0}”', text) : undefined].filter(Boolean);
      this.view.message = l10n.t('Filtered: {0}', filters.join(' · '));
    } else {
      this.view.message = undefined;
    }
  }

  setOptions(options: Partial<TreeOptions>): void {
    // A filter's matches show expanded through their rows' own ids (see `rowId`).
    this.tree.setOptions(options);
    void this.host.state.update(GROUPING_KEY, this.tree.treeOptions.grouping);
    void this.host.state.update(LOW_ONLY_KEY, this.tree.treeOptions.lowOnly);
    this.showState();
  }

  async refresh(manual: boolean): Promise<ReadResult> {
    this.setLoadCancelled(false);
    const result = await this.host.withProgress((signal) => this.store.refresh({ reloadCatalogue: manual, signal }), manual);
    // A cancelled refresh of a loaded view keeps its rows; only an empty one needs the words.
    this.setLoadCancelled(result.cancelled === true && !this.store.loaded);
    return result;
  }

  private setLoadCancelled(cancelled: boolean): void {
    if (this.loadCancelled !== cancelled) {
      this.loadCancelled = cancelled;
      this.showState();
    }
  }

  async reveal(sku: string): Promise<void> {
    if (!this.store.loaded && (await this.refresh(true)).cancelled) {
      return;
    }
    const stock = this.store.getSku(sku);
    const change = stock && unhide(this.tree.treeOptions, stock);
    if (change) {
      this.setOptions(change);
    }
    const row = stock && skuRow(this.tree.getChildren().filter((root): root is StockNode => root.kind !== 'issue'), sku);
    if (!row) {
      this.host.showInformation(l10n.t('SKU {0} is not in the Stock view.', sku));
      return;
    }
    await this.view.reveal(row, { select: true, focus: true });
  }

  /** Asks for the view's description; only the latest answer counts (an older one may arrive after a quick switch). */
  describe(): void {
    const ticket = ++this.describing;
    void this.host.describeView().then((description) => {
      if (ticket === this.describing) {
        this.view.description = description;
      }
    });
  }

  /** Reads the stock when the view shows and nothing is loaded or loading yet. */
  loadIfNeeded(): void {
    if (this.view.visible && !this.store.loaded && !this.store.busy) {
      void this.refresh(true);
    }
  }
}
