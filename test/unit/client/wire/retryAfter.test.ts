import * as assert from 'node:assert/strict';
import { retryAfterMs } from '../../../../src/client';

describe('retryAfterMs (RFC 9110 Retry-After)', () => {
  const now = Date.UTC(1994, 10, 6, 8, 49, 30);

  it('reads delay-seconds', () => {
    assert.equal(retryAfterMs('5', now), 5_000);
    assert.equal(retryAfterMs(' 0 ', now), 0);
  });

  it('reads the three HTTP-date forms, counted from now; a past date is no wait', () => {
    assert.equal(retryAfterMs('Sun, 06 Nov 1994 08:49:37 GMT', now), 7_000);
    assert.equal(retryAfterMs('Sunday, 06-Nov-94 08:49:37 GMT', now), 7_000);
    assert.equal(retryAfterMs('Sun Nov  6 08:49:37 1994', now), 7_000);
    assert.equal(retryAfterMs('Sun, 06 Nov 1994 08:49:00 GMT', now), 0);
  });

  it('ignores what is neither: no "retry at once" for 2.5', () => {
    for (const value of ['2.5', '-1', '1e3', '0x10', 'soon', '2026-12-07', 'Nov 6 1994', '', null, undefined]) {
      assert.equal(retryAfterMs(value, now), undefined, String(value));
    }
  });
});
