// Bad input is refused before anything is sent, with a message naming the field.
import * as assert from 'node:assert/strict';
import { OtoClient, OtoError } from '../../../../src/client';
import { failure, useSandbox } from '../../fakes/clientSandbox';
import { received } from '../../fakes/journal';

type Case = [name: string, call: (client: OtoClient) => Promise<unknown>, field: string, message: RegExp];

const adjust = { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'SKU-1', qty: 1 } as const;
const order = { action: 'inbound' as const, locationCode: 'RUH-WH1', items: [{ sku: 'SKU-1', qty: 1 }] };

const cases: Case[] = [
  ['actionType not documented', (c) => c.updateStockQuantity({ ...adjust, actionType: 'Adjust' as never }), 'actionType', /"set" or "adjust"/],
  ['empty locationCode', (c) => c.updateStockQuantity({ ...adjust, locationCode: '' }), 'locationCode', /non-empty/],
  ['blank sku', (c) => c.updateStockQuantity({ ...adjust, sku: '   ' }), 'sku', /non-empty/],
  ['fractional qty', (c) => c.updateStockQuantity({ ...adjust, qty: 40.75 }), 'qty', /integer/],
  ['qty as a string', (c) => c.updateStockQuantity({ ...adjust, qty: '40' as never }), 'qty', /integer/],
  ['adjust by zero', (c) => c.updateStockQuantity({ ...adjust, qty: 0 }), 'qty', /non-zero/],
  ['set below zero', (c) => c.updateStockQuantity({ ...adjust, actionType: 'set', qty: -1 }), 'qty', /0 or more/],
  ['set past what OTO stores', (c) => c.updateStockQuantity({ ...adjust, actionType: 'set', qty: 9007199254740991 }), 'qty', /at most 2147483647 either way/],
  ['adjust past what OTO stores', (c) => c.updateStockQuantity({ ...adjust, qty: -2147483648 }), 'qty', /at most 2147483647/],
  ['item qty past what OTO stores', (c) => c.createInventoryOrder({ ...order, items: [{ sku: 'A', qty: 2 ** 31 }] }), 'items[0].qty', /at most 2147483647/],
  ['qty not a number', (c) => c.updateStockQuantity({ ...adjust, qty: Number.NaN }), 'qty', /integer/],
  ['empty inventoryType', (c) => c.updateStockQuantity({ ...adjust, inventoryType: '' }), 'inventoryType', /non-empty/],
  ['order action not documented', (c) => c.createInventoryOrder({ ...order, action: 'inbouand' as never }), 'action', /"inbound" or "outbound"/],
  ['order without items', (c) => c.createInventoryOrder({ ...order, items: [] }), 'items', /at least one/],
  ['item qty zero', (c) => c.createInventoryOrder({ ...order, items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 0 }] }), 'items[1].qty', /positive integer/],
  ['item qty negative', (c) => c.createInventoryOrder({ ...order, items: [{ sku: 'A', qty: -2 }] }), 'items[0].qty', /positive integer/],
  ['item without sku', (c) => c.createInventoryOrder({ ...order, items: [{ sku: '', qty: 2 }] }), 'items[0].sku', /non-empty/],
  ['malformed date', (c) => c.createInventoryOrder({ ...order, deliveryDate: '3103/2023' }), 'deliveryDate', /DD\/MM\/YYYY/],
  ['date that does not exist', (c) => c.createInventoryOrder({ ...order, orderDate: '31/02/2026' }), 'orderDate', /real date/],
  ['ISO date', (c) => c.createInventoryOrder({ ...order, orderDate: '2026-02-01' }), 'orderDate', /DD\/MM\/YYYY/],
  ['empty waybillNumber', (c) => c.createInventoryOrder({ ...order, waybillNumber: '' }), 'waybillNumber', /non-empty/],
  ['packing status not documented', (c) => c.updatePackingStatus({ orderId: '1', packingStatus: 'shipped' as never }), 'packingStatus', /"picked" or "packed"/],
  ['empty orderId', (c) => c.updatePackingStatus({ orderId: '', packingStatus: 'picked' }), 'orderId', /non-empty/],
  ['empty warehouseCode', (c) => c.getPackingOrders(''), 'warehouseCode', /non-empty/],
  ['empty order id for details', (c) => c.getOrderDetails(''), 'orderId', /non-empty/],
  ['a SKU list that is not a list', (c) => c.checkInventoryStock('SKU-1' as never), 'skus', /list/],
  ['an empty SKU in the list', (c) => c.checkGlobalStock(['A', '']), 'skus[1]', /non-empty/],
  ['a SKU with a comma', (c) => c.checkInventoryStock(['A,B']), 'skus[0]', /comma/],
  ['empty pickupLocationCode', (c) => c.checkInventoryStock(['A'], { pickupLocationCode: '' }), 'pickupLocationCode', /non-empty/],
  ['location status not documented', (c) => c.getPickupLocations({ status: 'all' as never }), 'status', /"active" or "inactive"/],
  ['a sku that is a number', (c) => c.updateStockQuantity({ ...adjust, sku: 5 as never }), 'sku', /non-empty string/],
  ['an actionType that is not text', (c) => c.updateStockQuantity({ ...adjust, actionType: 1 as never }), 'actionType', /"set" or "adjust"/],
  ['qty past safe integers', (c) => c.updateStockQuantity({ ...adjust, qty: 1e20 }), 'qty', /must be a non-zero integer$/],
  ['item qty far below zero', (c) => c.createInventoryOrder({ ...order, items: [{ sku: 'A', qty: -3e9 }] }), 'items[0].qty', /must be a positive integer$/],
];

