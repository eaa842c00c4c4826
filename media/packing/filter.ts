// The search box matches an order by its id, or any of its items' SKU or product name,
// ignoring case; several words must all match (in any of those fields).
import type { QueueOrder } from '../../src/packing/protocol';

export function searchText(order: QueueOrder): string {
  return [order.orderId, ...order.items.flatMap((item) => [item.sku, item.name])].join('\n').toLocaleLowerCase();
}

/** The words of a search, each to be found; none for an empty one (everything matches). */
export function searchWords(query: string): string[] {
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

export function matchesSearch(haystack: string, words: readonly string[]): boolean {
  return words.every((word) => haystack.includes(word));
}
