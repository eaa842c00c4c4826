import * as assert from 'node:assert/strict';
import { RefreshBatcher } from '../../../src/devtools/hover/refreshBatcher';
import { ManualTimer } from './manualTimer';

describe('devtools refresh batcher', () => {
  it('gathers asks into one batch and starts at most one batch per interval', async () => {
    const timer = new ManualTimer();
    const batches: Array<{ at: number; skus: string[] }> = [];
    const batcher = new RefreshBatcher(async (skus) => void batches.push({ at: timer.now(), skus }), 1000, timer);
    const first = batcher.request('A');
    void batcher.request('B');
    void batcher.request('A');
    await timer.advance(0);
    await first;
    assert.deepEqual(batches, [{ at: 0, skus: ['A', 'B'] }]);
    void batcher.request('C');
    await timer.advance(500);
    void batcher.request('D');
    assert.equal(batches.length, 1, 'nothing before the interval is over');
    await timer.advance(500);
    assert.deepEqual(batches[1], { at: 1000, skus: ['C', 'D'] });
    batcher.dispose();
  });

  it('never runs two batches at once, and shares a batch in flight with a new ask for the same SKU', async () => {
    const timer = new ManualTimer();
    let release!: () => void;
    let running = 0;
    let maxRunning = 0;
    const calls: string[][] = [];
    const batcher = new RefreshBatcher(
      (skus) => {
        calls.push(skus);
        running++;
        maxRunning = Math.max(maxRunning, running);
        return new Promise<void>((resolve) => {
          release = () => {
            running--;
            resolve();
          };
        });
      },
      1000,
      timer,
    );
    const a = batcher.request('A');
    await timer.advance(0);
    const again = batcher.request('A');
    void batcher.request('B');
    await timer.advance(5000);
    assert.equal(calls.length, 1, 'the next batch waits for the one in flight');
    release();
    await Promise.all([a, again]);
    await timer.advance(0);
    assert.deepEqual(calls, [['A'], ['B']]);
    release();
    assert.equal(maxRunning, 1);
    batcher.dispose();
  });

  it('reads no batch whose asks have all given up, and gives the flush a signal that fires when they all do', async () => {
    const timer = new ManualTimer();
    const signals: AbortSignal[] = [];
    const batcher = new RefreshBatcher(async (_skus, signal) => {
      signals.push(signal);
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    }, 1000, timer);
    const gone = new AbortController();
    const skipped = batcher.request('A', gone.signal);
    gone.abort();
    await timer.advance(0);
    await assert.rejects(skipped, /cancelled/);
    assert.equal(signals.length, 0, 'nobody waited: nothing read');

    const [a, b] = [new AbortController(), new AbortController()];
    const first = batcher.request('B', a.signal);
    const second = batcher.request('C', b.signal);
    await timer.advance(0);
    assert.equal(signals.length, 1);
    a.abort();
    assert.equal(signals[0].aborted, false, 'C still waits');
    b.abort();
    assert.equal(signals[0].aborted, true);
    await Promise.all([first, second]);
    batcher.dispose();
  });

  it('reads for a new ask that comes after every earlier ask of its batch gave up, queued or in flight', async () => {
    const timer = new ManualTimer();
    const flushed: string[][] = [];
    let finish = (): void => undefined;
    const batcher = new RefreshBatcher((skus, signal) => {
      flushed.push(skus);
      // A read given up fails as the store's does; otherwise it ends when the test lets it.
      return new Promise<void>((resolve, reject) => {
        finish = resolve;
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    }, 1000, timer);
    // Queued: the first hover hides before its batch starts; a second hover of the same SKU follows.
    const gone = new AbortController();
    const given = batcher.request('A', gone.signal);
    gone.abort();
    const kept = new AbortController();
    const wanted = batcher.request('A', kept.signal);
    await assert.rejects(given, /cancelled/);
    await timer.advance(0);
    assert.deepEqual(flushed, [['A']], 'the later ask is read');
    // In flight: its only ask gives up while it is read, and a new ask for that SKU comes at once.
    kept.abort();
    const later = batcher.request('A');
    await assert.rejects(wanted, /aborted/);
    await timer.advance(1000);
    assert.deepEqual(flushed, [['A'], ['A']], 'the new ask gets a read of its own');
    finish();
    await later;
    batcher.dispose();
  });

  it('rejects the asks of a failed batch, and of a disposed batcher', async () => {
    const timer = new ManualTimer();
    const batcher = new RefreshBatcher(() => Promise.reject(new Error('OTO1143 Too many request!')), 1000, timer);
    const failed = batcher.request('A');
    await timer.advance(0);
    await assert.rejects(failed, /OTO1143/);
    const pending = batcher.request('B');
    batcher.dispose();
    await assert.rejects(pending, /disposed/);
    await assert.rejects(batcher.request('C'), /disposed/);
  });
});
