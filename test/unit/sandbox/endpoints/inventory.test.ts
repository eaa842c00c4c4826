// createInventoryOrder records orders with status `new` that move the forecast, not the stock.
import * as assert from 'node:assert';
import { ok, useSandbox } from '../../fakes/sandboxHttp';

type Entry = { pickupLocationCode?: string; quantityOnHand: number; quantityForecasted: number };

describe('sandbox inventory orders', () => {
  const context = useSandbox({
    extra: {
      locations: [{ code: 'WHA', kind: 'warehouse', bins: ['test'] }],
      products: [{ sku: 'P-1', name: 'Product one', stock: { WHA: { onHand: 20 } } }, { sku: 'P-2', name: 'Product two' }],
    },
  });

  const at = async (sku: string, code = 'WHA'): Promise<Entry | undefined> =>
    ok<{ stock: Record<string, Entry[]> }>(await context.api.get(`checkInventoryStock?sku=${sku}`)).stock[sku]?.find((entry) => entry.pickupLocationCode === code);
  const order = (body: Record<string, unknown>) => context.api.post('createInventoryOrder', { action: 'inbound', locationCode: 'WHA', items: [{ sku: 'P-1', qty: '5' }], ...body });

  it('refuses an order whose quantities would take a figure past 2,147,483,647, recording nothing', async () => {
    // P-1 has 20 on hand: its forecast reaches the limit.
    ok(await order({ items: [{ sku: 'P-1', qty: 2147483627 }] }));
    const answer = await order({ items: [{ sku: 'P-2', qty: 1 }, { sku: 'P-1', qty: 1 }] });
    assert.strictEqual(answer.status, 400, answer.text);
    assert.strictEqual((answer.json as { otoErrorCode: string }).otoErrorCode, 'OTO1132');
    assert.strictEqual(await at('P-2'), undefined);
    const outbound = await order({ action: 'outbound', items: [{ sku: 'P-1', qty: 2147483647 }, { sku: 'P-1', qty: 2147483647 }] });
    assert.strictEqual(outbound.status, 400, outbound.text);
  });

  it('records an inbound order as `new`: forecast up, on hand unchanged', async () => {
    const answer = ok<{ success: boolean; otoId: number; warnings?: string[] }>(
      await order({ binLocationName: 'test', orderDate: '31/03/2022', deliveryDate: '29/02/2024', waybillNumber: '12345', description: 'loc1' }),
    );
    assert.strictEqual(answer.success, true);
    assert.strictEqual(answer.warnings, undefined);
    assert.deepStrictEqual(await at('P-1'), { pickupLocationCode: 'WHA', sku: 'P-1', quantityForecasted: 25, quantityOnHand: 20 });
    const details = ok<{ status: string; orderDate: string; items: Array<{ sku: string; quantity: number }> }>(await context.api.get(`orderDetails?otoId=${answer.otoId}`));
    assert.strictEqual(details.status, 'new');
    assert.strictEqual(details.orderDate, '2022-03-31 00:00:00');
    assert.deepStrictEqual(details.items.map((item) => [item.sku, item.quantity]), [['P-1', 5]]);
  });

  it('lowers the forecast with an outbound order, and counts several orders and items', async () => {
    const first = ok<{ otoId: number }>(await order({ action: 'outbound', items: [{ sku: 'P-1', qty: 8 }, { sku: 'P-2', qty: 2 }] }));
    const second = ok<{ otoId: number }>(await order({ items: [{ sku: 'P-1', qty: 1 }] }));
    assert.strictEqual(second.otoId, first.otoId + 1);
    assert.deepStrictEqual(await at('P-1'), { pickupLocationCode: 'WHA', sku: 'P-1', quantityForecasted: 13, quantityOnHand: 20 });
    assert.deepStrictEqual(await at('P-2'), { pickupLocationCode: 'WHA', sku: 'P-2', quantityForecasted: -2, quantityOnHand: 0 });
  });

  it('answers 200 for a malformed date, drops the date and says so in a warning', async () => {
    const answer = ok<{ otoId: number; warnings: string[] }>(await order({ orderDate: '2022-03-31', deliveryDate: '31/02/2023' }));
    assert.deepStrictEqual(answer.warnings, [
      'orderDate is in an invalid format, order inserted without order date. Please provide dates as DD/MM/YYYY',
      'deliveryDate is in an invalid format, order inserted without order date. Please provide dates as DD/MM/YYYY',
    ]);
    const details = ok(await context.api.get(`orderDetails?otoId=${answer.otoId}`));
    assert.ok(!('orderDate' in details));
    assert.strictEqual((await at('P-1'))?.quantityForecasted, 25);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown action', { action: 'inbouand' }, 'OTO1136'],
    ['a missing action', { action: undefined }, 'OTO1136'],
    ['an unknown location', { locationCode: 'WHASA' }, 'OTO1133'],
    ['no items', { items: [] }, 'OTO1074'],
    ['items that are not a list', { items: 'P-1' }, 'OTO1074'],
    ['an unknown SKU', { items: [{ sku: 'P-1', qty: 1 }, { sku: 'NOPE', qty: 1 }] }, 'OTO1126'],
    ['a zero qty', { items: [{ sku: 'P-1', qty: 0 }] }, 'OTO1132'],
    ['a fractional qty', { items: [{ sku: 'P-1', qty: '1.5' }] }, 'OTO1132'],
    ['an unknown bin', { binLocationName: 'Z-99' }, 'OTO1137'],
  ];
  for (const [what, body, code] of invalid) {
    it(`rejects ${what} with ${code}, recording nothing`, async () => {
      const answer = await order(body);
      assert.strictEqual(answer.status, 400, answer.text);
      assert.strictEqual((answer.json as { otoErrorCode: string }).otoErrorCode, code);
      assert.deepStrictEqual(await at('P-1'), { pickupLocationCode: 'WHA', sku: 'P-1', quantityForecasted: 20, quantityOnHand: 20 });
      assert.strictEqual(await at('P-2'), undefined);
    });
  }
});
