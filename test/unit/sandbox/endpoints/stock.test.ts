// updateStockQuantity really changes what checkInventoryStock and checkGlobalStock report.
import * as assert from 'node:assert';
import { ok, useSandbox } from '../../fakes/sandboxHttp';

type Entry = { pickupLocationCode?: string; sku: string; quantityOnHand: number; quantityForecasted: number };
type Global = { sku: string; quantityOnHand: number; quantityForecasted?: number; minInventory?: number };

const SKU = 'weird sku/ä&?#+';

describe('sandbox stock', () => {
  const context = useSandbox({
    extra: {
      products: [
        { sku: SKU, name: 'Odd SKU', minInventory: 5, stock: { 'RUH-WH1': { onHand: 10, forecasted: 7 }, 'MED-BR1': { onHand: 4 } }, noLocation: { onHand: -2, forecasted: -3 } },
      ],
    },
  });

  const inventory = async (query = ''): Promise<Record<string, Entry[]>> =>
    ok<{ stock: Record<string, Entry[]> }>(await context.api.get(`checkInventoryStock?sku=${encodeURIComponent(SKU)}${query}`)).stock;
  const atRiyadh = async (): Promise<Entry | undefined> => (await inventory())[SKU].find((entry) => entry.pickupLocationCode === 'RUH-WH1');
  const global = async (): Promise<Global> => ok<{ stock: Record<string, Global[]> }>(await context.api.get(`checkGlobalStock?sku=${encodeURIComponent(SKU)}`)).stock[SKU][0];
  const update = (body: Record<string, unknown>) => context.api.post('updateStockQuantity', { locationCode: 'RUH-WH1', sku: SKU, ...body });

  it('refuses quantities and results outside ±2,147,483,647 with OTO1132, changing nothing', async () => {
    const refused = async (body: Record<string, unknown>): Promise<void> => {
      const before = (await atRiyadh())?.quantityOnHand;
      const answer = await update(body);
      assert.strictEqual(answer.status, 400, `${JSON.stringify(body)} → ${answer.text}`);
      assert.strictEqual((answer.json as { otoErrorCode: string }).otoErrorCode, 'OTO1132');
      assert.strictEqual((await atRiyadh())?.quantityOnHand, before);
    };
    for (const qty of [9007199254740991, 2147483648, '2147483648', -2147483648, '999999999999999']) {
      await refused({ actionType: qty === -2147483648 ? 'adjust' : 'set', qty });
    }
    // 2,147,483,645 here, 4 at MED-BR1 and -2 without a location: the global stock is at the limit.
    ok(await update({ actionType: 'set', qty: 2147483645 }));
    await refused({ actionType: 'adjust', qty: 1 });
    // The forecast (3 below on hand here) is a figure the change leads to as well.
    ok(await update({ actionType: 'set', qty: 0 }));
    ok(await update({ actionType: 'adjust', qty: -2147483644 }));
    assert.deepStrictEqual([(await atRiyadh())?.quantityOnHand, (await atRiyadh())?.quantityForecasted], [-2147483644, -2147483647]);
    await refused({ actionType: 'adjust', qty: -1 });
  });

  // Defect 7 of issue 21: each location within range, their sum past it.
  it('refuses a change that would take the global stock past ±2,147,483,647, changing nothing', async () => {
    const refused = async (body: Record<string, unknown>): Promise<void> => {
      const before = await global();
      const answer = await update(body);
      assert.strictEqual(answer.status, 400, `${JSON.stringify(body)} → ${answer.text}`);
      assert.deepStrictEqual(answer.json, { success: false, otoErrorCode: 'OTO1132', otoErrorMessage: 'Quantity is missing or invalid' });
      assert.deepStrictEqual(await global(), before);
    };
    // On hand elsewhere: 4 at MED-BR1, -2 without a location.
    await refused({ actionType: 'set', qty: 2147483647 });
    ok(await update({ actionType: 'set', qty: 2147483645 }));
    assert.strictEqual((await global()).quantityOnHand, 2147483647);
    await refused({ actionType: 'adjust', qty: 1 });
    await refused({ locationCode: 'MED-BR1', actionType: 'adjust', qty: 1 });
    await refused({ locationCode: 'JED-WH1', actionType: 'set', qty: 1 });
    ok(await update({ actionType: 'adjust', qty: -1 }));
    ok(await update({ locationCode: 'MED-BR1', actionType: 'adjust', qty: 1 }));
    assert.strictEqual((await global()).quantityOnHand, 2147483647);
  });

  it('reports each location, and the entry without a location last', async () => {
    assert.deepStrictEqual(await inventory(), {
      [SKU]: [
        { pickupLocationCode: 'RUH-WH1', sku: SKU, quantityForecasted: 7, quantityOnHand: 10 },
        { pickupLocationCode: 'MED-BR1', sku: SKU, quantityForecasted: 4, quantityOnHand: 4 },
        { sku: SKU, quantityForecasted: -3, quantityOnHand: -2 },
      ],
    });
  });

  it('filters by pickupLocationCode, leaving out the entry without a location', async () => {
    assert.deepStrictEqual(await inventory('&pickupLocationCode=MED-BR1'), { [SKU]: [{ pickupLocationCode: 'MED-BR1', sku: SKU, quantityForecasted: 4, quantityOnHand: 4 }] });
    const unknown = await context.api.get(`checkInventoryStock?sku=${encodeURIComponent(SKU)}&pickupLocationCode=NOPE`);
    assert.strictEqual(unknown.status, 400);
    assert.strictEqual((unknown.json as { otoErrorCode: string }).otoErrorCode, 'OTO1133');
  });

  it('sums every entry in the global stock, one-element list per SKU with minInventory', async () => {
    assert.deepStrictEqual(await global(), { minInventory: 5, sku: SKU, quantityForecasted: 8, quantityOnHand: 12 });
  });

  it('leaves out SKUs it does not know and rejects an empty SKU list', async () => {
    const stock = ok<{ stock: Record<string, unknown> }>(await context.api.get(`checkInventoryStock?sku=NOPE-1,${encodeURIComponent(SKU)},NOPE-2`)).stock;
    assert.deepStrictEqual(Object.keys(stock), [SKU]);
    for (const endpoint of ['checkInventoryStock?sku=', 'checkGlobalStock?sku=,', 'checkGlobalStock']) {
      const answer = await context.api.get(endpoint);
      assert.deepStrictEqual([answer.status, answer.json], [400, { success: false, otoErrorCode: 'OTO1126', otoErrorMessage: 'sku is missing or invalid' }], endpoint);
    }
  });

  it('sets the quantity on hand; the forecast moves by the same amount', async () => {
    const answer = ok<{ success: boolean; warnings: string[]; transactionID: number }>(await update({ actionType: 'set', qty: '25' }));
    assert.deepStrictEqual(answer.warnings, ['Inventory quantity set to the given qty according to the action type']);
    assert.strictEqual(typeof answer.transactionID, 'number');
    assert.deepStrictEqual(await atRiyadh(), { pickupLocationCode: 'RUH-WH1', sku: SKU, quantityForecasted: 22, quantityOnHand: 25 });
    assert.strictEqual((await global()).quantityOnHand, 27);
  });

  it('adjusts up and down with increasing transaction ids and OTO’s warnings', async () => {
    const up = ok<{ warnings: string[]; transactionID: number }>(await update({ actionType: 'adjust', qty: 40 }));
    const down = ok<{ warnings: string[]; transactionID: number }>(await update({ actionType: 'adjust', qty: '-55', inventoryType: 'onHand' }));
    assert.deepStrictEqual(up.warnings, ['Inventory quantity increased by the given qty']);
    assert.deepStrictEqual(down.warnings, ['Inventory quantity decreased by the given qty']);
    assert.strictEqual(down.transactionID, up.transactionID + 1);
    assert.deepStrictEqual(await atRiyadh(), { pickupLocationCode: 'RUH-WH1', sku: SKU, quantityForecasted: -8, quantityOnHand: -5 });
  });

  it('creates the SKU’s inventory at a new location on set, but not on adjust', async () => {
    const adjust = await update({ actionType: 'adjust', locationCode: 'JED-WH1', qty: 3 });
    assert.deepStrictEqual([adjust.status, (adjust.json as { otoErrorCode: string }).otoErrorCode], [404, 'OTO1134']);
    ok(await update({ actionType: 'set', locationCode: 'JED-WH1', qty: 3 }));
    const entries = await inventory('&pickupLocationCode=JED-WH1');
    assert.deepStrictEqual(entries[SKU], [{ pickupLocationCode: 'JED-WH1', sku: SKU, quantityForecasted: 3, quantityOnHand: 3 }]);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['a fractional qty', { actionType: 'adjust', qty: '40.75' }, 'OTO1132'],
    ['a qty that is not a number', { actionType: 'set', qty: 'ten' }, 'OTO1132'],
    ['a missing qty', { actionType: 'set' }, 'OTO1132'],
    ['a negative set', { actionType: 'set', qty: -1 }, 'OTO1132'],
    ['an adjust by zero', { actionType: 'adjust', qty: 0 }, 'OTO1132'],
    ['an unknown actionType', { actionType: 'adjuast', qty: 1 }, 'OTO1130'],
    ['a missing actionType', { qty: 1 }, 'OTO1130'],
    ['an unknown location', { actionType: 'set', qty: 1, locationCode: 'ASDSA' }, 'OTO1133'],
    ['an empty location', { actionType: 'set', qty: 1, locationCode: '' }, 'OTO1133'],
    ['an unknown SKU', { actionType: 'set', qty: 1, sku: '156487494561123412312' }, 'OTO1126'],
    ['an unknown inventoryType', { actionType: 'set', qty: 1, inventoryType: 'damaged' }, 'OTO1135'],
    // Each field's format in OTO's order (actionType, locationCode, sku, qty) before any look-up.
    ['a missing location, before a bad qty', { actionType: 'set', qty: 'ten', locationCode: undefined }, 'OTO1133'],
    ['a missing SKU, before a bad qty', { actionType: 'set', qty: 'ten', sku: undefined }, 'OTO1126'],
    ['a blank SKU, before a bad qty', { actionType: 'set', qty: 'ten', sku: '  ' }, 'OTO1126'],
  ];
  for (const [what, body, code] of invalid) {
    it(`rejects ${what} with ${code} and changes nothing`, async () => {
      const before = await inventory();
      const answer = await update(body);
      assert.strictEqual(answer.status, 400, answer.text);
      assert.strictEqual((answer.json as { otoErrorCode: string }).otoErrorCode, code);
      assert.deepStrictEqual(await inventory(), before);
    });
  }

  it('rejects a body that is not JSON with OTO1075', async () => {
    const answer = await fetch(`${context.sandbox.baseUrl}/updateStockQuantity`, { method: 'POST', headers: { Authorization: `Bearer ${context.api.token}` }, body: '{"actionType":' });
    assert.strictEqual(answer.status, 400);
    assert.deepStrictEqual(await answer.json(), { success: false, otoErrorCode: 'OTO1075', otoErrorMessage: 'Invalid Json format' });
  });

  it('gives the stock map in an order of its own, not the request’s', async () => {
    const skus = ['AJW-DATES-500', 'SKR-DATES-1KG', 'MDJ-DATES-1KG', 'KHL-DATES-3KG', 'COF-SAU-250', 'COF-KHW-500'];
    const stock = ok<{ stock: Record<string, unknown> }>(await context.api.get(`checkInventoryStock?sku=${skus.join(',')}`)).stock;
    assert.deepStrictEqual(Object.keys(stock).sort(), [...skus].sort());
    assert.notDeepStrictEqual(Object.keys(stock), skus);
  });
});
