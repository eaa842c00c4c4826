// One SKU's stock as Markdown, the same wherever it is shown: the Stock view's tooltip, the SKU
// hover in source files and Check Stock of Selection's preview. Same order (title, barcode,
// minimum inventory, the table per location with its total, staleness, read time), same labels,
// same figures with their change marks. Every value from the API is escaped.
import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../../common/text/markdown';
import { quantity } from './format';
import { isLow } from '../store/figures';

interface CardFigures {
  readonly onHand: number;
  readonly forecast?: number;
  readonly change?: { readonly onHand: number; readonly forecast: number };
}

/** A SKU as the stock store holds it (structural: the store's `SkuStock` is one). */
export interface CardSku {
  readonly sku: string;
  readonly product?: { readonly name?: string; readonly barcode?: string };
  readonly locations: ReadonlyArray<CardFigures & { readonly locationCode?: string; readonly forecast: number }>;
  readonly global?: CardFigures & { readonly minInventory?: number };
  readonly readAt?: number;
}

export interface CardOptions {
  /** The name of a location code, when known (`Riyadh Central Warehouse (RUH-WH1)`). */
  locationName?(code: string): string | undefined;
  /** How a figure is written (thousands separators of the display language); plain digits by default. */
  formatNumber?(value: number): string;
  formatTime?(ms: number): string;
  /** The row under a location in the Stock view: that location's line in bold. */
  highlightLocation?: string;
  /** The figures could not be refreshed; they are shown with a warning. */
  stale?: boolean;
  /** `hover` (default) may use codicons; `document` (a Markdown preview, which knows none) does not. */
  target?: 'hover' | 'document';
}

/**
 * Between right-aligned figures and the column before them: hovers and tooltips draw tables
 * without cell padding, which ran "On hand" and "Forecast" (and their figures) together.
 */
const GAP = '&nbsp;&nbsp;&nbsp;';

/** By location code, the entry without a location last, so every rendering lists them alike. */
export function byLocationCode(a: { readonly locationCode?: string }, b: { readonly locationCode?: string }): number {
  if (a.locationCode === b.locationCode) {
    return 0;
  }
  if (a.locationCode === undefined) {
    return 1;
  }
  if (b.locationCode === undefined) {
    return -1;
  }
  return a.locationCode < b.locationCode ? -1 : 1;
}

/**
 * The total a SKU is judged on: OTO's global stock once read, else the sum of its locations; the
 * forecast summed from the locations where the global answer has none.
 */
function totalOf(stock: CardSku): CardFigures & { minInventory?: number } {
  const forecast = stock.locations.reduce((sum, entry) => sum + entry.forecast, 0);
  if (stock.global) {
    return stock.global.forecast === undefined ? { ...stock.global, forecast } : stock.global;
  }
  return { onHand: stock.locations.reduce((sum, entry) => sum + entry.onHand, 0), forecast };
}

/** Low as the Stock view, the status bar and the agent tools judge it (store/figures.ts). */
export function isLowInTotal(stock: CardSku): boolean {
  return isLow(stock.global);
}

export function renderSkuCard(stock: CardSku, options: CardOptions = {}): string {
  const number = options.formatNumber ?? String;
  const icon = (codicon: string, fallback: string): string => (options.target === 'document' ? fallback : `$(${codicon})`);
  const figure = (value: number | undefined, change?: number): string => (value === undefined ? '' : escapeMarkdown(quantity(value, change, number)));
  const name = stock.product?.name;
  const lines = [name ? `**${escapeMarkdown(stock.sku)}** — ${escapeMarkdown(name)}` : `**${escapeMarkdown(stock.sku)}**`, ''];
  if (stock.product?.barcode) {
    lines.push(escapeMarkdown(l10n.t('Barcode: {0}', stock.product.barcode)), '');
  }
  const total = totalOf(stock);
  // What the SKU is judged on, before the figures it is judged from.
  if (total.minInventory !== undefined) {
    lines.push(
      isLowInTotal(stock)
        ? `${icon('warning', '⚠')} ${l10n.t('**Low stock**: {0} on hand in total, below the minimum inventory of {1}', escapeMarkdown(number(total.onHand)), escapeMarkdown(number(total.minInventory)))}`
        : escapeMarkdown(l10n.t('Minimum inventory: {0}', number(total.minInventory))),
      '',
    );
  }
  if (stock.locations.length > 0) {
    lines.push(`| ${escapeMarkdown(l10n.t('Location'))} | ${GAP}${escapeMarkdown(l10n.t('On hand'))} | ${GAP}${escapeMarkdown(l10n.t('Forecast'))} |`, '|:--|--:|--:|');
    for (const entry of [...stock.locations].sort(byLocationCode)) {
      const code = entry.locationCode;
      const named = code === undefined ? undefined : options.locationName?.(code);
      const where = code === undefined ? l10n.t('(no location)') : named && named !== code ? `${named} (${code})` : code;
      const label = code !== undefined && code === options.highlightLocation ? `**${escapeMarkdown(where)}**` : escapeMarkdown(where);
      lines.push(`| ${label} | ${GAP}${figure(entry.onHand, entry.change?.onHand)} | ${GAP}${figure(entry.forecast, entry.change?.forecast)} |`);
    }
    const totalLabel = stock.global ? l10n.t('Total (global stock)') : l10n.t('Total of locations');
    lines.push(`| **${escapeMarkdown(totalLabel)}** | ${GAP}**${figure(total.onHand, total.change?.onHand)}** | ${GAP}${figure(total.forecast, total.change?.forecast)} |`, '');
  } else {
    lines.push(escapeMarkdown(l10n.t('No stock recorded at any location.')), '');
  }
  if (options.stale) {
    lines.push(`${icon('sync-ignored', '⚠')} _${escapeMarkdown(l10n.t('Figures may be out of date: the refresh failed.'))}_`, '');
  }
  const time = options.formatTime ?? ((ms: number) => new Date(ms).toLocaleString());
  lines.push(escapeMarkdown(stock.readAt === undefined ? l10n.t('Figures not read yet.') : l10n.t('Read at {0}', time(stock.readAt))));
  return lines.join('\n');
}
