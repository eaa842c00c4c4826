// How quantities read in the tree and its tooltips: with the change since the previous read, e.g. `272 (−5)`.
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
