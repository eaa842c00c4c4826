// The packing flow: orders are picked, then packed, and then leave the warehouse's queue.
import * as assert from 'node:assert';
import { ok, useSandbox } from '../../fakes/sandboxHttp';

type Queue = { count: number; orders: Array<{ orderId: string; items: Array<{ productId?: number; name: string; quantity: number; sku: string }> }> };
type Details = {
  orderId: string;
  id: number;
  packingStatusHistory: Array<{ packingStatus: string; description: string; date: string }>;
  statusHistory: Array<{ description: string }>;
};
type Entry = { pickupLocationCode?: string; quantityOnHand: number; quantityForecasted: number };

describe('sandbox packing', () => {
  const context = useSandbox({
    extra: {
      locations: [{ code: 'WH-T', kind: 'warehouse' }],
      products: [{ sku: 'P-1', name: 'Product one', stock: { 'WH-T': { onHand: 10 } } }],
      packingOrders: [
        { orderId: 'T-1', warehouseCode: 'WH-T', items: [{ sku: 'P-1', quantity: 3 }, { sku: 'LOOSE', name: 'Not in the catalogue', quantity: 1 }] },
        { orderId: 'T-2', warehouseCode: 'WH-T', items: [{ sku: 'P-1', quantity: 1 }], packingStatus: 'picked' },
        { orderId: 'T-3', warehouseCode: 'WH-T', items: [{ sku: 'P-1', quantity: 2 }], packingStatus: 'packed' },
      ],
    },
  });

  const queue = async (warehouseCode = 'WH-T'): Promise<Queue> => ok<Queue>(await context.api.post('getPackingOrders', { warehouseCode }));
  const details = async (orderId: string): Promise<Details> => ok<Details>(await context.api.get(`orderDetails?orderId=${orderId}`));
  const setStatus = (orderId: string, packingStatus: string) => context.api.post('updatePackingStatus', { orderId, packingStatus });
  const stock = async (): Promise<Entry> => ok<{ stock: Record<string, Entry[]> }>(await context.api.get('checkInventoryStock?sku=P-1')).stock['P-1'][0];

  it('lists the unpacked orders; only catalogue items carry a productId', async () => {
    const answer = await queue();
    assert.strictEqual(answer.count, 2);
    assert.deepStrictEqual(answer.orders.map((order) => order.orderId), ['T-1', 'T-2']);
    const [catalogue, loose] = answer.orders[0].items;
    assert.strictEqual(typeof catalogue.productId, 'number');
    assert.deepStrictEqual(loose, { name: 'Not in the catalogue', quantity: 1, sku: 'LOOSE' });
  });

  it('keeps stock held for unpacked orders out of the forecast', async () => {
    assert.deepStrictEqual(await stock(), { pickupLocationCode: 'WH-T', sku: 'P-1', quantityForecasted: 4, quantityOnHand: 8 });
  });

  it('moves an order picked → packed, recording both in its history, then drops it from the queue', async () => {
    assert.deepStrictEqual(ok(await setStatus('T-1', 'picked')), { success: true, message: 'Successfully updated' });
    assert.deepStrictEqual((await queue()).orders.map((order) => order.orderId), ['T-1', 'T-2']);
    assert.deepStrictEqual((await details('T-1')).packingStatusHistory.map((event) => event.packingStatus), ['picked']);
    assert.match((await details('T-1')).statusHistory.at(-1)?.description ?? '', /picked by/);

    ok(await setStatus('T-1', 'packed'));
    assert.deepStrictEqual((await queue()).orders.map((order) => order.orderId), ['T-2']);
    const history = (await details('T-1')).packingStatusHistory;
    assert.deepStrictEqual(history.map((event) => event.packingStatus), ['packed', 'picked']);
    assert.match(history[0].description, /^Order is packed by /);
    assert.match(history[0].date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('takes packed items off the shelf without moving the forecast', async () => {
    ok(await setStatus('T-1', 'packed'));
    assert.deepStrictEqual(await stock(), { pickupLocationCode: 'WH-T', sku: 'P-1', quantityForecasted: 4, quantityOnHand: 5 });
  });

  it('refuses to change an order that is already packed', async () => {
    for (const status of ['picked', 'packed']) {
      const answer = await setStatus('T-3', status);
      assert.deepStrictEqual([answer.status, answer.json], [400, { success: false, otoErrorCode: 'OTO1103', otoErrorMessage: 'Status of the order is not suitable for the action' }]);
    }
  });

  it('rejects a bad packing update with OTO’s codes, changing nothing', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ packingStatus: 'packed' }, 400, 'OTO1001'],
      [{ orderId: 'NOPE', packingStatus: 'packed' }, 404, 'OTO1002'],
      [{ orderId: 'T-1' }, 400, 'OTO1131'],
      [{ orderId: 'T-1', packingStatus: 'shipped' }, 400, 'OTO1131'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await context.api.post('updatePackingStatus', body);
      assert.deepStrictEqual([answer.status, (answer.json as { otoErrorCode: string }).otoErrorCode], [status, code], JSON.stringify(body));
    }
    assert.deepStrictEqual((await details('T-1')).packingStatusHistory, []);
  });

  it('answers for a branch with an empty queue and rejects unknown warehouses', async () => {
    assert.deepStrictEqual(await queue('MED-BR1'), { success: true, count: 0, orders: [] });
    for (const body of [{ warehouseCode: 'NOPE' }, {}]) {
      const answer = await context.api.post('getPackingOrders', body);
      assert.deepStrictEqual([answer.status, (answer.json as { otoErrorCode: string }).otoErrorCode], [400, 'OTO1133']);
    }
  });

  it('finds order details by orderId, id and otoId, and says which are missing', async () => {
    const byOrderId = await details('T-2');
    assert.strictEqual(ok<Details>(await context.api.get(`orderDetails?id=${byOrderId.id}`)).orderId, 'T-2');
    assert.strictEqual(ok<Details>(await context.api.get(`orderDetails?otoId=${byOrderId.id}`)).orderId, 'T-2');
    const missing = await context.api.get('orderDetails');
    assert.deepStrictEqual([missing.status, (missing.json as { otoErrorCode: string }).otoErrorCode], [400, 'OTO1001']);
    const unknown = await context.api.get('orderDetails?orderId=NOPE');
    assert.deepStrictEqual([unknown.status, (unknown.json as { otoErrorCode: string }).otoErrorCode], [404, 'OTO1002']);
  });
});
