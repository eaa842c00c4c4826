import * as assert from 'node:assert';
import { parseDateText } from '../../../src/stockChange/dates';

describe('stock change: typed order dates', () => {
  const now = new Date(2027, 11, 31, 23, 30);

  it('reads DD/MM/YYYY, one-digit parts, today and tomorrow (across a year end)', () => {
    assert.deepStrictEqual(parseDateText('05/01/2028', now), { date: '05/01/2028' });
    assert.deepStrictEqual(parseDateText(' 5/1/2028 ', now), { date: '05/01/2028' });
    assert.deepStrictEqual(parseDateText('29/02/2028', now), { date: '29/02/2028' });
    assert.deepStrictEqual(parseDateText('Today', now), { date: '31/12/2027' });
    assert.deepStrictEqual(parseDateText('tomorrow', now), { date: '01/01/2028' });
  });

  it('refuses what is not a real date, saying why', () => {
    assert.match((parseDateText('29/02/2027', now) as { error: string }).error, /29\/02\/2027 is not a real date/);
    assert.match((parseDateText('31/04/2027', now) as { error: string }).error, /not a real date/);
    assert.match((parseDateText('00/01/2027', now) as { error: string }).error, /not a real date/);
    for (const text of ['2027-12-01', '1.12.2027', '01/12/27', '', 'soon']) {
      assert.match((parseDateText(text, now) as { error: string }).error, /DD\/MM\/YYYY \(e\.g\. 31\/12\/2027\)/, text);
    }
  });
});
