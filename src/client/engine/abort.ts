// Cancellation helpers: every wait in the client (a request, a backoff, a shared token refresh)
// ends as soon as the caller's AbortSignal fires; except a write's own exchange, which cannot be
// called back once sent (its answer is waited for, so its outcome is known).
import { OtoError } from '../errors';

/** `unsent`: a write given up before it left, so provably not applied. */
export function abortedError(endpoint?: string, unsent?: boolean): OtoError {
  return new OtoError({ kind: 'aborted', message: 'The request was cancelled', endpoint, ...(unsent ? { unsent } : {}) });
}

export function throwIfAborted(signal: AbortSignal | undefined, endpoint?: string, unsent?: boolean): void {
  if (signal?.aborted) {
    throw abortedError(endpoint, unsent);
  }
}

/** `promise`, unless the signal fires first; the work itself carries on (others may share it). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, endpoint?: string, unsent?: boolean): Promise<T> {
  if (!signal) {
    return promise;
  }
  throwIfAborted(signal, endpoint, unsent);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(endpoint, unsent));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function sleep(ms: number, signal: AbortSignal | undefined, endpoint?: string, unsent?: boolean): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return abortable(wait, signal, endpoint, unsent).finally(() => clearTimeout(timer));
}
