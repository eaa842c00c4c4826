// How figures read in the tree and its tooltips: quantities with their change mark, e.g. `272 (−5)`.
import type { Figures } from './figures';
import type { Localizer } from './l10n';

const MINUS = '\u2212';

/** ` (+5)` / ` (−5)`, or nothing for no change. */
export function changeMark(change: number | undefined): string {
  if (!change) {
    return '';
  }
  return change > 0 ? ` (+${change})` : ` (${MINUS}${-change})`;
}

export function quantity(value: number, change?: number): string {
  return `${value}${changeMark(change)}`;
}

/** `277 on hand · 261 forecast`, each with its change mark; forecast left out when OTO gave none. */
export function figuresText(onHand: number, forecast: number | undefined, change: Figures | undefined, l10n: Localizer): string {
  const onHandText = quantity(onHand, change?.onHand);
  return forecast === undefined ? l10n.t('{0} on hand', onHandText) : l10n.t('{0} on hand · {1} forecast', onHandText, quantity(forecast, change?.forecast));
}

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~]/g;

/** Escapes text (product names, codes) so it shows literally inside a Markdown tooltip. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIAL, (char) => `\\${char}`);
}
