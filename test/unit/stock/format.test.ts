import * as assert from 'node:assert';
import { lowSkusText, skuCount } from '../../../src/stock/format';
import { english } from '../../../src/stock/l10n';

describe('stock counts in words', () => {
  it('says 1 SKU, not 1 SKUs, in the tooltip and the low-stock badge', () => {
    assert.deepStrictEqual([0, 1, 2].map((count) => skuCount(english, count)), ['0 SKUs', '1 SKU', '2 SKUs']);
    assert.strictEqual(lowSkusText(english, 1), '1 SKU below its minimum inventory');
    assert.strictEqual(lowSkusText(english, 3), '3 SKUs below their minimum inventory');
  });
});
