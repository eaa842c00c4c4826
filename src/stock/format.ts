// How quantities read in the tree and its tooltips: with the change since the previous read, e.g. `272 (−5)`.

const MINUS = '\u2212';

/** `272`, `272 (+5)` or `272 (−5)`. */
export function quantity(value: number, change?: number): string {
  if (!change) {
    return String(value);
  }
  return change > 0 ? `${value} (+${change})` : `${value} (${MINUS}${-change})`;
}
