import * as assert from 'node:assert';
import { buildPreview } from '../../../src/operations/bulk/preview';
import { documentName, previewText, totalLine } from '../../../src/operations/bulk/text';
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
