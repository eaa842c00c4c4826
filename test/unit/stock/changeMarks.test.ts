import * as assert from 'node:assert';
import { mergeRead, type SkuStock, type StockChange } from '../../../src/stock/store/figures';

const MINUTE = 60_000;

/** One read of a SKU at RUH-WH1 with this on hand (forecast 10 below). */
function read(previous: SkuStock | undefined, onHand: number, at: number, keepMs: number): SkuStock {
  const changes: StockChange[] = [];
  return mergeRead('S1', undefined, previous, { inventory: [{ sku: 'S1', pickupLocationCode: 'RUH-WH1', quantityOnHand: onHand, quantityForecasted: onHand - 10 }] }, at, changes, { keepMs });
}

const mark = (stock: SkuStock): number | undefined => stock.locations[0].change?.onHand;

describe('change marks', () => {
  it('stay until their lifetime is over, so the next auto-refresh does not wipe them, and add up meanwhile', () => {
    const keep = 10 * MINUTE;
    let stock = read(undefined, 91, 0, keep);
    assert.strictEqual(mark(stock), undefined, 'nothing to compare the first read with');
    stock = read(stock, 84, 1 * MINUTE, keep);
    assert.strictEqual(mark(stock), -7);
    stock = read(stock, 84, 2 * MINUTE, keep);
    assert.strictEqual(mark(stock), -7, 'the auto-refresh a minute later keeps it');
    stock = read(stock, 82, 5 * MINUTE, keep);
    assert.strictEqual(mark(stock), -9, 'a second change adds to the mark still showing');
    stock = read(stock, 82, 10 * MINUTE, keep);
    assert.strictEqual(mark(stock), -9);
    stock = read(stock, 82, 11 * MINUTE, keep);
    assert.strictEqual(mark(stock), undefined, 'gone ten minutes after it was first seen');
    stock = read(stock, 90, 12 * MINUTE, keep);
    stock = read(stock, 82, 13 * MINUTE, keep);
    assert.strictEqual(stock.locations[0].change, undefined, 'changes that cancel out leave no mark');
  });

  it('last only until the next read with a lifetime of 0', () => {
    let stock = read(undefined, 91, 0, 0);
    stock = read(stock, 84, MINUTE, 0);
    assert.strictEqual(mark(stock), -7);
    stock = read(stock, 84, 2 * MINUTE, 0);
    assert.strictEqual(mark(stock), undefined);
  });
});
