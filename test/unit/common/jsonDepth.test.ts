// How deep a JSON value or text nests, checked before anything recursive walks it.
import * as assert from 'node:assert';
import { MAX_JSON_DEPTH, offsetTooDeep, withinDepth } from '../../../src/common/json/depth';

const nested = (levels: number, open = '[', close = ']'): string => `${open.repeat(levels)}${close.repeat(levels)}`;

describe('JSON depth', () => {
  it('takes a value up to exactly the bound, in arrays and objects, and not one level more', () => {
    assert.strictEqual(withinDepth(JSON.parse(nested(MAX_JSON_DEPTH))), true);
    assert.strictEqual(withinDepth(JSON.parse(nested(MAX_JSON_DEPTH + 1))), false);
    const objects = (levels: number): unknown => JSON.parse(`${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`);
    assert.strictEqual(withinDepth(objects(MAX_JSON_DEPTH)), true);
    assert.strictEqual(withinDepth(objects(MAX_JSON_DEPTH + 1)), false);
    assert.strictEqual(withinDepth({ shallow: 1, deep: JSON.parse(nested(MAX_JSON_DEPTH)) }), false, 'the deepest member counts');
    assert.strictEqual(withinDepth('text'), true);
    assert.strictEqual(withinDepth(null), true);
  });

  it('walks twenty thousand levels without overflowing', () => {
    assert.strictEqual(withinDepth(JSON.parse(nested(20_000))), false);
    assert.strictEqual(offsetTooDeep(nested(20_000)), MAX_JSON_DEPTH);
  });

  it('finds in a text the offset of the first bracket past the bound, not counting brackets in strings', () => {
    assert.strictEqual(offsetTooDeep(nested(MAX_JSON_DEPTH)), undefined);
    assert.strictEqual(offsetTooDeep(` ${nested(MAX_JSON_DEPTH + 1)}`), MAX_JSON_DEPTH + 1);
    const inString = JSON.stringify({ note: nested(100), quoted: `say "${'['.repeat(100)}" \\ ok` });
    assert.strictEqual(offsetTooDeep(inString), undefined);
    assert.strictEqual(offsetTooDeep('{"a":[{"b":[1]}]}', 3), 11);
  });
});
