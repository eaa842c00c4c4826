import * as assert from 'node:assert';
import { isAlerting, listNames, LowStockAlerts } from '../../../src/operations/alerts/lowStock';

describe('operations: low-stock alerts', () => {
  it('learns what is low on the first reading, then alerts only for SKUs that have just gone low', () => {
    const alerts = new LowStockAlerts();
    assert.deepStrictEqual(alerts.update([{ sku: 'A', onHand: 2, minInventory: 5 }, { sku: 'B', onHand: 9, minInventory: 5 }]), []);
    assert.deepStrictEqual(alerts.update([{ sku: 'A', onHand: 1, minInventory: 5 }, { sku: 'B', onHand: 4, minInventory: 5 }]).map((level) => level.sku), ['B']);
    assert.deepStrictEqual(alerts.update([{ sku: 'A', onHand: 1, minInventory: 5 }, { sku: 'B', onHand: 3, minInventory: 5 }]), [], 'still low: no second alert');
  });

  it('alerts again only after the SKU has gone back above its minimum (hysteresis)', () => {
    const alerts = new LowStockAlerts();
    alerts.update([{ sku: 'A', onHand: 9, minInventory: 5 }]);
    assert.strictEqual(alerts.update([{ sku: 'A', onHand: 4, minInventory: 5 }]).length, 1);
    assert.strictEqual(alerts.update([{ sku: 'A', onHand: 5, minInventory: 5 }]).length, 0, 'at the minimum: not low, not re-armed');
    assert.strictEqual(alerts.update([{ sku: 'A', onHand: 4, minInventory: 5 }]).length, 0, 'dipping again from the minimum does not alert');
    assert.strictEqual(alerts.update([{ sku: 'A', onHand: 6, minInventory: 5 }]).length, 0, 'above: re-armed');
    assert.strictEqual(alerts.update([{ sku: 'A', onHand: 3, minInventory: 5 }]).length, 1, 'low again: alerts');
  });

  it('counts reaching 0 as low for a SKU without a minimum, and starts over on reset', () => {
    assert.strictEqual(isAlerting({ sku: 'C', onHand: 0 }), true);
    assert.strictEqual(isAlerting({ sku: 'C', onHand: -3 }), true);
    assert.strictEqual(isAlerting({ sku: 'C', onHand: 1 }), false);
    const alerts = new LowStockAlerts();
    alerts.update([{ sku: 'C', onHand: 4 }]);
    assert.deepStrictEqual(alerts.update([{ sku: 'C', onHand: 0 }]).map((level) => level.sku), ['C']);
    alerts.reset();
    assert.deepStrictEqual(alerts.update([{ sku: 'D', onHand: 0 }]), [], 'after a reset the first reading only learns');
  });

  it('names at most a few SKUs and says how many more', () => {
    const more = (count: number) => `and ${count} more`;
    assert.strictEqual(listNames(['A', 'B'], 3, more), 'A, B');
    assert.strictEqual(listNames(['A', 'B', 'C', 'D', 'E'], 3, more), 'A, B, C and 2 more');
  });
});
