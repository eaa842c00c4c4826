// Markdown tooltips of the Stock view's rows: a SKU's card (shared with the SKU hover); a
// location's code, kind and counts. Built on demand (VS Code resolves tooltips on hover) so
// building the tree stays cheap.
import type { SkuStock } from '../store/figures';
import { escapeMarkdown } from '../../common/text/markdown';
import { lowHereText, skuCount } from './format';
import { renderSkuCard } from './skuCard';
import * as l10n from '@vscode/l10n';
import type { PickupLocation } from '../store/source';
import type { LocationNode } from './treeModel';

export interface TooltipContext {
  locations: readonly PickupLocation[];
  formatTime?: (ms: number) => string;
  /** How a figure is written (thousands separators of the display language); plain digits by default. */
  formatNumber?: (value: number) => string;
}

/** The same card as the SKU hover's (see skuCard.ts), with this row's location in bold. */
export function skuTooltip(stock: SkuStock, context: TooltipContext, highlightLocation?: string): string {
  const names = new Map(context.locations.map((location) => [location.code, location.name]));
  return renderSkuCard(stock, {
    locationName: (code) => names.get(code),
    ...(context.formatNumber ? { formatNumber: context.formatNumber } : {}),
    ...(context.formatTime ? { formatTime: context.formatTime } : {}),
    ...(highlightLocation !== undefined ? { highlightLocation } : {}),
  });
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
