import * as assert from 'node:assert';
import { readTransferDate } from '../../../src/operations/transfer/dates';
import { arabicBundle, withBundle } from '../l10nBundle';

const now = new Date(2026, 11, 1, 12, 0, 0);

describe('operations: transfer dates read as the inventory orders read them', () => {
  it('takes a typed date directly, padded, in any digits, and the words today and tomorrow', () => {
    assert.deepStrictEqual(readTransferDate('orderDate', '15/12/2026', undefined, now), { date: '15/12/2026' });
    assert.deepStrictEqual(readTransferDate('orderDate', '5/1/2027', undefined, now), { date: '05/01/2027' });
    assert.deepStrictEqual(readTransferDate('orderDate', '١٥/١٢/٢٠٢٦', undefined, now), { date: '15/12/2026' });
    assert.deepStrictEqual(readTransferDate('orderDate', 'today', undefined, now), { date: '01/12/2026' });
    assert.deepStrictEqual(readTransferDate('deliveryDate', 'tomorrow', '01/12/2026', now), { date: '02/12/2026' });
  });

  it('refuses a delivery date before the order date, in the display format', () => {
    assert.deepStrictEqual(readTransferDate('deliveryDate', '10/12/2026', '15/12/2026', now), {
      error: 'The delivery date (Dec 10, 2026) cannot be before the order date (Dec 15, 2026).',
    });
    assert.deepStrictEqual(readTransferDate('deliveryDate', '15/12/2026', '15/12/2026', now), { date: '15/12/2026' });
  });

  it('leaves the delivery date out when it is empty, but not the order date', () => {
    assert.deepStrictEqual(readTransferDate('deliveryDate', '  ', '15/12/2026', now), { none: true });
    assert.ok('error' in readTransferDate('orderDate', '', undefined, now));
  });

  it('refuses dates that are not real', () => {
    assert.deepStrictEqual(readTransferDate('orderDate', '31/02/2026', undefined, now), { error: '31/02/2026 is not a real date.' });
    assert.ok('error' in readTransferDate('orderDate', '2026-12-15', undefined, now));
  });

  it('takes the Arabic word for today', () => {
    const today = arabicBundle()['today'];
    assert.ok(today, 'the Arabic bundle words "today"');
    assert.deepStrictEqual(withBundle(arabicBundle(), () => readTransferDate('orderDate', today, undefined, now)), { date: '01/12/2026' });
  });
});
