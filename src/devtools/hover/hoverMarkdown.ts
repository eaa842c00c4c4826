// The SKU hover's Markdown: stock per location, the global total and min inventory, and command
// links. Every value from the API is escaped: a SKU or a product name is data, not Markdown.
import * as l10n from '@vscode/l10n';
import { escapeMarkdown } from '../../common/markdown';
import { compareLocations, globalForecasted, globalOnHand, isLow, type SkuReading } from '../stockReading';
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

export interface HoverOptions {
  /** Human name of a location code, when the caller knows it. */
  locationName?(code: string): string | undefined;
  /** The figures could not be refreshed; they are shown with a warning. */
  readonly stale?: boolean;
  /**
   * `hover` (default) has command links and codicons; `document` (a Markdown preview, which is
   * untrusted and knows no codicons) has neither.
   */
  readonly target?: 'hover' | 'document';
  /**
   * Whether a linked command is registered; a link to a missing one would only fail when clicked.
   * All are assumed present when omitted.
   */
  isRegistered?(command: string): boolean;
}

export function renderSkuHover(reading: SkuReading, options: HoverOptions = {}): string {
  const inHover = options.target !== 'document';
  const icon = (codicon: string, fallback: string): string => (inHover ? `$(${codicon})` : fallback);
  const title = reading.name ? `**${escapeMarkdown(reading.sku)}** — ${escapeMarkdown(reading.name)}` : `**${escapeMarkdown(reading.sku)}**`;
  const lines = [title, ''];
  const locations = [...reading.locations].sort(compareLocations);
  if (locations.length === 0) {
    lines.push(escapeMarkdown(l10n.t('No stock recorded at any location.')), '');
  } else {
    lines.push(`| ${escapeMarkdown(l10n.t('Location'))} | ${escapeMarkdown(l10n.t('On hand'))} | ${escapeMarkdown(l10n.t('Forecast'))} |`, '|:--|--:|--:|');
    for (const entry of locations) {
      const name = entry.locationCode === undefined ? l10n.t('(no location)') : locationLabel(entry.locationCode, options);
      lines.push(`| ${escapeMarkdown(name)} | ${entry.quantityOnHand} | ${entry.quantityForecasted} |`);
    }
    lines.push(`| **${escapeMarkdown(l10n.t('Total'))}** | **${globalOnHand(reading)}** | **${globalForecasted(reading)}** |`, '');
  }
  const min = reading.global?.minInventory;
  if (min !== undefined) {
    const warning = isLow(reading) ? ` — ${icon('warning', '⚠')} ${escapeMarkdown(l10n.t('below minimum'))}` : '';
    lines.push(`${escapeMarkdown(l10n.t('Minimum inventory: {0}', min))}${warning}`, '');
  }
  if (options.stale) {
    lines.push(`${icon('sync-ignored', '⚠')} _${escapeMarkdown(l10n.t('Figures may be out of date: the refresh failed.'))}_`, '');
  }
  if (!inHover) {
    return lines.join('\n').trimEnd();
  }
  const node = { kind: 'sku', sku: reading.sku, ...(reading.name ? { name: reading.name } : {}) };
  const labels = linkLabels();
  const links = (['adjust', 'reveal', 'createOrder', 'history'] as const)
    .filter((key) => options.isRegistered?.(HOVER_COMMANDS[key]) ?? true)
    .map((key) => commandLink(labels[key], HOVER_COMMANDS[key], [node]));
  if (links.length > 0) {
    lines.push(links.join(' · '));
  }
  return lines.join('\n').trimEnd();
}

function locationLabel(code: string, options: HoverOptions): string {
  const name = options.locationName?.(code);
  return name && name !== code ? `${name} (${code})` : code;
}

/** The hover of a SKU-shaped string OTO does not know, so a typo is told apart from "no hover". */
export function renderNotInCatalogue(sku: string): string {
  return `**${escapeMarkdown(sku)}** — ${escapeMarkdown(l10n.t('Not in the OTO catalogue (as last read; refresh the Stock view if it was just added).'))}`;
}
