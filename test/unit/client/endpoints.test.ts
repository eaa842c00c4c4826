// Every client method against the sandbox's real HTTP, checking both the parsed answer and the
// sandbox's state after writes.
import * as assert from 'node:assert/strict';
import { failure, useSandbox } from '../fakes/clientSandbox';

describe('OtoClient endpoints against the sandbox', () => {
  const t = useSandbox();

  async function firstWarehouse(): Promise<string> {
    const warehouse = (await t.client.getPickupLocations()).find((location) => location.kind === 'warehouse');
    assert.ok(warehouse, 'the sandbox has a warehouse');
    return warehouse.code;
  }

  async function onHand(sku: string, locationCode: string): Promise<number> {
    const entry = (await t.client.checkInventoryStock([sku]))[sku]?.find((item) => item.pickupLocationCode === locationCode);
    return entry?.quantityOnHand ?? 0;
  }

  it('healthCheck answers without authenticating', async () => {
    assert.deepEqual(await t.client.healthCheck(), { status: 'ok' });
    assert.equal(t.sent('refreshToken').length, 0);
    assert.equal(t.sent('healthCheck')[0].authorized, false);
  });

  it('getAccountInfo returns who is signed in and the plan', async () => {
    const account = await t.client.getAccountInfo();
    assert.equal(typeof account.name, 'string');
    assert.equal(typeof account.email, 'string');
    assert.ok(account.packageName.length > 0);
  });

  it('getPickupLocations flattens warehouses and branches, each marked with its kind', async () => {
    const locations = await t.client.getPickupLocations();
    assert.ok(locations.some((location) => location.kind === 'warehouse'));
    assert.ok(locations.some((location) => location.kind === 'branch'));
    for (const location of locations) {
      assert.ok(location.code.length > 0 && location.name.length > 0);
    }
    assert.equal(new Set(locations.map((location) => location.code)).size, locations.length);
  });

  it('listProducts reads every page of the catalogue, each SKU once', async () => {
    const products = await t.client.listProducts();
    assert.ok(products.length > 0);
    assert.equal(new Set(products.map((product) => product.sku)).size, products.length);
    const pages = t.sent('productList').map((request) => (request.body as { currentPage: number }).currentPage);
    assert.deepEqual(pages.sort((a, b) => a - b), pages.map((_, index) => index + 1));
  });

  it('listProducts without a productCount stops at a full page of SKUs it already has', async () => {
    // A server that ignores currentPage and sends no count: the same full page, every time.
    const products = Array.from({ length: 100 }, (_, index) => ({ name: `Item ${index}`, sku: `SKU-${index}` }));
    t.sandbox.addFaults([{ endpoint: 'productList', status: 200, body: JSON.stringify({ success: true, products }), times: 5 }]);
    const listed = await t.client.listProducts();
    assert.deepEqual(listed.map((product) => product.sku), products.map((product) => product.sku));
    assert.equal(t.sent('productList').length, 2);
  });

  it('checkInventoryStock returns per-location figures, keeping the no-location entries', async () => {
    const skus = (await t.client.listProducts()).map((product) => product.sku);
    const stock = await t.client.checkInventoryStock(skus);
    assert.deepEqual(Object.keys(stock).sort(), [...skus].sort());
    const entries = Object.values(stock).flat();
    assert.ok(entries.some((entry) => entry.pickupLocationCode === undefined), 'some SKU has a no-location entry');
    assert.ok(entries.some((entry) => entry.pickupLocationCode !== undefined));
  });

  it('checkInventoryStock can be limited to one location', async () => {
    const code = await firstWarehouse();
    const skus = (await t.client.listProducts()).map((product) => product.sku);
    const stock = await t.client.checkInventoryStock(skus, { pickupLocationCode: code });
    assert.equal(t.sent('checkInventoryStock')[0].query.pickupLocationCode, code);
    assert.ok(Object.values(stock).flat().some((entry) => entry.pickupLocationCode === code));
    for (const entry of Object.values(stock).flat()) {
      assert.ok(entry.pickupLocationCode === code || entry.pickupLocationCode === undefined, `unexpected ${entry.pickupLocationCode}`);
    }
  });

  it('checkGlobalStock unwraps the one-element list per SKU', async () => {
    const skus = (await t.client.listProducts()).map((product) => product.sku).slice(0, 10);
    const stock = await t.client.checkGlobalStock(skus);
    assert.deepEqual(Object.keys(stock).sort(), [...skus].sort());
    for (const sku of skus) {
      assert.equal(stock[sku].sku, sku);
      assert.equal(typeof stock[sku].quantityOnHand, 'number');
    }
  });

  it('updateStockQuantity sets and adjusts the quantity on hand', async () => {
    const code = await firstWarehouse();
    const [{ sku }] = await t.client.listProducts();
    const set = await t.client.updateStockQuantity({ actionType: 'set', locationCode: code, sku, qty: 40 });
    assert.equal(set.success, true);
    assert.ok(set.transactionID !== undefined);
    assert.equal(await onHand(sku, code), 40);
    await t.client.updateStockQuantity({ actionType: 'adjust', locationCode: code, sku, qty: -5 });
    assert.equal(await onHand(sku, code), 35);
    assert.deepEqual(t.sent('updateStockQuantity').map((request) => request.body),
      [{ actionType: 'set', locationCode: code, sku, qty: 40 }, { actionType: 'adjust', locationCode: code, sku, qty: -5 }]);
  });

  it('updateStockQuantity turns an unknown location into OTO1133', async () => {
    const [{ sku }] = await t.client.listProducts();
    const error = await failure(t.client.updateStockQuantity({ actionType: 'adjust', locationCode: 'NO-SUCH-LOCATION', sku, qty: 1 }));
    assert.equal(error.kind, 'api');
    assert.equal(error.code, 'OTO1133');
    assert.equal(error.status, 400);
    assert.equal(error.endpoint, 'updateStockQuantity');
    assert.match(error.message, /Location Code/);
  });

  it('createInventoryOrder records an inbound order that shows in forecasted stock', async () => {
    const code = await firstWarehouse();
    const [{ sku }] = await t.client.listProducts();
    const forecast = async (): Promise<number> =>
      (await t.client.checkInventoryStock([sku]))[sku]?.find((entry) => entry.pickupLocationCode === code)?.quantityForecasted ?? 0;
    const before = await forecast();
    const order = await t.client.createInventoryOrder({
      action: 'inbound', locationCode: code, items: [{ sku, qty: 7 }], orderDate: '01/02/2026', description: 'restock',
    });
    assert.equal(order.success, true);
    assert.ok(order.otoId !== undefined);
    assert.equal(await forecast(), before + 7);
    assert.deepEqual(t.sent('createInventoryOrder')[0].body,
      { action: 'inbound', locationCode: code, items: [{ sku, qty: 7 }], orderDate: '01/02/2026', description: 'restock' });
  });

  it('moves a packing order picked then packed, after which it leaves the queue and shows in its details', async () => {
    const code = await firstWarehouse();
    const orders = await t.client.getPackingOrders(code);
    assert.ok(orders.length > 0, 'the sandbox warehouse has packing orders');
    assert.deepEqual(t.sent('getPackingOrders')[0].body, { warehouseCode: code });
    const { orderId } = orders[0];
    assert.ok(orders[0].items.length > 0);
    await t.client.updatePackingStatus({ orderId, packingStatus: 'picked' });
    assert.ok((await t.client.getPackingOrders(code)).some((order) => order.orderId === orderId));
    const packed = await t.client.updatePackingStatus({ orderId, packingStatus: 'packed' });
    assert.equal(packed.success, true);
    assert.ok(!(await t.client.getPackingOrders(code)).some((order) => order.orderId === orderId));
    const details = await t.client.getOrderDetails(orderId);
    assert.equal(details.orderId, orderId);
    const history = details.packingStatusHistory.map((entry) => entry.packingStatus);
    assert.ok(history.includes('picked'), `history ${history.join(', ')}`);
    assert.equal(history.filter((status) => status === 'packed').length, 1);
  });

  it('getOrderDetails of an unknown order is OTO1002', async () => {
    const error = await failure(t.client.getOrderDetails('NO-SUCH-ORDER'));
    assert.equal(error.code, 'OTO1002');
    assert.equal(error.endpoint, 'orderDetails');
  });
});
