import * as assert from 'node:assert';
import { riskOf } from '../../../src/stockChange/quantity';

describe('stock change: risk warnings count units with a real singular', () => {
  it('says "1 unit" when a change of one unit passes the confirmation limit', () => {
    assert.strictEqual(riskOf('adjust', 10, 1, 0), 'This changes the stock by 1 unit, more than 0.');
    assert.strictEqual(riskOf('adjust', 10, 2, 1), 'This changes the stock by 2 units, more than 1.');
  });

  it('says "1 unit" when one unit is more than half of the stock', () => {
    assert.strictEqual(riskOf('adjust', 1, 1, 100), 'This changes the stock by 1 unit, more than half of the 1 on hand.');
    assert.strictEqual(riskOf('adjust', 3, 2, 100), 'This changes the stock by 2 units, more than half of the 3 on hand.');
  });
});
