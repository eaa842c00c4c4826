// The backoff schedule a client without retry options really uses: 500 ms doubled per resend,
// jittered to between half and all of it, never over 8 s, never shorter than a Retry-After, and no
// Retry-After over 30 s waited for. The jitter's randomness is pinned to its two extremes, so the
// bounds are checked exactly rather than sampled.
import * as assert from 'node:assert/strict';
import { OtoError } from '../../../../src/client';
import { RetryPolicy, type RetryOptions } from '../../../../src/client/engine/retryPolicy';

const unavailable = (retryAfterMs?: number): OtoError => new OtoError({ kind: 'api', status: 503, message: 'Service Unavailable', retryAfterMs });

/** The delays before each resend, for `tries` failures in a row, with Math.random() at `random`. */
function schedule(random: number, tries: number, options?: RetryOptions, error = unavailable()): Array<number | undefined> {
  const real = Math.random;
  Math.random = () => random;
  try {
    const policy = new RetryPolicy(options);
    return Array.from({ length: tries }, (_, index) => policy.delayBeforeRetry(error, 'transient', index + 1));
  } finally {
    Math.random = real;
  }
}

const ALMOST_ONE = 1 - 2 ** -52;

describe('the default retry schedule', () => {
  it('waits 250-500 ms before the first resend, then doubles, and gives up after the fourth attempt', () => {
    assert.deepEqual(schedule(0, 4), [250, 500, 1_000, undefined]);
    assert.deepEqual(schedule(ALMOST_ONE, 4).map((delay) => delay === undefined ? undefined : Math.round(delay)), [500, 1_000, 2_000, undefined]);
  });

  it('never waits more than 8 s between attempts, however many a caller allows', () => {
    const longest = schedule(ALMOST_ONE, 8, { maxAttempts: 9 }).map((delay) => Math.round(delay ?? Number.NaN));
    assert.deepEqual(longest, [500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000, 8_000]);
    assert.deepEqual(schedule(0, 6, { maxAttempts: 9 }), [250, 500, 1_000, 2_000, 4_000, 4_000]);
  });

  it('a caller\'s own base and cap replace the defaults', () => {
    assert.deepEqual(schedule(0, 4, { baseDelayMs: 100, maxDelayMs: 300 }), [50, 100, 150, undefined]);
  });

  it('waits at least as long as Retry-After, up to 30 s, and not at all beyond', () => {
    assert.deepEqual(schedule(0, 2, undefined, unavailable(3_000)), [3_000, 3_000]);
    assert.deepEqual(schedule(0, 1, undefined, unavailable(30_000)), [30_000]);
    assert.deepEqual(schedule(0, 1, undefined, unavailable(30_001)), [undefined]);
    // A short Retry-After does not shorten the backoff.
    assert.deepEqual(schedule(0, 3, undefined, unavailable(300)), [300, 500, 1_000]);
  });

  it('resends nothing that is not transient, and a write only when it provably was not sent', () => {
    const policy = new RetryPolicy();
    assert.equal(policy.delayBeforeRetry(new OtoError({ kind: 'api', status: 400, message: 'Bad Request' }), 'transient', 1), undefined);
    assert.equal(policy.delayBeforeRetry(unavailable(), 'unsent', 1), undefined);
    assert.equal(policy.delayBeforeRetry(unavailable(), 'never', 1), undefined);
    const refused = new OtoError({ kind: 'network', message: 'connect ECONNREFUSED', unsent: true });
    assert.notEqual(policy.delayBeforeRetry(refused, 'unsent', 1), undefined);
    assert.equal(policy.delayBeforeRetry(refused, 'never', 1), undefined);
  });
});
