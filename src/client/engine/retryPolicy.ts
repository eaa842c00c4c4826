// What the client resends, and after how long. Reads are resent on any transient failure; writes
// only when the request provably never reached the server (`unsent`): a resent adjust or order
// would apply twice, and even a resent `set` could overwrite another writer's newer change.
import { isTransient } from '../wire/answers';
import type { OtoError } from '../errors';

export interface RetryOptions {
  /** Attempts in all for a retryable call, including the first (default 4). */
  maxAttempts?: number;
  /** First backoff delay; doubled per retry and jittered (default 500 ms). */
  baseDelayMs?: number;
  /** Longest backoff delay (default 8 s). */
  maxDelayMs?: number;
  /** A `Retry-After` longer than this is not waited for: the call fails at once (default 30 s). */
  maxRetryAfterMs?: number;
}

/**
 * Which transient failures a call resends: any (`transient`, for reads), only those where the
 * request provably never reached the server (`unsent`, for every write), or none.
 */
export type RetryRule = 'transient' | 'unsent' | 'never';

export class RetryPolicy {
  private readonly options: Required<RetryOptions>;

  constructor(options: RetryOptions = {}) {
    this.options = {
      maxAttempts: options.maxAttempts ?? 4,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 8_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    };
  }

  /** How long to wait before resending after the `tries`-th failure, or `undefined` to fail with `error`. */
  delayBeforeRetry(error: OtoError, rule: RetryRule, tries: number): number | undefined {
    const retryable = isTransient(error) && (rule === 'transient' || (rule === 'unsent' && error.unsent === true));
    return retryable && tries < this.options.maxAttempts ? this.backoff(error, tries) : undefined;
  }

  /** True once `tries` failures used up every attempt a call has. */
  exhausted(tries: number): boolean {
    return tries >= this.options.maxAttempts;
  }

  /** Jittered exponential backoff, never shorter than Retry-After; `undefined` when OTO asked for a longer wait than we block a caller for. */
  private backoff(error: OtoError, retry: number): number | undefined {
    if (error.retryAfterMs !== undefined && error.retryAfterMs > this.options.maxRetryAfterMs) {
      return undefined;
    }
    const exponential = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (retry - 1));
    const jittered = exponential / 2 + Math.random() * (exponential / 2);
    return Math.max(jittered, error.retryAfterMs ?? 0);
  }
}
