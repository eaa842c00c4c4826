// The search box matches an order by its id, or any of its items' SKU or product name,
// ignoring case; several words must all match (in any of those fields).
import type { QueueOrder } from '../../src/packing/protocol';

export function searchText(order: QueueOrder): string {
  return [order.orderId, ...order.items.flatMap((item) => [item.sku, item.name])].join('\n').toLocaleLowerCase();
}

export function matchesSearch(haystack: string, query: string): boolean {
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}
