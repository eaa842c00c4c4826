import * as assert from 'node:assert';
import { buildPreview } from '../../../src/operations/bulk/preview';
import { belowZeroLine, documentName, previewText, totalLine } from '../../../src/operations/bulk/text';
import { arabicBundle, withBundle } from '../l10nBundle';

const stock = { 'SKU-1': [{ pickupLocationCode: 'RUH', quantityOnHand: 10 }], 'SKU-2': [{ pickupLocationCode: 'RUH', quantityOnHand: 4 }] };

function preview(sets: Array<[string, number]>) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return buildPreview(sets.map(([sku, qty], index) => ({ line: index + 2, sku, locationCode: 'RUH', action: 'set' as const, qty })), stock as any);
}

describe('bulk: preview text counts rows with a real singular', () => {
  it('says "1 row" for one row to send and one unchanged row', () => {
    const text = previewText(preview([['SKU-1', 12], ['SKU-2', 4]]), 'changes.csv');
    assert.match(text, /^1 row to send$/m);
    assert.match(text, /^1 row changes nothing \(the stock already has that figure\) and is not sent$/m);
    assert.doesNotMatch(text, /1 rows/);
  });

  it('says "2 rows" for two of each', () => {
    const text = previewText(preview([['SKU-1', 12], ['SKU-2', 5], ['SKU-1', 10], ['SKU-2', 4]]), 'changes.csv');
    assert.match(text, /^2 rows to send$/m);
    assert.match(text, /^2 rows change nothing \(the stock already has that figure\) and are not sent$/m);
  });

  it('words the single row in Arabic too', () => {
    const text = withBundle(arabicBundle(), () => previewText(preview([['SKU-1', 12]]), 'changes.csv'));
    assert.match(text, /^صف واحد للإرسال$/m);
  });
});

describe('bulk: preview totals and the document', () => {
  it('writes a location that only gained or only lost without a "-0" or "+0"', () => {
    const gained = preview([['SKU-1', 12]]);
    const text = previewText(gained, 'changes.csv');
    assert.doesNotMatch(text, /[-+\u2212]0\b/);
    assert.match(text, /^RUH\s+1\s+10\s+12\s+\+2\s+0$/m);
    assert.strictEqual(totalLine(gained.totals[0]), 'RUH: 10 → 12 (+2)');
    assert.strictEqual(totalLine(preview([['SKU-1', 12], ['SKU-2', 1]]).totals[0]), 'RUH: 14 → 13 (+2 / -3)');
    assert.strictEqual(totalLine(preview([['SKU-1', 10]]).totals[0]), 'RUH: 10 → 10', 'nothing moved: no brackets of zeros');
  });

  it('names the document for the file, not "Preview of changes.csv.txt"', () => {
    assert.strictEqual(documentName('changes.csv'), 'changes.csv → OTO');
  });
});

describe('bulk: rows that leave the stock below zero', () => {
  const adjusts = (changes: Array<[string, number]>) =>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    buildPreview(changes.map(([sku, qty], index) => ({ line: index + 2, sku, locationCode: 'RUH', action: 'adjust' as const, qty })), stock as any);

  it('are marked in the preview and named by line for the confirmation, as the quantity box warns of one', () => {
    const planned = adjusts([['SKU-1', -12], ['SKU-2', -1], ['SKU-2', -9]]);
    const text = previewText(planned, 'changes.csv');
    assert.match(text, /^2\s+SKU-1\s+RUH\s+adjust -12\s+10\s+-2 \(below zero\)/m);
    assert.match(text, /^3\s+SKU-2\s+RUH\s+adjust -1\s+4\s+3\s*$/m);
    assert.match(text, /^2 rows leave the stock below zero \(lines 2, 4\)\.$/m);
    assert.strictEqual(belowZeroLine(planned), '2 rows leave the stock below zero (lines 2, 4).');
    assert.strictEqual(belowZeroLine(adjusts([['SKU-1', -12]])), '1 row leaves the stock below zero (line 2).');
    assert.strictEqual(belowZeroLine(adjusts([['SKU-1', -3]])), undefined);
  });
});
