// The SKU hover's Markdown: the SKU's card (the Stock view's tooltip, skuCard.ts) and command
// links. Every value from the API is escaped: a SKU or a product name is data, not Markdown.
import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../../common/text/markdown';
import { renderSkuCard, type CardOptions, type CardSku } from '../../stock/tree/skuCard';
import { COMMANDS } from '../../common/ids';

/** Commands the hover links to; each receives the Stock view's SKU node shape. */
export const HOVER_COMMANDS = {
  adjust: COMMANDS.adjustStock,
  reveal: COMMANDS.revealSku,
  createOrder: COMMANDS.createInventoryOrder,
  history: COMMANDS.showStockHistory,
} as const;

function linkLabels(): Record<keyof typeof HOVER_COMMANDS, string> {
  return { adjust: l10n.t('Adjust…'), reveal: l10n.t('Reveal in Stock view'), createOrder: l10n.t('Create inventory order'), history: l10n.t('History') };
}

export function commandLink(label: string, command: string, args: unknown[]): string {
  return `[${escapeMarkdown(label)}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

export interface HoverOptions extends CardOptions {
  /**
   * Whether a linked command is registered; a link to a missing one would only fail when clicked.
   * All are assumed present when omitted.
   */
  isRegistered?(command: string): boolean;
}

/** The SKU's card, as the Stock view's tooltip shows it, and in a hover the command links under it. */
export function renderSkuHover(stock: CardSku, options: HoverOptions = {}): string {
  const card = renderSkuCard(stock, options);
  if (options.target === 'document') {
    return card;
  }
  const node = { kind: 'sku', sku: stock.sku, ...(stock.product?.name ? { name: stock.product.name } : {}) };
  const labels = linkLabels();
  const links = (['adjust', 'reveal', 'createOrder', 'history'] as const)
    .filter((key) => options.isRegistered?.(HOVER_COMMANDS[key]) ?? true)
    .map((key) => commandLink(labels[key], HOVER_COMMANDS[key], [node]));
  return links.length > 0 ? `${card}\n\n${links.join(' · ')}` : card;
}

/** The hover of a SKU-shaped string OTO does not know, so a typo is told apart from "no hover". */
export function renderNotInCatalogue(sku: string): string {
  return `**${escapeMarkdown(sku)}** — ${escapeMarkdown(l10n.t('Not in the OTO catalogue (as last read; refresh the Stock view if it was just added).'))}`;
}
