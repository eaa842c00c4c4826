// "OTO: Show Stock History": one panel showing a SKU's ledger and its chart. The page gets the
// entries and the figures read now; it asks for a refresh or a CSV export of what it filtered.
import * as vscode from 'vscode';
import { createNonce, pageHtml } from '../../packing/html';
import { revealArgument } from '../../stock/tree/reveal';
import type { OperationsDeps } from '../deps';
import type { LedgerEntry } from './entry';
import { filterRows, MAX_HISTORY_ROWS, parseHistoryPageMessage, type HistoryFilter, type HistoryHostMessage, type HistoryRow } from './protocol';
import { historyStrings } from './strings';
import { historyCsv } from './historyCsv';
import { HISTORY_PANEL } from '../../common/ids';
import { plural } from '../../common/text/plural';

const l10n = vscode.l10n;

let open: { panel: vscode.WebviewPanel; sku: string; rows: HistoryRow[] } | undefined;

export function toRow(entry: LedgerEntry): HistoryRow {
  const row: HistoryRow = { time: Date.parse(entry.time), source: entry.source, action: entry.action, locationCode: entry.locationCode };
  for (const key of ['before', 'after', 'qty', 'transactionId', 'reason', 'note'] as const) {
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
  if (!deps.store.loaded) {
    await deps.store.refresh({ reloadCatalogue: true });
  }
  const items = [...deps.store.skus()].map((stock) => ({ label: stock.sku, detail: stock.product?.name }));
  return (await vscode.window.showQuickPick(items, { title: l10n.t('Show Stock History'), placeHolder: l10n.t('Pick a SKU (type to filter by SKU or name)'), matchOnDetail: true }))?.label;
}

export async function showStockHistory(deps: OperationsDeps, argument: unknown): Promise<void> {
  const sku = await chooseSku(deps, argument);
  if (!sku) {
    return;
  }
  const title = l10n.t('History: {0}', sku);
  if (open) {
    open.sku = sku;
    open.panel.title = title;
    open.panel.reveal();
    await sendHistory(deps);
    return;
  }
  const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
  const panel = vscode.window.createWebviewPanel(HISTORY_PANEL, title, vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [media] });
  open = { panel, sku, rows: [] };
  const asset = (...parts: string[]): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'dist', ...parts)).toString();
  panel.webview.html = pageHtml({
    cspSource: panel.webview.cspSource,
    nonce: createNonce(),
    scriptUri: asset('history.js'),
    styleUri: asset('history.css'),
    codiconsUri: asset('codicons', 'codicon.css'),
    language: vscode.env.language,
    title,
  });
  const post = (message: HistoryHostMessage): void => {
    panel.webview.postMessage(message).then(undefined, (error: unknown) => deps.log.warn(`History: message to the page not delivered: ${String(error)}`));
  };
  const subscription = panel.webview.onDidReceiveMessage(async (raw: unknown) => {
    const message = parseHistoryPageMessage(raw);
    if (!message) {
      deps.log.warn('History: dropped a malformed message from the page');
      return;
    }
    if (message.type === 'ready') {
      post({ type: 'init', strings: historyStrings(), locale: vscode.env.language });
      await sendHistory(deps);
    } else if (message.type === 'refresh') {
      await sendHistory(deps);
    } else {
      await exportCsv(message.filter);
    }
  });
  panel.onDidDispose(() => {
    subscription.dispose();
    open = undefined;
  });
}

async function sendHistory(deps: OperationsDeps): Promise<void> {
  const current = open;
  if (!current) {
    return;
  }
  const sku = current.sku;
  const post = (message: HistoryHostMessage): void => void current.panel.webview.postMessage(message);
  try {
    const environment = deps.environment();
    // The stock first, then the ledger (which by then holds every change answered before the
    // read); where they differ, the difference is recorded, so the table explains every step
    // the chart draws up to the figure read now.
    const readSince = Date.now();
    const stock = await deps.getClient().then((client) => client.checkInventoryStock([sku]));
    const now = (stock[sku] ?? []).flatMap((entry) => (entry.pickupLocationCode === undefined ? [] : [{ locationCode: entry.pickupLocationCode, onHand: entry.quantityOnHand }]));
    const ledger = deps.ledger(environment);
    let entries = await ledger.forSku(sku);
    if ((await deps.reconcile(environment, sku, entries, now, readSince)).length > 0) {
      entries = await ledger.forSku(sku);
    }
    if (open !== current || current.sku !== sku) {
      return;
    }
    current.rows = entries.slice(-MAX_HISTORY_ROWS).map(toRow);
    post({ type: 'history', sku, name: deps.store.getSku(sku)?.product?.name ?? '', rows: current.rows, now, readAt: Date.now() });
  } catch (error) {
    post({ type: 'error', message: l10n.t('Could not read the history of {0}: {1}', sku, error instanceof Error ? error.message : String(error)) });
  }
}

async function exportCsv(filter: HistoryFilter): Promise<void> {
  if (!open) {
    return;
  }
  const rows = filterRows(open.rows, filter);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${open.sku.replace(/[^\w.-]/g, '_')}-history.csv`;
  const target = await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined, filters: { CSV: ['csv'] } });
  if (!target) {
    return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(historyCsv(rows)));
  void vscode.window.showInformationMessage(plural(rows.length, 'Saved 1 entry to {1}.', 'Saved {0} entries to {1}.', vscode.workspace.asRelativePath(target)));
}
