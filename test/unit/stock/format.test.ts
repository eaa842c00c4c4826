import * as assert from 'node:assert';
import { lowSkusText, skuCount } from '../../../src/stock/format';

describe('stock counts in words', () => {
  it('says 1 SKU, not 1 SKUs, in the tooltip and the low-stock badge', () => {
    assert.deepStrictEqual([0, 1, 2].map((count) => skuCount(count)), ['0 SKUs', '1 SKU', '2 SKUs']);
    assert.strictEqual(lowSkusText(1), '1 SKU below its minimum inventory');
    assert.strictEqual(lowSkusText(3), '3 SKUs below their minimum inventory');
  });
});
