// The webview pages' one formatter (media/common/format.ts), in plain Node: it needs Intl only.
import * as assert from 'node:assert/strict';
import { createFormatter } from '../../../media/common/format';

describe('page formatter (media/common)', () => {
  it('formats numbers and fills templates in the page\'s locale', () => {
    const english = createFormatter('en');
    assert.equal(english.number(12500), '12,500');
    assert.equal(english.text('{0} of {1} orders', 3, 12500), '3 of 12,500 orders');
    assert.equal(english.text('{0} and {2}', 'a'), 'a and {2}', 'a placeholder without a value stays as it is');
    assert.equal(createFormatter('ar-SA').number(90), '٩٠');
  });

  it('falls back to the default locale for a tag Intl does not know, rather than throw', () => {
    const format = createFormatter('not a locale!');
    assert.equal(format.number(1234), new Intl.NumberFormat().format(1234));
    assert.equal(format.timeAndDate(Date.UTC(2026, 10, 20, 9)), new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(Date.UTC(2026, 10, 20, 9)));
    assert.equal(format.chartTime(Date.UTC(2026, 10, 20, 9)), new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(Date.UTC(2026, 10, 20, 9)));
    assert.equal(createFormatter('').number(5), new Intl.NumberFormat().format(5), 'no locale: the default');
  });

  it('shows OTO dates in the locale\'s format and leaves what it cannot read as it came', () => {
    const format = createFormatter('en');
    assert.equal(format.date('2026-02-19'), 'Feb 19, 2026');
    assert.equal(format.date('19/02/2026'), '19/02/2026');
    assert.match(format.dateTime('2026-02-18T12:19:16'), /^Feb 18, 2026, 12:19/);
    assert.equal(format.dateTime('2026-02-31T99:00'), '2026-02-31T99:00');
  });
});
