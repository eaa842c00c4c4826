// The OTO client's public surface. Imports nothing from `vscode`: it runs in plain Node.
//
// Decisions worth knowing when calling it:
// - Reads are retried automatically on transient failures (network errors, timeouts, 429, 500,
//   502, 503, 504, OTO1143, OTO1105; at most 4 attempts, jittered exponential backoff, never
//   shorter than Retry-After). `healthCheck` is a single try: it is the question itself.
// - Writes (`updateStockQuantity` with `set` or `adjust`, `createInventoryOrder`,
//   `updatePackingStatus`) are resent only when the request provably never reached the server:
//   the connection was refused, the host name did not resolve, or the access token could not be
//   had (the error then has `unsent: true`). After a timeout, a dropped connection or a 5xx the
//   write may or may not have been applied, and it fails with that error: an adjust or an order
//   would apply twice, and even a `set` could overwrite a change another writer made in between.
// - A 401 is different: OTO refused the request, so nothing happened. Any call, writes included,
//   refreshes the token once and is sent once more; a second 401 is an `auth` error.
// - A Retry-After longer than `retry.maxRetryAfterMs` (30 s) is not waited for: the call fails at
//   once as `rate-limit`, with `retryAfterMs`, so the UI can say when to try again.
// - Redirects are never followed (a 3xx is an `api` error): tokens and bodies go to the base URL only.
// - Answers are bounded: more than `maxAnswerBytes` (32 MB after decompression) fails the call at
//   once (`answerTooLarge`, not retried); a body cut short is a `network` error at once.
// - A success status with a body that is not JSON or not the documented shape is an `api` error
//   marked `unreadable`: the server took the request, so a write's outcome is unknown, not refused.
// - An access token that cannot go in a header (a space, a line break, non-ASCII) is refused when
//   issued and never kept. SKU-keyed results are null-prototype objects: a SKU may be `__proto__`.
// - Shape errors name a string by its length, never its text (it could be an echoed token);
//   redaction hides tokens in JSON-escaped strings too, and leaves words ("token: This…") alone.
// - Errors are always rejected promises (never synchronous throws), and the caller's abort ends a
//   call as an OtoError of kind `aborted`, at once, whatever it waits for (the request, a backoff,
//   a token refresh shared with other calls, which carries on for them). A write is the exception
//   once it has left: it cannot be called back, so its answer is waited for and the call ends as
//   it would have (applied, refused, or "may or may not have been applied"); a write given up
//   before it left fails `aborted` with `unsent: true`.
// - At most `maxConnections` (8) keep-alive connections per origin, shared by the process's clients
//   of that origin: further calls wait in order, can be cancelled while they wait (then `unsent`),
//   and their `timeoutMs` counts from when they are sent.
export { OtoClient, PRODUCTION_BASE_URL } from './client';
export type { OtoClientOptions, RetryOptions } from './client';
export { OtoError, isOtoError, isPlanGatedError, PLAN_GATED_CODES, RATE_LIMIT_CODES } from './errors';
export type { OtoErrorKind } from './errors';
export { redact, redactHeaders, REDACTED } from './engine/redact';
export { credentialHeaderKind } from './engine/credentialHeaders';
export { hideUrlCredentials, mightHoldUrlCredentials } from './engine/urlCredentials';
export { retryAfterMs } from './wire/retryAfter';
// OTO's facts the client's callers need (limits, the date format) come from their one home.
export { compareDdMmYyyy, formatDdMmYyyy, isValidDdMmYyyy, parseDdMmYyyy, MAX_QUANTITY, MAX_URL_LENGTH } from '../oto';
export type { CalendarDate, EndpointName } from '../oto';
export { checkMaxConnections, DEFAULT_MAX_CONNECTIONS, MAX_MAX_CONNECTIONS } from './wire/pool';
export * from './types';
