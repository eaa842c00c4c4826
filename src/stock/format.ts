// How quantities read in the tree and its tooltips: with the change since the previous read, e.g. `272 (−5)`.

const MINUS = '\u2212';

/** `272`, `272 (+5)` or `272 (−5)`; `format` writes each number (e.g. with thousands separators). */
export function quantity(value: number, change?: number, format: (value: number) => string = String): string {
  if (!change) {
    return format(value);
  }
  return change > 0 ? `${format(value)} (+${format(change)})` : `${format(value)} (${MINUS}${format(-change)})`;
}
