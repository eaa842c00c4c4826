import * as assert from 'node:assert';
import { OtoError } from '../../../src/client';
import type { StockSource } from '../../../src/stock/store/source';
import { StockStore, type StockChangeEvent } from '../../../src/stock/store/store';
import { LOW, TEA, stockFixture, type StockFixture } from './fixture';
import { until } from '../until';
import { faultTaken } from '../fakes/journal';

describe('StockStore against the sandbox', () => {
  let fixture: StockFixture;
  let events: StockChangeEvent[];

  beforeEach(async () => {
    fixture = await stockFixture();
    events = [];
    fixture.store.onDidChange((event) => events.push(event));
  });

  afterEach(() => fixture.close());

  it('reads the whole catalogue, the locations and the stock of every SKU in one pass', async () => {
    const result = await fixture.store.refresh();
    assert.deepStrictEqual(result.issues, []);
    const catalogue = await fixture.client.listProducts();
    assert.deepStrictEqual([...fixture.store.skus()].map((stock) => stock.sku), catalogue.map((product) => product.sku).sort(), 'the catalogue in SKU order');
    assert.deepStrictEqual(fixture.store.locations.map((location) => `${location.code}:${location.kind}`), ['RUH-WH1:warehouse', 'JED-WH1:warehouse', 'DMM-WH1:warehouse', 'MED-BR1:branch']);
    const inventory = fixture.sent('checkInventoryStock');
    assert.strictEqual(inventory.length, 1, 'one batch covers the demo catalogue');
    assert.strictEqual(inventory[0].query.sku.split(',').length, catalogue.length);
    assert.strictEqual(fixture.sent('checkGlobalStock').length, 1);
    assert.deepStrictEqual(events.map((event) => event.reason), ['refresh']);
  });

  it('merges location stock, the no-location entry and global stock with minInventory', async () => {
    await fixture.store.refresh();
    const tea = fixture.store.getSku(TEA);
    assert.ok(tea);
    assert.strictEqual(tea.product?.barcode, '6281000999990');
    assert.deepStrictEqual(
      tea.locations.map(({ locationCode, onHand, forecast }) => ({ locationCode, onHand, forecast })),
      [
        { locationCode: 'RUH-WH1', onHand: 277, forecast: 261 },
        { locationCode: undefined, onHand: -7, forecast: -16 },
      ],
    );
    assert.deepStrictEqual(tea.global, { onHand: 270, forecast: 245, minInventory: 100, change: undefined });
    assert.strictEqual(tea.low, false);
    assert.strictEqual(tea.readAt !== undefined && tea.readAt > 0, true);
  });

  it('calls a SKU low when its on hand is below minInventory, and counts them', async () => {
    assert.strictEqual(fixture.store.lowStockCount(), undefined, 'unknown before the first read');
    await fixture.store.refresh();
    const low = fixture.store.getSku(LOW);
    assert.strictEqual(low?.global?.onHand, 15);
    assert.strictEqual(low?.low, true);
    const expected = [...fixture.store.skus()].filter((stock) => stock.global?.minInventory !== undefined && stock.global.onHand < stock.global.minInventory).length;
    assert.ok(expected >= 2);
    assert.strictEqual(fixture.store.lowStockCount(), expected);
    await fixture.client.updateStockQuantity({ actionType: 'set', locationCode: 'JED-WH1', sku: LOW, qty: 100 });
    await fixture.store.refresh();
    assert.strictEqual(fixture.store.getSku(LOW)?.low, false);
    assert.strictEqual(fixture.store.lowStockCount(), expected - 1);
  });

  it('counts no low SKUs until a full read got the global figures, and none again after a reset', async () => {
    fixture.sandbox.addFaults([{ endpoint: 'checkGlobalStock', times: 1, status: 400, body: JSON.stringify({ success: false, otoErrorCode: 'OTO1150', otoErrorMessage: 'Please upgrade your plan' }) }]);
    const failed = await fixture.store.refresh();
    assert.deepStrictEqual(failed.issues.map((issue) => issue.operation), ['global']);
    assert.strictEqual(fixture.store.loaded, true, 'the catalogue and location stock were read');
    assert.strictEqual(fixture.store.lowStockCount(), undefined, 'no minimums known, so no "0 low"');
    await fixture.store.invalidate([{ sku: LOW }]);
    assert.strictEqual(fixture.store.getSku(LOW)?.low, true);
    assert.strictEqual(fixture.store.lowStockCount(), undefined, 'one re-read SKU is not a count of all');
    await fixture.store.refresh();
    assert.ok((fixture.store.lowStockCount() ?? 0) >= 2);
    fixture.store.reset();
    assert.strictEqual(fixture.store.lowStockCount(), undefined);
  });

  it('marks what changed since the previous refresh, and only until the next one', async () => {
    await fixture.store.refresh();
    assert.strictEqual(fixture.store.getSku(TEA)?.locations[0].change, undefined, 'nothing to compare on the first read');
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: TEA, qty: -5 });
    await fixture.store.refresh();
    const tea = fixture.store.getSku(TEA);
    assert.deepStrictEqual(tea?.locations[0], { locationCode: 'RUH-WH1', onHand: 272, forecast: 256, change: { onHand: -5, forecast: -5 } });
    assert.deepStrictEqual(tea?.locations[1].change, undefined);
    assert.deepStrictEqual(tea?.global?.change, { onHand: -5, forecast: -5 });
    assert.deepStrictEqual(events[1].changes, [
      { sku: TEA, scope: 'location', locationCode: 'RUH-WH1', before: { onHand: 277, forecast: 261 }, after: { onHand: 272, forecast: 256 } },
      { sku: TEA, scope: 'global', before: { onHand: 270, forecast: 245 }, after: { onHand: 265, forecast: 240 } },
    ]);
    await fixture.store.refresh();
    assert.strictEqual(fixture.store.getSku(TEA)?.locations[0].change, undefined);
    assert.deepStrictEqual(events[2].changes, []);
  });

  it('marks a location that newly holds a SKU from zero', async () => {
    await fixture.store.refresh();
    await fixture.client.updateStockQuantity({ actionType: 'set', locationCode: 'DMM-WH1', sku: LOW, qty: 12 });
    await fixture.store.refresh();
    const dammam = fixture.store.getSku(LOW)?.locations.find((entry) => entry.locationCode === 'DMM-WH1');
    assert.deepStrictEqual(dammam?.change, { onHand: 12, forecast: 12 });
  });

  it('keeps the catalogue and locations between refreshes and re-reads them on request', async () => {
    await fixture.store.refresh();
    fixture.mark();
    await fixture.store.refresh();
    assert.deepStrictEqual(fixture.sent().map((request) => request.endpoint), ['checkInventoryStock', 'checkGlobalStock']);
    fixture.mark();
    await fixture.store.refresh({ reloadCatalogue: true });
    assert.deepStrictEqual(fixture.sent('productList', 'getPickupLocationList').map((request) => request.endpoint), ['productList', 'getPickupLocationList']);
  });

  it('turns a synchronous burst of refreshes into one', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => fixture.store.refresh()));
    assert.strictEqual(fixture.sent('checkInventoryStock').length, 1);
    assert.strictEqual(fixture.sent('productList').length, 1);
    assert.ok(results.every((result) => result === results[0]));
    assert.strictEqual(events.length, 1);
  });

  it('never runs two refreshes at once: calls during one share a single follow-up', async () => {
    let inFlight = 0;
    let most = 0;
    const counting = (source: StockSource): StockSource => ({
      ...source,
      listProducts: (options) => source.listProducts(options),
      getPickupLocations: (options) => source.getPickupLocations(options),
      checkGlobalStock: (skus, options) => source.checkGlobalStock(skus, options),
      checkInventoryStock: async (skus, options) => {
        most = Math.max(most, ++inFlight);
        try {
          return await source.checkInventoryStock(skus, options);
        } finally {
          inFlight--;
        }
      },
    });
    await fixture.close();
    fixture = await stockFixture({ faults: [{ endpoint: 'checkInventoryStock', latencyMs: 150, times: 1 }] }, counting);
    const first = fixture.store.refresh();
    // Its stock read is at the sandbox, answered 150 ms after it arrived: the burst comes while it is under way.
    await until('the first stock read to reach the sandbox', () => faultTaken(fixture.sandbox, 'checkInventoryStock'));
    assert.strictEqual(fixture.store.busy, true);
    const burst = Array.from({ length: 5 }, () => fixture.store.refresh());
    await Promise.all([first, ...burst]);
    assert.strictEqual(fixture.sent('checkInventoryStock').length, 2, 'the first refresh and one follow-up');
    assert.strictEqual(most, 1);
    assert.ok(burst.every((promise) => promise === burst[0]));
  });

  it('re-reads only the SKUs it is told to invalidate, and says which', async () => {
    await fixture.store.refresh();
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: 'MED-BR1', sku: LOW, qty: 3 });
    fixture.mark();
    events.length = 0;
    const result = await fixture.store.invalidate([{ sku: LOW, locationCode: 'MED-BR1' }]);
    assert.deepStrictEqual(result.issues, []);
    assert.deepStrictEqual(
      fixture.sent().map((request) => `${request.endpoint}?${request.query.sku}`),
      [`checkInventoryStock?${LOW}`, `checkGlobalStock?${LOW}`],
    );
    assert.strictEqual(events.length, 1);
    assert.strictEqual(events[0].reason, 'invalidate');
    assert.deepStrictEqual(events[0].skus, [LOW]);
    assert.deepStrictEqual(events[0].locationCodes, ['MED-BR1']);
    assert.deepStrictEqual(events[0].changes.map((change) => `${change.scope}:${change.locationCode ?? ''}:${change.after?.onHand}`), ['location:MED-BR1:8', 'global::18']);
    assert.deepStrictEqual(fixture.store.getSku(LOW)?.locations.find((entry) => entry.locationCode === 'MED-BR1')?.change, { onHand: 3, forecast: 3 });
  });

  it('merges invalidations requested together into one read', async () => {
    await fixture.store.refresh();
    fixture.mark();
    await Promise.all([fixture.store.invalidate([{ sku: LOW }]), fixture.store.invalidate([{ sku: TEA, locationCode: 'RUH-WH1' }])]);
    const inventory = fixture.sent('checkInventoryStock');
    assert.strictEqual(inventory.length, 1);
    assert.deepStrictEqual(inventory[0].query.sku.split(',').sort(), [LOW, TEA].sort());
  });

  it('adds no row for an invalidated SKU that OTO does not know', async () => {
    await fixture.store.refresh();
    const count = [...fixture.store.skus()].length;
    await fixture.store.invalidate([{ sku: 'NO-SUCH-SKU' }]);
    assert.strictEqual(fixture.store.getSku('NO-SUCH-SKU'), undefined);
    assert.strictEqual([...fixture.store.skus()].length, count);
  });

  it('explains plan-gated errors plainly and keeps the figures it had', async () => {
    await fixture.store.refresh();
    fixture.sandbox.addFaults([
      { endpoint: 'checkInventoryStock', times: 1, status: 400, body: JSON.stringify({ success: false, otoErrorCode: 'OTO1150', otoErrorMessage: 'Please upgrade your plan' }) },
    ]);
    const result = await fixture.store.refresh();
    assert.strictEqual(result.issues.length, 1);
    const [issue] = result.issues;
    assert.strictEqual(issue.operation, 'inventory');
    assert.strictEqual(issue.planGated, true);
    assert.strictEqual(issue.code, 'OTO1150');
    assert.match(issue.message, /can't use stock management.*\(OTO1150\)/);
    assert.deepStrictEqual(fixture.store.lastResult, result);
    assert.strictEqual(fixture.store.getSku(TEA)?.locations[0].onHand, 277);
    assert.strictEqual(fixture.store.getSku(TEA)?.global?.onHand, 270, 'global stock was still read');
  });

  it('keeps other errors as OTO phrased them, with their kind', async () => {
    fixture.sandbox.addFaults([{ endpoint: 'productList', status: 500 }]);
    const result = await fixture.store.refresh();
    assert.strictEqual(fixture.store.loaded, false);
    assert.deepStrictEqual(result.issues.map((issue) => [issue.operation, issue.kind, issue.planGated]), [['catalogue', 'api', false]]);
    assert.strictEqual(fixture.sent('checkInventoryStock').length, 0, 'no catalogue, nothing to read');
  });

  it('requireCatalogue says why the catalogue or locations are unknown (past the client\'s cap, OTO\'s error) instead of leaving every SKU unknown', async () => {
    fixture.sandbox.addFaults([{ endpoint: 'getPickupLocationList', times: 1, status: 400, body: JSON.stringify({ success: false, otoErrorCode: 'OTO1001', otoErrorMessage: 'Locations are unavailable' }) }]);
    await assert.rejects(fixture.store.requireCatalogue(), /^CatalogueUnreadError: The pickup locations could not be read, so nothing was checked or sent\. .*Locations are unavailable/);
    assert.ok(fixture.store.loaded, 'the catalogue came');
    assert.strictEqual(await fixture.store.requireCatalogue(), true, 'the locations are read again, and come');
    assert.ok(fixture.store.locations.length > 0);
    // Once both are in, nothing more is read.
    const lists = fixture.sent('productList').length;
    assert.strictEqual(await fixture.store.requireCatalogue(), true);
    assert.strictEqual(fixture.sent('productList').length, lists);
    // An account past 100,000 products: the client refuses the list whole, it never cuts it short.
    fixture.store.reset();
    fixture.sandbox.addFaults([{ endpoint: 'productList', times: 1, status: 200, body: JSON.stringify({ success: true, productCount: 100_001, products: [] }) }]);
    await assert.rejects(fixture.store.requireCatalogue(), (error: Error) => {
      assert.strictEqual(error.name, 'CatalogueUnreadError');
      assert.strictEqual(error.message, "The catalogue could not be read, so nothing was checked or sent. OTO's answer to productList counts 100001 products; the client lists at most 100,000");
      return true;
    });
    assert.strictEqual(fixture.store.loaded, false);
    assert.strictEqual(fixture.store.getSku(TEA), undefined);
  });

  it('commits nothing read under an earlier session generation: figures of the environment switched away from never land', async () => {
    let sessionGeneration = 1;
    const client = fixture.client;
    // The environment switches while the catalogue is being read: the session's generation moves
    // at once, its change event (and the store's reset) only once the keyring has answered.
    const source: StockSource = {
      listProducts: async (options) => {
        const products = await client.listProducts(options);
        sessionGeneration++;
        return products;
      },
      getPickupLocations: (options) => client.getPickupLocations(options),
      checkInventoryStock: (skus, options) => client.checkInventoryStock(skus, options),
      checkGlobalStock: (skus, options) => client.checkGlobalStock(skus, options),
    };
    const store = new StockStore({ getSource: () => Promise.resolve(source), sessionGeneration: () => sessionGeneration });
    const seen: StockChangeEvent[] = [];
    store.onDidChange((event) => seen.push(event));
    await store.refresh();
    assert.strictEqual(store.loaded, false, 'no catalogue of the old environment');
    assert.strictEqual(store.getSku(TEA), undefined);
    assert.strictEqual(store.lastResult, undefined);
    assert.strictEqual(seen.length, 0, 'no event: nothing to show, nothing to record as a change');
    // A read begun under the new generation lands as usual.
    source.listProducts = (options) => client.listProducts(options);
    await store.refresh();
    assert.ok(store.loaded);
    assert.deepStrictEqual(seen.map((event) => event.reason), ['refresh']);
    store.dispose();
  });

  it('records a missing sign-in as an auth issue, without reading anything', async () => {
    const store = new StockStore({ getSource: () => Promise.reject(new OtoError({ kind: 'auth', message: 'Not signed in to OTO staging' })) });
    const result = await store.refresh();
    assert.deepStrictEqual(result.issues.map((issue) => [issue.operation, issue.kind, issue.message]), [['connect', 'auth', 'Not signed in to OTO staging']]);
    assert.strictEqual(store.loaded, false);
    assert.deepStrictEqual(fixture.sent(), []);
  });

  it('forgets everything on reset and drops a read still in flight', async () => {
    await fixture.store.refresh();
    fixture.sandbox.addFaults([{ endpoint: 'checkInventoryStock', latencyMs: 100, times: 1 }]);
    const pending = fixture.store.refresh();
    await until('the stock read to reach the sandbox', () => faultTaken(fixture.sandbox, 'checkInventoryStock'));
    fixture.store.reset();
    await pending;
    assert.strictEqual(fixture.store.loaded, false);
    assert.strictEqual(fixture.store.getSku(TEA), undefined);
    assert.strictEqual(fixture.store.lastResult, undefined);
    assert.deepStrictEqual(events.map((event) => event.reason), ['refresh', 'reset']);
  });
});
