// Retries against the sandbox's injected faults: reads come back from transient failures within
// their bounds; changes that must not happen twice are sent exactly once, whatever happens.
import * as assert from 'node:assert/strict';
import { failure, useSandbox } from './support';

const LOCATION = 'ASDS';
const SKU = 'SKU-RETRY';
const extra = {
  locations: [{ code: LOCATION, kind: 'warehouse' as const }],
  products: [{ sku: SKU, name: 'Retry test product', stock: { [LOCATION]: { onHand: 10 } } }],
};
const otoError = (code: string, message: string): string => JSON.stringify({ success: false, otoErrorCode: code, otoErrorMessage: message });

describe('OtoClient retries', () => {
  const t = useSandbox({ extra });

  async function onHand(): Promise<number> {
    const stock = await t.client.checkInventoryStock([SKU], { pickupLocationCode: LOCATION });
    return stock[SKU][0].quantityOnHand;
  }

  for (const status of [429, 500, 502, 503, 504]) {
    it(`retries a read after HTTP ${status}`, async () => {
      t.sandbox.addFaults([{ endpoint: 'checkGlobalStock', status, times: 1 }]);
      const stock = await t.client.checkGlobalStock([SKU]);
      assert.equal(stock[SKU].quantityOnHand, 10);
      assert.equal(t.sent('checkGlobalStock').length, 2);
      assert.deepEqual(t.events.filter((event) => event.endpoint === 'checkGlobalStock').map((event) => [event.attempt, event.status]),
        [[1, status], [2, 200]]);
    });
  }

  for (const [code, message] of [['OTO1143', 'Too many request!'], ['OTO1105', 'Wait for 1 minute before request again!']]) {
    it(`retries a read after ${code}, even under HTTP 200`, async () => {
      t.sandbox.addFaults([{ endpoint: 'getPickupLocationList', status: 200, body: otoError(code, message), times: 1 }]);
      await t.client.getPickupLocations();
      assert.equal(t.sent('getPickupLocationList').length, 2);
    });
  }

  it('retries a read after a dropped connection', async () => {
    t.sandbox.addFaults([{ endpoint: 'accountInfo', reset: true, times: 1 }]);
    await t.client.getAccountInfo();
    assert.equal(t.sent('accountInfo').length, 2);
    assert.equal(t.events.find((event) => event.endpoint === 'accountInfo')?.error?.kind, 'network');
  });

  it('retries a read after a timeout', async () => {
    const client = t.newClient({ timeoutMs: 200 });
    t.sandbox.addFaults([{ endpoint: 'getPackingOrders', hang: true, times: 1 }]);
    await client.getPackingOrders(LOCATION);
    assert.equal(t.sent('getPackingOrders').length, 2);
  });

  it('makes at most 4 attempts, then reports the last failure', async () => {
    t.sandbox.addFaults([{ endpoint: 'productList', status: 503 }]);
    const error = await failure(t.client.listProducts());
    assert.equal(error.status, 503);
    assert.equal(error.attempts, 4);
    assert.equal(t.sent('productList').length, 4);
  });

  it('does not retry a read that OTO refused for a reason a retry cannot fix', async () => {
    const error = await failure(t.client.checkInventoryStock([SKU], { pickupLocationCode: 'NOWHERE' }));
    assert.equal(error.code, 'OTO1133');
    assert.equal(t.sent('checkInventoryStock').length, 1);
  });

  it('backs off exponentially between attempts', async () => {
    const client = t.newClient({ retry: { baseDelayMs: 100, maxDelayMs: 1_000 } });
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 500, times: 3 }]);
    const started = Date.now();
    await client.getAccountInfo();
    // Jitter keeps at least half of each delay: 50 + 100 + 200 ms.
    assert.ok(Date.now() - started >= 350, `took ${Date.now() - started} ms`);
  });

  it('waits as long as Retry-After asks', async () => {
    t.sandbox.addFaults([{ endpoint: 'checkInventoryStock', status: 429, headers: { 'Retry-After': '1' }, times: 1 }]);
    const started = Date.now();
    assert.equal(await onHand(), 10);
    assert.ok(Date.now() - started >= 1_000, `took ${Date.now() - started} ms`);
  });

  it('fails at once, as rate-limited, when Retry-After asks for longer than the client will wait', async () => {
    t.sandbox.addFaults([{ endpoint: 'checkInventoryStock', status: 429, headers: { 'Retry-After': '120' }, times: 1 }]);
    const error = await failure(onHand());
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.retryAfterMs, 120_000);
    assert.equal(t.sent('checkInventoryStock').length, 1);
  });

  describe('changes that must not happen twice', () => {
    const adjust = { actionType: 'adjust' as const, locationCode: LOCATION, sku: SKU, qty: 5 };
    const order = { action: 'inbound' as const, locationCode: LOCATION, items: [{ sku: SKU, qty: 3 }] };

    it('sends an adjust once after a 500, even though it took effect', async () => {
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 500, afterEffect: true, times: 1 }]);
      const error = await failure(t.client.updateStockQuantity(adjust));
      assert.equal(error.status, 500);
      assert.equal(t.sent('updateStockQuantity').length, 1);
      assert.equal(await onHand(), 15);
    });

    it('sends an adjust once after a timeout', async () => {
      const client = t.newClient({ timeoutMs: 200 });
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', hang: true, afterEffect: true, times: 1 }]);
      const error = await failure(client.updateStockQuantity(adjust));
      assert.equal(error.kind, 'timeout');
      assert.equal(t.sent('updateStockQuantity').length, 1);
      assert.equal(await onHand(), 15);
    });

    it('sends an adjust once after a 503 or a rate limit', async () => {
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 429, times: 1 }]);
      assert.equal((await failure(t.client.updateStockQuantity(adjust))).kind, 'rate-limit');
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 503, times: 1 }]);
      assert.equal((await failure(t.client.updateStockQuantity(adjust))).status, 503);
      assert.equal(t.sent('updateStockQuantity').length, 2);
    });

    it('sends an inventory order once after a 500', async () => {
      t.sandbox.addFaults([{ endpoint: 'createInventoryOrder', status: 500, times: 1 }]);
      await failure(t.client.createInventoryOrder(order));
      assert.equal(t.sent('createInventoryOrder').length, 1);
    });

    it('sends an inventory order once after a timeout', async () => {
      const client = t.newClient({ timeoutMs: 200 });
      t.sandbox.addFaults([{ endpoint: 'createInventoryOrder', hang: true, afterEffect: true, times: 1 }]);
      assert.equal((await failure(client.createInventoryOrder(order))).kind, 'timeout');
      assert.equal(t.sent('createInventoryOrder').length, 1);
    });

    it('sends a packing status once after a 500', async () => {
      t.sandbox.addFaults([{ endpoint: 'updatePackingStatus', status: 500, times: 1 }]);
      await failure(t.client.updatePackingStatus({ orderId: 'ANY', packingStatus: 'picked' }));
      assert.equal(t.sent('updatePackingStatus').length, 1);
    });
  });

  it('retries a set, which gives the same result however often it arrives', async () => {
    t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 502, afterEffect: true, times: 1 }]);
    await t.client.updateStockQuantity({ actionType: 'set', locationCode: LOCATION, sku: SKU, qty: 4 });
    assert.equal(t.sent('updateStockQuantity').length, 2);
    assert.equal(await onHand(), 4);
  });
});
