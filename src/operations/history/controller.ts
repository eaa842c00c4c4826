// The history page's controller, as packing's: what the page is sent and what its messages do,
// with no `vscode` (the panel in panel.ts is a thin adapter), so it is tested in plain Node.
import * as l10n from '@vscode/l10n';
import { describeError } from '../../common/text/errorText';
import { describeMessage } from '../../common/webview/schema';
import { filterRows, MAX_HISTORY_ROWS, parseHistoryPageMessage, type HistoryHostMessage, type HistoryRow, type HistoryStrings, type LocationNow } from './protocol';

/** One SKU's history as the page draws it: its ledger rows (oldest first) and the figures read now. */
export interface SkuHistory {
  name: string;
  rows: HistoryRow[];
  now: LocationNow[];
}

export interface HistoryControllerOptions {
  post(message: HistoryHostMessage): void;
  strings(): HistoryStrings;
  locale: string;
  read(sku: string): Promise<SkuHistory>;
  /** Offers to save the rows the page's filter keeps, as CSV. */
  saveCsv(sku: string, rows: HistoryRow[]): Promise<void>;
  warn(text: string): void;
  now?: () => number;
}

export class HistoryController {
  private shown: string;
  private rows: HistoryRow[] = [];
  /** Bumped by every read: an answer for an older one (another SKU, a refresh since) is dropped. */
  private reads = 0;
  private closed = false;

  constructor(
    private readonly options: HistoryControllerOptions,
    sku: string,
  ) {
    this.shown = sku;
  }

  get sku(): string {
    return this.shown;
  }

  /** The panel now shows `sku` (the same one again reads it afresh). */
  show(sku: string): Promise<void> {
    this.shown = sku;
    return this.send();
  }

  async receive(raw: unknown): Promise<void> {
    const message = parseHistoryPageMessage(raw);
    if (!message) {
      this.options.warn(`History: dropped a malformed ${describeMessage(raw)} from the page`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', strings: this.options.strings(), locale: this.options.locale });
        return this.send();
      case 'refresh':
        return this.send();
      case 'exportCsv':
        return this.options.saveCsv(this.shown, filterRows(this.rows, message.filter));
    }
  }

  dispose(): void {
    this.closed = true;
  }

  private async send(): Promise<void> {
    const read = ++this.reads;
    const sku = this.shown;
    try {
      const history = await this.options.read(sku);
      if (read !== this.reads) {
        return;
      }
      this.rows = history.rows.slice(-MAX_HISTORY_ROWS);
      this.post({ type: 'history', sku, name: history.name, rows: this.rows, now: history.now, readAt: (this.options.now ?? Date.now)() });
    } catch (error) {
      if (read === this.reads) {
        this.post({ type: 'error', message: l10n.t('Could not read the history of {0}: {1}', sku, describeError(error)) });
      }
    }
  }

  // A closed panel's webview throws on postMessage; a read can finish after the close.
  private post(message: HistoryHostMessage): void {
    if (!this.closed) {
      this.options.post(message);
    }
  }
}
