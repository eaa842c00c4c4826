// The duplicate-write rule's notion of "the same body": a key that is cheap whatever the body's
// size, and equality that decides when keys agree.
import * as assert from 'node:assert';
import { roughKey, sameJson } from '../../../src/traffic/bodyIdentity';

const LONG = 'Inbound from the ERP import, batch notes: '.padEnd(8_000, 'x');

describe('body identity', () => {
  it('gives equal values equal keys, whatever the order of their members', () => {
    const a = JSON.parse('{"action":"inbound","items":[{"sku":"A","qty":3}],"n":1.5,"ok":true,"none":null}');
    const b = JSON.parse('{ "none": null, "ok": true, "n": 1.5, "items": [ { "qty": 3, "sku": "A" } ], "action": "inbound" }');
    assert.strictEqual(roughKey(a), roughKey(b));
    assert.strictEqual(sameJson(a, b), true);
  });

  it('tells apart values that differ in a type, an order of items, a member or a number', () => {
    const base = { items: [{ sku: 'A', qty: 3 }, { sku: 'B', qty: 1 }], waybill: 'WB-1204' };
    const others = [
      { ...base, waybill: 'WB-1304' },
      { ...base, items: [base.items[1], base.items[0]] },
      { ...base, items: [{ sku: 'A', qty: '3' }, base.items[1]] },
      { ...base, items: [{ sku: 'A', qty: 3.5 }, base.items[1]] },
      { ...base, extra: null },
      { items: base.items },
      { ...base, items: {} },
    ];
    for (const other of others) {
      assert.notStrictEqual(roughKey(other), roughKey(base), JSON.stringify(other));
      assert.strictEqual(sameJson(other, base), false, JSON.stringify(other));
      assert.strictEqual(sameJson(base, other), false, JSON.stringify(other));
    }
  });

  it('keys a long string by its length and ends, and leaves the middle to equality', () => {
    const middle = `${LONG.slice(0, 4_000)}y${LONG.slice(4_001)}`;
    assert.strictEqual(roughKey({ note: middle }), roughKey({ note: LONG }));
    assert.strictEqual(sameJson({ note: middle }, { note: LONG }), false);
    assert.notStrictEqual(roughKey({ note: `${LONG}x` }), roughKey({ note: LONG }));
    assert.notStrictEqual(roughKey({ note: `z${LONG.slice(1)}` }), roughKey({ note: LONG }));
  });
});
