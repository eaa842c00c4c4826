// The URL budget of a SKU list, counted exactly: prefix, every SKU as encoded, the commas between
// them and the suffix (the location parameter) all count, so a URL that would be one character
// over is split, and one exactly at the limit is not. And the bounded runner of the batches.
import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { OtoError } from '../../../../src/client';
import { batchSkuUrls, mapWithConcurrency } from '../../../../src/client/input/batch';

const PREFIX = 'http://127.0.0.1:9/rest/v2/checkInventoryStock?sku=';
const SUFFIX = '&pickupLocationCode=RUH-WH1';

function batches(skus: string[], maxLength: number): string[][] {
  const result = batchSkuUrls(PREFIX, skus, SUFFIX, maxLength, 'checkInventoryStock');
  for (const batch of result) {
    assert.ok(batch.url.length <= maxLength, `${batch.url.length} > ${maxLength}: ${batch.url}`);
    assert.equal(batch.url, `${PREFIX}${batch.skus.map(encodeURIComponent).join(',')}${SUFFIX}`);
  }
  return result.map((batch) => batch.skus);
}

describe('SKU URL budget', () => {
  const fixed = PREFIX.length + SUFFIX.length;

  it('keeps a list that fits exactly, commas and suffix counted, in one URL', () => {
    // "AAAA,BBBB,CC" is 12 characters.
    assert.deepEqual(batches(['AAAA', 'BBBB', 'CC'], fixed + 12), [['AAAA', 'BBBB', 'CC']]);
  });

  it('splits a list one character over, whether the comma or the suffix is what overflows', () => {
    assert.deepEqual(batches(['AAAA', 'BBBB', 'CC'], fixed + 11), [['AAAA', 'BBBB'], ['CC']]);
    // Nine one-letter SKUs are 9 characters, and 8 commas.
    const letters = 'ABCDEFGHI'.split('');
    assert.deepEqual(batches(letters, fixed + 16), [letters.slice(0, 8), letters.slice(8)]);
    assert.deepEqual(batches(letters, fixed + 17), [letters]);
  });

  it('counts a SKU as it is encoded', () => {
    // "a/b" travels as "a%2Fb": 5 characters.
    assert.deepEqual(batches(['a/b', 'cd'], fixed + 8), [['a/b', 'cd']]);
    assert.deepEqual(batches(['a/b', 'cd'], fixed + 7), [['a/b'], ['cd']]);
  });

  it('sends a SKU that alone fills the room, and refuses one a character longer, naming it briefly', () => {
    const long = 'L'.repeat(60);
    assert.deepEqual(batches(['x', long, 'y'], fixed + 60), [['x'], [long], ['y']]);
    let error: unknown;
    try {
      batchSkuUrls(PREFIX, ['x', long], SUFFIX, fixed + 59, 'checkInventoryStock');
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof OtoError);
    assert.equal(error.kind, 'validation');
    assert.equal(error.field, 'skus');
    assert.equal(error.endpoint, 'checkInventoryStock');
    assert.equal(error.message, `The SKU "${'L'.repeat(40)}…" is too long to fit in a request URL`);
  });

  it('starts each batch afresh', () => {
    assert.deepEqual(batches(['AAAA', 'BBBB', 'CCCC', 'DDDD', 'EEEE'], fixed + 9), [['AAAA', 'BBBB'], ['CCCC', 'DDDD'], ['EEEE']]);
  });
});

describe('mapWithConcurrency', () => {
  const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

  it('keeps results in input order and at most `limit` tasks in flight, leaving no listener behind', async () => {
    const caller = new AbortController();
    let inFlight = 0;
    let peak = 0;
    const results = await mapWithConcurrency([30, 5, 20, 1, 10], 2, async (ms) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await wait(ms);
      inFlight--;
      return ms * 2;
    }, caller.signal);
    assert.deepEqual(results, [60, 10, 40, 2, 20]);
    assert.equal(peak, 2);
    assert.equal(getEventListeners(caller.signal, 'abort').length, 0);
  });

  it('on the first failure, aborts the signal the other tasks hold with that failure, and rejects with it', async () => {
    const caller = new AbortController();
    const broken = new Error('batch 1 failed');
    const seen: unknown[] = [];
    const run = mapWithConcurrency([0, 1], 2, async (item, signal) => {
      if (item === 1) {
        throw broken;
      }
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      seen.push(signal.reason);
      return item;
    }, caller.signal);
    await assert.rejects(run, broken);
    await wait(0);
    assert.deepEqual(seen, [broken]);
    assert.equal(getEventListeners(caller.signal, 'abort').length, 0);
  });

  it('hands a caller\'s abort on to every task, even one already given', async () => {
    const before = new AbortController();
    before.abort(new Error('gave up'));
    const aborted = await mapWithConcurrency([1, 2], 1, async (_item, signal) => signal.aborted, before.signal);
    assert.deepEqual(aborted, [true, true]);

    const during = new AbortController();
    const reasons = await mapWithConcurrency([1], 1, async (_item, signal) => {
      during.abort('stop');
      return signal.reason as unknown;
    }, during.signal);
    assert.deepEqual(reasons, ['stop']);
  });
});
