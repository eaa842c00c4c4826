// Markdown tooltips of the Stock view's rows: a SKU's per-location breakdown, min inventory,
// barcode and when the figures were read; a location's code, kind and counts. Built on demand
// (VS Code resolves tooltips on hover) so building the tree stays cheap.
import type { SkuStock } from '../store/figures';
import { escapeMarkdown } from '../../common/text/markdown';
import { lowHereText, quantity, skuCount } from './format';
import * as l10n from '@vscode/l10n';
import type { PickupLocation } from '../store/source';
import { totalOf, type LocationNode } from './treeModel';

export interface TooltipContext {
  locations: readonly PickupLocation[];
  formatTime?: (ms: number) => string;
  /** How a figure is written (thousands separators of the display language); plain digits by default. */
  formatNumber?: (value: number) => string;
}

function timeText(ms: number, context: TooltipContext): string {
  return context.formatTime ? context.formatTime(ms) : new Date(ms).toLocaleString();
}

export function skuTooltip(stock: SkuStock, context: TooltipContext, highlightLocation?: string): string {
  const number = context.formatNumber ?? String;
  const figure = (value: number, change?: number): string => escapeMarkdown(quantity(value, change, number));
  const names = new Map(context.locations.map((location) => [location.code, location.name ?? location.code]));
  const name = stock.product?.name;
  const lines = [name ? `**${escapeMarkdown(stock.sku)}** — ${escapeMarkdown(name)}` : `**${escapeMarkdown(stock.sku)}**`, ''];
  const total = totalOf(stock);
  if (stock.product?.barcode) {
    lines.push(l10n.t('Barcode: {0}', escapeMarkdown(stock.product.barcode)), '');
  }
  if (total.minInventory !== undefined) {
    lines.push(
      stock.low
        ? l10n.t('$(warning) **Low stock**: {0} on hand in total, below the minimum inventory of {1}', number(total.onHand), number(total.minInventory))
        : l10n.t('Minimum inventory: {0}', number(total.minInventory)),
      '',
    );
  }
  if (stock.locations.length > 0) {
    lines.push(`| ${l10n.t('Location')} | ${l10n.t('On hand')} | ${l10n.t('Forecast')} |`, '|---|---:|---:|');
    for (const entry of stock.locations) {
      const where = entry.locationCode === undefined ? l10n.t('(no location)') : `${names.get(entry.locationCode) ?? entry.locationCode} (${entry.locationCode})`;
      const label = entry.locationCode !== undefined && entry.locationCode === highlightLocation ? `**${escapeMarkdown(where)}**` : escapeMarkdown(where);
      lines.push(`| ${label} | ${figure(entry.onHand, entry.change?.onHand)} | ${figure(entry.forecast, entry.change?.forecast)} |`);
    }
    const totalLabel = stock.global ? l10n.t('Total (global stock)') : l10n.t('Total of locations');
    const forecast = total.forecast === undefined ? '' : figure(total.forecast, total.change?.forecast);
    lines.push(`| **${escapeMarkdown(totalLabel)}** | **${figure(total.onHand, total.change?.onHand)}** | ${forecast} |`, '');
  } else {
    lines.push(l10n.t('No stock recorded at any location.'), '');
  }
  lines.push(stock.readAt === undefined ? l10n.t('Figures not read yet.') : l10n.t('Read at {0}', timeText(stock.readAt, context)));
  return lines.join('\n');
}

export function locationTooltip(node: LocationNode): string {
  const { location } = node;
  if (node.group === 'none') {
    return [`**${escapeMarkdown(node.label)}**`, '', l10n.t('Stock entries OTO returns without a pickup location code, often with negative figures.'), '', skuCount(node.skuCount)].join('\n');
  }
  const kind = !node.listed ? l10n.t('Location not in the pickup location list') : location.kind === 'branch' ? l10n.t('Branch') : l10n.t('Warehouse');
  const lines = [`**${escapeMarkdown(node.label)}** (${escapeMarkdown(location.code)})`, '', kind];
  if (location.city) {
    lines.push('', escapeMarkdown(location.city));
  }
  lines.push('', skuCount(node.skuCount));
  if (node.lowCount > 0) {
    lines.push('', lowHereText(node.lowCount, node.lowOfAll));
  }
  return lines.join('\n');
}
