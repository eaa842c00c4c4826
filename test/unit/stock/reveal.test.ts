import * as assert from 'node:assert';
import { revealArgument, skuRow, unhide } from '../../../src/stock/tree/reveal';
import { buildTree, type TreeOptions } from '../../../src/stock/tree/treeModel';
import { LOW, TEA, stockFixture, type StockFixture } from './fixture';

const byLocation: TreeOptions = { grouping: 'location', lowOnly: false, text: '' };

describe('Reveal in Stock view', () => {
  let fixture: StockFixture;

  const roots = (options: TreeOptions) => buildTree({ locations: fixture.store.locations, skus: fixture.store.skus() }, options).model.roots;
  const stockOf = (sku: string) => {
    const stock = fixture.store.getSku(sku);
    assert.ok(stock, `${sku} is loaded`);
    return stock;
  };

  before(async () => {
    fixture = await stockFixture();
    await fixture.store.refresh();
  });

  after(() => fixture.close());

  it('takes a Stock view SKU node or a plain SKU, and nothing else', () => {
    assert.strictEqual(revealArgument({ kind: 'sku', sku: TEA, name: 'Green Tea' }), TEA);
    assert.strictEqual(revealArgument(` ${TEA} `), TEA);
    for (const bad of [undefined, '', '  ', { kind: 'location', sku: TEA }, { kind: 'sku', sku: 7 }, { kind: 'sku', sku: '' }, 42]) {
      assert.strictEqual(revealArgument(bad), undefined, JSON.stringify(bad));
    }
  });

  it('lands on the first location holding the SKU when grouped by location', () => {
    const row = skuRow(roots(byLocation), LOW);
    assert.ok(row, `${LOW} has a row`);
    assert.strictEqual(row.sku, LOW);
    assert.strictEqual(row.locationCode, 'JED-WH1', 'Jeddah comes before Madinah in the view');
    assert.strictEqual(row.parent?.label, 'Jeddah Port Warehouse');
  });

  it("lands on the SKU's own row when grouped by SKU", () => {
    const row = skuRow(roots({ ...byLocation, grouping: 'sku' }), TEA);
    assert.ok(row);
    assert.strictEqual(row.id, `S${TEA.length}:${TEA}`);
    assert.strictEqual(row.parent, undefined, 'a top-level row');
  });

  it('clears just the filter that hides the SKU, so its row shows', () => {
    const tea = stockOf(TEA);
    assert.strictEqual(tea.low, false, 'the fixture keeps the tea above its minimum');
    assert.strictEqual(unhide({ ...byLocation, text: 'tea' }, tea), undefined, 'already shown');
    assert.strictEqual(unhide({ ...byLocation, text: 'green' }, tea), undefined, 'the product name matches too');

    const lowOnly: TreeOptions = { ...byLocation, lowOnly: true, text: 'tst' };
    assert.strictEqual(skuRow(roots(lowOnly), TEA), undefined, 'hidden by the low-stock filter');
    assert.deepStrictEqual(unhide(lowOnly, tea), { lowOnly: false });
    assert.ok(skuRow(roots({ ...lowOnly, ...unhide(lowOnly, tea) }), TEA));

    const otherText: TreeOptions = { ...byLocation, lowOnly: true, text: 'widget' };
    assert.deepStrictEqual(unhide(otherText, tea), { lowOnly: false, text: '' });
    assert.deepStrictEqual(unhide({ ...otherText, lowOnly: false }, tea), { text: '' });
    assert.deepStrictEqual(unhide(otherText, stockOf(LOW)), undefined, 'the low widget shows already');
  });

  it('finds no row for a SKU the view does not show', () => {
    assert.strictEqual(skuRow(roots(byLocation), 'NO-SUCH-SKU'), undefined);
  });
});
