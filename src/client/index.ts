// The OTO client's public surface. Imports nothing from `vscode`: it runs in plain Node.
//
// Decisions worth knowing when calling it:
// - Retried automatically (transient failures only: network errors, timeouts, 429, 500, 502, 503,
//   504, OTO1143, OTO1105; at most 4 attempts, jittered exponential backoff, never shorter than
//   Retry-After): the reads, and `updateStockQuantity` with `set`, which lands on the same quantity
//   however often it arrives. Never retried: `adjust`, `createInventoryOrder` (a lost answer could
//   double the change) and `updatePackingStatus` (once packed the order leaves the queue, so a
//   resend would fail confusingly). `healthCheck` is a single try: it is the question itself.
// - A 401 is different: OTO refused the request, so nothing happened. Any call, writes included,
//   refreshes the token once and is sent once more; a second 401 is an `auth` error.
// - A Retry-After longer than `retry.maxRetryAfterMs` (30 s) is not waited for: the call fails at
//   once as `rate-limit`, with `retryAfterMs`, so the UI can say when to try again.
// - Redirects are never followed (a 3xx is an `api` error): tokens and bodies go to the base URL only.
// - Errors are always rejected promises (never synchronous throws), and the caller's abort ends a
//   call as an OtoError of kind `aborted`.
export { OtoClient, PRODUCTION_BASE_URL } from './client';
export type { OtoClientOptions, RetryOptions } from './client';
export { OtoError, isOtoError, isPlanGatedError, PLAN_GATED_CODES, RATE_LIMIT_CODES } from './errors';
export type { OtoErrorKind } from './errors';
export { redact, redactHeaders, REDACTED } from './redact';
export { formatDdMmYyyy, isValidDdMmYyyy, parseDdMmYyyy } from './dates';
export type { CalendarDate } from './dates';
export { MAX_URL_LENGTH } from './batch';
export * from './types';