describe('OtoClient input validation', () => {
  const t = useSandbox();

  for (const [name, call, field, message] of cases) {
    it(`refuses ${name} without sending anything`, async () => {
      const error = await failure(call(t.client));
      assert.equal(error.kind, 'validation');
      assert.equal(error.field, field);
      assert.ok(error.message.startsWith(field), error.message);
      assert.match(error.message, message);
      assert.equal(received(t.sandbox).length, 0);
    });
  }

  it('sends the edge values each rule allows: set to 0, item qty 1, and 2147483647 either way', async () => {
    const [product] = await t.client.listProducts();
    const sku = product.sku;
    const allowed: Array<() => Promise<unknown>> = [
      () => t.client.updateStockQuantity({ ...adjust, sku, actionType: 'set', qty: 0 }),
      () => t.client.updateStockQuantity({ ...adjust, sku, actionType: 'set', qty: 2_147_483_647 }),
      () => t.client.updateStockQuantity({ ...adjust, sku, qty: -2_147_483_647 }),
      () => t.client.createInventoryOrder({ ...order, items: [{ sku, qty: 1 }] }),
    ];
    for (const call of allowed) {
      const outcome = await call().then(() => undefined, (error: unknown) => error);
      assert.ok(!(outcome instanceof OtoError && outcome.kind === 'validation'), String(outcome));
    }
    assert.equal(t.sent('updateStockQuantity').length + t.sent('createInventoryOrder').length, allowed.length);
  });

  it('refuses a base URL that is not http(s)', () => {
    assert.throws(() => new OtoClient({ baseUrl: 'ftp://example.com', refreshToken: 'x'.repeat(20) }), { name: 'OtoError', kind: 'validation' });
    assert.throws(() => new OtoClient({ baseUrl: 'not a url', refreshToken: 'x'.repeat(20) }), { name: 'OtoError', kind: 'validation' });
  });

  it('refuses a base URL carrying credentials (they would show in every logged URL), a query or a fragment', () => {
    const refused = (baseUrl: string, message: RegExp): void => {
      assert.throws(() => new OtoClient({ baseUrl, refreshToken: 'x'.repeat(20) }), (error: unknown) =>
        error instanceof OtoError && error.kind === 'validation' && error.field === 'baseUrl' && message.test(error.message) && !error.message.includes('s3cret'));
    };
    refused('https://me:s3cret@gateway.example.com/rest/v2', /user name or password/);
    refused('https://s3cret@gateway.example.com/rest/v2', /user name or password/);
    refused('https://gateway.example.com/rest/v2?key=s3cret', /query or fragment/);
    refused('https://gateway.example.com/rest/v2#s3cret', /query or fragment/);
  });

  it('accepts a base URL with or without a trailing slash', async () => {
    const client = t.newClient({ baseUrl: `${t.sandbox.baseUrl}/` });
    assert.equal(client.baseUrl, t.sandbox.baseUrl);
    await client.healthCheck();
    assert.equal(t.sent('healthCheck').length, 1);
  });

  it('defaults to the production base URL', () => {
    assert.equal(new OtoClient({ refreshToken: 'x'.repeat(20) }).baseUrl, 'https://api.tryoto.com/rest/v2');
  });
});
