// VS Code hands out CancellationTokens (a hover, a cancellable progress); the OTO client and the
// stores take AbortSignals. This is the one bridge between them, plus the shared-work rule: work
// several callers wait on stops only once every one of them has given up. No `vscode` import:
// a token is anything shaped like one, so this runs in plain Node.
import { isOtoError } from '../../client';

/** The part of `vscode.CancellationToken` the bridge uses. */
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

/**
 * Runs `task` with a signal that aborts when `token` is cancelled (at once if it already is).
 * The token's listener is disposed when the task settles, so a long-lived token does not keep
 * every finished task's signal alive.
 */
export async function withAbortSignal<T>(token: CancellationLike | undefined, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (token?.isCancellationRequested) {
    controller.abort();
    return task(controller.signal);
  }
  const listener = token?.onCancellationRequested(() => controller.abort());
  try {
    return await task(controller.signal);
  } finally {
    listener?.dispose();
  }
}

/** The user gave up (the client's `aborted`): not a failure, so nothing to tell them. */
export function isCancellation(error: unknown): boolean {
  return isOtoError(error) && error.kind === 'aborted';
}

/**
 * `promise`, or `fallback()` as soon as `signal` fires: the caller stops waiting, while the
 * work itself carries on for whoever else waits on it.
 */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, fallback: () => T): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.resolve(fallback());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => resolve(fallback());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * The signal of work shared by several callers (one queued read that later calls join): it
 * aborts once every caller that joined has given up, never while a caller that cannot give up
 * (one without a signal) still waits, and at once on `abort()` (the work is no longer wanted).
 */
export class SharedAbort {
  private readonly controller = new AbortController();
  private waiting = 0;
  private pinned = false;
  private readonly cleanups: Array<() => void> = [];

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Every caller gave up (or `abort()` was called): the work is ending in "cancelled". A new caller
   * must not join it, or it inherits that silently; it gets work of its own.
   */
  get abandoned(): boolean {
    return this.controller.signal.aborted;
  }

  /** A caller waits on the work; an already-aborted signal does not count (that caller is gone). */
  join(signal: AbortSignal | undefined): void {
    if (!signal) {
      this.pinned = true;
      return;
    }
    if (signal.aborted) {
      return;
    }
    this.waiting++;
    const onAbort = (): void => {
      this.waiting--;
      if (this.waiting === 0 && !this.pinned) {
        this.controller.abort();
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    this.cleanups.push(() => signal.removeEventListener('abort', onAbort));
  }

  abort(): void {
    this.controller.abort();
  }

  /** The work is over: the callers' signals no longer hold a listener of it. */
  dispose(): void {
    this.cleanups.splice(0).forEach((cleanup) => cleanup());
  }
}
