// Which calls change state on OTO. A POST is a write unless it is one of the reads OTO happens to
// serve by POST: an endpoint this list does not know is treated as a write, so `block` and
// `simulate` never let an unknown state change through.

/** POST endpoints that only read (or, for refreshToken, only issue a token). */
const POST_READS = new Set(['refreshToken', 'productList', 'getPackingOrders', 'availableCitiesForPickup', 'availableStoresForPickup']);

export function isWrite(method: string, endpoint: string): boolean {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
    return false;
  }
  return !(method === 'POST' && POST_READS.has(endpoint));
}
