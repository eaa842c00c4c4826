// How quantities read in the tree and its tooltips: with the change since the previous read, e.g. `272 (−5)`.
import * as l10n from '@vscode/l10n';

const MINUS = '\u2212';

/** `272`, `272 (+5)` or `272 (−5)`; `format` writes each number (e.g. with thousands separators). */
export function quantity(value: number, change?: number, format: (value: number) => string = String): string {
  if (!change) {
    return format(value);
  }
  return change > 0 ? `${format(value)} (+${format(change)})` : `${format(value)} (${MINUS}${format(-change)})`;
}

/** `1 SKU`, `2 SKUs`: each form a string of its own, as vscode.l10n has no plural forms. */
export function skuCount(count: number): string {
  return count === 1 ? l10n.t('{0} SKU', count) : l10n.t('{0} SKUs', count);
}

/** The badge's and the status bar's line: `1 SKU below its minimum inventory`. */
export function lowSkusText(count: number): string {
  return count === 1 ? l10n.t('{0} SKU below its minimum inventory', count) : l10n.t('{0} SKUs below their minimum inventory', count);
}
