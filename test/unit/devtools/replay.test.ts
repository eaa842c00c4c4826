import * as assert from 'node:assert/strict';
import type { Exchange } from '../../../src/devtools/requests/log/exchange';
import { listParam, planReplay, type ReplayClient } from '../../../src/devtools/requests/replay/replay';
import { firstWarehouse, latestExchange, useDevtools } from './support';

describe('devtools Replay', () => {
  const h = useDevtools();

  const latest = (endpoint: string): Exchange => latestExchange(h.exchanges, endpoint);

  it('replays reads through the client, sending the same request and getting the same answer', async () => {
    const client: ReplayClient = h.client;
    const warehouse = await firstWarehouse(h.client);
    await h.client.checkInventoryStock(['AJW-DATES-500', 'COF-SAU-250'], { pickupLocationCode: warehouse.code });
    await h.client.getPackingOrders(warehouse.code);
    for (const endpoint of ['checkInventoryStock', 'getPackingOrders', 'getPickupLocationList']) {
      const original = latest(endpoint);
      const plan = planReplay(original);
      assert.equal(plan.kind, 'read', endpoint);
      if (plan.kind !== 'read') {
        return;
      }
      await plan.run(client);
      const replayed = latest(endpoint);
      assert.notEqual(replayed.id, original.id);
      assert.equal(replayed.url, original.url, `${endpoint} same URL`);
      assert.equal(replayed.requestBody, original.requestBody, `${endpoint} same body`);
      assert.deepEqual(JSON.parse(replayed.responseBody ?? ''), JSON.parse(original.responseBody ?? ''), `${endpoint} same answer`);
    }
  });

  it('classifies writes as writes (they change stock again) and names what they touch', async () => {
    const warehouse = await firstWarehouse(h.client);
    const onHand = (): Promise<number> => warehouse.onHand('SAF-NEG-5G');
    const start = await onHand();
    await h.client.updateStockQuantity({ actionType: 'adjust', locationCode: warehouse.code, sku: 'SAF-NEG-5G', qty: 5 });
    const plan = planReplay(latest('updateStockQuantity'));
    assert.equal(plan.kind, 'write');
    if (plan.kind !== 'write') {
      return;
    }
    assert.deepEqual(plan.touches, [{ sku: 'SAF-NEG-5G', locationCode: warehouse.code }]);
    await plan.run(h.client);
    assert.equal(await onHand(), start + 10, 'a replayed adjust is a second adjustment');

    await h.client.createInventoryOrder({ action: 'outbound', locationCode: warehouse.code, items: [{ sku: 'SAF-NEG-5G', qty: 2 }], orderDate: '27/11/2026' });
    const order = planReplay(latest('createInventoryOrder'));
    assert.equal(order.kind, 'write');
    assert.deepEqual(order.kind === 'write' && order.touches, [{ sku: 'SAF-NEG-5G', locationCode: warehouse.code }]);
  });

  it('refuses to replay a token refresh or an unknown endpoint', async () => {
    await h.client.healthCheck();
    await h.client.getAccountInfo();
    assert.equal(planReplay(latest('refreshToken')).kind, 'unsupported');
    assert.equal(planReplay({ ...latest('healthCheck'), endpoint: 'somethingNew' }).kind, 'unsupported');
    assert.equal(planReplay({ ...latest('healthCheck'), endpoint: 'updatePackingStatus', method: 'POST', requestBody: '{"orderId":"1","packingStatus":"lost"}' }).kind, 'unsupported');
  });

  it('reads a SKU list back exactly as the client encoded it', () => {
    assert.deepEqual(listParam('http://127.0.0.1/rest/v2/checkGlobalStock?sku=A%20B,%D8%B9%2B1,C&x=1', 'sku'), ['A B', 'ع+1', 'C']);
    assert.deepEqual(listParam('http://127.0.0.1/rest/v2/checkGlobalStock?x=1', 'sku'), []);
  });
});
