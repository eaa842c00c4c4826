// Cancellation helpers: every wait in the client (a request, a backoff, a shared token refresh)
// ends as soon as the caller's AbortSignal fires.
import { OtoError } from './errors';

export function abortedError(endpoint?: string): OtoError {
  return new OtoError({ kind: 'aborted', message: 'The request was cancelled', endpoint });
}

export function throwIfAborted(signal: AbortSignal | undefined, endpoint?: string): void {
  if (signal?.aborted) {
    throw abortedError(endpoint);
  }
}

/** `promise`, unless the signal fires first; the work itself carries on (others may share it). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, endpoint?: string): Promise<T> {
  if (!signal) {
    return promise;
  }
  throwIfAborted(signal, endpoint);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(endpoint));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function sleep(ms: number, signal: AbortSignal | undefined, endpoint?: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return abortable(wait, signal, endpoint).finally(() => clearTimeout(timer));
}
