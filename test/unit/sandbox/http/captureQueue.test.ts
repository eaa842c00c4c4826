// Capture records finished exchanges off the request path: in one batch on the next turn of the
// event loop, in the order they finished, and a failing record does not cost the others theirs.
import * as assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CaptureQueue, type ExchangeRecorder } from '../../../../src/sandbox/http/capture';
import type { RawExchange } from '../../../../src/traffic/capture';

function raw(target: string): RawExchange {
  return { startedAt: 0, source: { kind: 'sandbox' }, remoteAddress: '127.0.0.1', remotePort: 1, method: 'GET', target, requestHeaders: {}, requestBody: '', authenticated: true, durationMs: 0 };
}

function recorder(into: string[], name: string): ExchangeRecorder {
  return { record: (exchange) => into.push(`${name} ${exchange.target}`) };
}

describe('sandbox capture queue', () => {
  it('records nothing while the answer is written, then every exchange in order on the next turn', async () => {
    const recorded: string[] = [];
    const queue = new CaptureQueue();
    queue.add(recorder(recorded, 'default'), raw('/a'));
    queue.add(recorder(recorded, 'other'), raw('/b'));
    queue.add(recorder(recorded, 'default'), raw('/c'));
    assert.deepEqual(recorded, []);
    await nextTurn();
    assert.deepEqual(recorded, ['default /a', 'other /b', 'default /c']);
    queue.add(recorder(recorded, 'default'), raw('/d'));
    await nextTurn();
    assert.deepEqual(recorded, ['default /a', 'other /b', 'default /c', 'default /d'], 'a later burst is recorded too, once');
  });

  it('records what waits at once on flush (the sandbox closing), and not again later', async () => {
    const recorded: string[] = [];
    const queue = new CaptureQueue();
    queue.add(recorder(recorded, 'default'), raw('/a'));
    queue.flush();
    assert.deepEqual(recorded, ['default /a']);
    await nextTurn();
    assert.deepEqual(recorded, ['default /a']);
  });

  it('keeps recording the others when one record throws, and says so on stderr', async () => {
    const recorded: string[] = [];
    const errors: unknown[][] = [];
    const queue = new CaptureQueue();
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      queue.add({ record: () => { throw new Error('broken rule'); } }, raw('/a'));
      queue.add(recorder(recorded, 'default'), raw('/b'));
      await nextTurn();
    } finally {
      console.error = original;
    }
    assert.deepEqual(recorded, ['default /b']);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0][0]), /traffic capture failed/);
  });
});
