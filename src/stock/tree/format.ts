// How quantities read in the tree and its tooltips: with the change since the previous read, e.g. `272 (−5)`.
import * as l10n from '@vscode/l10n';
import { plural } from '../../common/text/plural';

const MINUS = '\u2212';

/** `272`, `272 (+5)` or `272 (−5)`; `format` writes each number (e.g. with thousands separators). */
export function quantity(value: number, change?: number, format: (value: number) => string = String): string {
  if (!change) {
    return format(value);
  }
  return change > 0 ? `${format(value)} (+${format(change)})` : `${format(value)} (${MINUS}${format(-change)})`;
}

/** `1 SKU`, `2 SKUs`, in the display language's plural forms. */
export function skuCount(count: number): string {
  return plural(count, '{0} SKU', '{0} SKUs');
}

/** The badge's and the status bar's line: `1 SKU below its minimum inventory`. */
export function lowSkusText(count: number): string {
  return plural(count, '{0} SKU below its minimum inventory', '{0} SKUs below their minimum inventory');
}

/** What the status bar's and the badge's count is judged on, said next to it. */
export function lowJudgedText(): string {
  return l10n.t("Low is judged on each SKU's total across its locations: OTO keeps one minimum inventory per SKU.");
}

/** A location's tooltip: its low count is part of the overall one, not a count of its own. */
export function lowHereText(here: number, ofAll: number): string {
  return plural(here, '{0} SKU stocked here is low in total ({1} across all locations)', '{0} SKUs stocked here are low in total ({1} across all locations)', ofAll);
}

/** A location's low count as a badge (VS Code shows at most two characters) and its tooltip. */
export function lowBadge(here: number, ofAll: number): { badge: string; tooltip: string } {
  return { badge: here > 99 ? '99' : String(here), tooltip: lowHereText(here, ofAll) };
}
