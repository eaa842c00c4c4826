// The seeded demo data: deterministic, realistic, clean, and scalable for benchmarks.
import * as assert from 'node:assert';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox';
import { ok, signIn, type Api } from '../../fakes/sandboxHttp';

type Product = { name: string; sku: string; barcode: string; productImage: string };
type Location = { code: string; city: string; name: string };
type Global = { sku: string; quantityOnHand: number; minInventory?: number };

async function snapshot(api: Api): Promise<unknown[]> {
  const products = ok<{ products: Product[] }>(await api.post('productList', { pageSize: 1000 })).products;
  const skus = products.map((product) => encodeURIComponent(product.sku)).join(',');
  const locations = ok<{ warehouses: Location[]; branches: Location[] }>(await api.get('getPickupLocationList'));
  const queues = await Promise.all(locations.warehouses.map(async (warehouse) => ok(await api.post('getPackingOrders', { warehouseCode: warehouse.code }))));
  return [products, locations, ok(await api.get(`checkInventoryStock?sku=${skus}`)), ok(await api.get(`checkGlobalStock?sku=${skus}`)), queues];
}

describe('sandbox seed', () => {
  const running: RunningSandbox[] = [];
  const open = async (options: Parameters<typeof startSandbox>[0] = {}): Promise<Api> => {
    const sandbox = await startSandbox(options);
    running.push(sandbox);
    return signIn(sandbox);
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  });

  it('gives the same data for the same seed, other data for another seed', async () => {
    const [a, b, c] = await Promise.all([open({ seed: 7 }), open({ seed: 7 }), open({ seed: 8 })]);
    const [first, same, other] = await Promise.all([snapshot(a), snapshot(b), snapshot(c)]);
    assert.deepStrictEqual(same, first);
    assert.notDeepStrictEqual(other[2], first[2]);
  });

  it('keeps separate state per sandbox', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    ok(await a.post('updateStockQuantity', { actionType: 'set', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 999 }));
    const figures = async (api: Api) => ok<{ stock: Record<string, Global[]> }>(await api.get('checkGlobalStock?sku=AJW-DATES-500')).stock['AJW-DATES-500'][0].quantityOnHand;
    assert.notStrictEqual(await figures(a), await figures(b));
  });

  it('has a demo a merchant would recognise: Saudi locations, ~40 clean products, low stock and packing work', async () => {
    const api = await open();
    const [products, locations, inventory, global, queues] = (await snapshot(api)) as [
      Product[],
      { warehouses: Location[]; branches: Location[] },
      { stock: Record<string, Array<{ pickupLocationCode?: string }>> },
      { stock: Record<string, Global[]> },
      Array<{ count: number; orders: Array<{ items: Array<{ productId?: number }> }> }>,
    ];
    assert.deepStrictEqual(locations.warehouses.map((location) => location.city), ['Riyadh', 'Jeddah', 'Dammam']);
    assert.deepStrictEqual(locations.branches.map((location) => location.city), ['Madinah']);
    assert.strictEqual(products.length, 40);
    assert.strictEqual(new Set(products.map((product) => product.sku)).size, 40);
    for (const product of products) {
      assert.doesNotMatch(product.name, /[<>&"'`]/, 'default data stays free of markup');
      assert.match(product.barcode, /^628\d{10}$/);
    }
    const low = Object.values(global.stock).filter(([entry]) => entry.minInventory !== undefined && entry.quantityOnHand < entry.minInventory);
    assert.ok(low.length >= 3 && low.length <= 10, `${low.length} SKUs below minInventory`);
    assert.ok(Object.values(global.stock).some(([entry]) => entry.minInventory === undefined), 'some SKUs have no minimum');
    assert.ok(Object.values(inventory.stock).some((entries) => entries.some((entry) => entry.pickupLocationCode === undefined)), 'a no-location entry');
    assert.ok(products.some((product) => /[\u0600-\u06ff]/.test(product.name)), 'an Arabic product name');
    for (const queue of queues) {
      assert.ok(queue.count >= 3 && queue.count === queue.orders.length);
      const items = queue.orders.flatMap((order) => order.items);
      assert.ok(items.some((item) => item.productId !== undefined) && items.some((item) => item.productId === undefined));
    }
  });

  it('scales the catalogue to 10,000 products, paged by productList', async () => {
    const api = await open({ products: 10_000 });
    const page = (currentPage: number) => api.post('productList', { pageSize: 1000, currentPage }).then((answer) => ok<{ productCount: number; products: Product[] }>(answer));
    const pages = await Promise.all(Array.from({ length: 11 }, (_, i) => page(i + 1)));
    assert.ok(pages.every((answer) => answer.productCount === 10_000));
    assert.deepStrictEqual(pages.map((answer) => answer.products.length), [...Array(10).fill(1000), 0]);
    assert.strictEqual(new Set(pages.flatMap((answer) => answer.products.map((product) => product.sku))).size, 10_000);
    const last = pages[9].products[999].sku;
    assert.strictEqual(ok<{ stock: Record<string, unknown[]> }>(await api.get(`checkInventoryStock?sku=${last}`)).stock[last].length > 0, true);
  });

  it('serves extra products exactly as given, hostile names included', async () => {
    const name = '<img src=x onerror=alert(1)> & "quotes"';
    const api = await open({ products: 3, extra: { products: [{ sku: '<b>sku</b>', name }] } });
    const products = ok<{ products: Product[] }>(await api.post('productList', {})).products;
    assert.deepStrictEqual(products.map((product) => product.sku).slice(3), ['<b>sku</b>']);
    assert.strictEqual(products[3].name, name);
  });

  it('rejects bad productList paging and bad options', async () => {
    const api = await open();
    for (const body of [{ pageSize: 0 }, { currentPage: -1 }, { pageSize: 'ten' }]) {
      const answer = await api.post('productList', body);
      assert.deepStrictEqual([answer.status, (answer.json as { otoErrorCode: string }).otoErrorCode], [400, 'OTO1142']);
    }
    await assert.rejects(startSandbox({ port: -1 }), /port/);
    await assert.rejects(startSandbox({ products: 1.5 }), /products/);
    await assert.rejects(startSandbox({ extra: { packingOrders: [{ orderId: 'x', warehouseCode: 'NOPE', items: [] }] } }), /NOPE/);
  });
});
