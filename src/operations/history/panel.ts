// "OTO: Show Stock History": one panel showing a SKU's ledger and its chart. This is the thin VS
// Code side of it: the panel, the SKU pick, the ledger read and the save dialog; what the page is
// sent and what its messages do is the controller's (controller.ts).
import * as vscode from 'vscode';
import { revealArgument } from '../../stock/tree/reveal';
import type { OperationsDeps } from '../deps';
import type { LedgerEntry } from '../../stockChange/ledgerEntry';
import type { HistoryRow } from './protocol';
import { historyStrings } from './strings';
import { historyCsv } from './historyCsv';
import { HistoryController, type SkuHistory } from './controller';
import { HISTORY_PANEL } from '../../common/ids';
import { describeError } from '../../common/text/errorText';
import { plural } from '../../common/text/plural';
import { pagePoster, pageShell } from '../../common/webview/panel';
import { VsCodePrompter } from '../../stockChange/prompts/vscodePrompter';

const l10n = vscode.l10n;

export function toRow(entry: LedgerEntry): HistoryRow {
  const row: HistoryRow = { time: Date.parse(entry.time), source: entry.source, action: entry.action, locationCode: entry.locationCode };
  for (const key of ['before', 'after', 'qty', 'transactionId', 'reason', 'note', 'answer'] as const) {
    if (entry[key] !== undefined) {
      (row as unknown as Record<string, unknown>)[key] = entry[key];
    }
  }
  return row;
}

async function chooseSku(deps: OperationsDeps, argument: unknown): Promise<string | undefined> {
  const given = revealArgument(argument);
  if (given) {
    return given;
  }
  try {
    await deps.store.requireCatalogue();
  } catch (error) {
    // The pick would list nothing, with no word of why.
    void vscode.window.showErrorMessage(l10n.t('{0}: {1}', l10n.t('Show Stock History'), describeError(error)));
    return undefined;
  }
  const items = [...deps.store.skus()].map((stock) => ({ label: stock.sku, detail: stock.product?.name, value: stock.sku }));
  const prompter = new VsCodePrompter();
  try {
    const sku = await prompter.pick({ title: l10n.t('Show Stock History'), step: 1, totalSteps: 1, placeholder: l10n.t('Pick a SKU (type to filter by SKU or name)'), items, matchOnDetail: true, canGoBack: false });
    return typeof sku === 'string' ? sku : undefined;
  } finally {
    prompter.dispose();
  }
}

/**
 * The stock first, then the ledger (which by then holds every change answered before the read);
 * where they differ, the difference is recorded, so the table explains every step the chart
 * draws up to the figure read now.
 */
async function readHistory(deps: OperationsDeps, sku: string): Promise<SkuHistory> {
  const environment = deps.environment();
  const readSince = Date.now();
  const stock = await deps.getClient().then((client) => client.checkInventoryStock([sku]));
  const now = (stock[sku] ?? []).flatMap((entry) => (entry.pickupLocationCode === undefined ? [] : [{ locationCode: entry.pickupLocationCode, onHand: entry.quantityOnHand }]));
  const ledger = deps.ledger(environment);
  let entries = await ledger.forSku(sku);
  if ((await deps.reconcile(environment, sku, entries, now, readSince)).length > 0) {
    entries = await ledger.forSku(sku);
  }
  return { name: deps.store.getSku(sku)?.product?.name ?? '', rows: entries.map(toRow), now };
}

async function saveCsv(sku: string, rows: HistoryRow[]): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${sku.replace(/[^\w.-]/g, '_')}-history.csv`;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { CSV: ['csv'] } });
  if (!target) {
    return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(historyCsv(rows)));
  void vscode.window.showInformationMessage(plural(rows.length, 'Saved 1 entry to {1}.', 'Saved {0} entries to {1}.', vscode.workspace.asRelativePath(target)));
}

/** The one history panel of the operations runtime: showing another SKU reuses it. */
export class HistoryPanel {
  private open: { panel: vscode.WebviewPanel; controller: HistoryController } | undefined;

  constructor(private readonly deps: OperationsDeps) {}

  async show(argument: unknown): Promise<void> {
    const sku = await chooseSku(this.deps, argument);
    if (!sku) {
      return;
    }
    const title = l10n.t('History: {0}', sku);
    if (this.open) {
      this.open.panel.title = title;
      this.open.panel.reveal();
      return this.open.controller.show(sku);
    }
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(HISTORY_PANEL, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media] });
    const warn = (text: string): void => this.deps.log.warn(text);
    const controller = new HistoryController({
      post: pagePoster(panel.webview, warn, 'History'),
      strings: historyStrings,
      locale: vscode.env.language,
      read: (shown) => readHistory(this.deps, shown),
      saveCsv,
      warn,
    }, sku);
    this.open = { panel, controller };
    panel.webview.html = pageShell(panel.webview, media, 'history', title);
    const subscription = panel.webview.onDidReceiveMessage((message: unknown) => void controller.receive(message));
    panel.onDidDispose(() => {
      subscription.dispose();
      controller.dispose();
      this.open = undefined;
    });
  }
}
