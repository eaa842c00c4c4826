// The OTO client's public surface. Imports nothing from `vscode`: it runs in plain Node.
export { OtoClient, PRODUCTION_BASE_URL } from './client';
export type { OtoClientOptions, RetryOptions } from './client';
export { OtoError, isOtoError, isPlanGatedError, PLAN_GATED_CODES, RATE_LIMIT_CODES } from './errors';
export type { OtoErrorKind } from './errors';
export { redact, redactHeaders, REDACTED } from './redact';
export { formatDdMmYyyy, isValidDdMmYyyy, parseDdMmYyyy } from './dates';
export type { CalendarDate } from './dates';
export { MAX_URL_LENGTH } from './batch';
export * from './types';
