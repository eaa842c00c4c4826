// Counts in words with a real singular: `1 item`, `2 items`, never `1 item(s)`; in Arabic each of
// its six plural forms.
import { plural } from '../../common/text/plural';

export function itemCount(count: number): string {
  return plural(count, '{0} item', '{0} items');
}

export function unitCount(count: number): string {
  return plural(count, '{0} unit', '{0} units');
}
