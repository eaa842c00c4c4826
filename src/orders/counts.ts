// Counts in words with a real singular: `1 item`, `2 items`, never `1 item(s)`. vscode.l10n has no
// plural forms, so each form is a string of its own (the Arabic bundle words the plural so that it
// reads right for any count).
import * as l10n from '@vscode/l10n';

export function itemCount(count: number): string {
  return count === 1 ? l10n.t('{0} item', count) : l10n.t('{0} items', count);
}

export function unitCount(count: number): string {
  return count === 1 ? l10n.t('{0} unit', count) : l10n.t('{0} units', count);
}
