// The CancellationToken → AbortSignal bridge and the shared-work rule, with a token shaped like
// VS Code's (the in-editor suites use VS Code's own).
import * as assert from 'node:assert/strict';
import { OtoError } from '../../../src/client';
import { isCancellation, SharedAbort, unlessAborted, withAbortSignal, type CancellationLike } from '../../../src/common/ui/cancellation';

/** A token source like vscode.CancellationTokenSource, counting its live listeners. */
function tokenSource(): { token: CancellationLike; cancel(): void; listeners(): number } {
  const listeners = new Set<() => unknown>();
  let cancelled = false;
  return {
    token: {
      get isCancellationRequested() {
        return cancelled;
      },
      onCancellationRequested(listener) {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    },
    cancel() {
      cancelled = true;
      [...listeners].forEach((listener) => listener());
    },
    listeners: () => listeners.size,
  };
}

describe('withAbortSignal', () => {
  it('aborts the signal when the token is cancelled during the task', async () => {
    const source = tokenSource();
    let seen: AbortSignal | undefined;
    const running = withAbortSignal(source.token, (signal) => {
      seen = signal;
      return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('stopped')));
    });
    assert.equal(seen?.aborted, false);
    source.cancel();
    assert.equal(await running, 'stopped');
    assert.equal(seen?.aborted, true);
  });

  it('gives an already-aborted signal for an already-cancelled token, and listens to nothing', async () => {
    const source = tokenSource();
    source.cancel();
    const aborted = await withAbortSignal(source.token, async (signal) => signal.aborted);
    assert.equal(aborted, true);
    assert.equal(source.listeners(), 0);
  });

  it('disposes its listener when the task settles, resolved or rejected', async () => {
    const source = tokenSource();
    await withAbortSignal(source.token, async () => 1);
    await assert.rejects(withAbortSignal(source.token, async () => {
      assert.equal(source.listeners(), 1, 'listening while the task runs');
      throw new Error('failed');
    }), /failed/);
    assert.equal(source.listeners(), 0);
    // A cancel after the tasks ended reaches none of their signals.
    source.cancel();
  });

  it('runs with a signal that never fires when there is no token', async () => {
    assert.equal(await withAbortSignal(undefined, async (signal) => signal.aborted), false);
  });
});

describe('isCancellation', () => {
  it('is true for the client’s aborted error only', () => {
    assert.equal(isCancellation(new OtoError({ kind: 'aborted', message: 'cancelled' })), true);
    assert.equal(isCancellation(new OtoError({ kind: 'timeout', message: 'slow' })), false);
    assert.equal(isCancellation(new Error('aborted')), false);
  });
});

describe('unlessAborted', () => {
  it('settles with the fallback as soon as the signal fires, and with the promise otherwise', async () => {
    const controller = new AbortController();
    const never = new Promise<string>(() => undefined);
    const waiting = unlessAborted(never, controller.signal, () => 'gave up');
    controller.abort();
    assert.equal(await waiting, 'gave up');
    assert.equal(await unlessAborted(Promise.resolve('done'), new AbortController().signal, () => 'gave up'), 'done');
    assert.equal(await unlessAborted(never, AbortSignal.abort(), () => 'at once'), 'at once');
  });
});

describe('SharedAbort', () => {
  it('aborts once every caller that joined has given up', () => {
    const shared = new SharedAbort();
    const [a, b] = [new AbortController(), new AbortController()];
    shared.join(a.signal);
    shared.join(b.signal);
    a.abort();
    assert.equal(shared.signal.aborted, false, 'b still waits');
    b.abort();
    assert.equal(shared.signal.aborted, true);
  });

  it('never aborts for its callers while one that cannot give up waits', () => {
    const shared = new SharedAbort();
    const a = new AbortController();
    shared.join(a.signal);
    shared.join(undefined);
    a.abort();
    assert.equal(shared.signal.aborted, false);
    shared.abort();
    assert.equal(shared.signal.aborted, true, 'abort() stops it regardless');
  });

  it('leaves no listener on the callers’ signals once disposed', () => {
    const shared = new SharedAbort();
    const a = new AbortController();
    shared.join(a.signal);
    shared.dispose();
    a.abort();
    assert.equal(shared.signal.aborted, false, 'a caller giving up after the work ended changes nothing');
  });
});
