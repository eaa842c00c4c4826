import * as assert from 'node:assert';
import { buildPreview } from '../../../src/operations/bulk/preview';
import { previewText } from '../../../src/operations/bulk/text';
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
