// One error type for everything that can go wrong in a call, so callers branch on `kind`
// (and `code` for OTO's own codes) instead of inspecting transport details.

import { PLAN_GATED_CODES, RATE_LIMIT_CODES } from '../oto';

export type OtoErrorKind =
  /** Bad input, refused before anything was sent. */
  | 'validation'
  /** The refresh token was refused, or OTO answered 401 even after one refresh. */
  | 'auth'
  /** No answer: connection refused or reset, DNS failure. */
  | 'network'
  /** No answer within `timeoutMs`. */
  | 'timeout'
  /** OTO asked us to slow down: 429, OTO1143, OTO1105. */
  | 'rate-limit'
  /** OTO answered with an error, or with something that is not the documented shape. */
  | 'api'
  /** The caller's AbortSignal fired. */
  | 'aborted';

export interface OtoErrorInit {
  kind: OtoErrorKind;
  message: string;
  endpoint?: string;
  status?: number;
  code?: string;
  warnings?: readonly string[];
  /** For validation errors: the input field at fault, e.g. `items[2].qty`. */
  field?: string;
  /** How long OTO asked us to wait (from `Retry-After`), when it said so. */
  retryAfterMs?: number;
  /** How many HTTP attempts were made before giving up. */
  attempts?: number;
  /**
   * The request provably never reached the server (connection refused, no DNS answer, or the
   * token it needed could not be had): whatever the call, nothing was applied.
   */
  unsent?: boolean;
  /** An answer came but was larger than `maxAnswerBytes`, so what it said is unknown. */
  answerTooLarge?: boolean;
  /**
   * A success status came with a body that is not JSON or not in the documented shape: the server
   * took the request (a write probably took effect), but what it said is unknown.
   */
  unreadable?: boolean;
}

/**
 * Marks OtoErrors whatever bundle made them: dist/operations.js is loaded lazily and carries its
 * own copy of this class, so `instanceof` alone would miss the errors of the extension's client.
 */
const BRAND = Symbol.for('oto-stock.OtoError');

export class OtoError extends Error {
  readonly [BRAND] = true;
  readonly kind: OtoErrorKind;
  readonly endpoint?: string;
  readonly status?: number;
  readonly code?: string;
  readonly warnings: readonly string[];
  readonly field?: string;
  readonly retryAfterMs?: number;
  attempts?: number;
  readonly unsent?: boolean;
  readonly answerTooLarge?: boolean;
  readonly unreadable?: boolean;

  constructor(init: OtoErrorInit) {
    super(init.message);
    this.name = 'OtoError';
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.code = init.code;
    this.warnings = init.warnings ?? [];
    this.field = init.field;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
    this.unsent = init.unsent;
    this.answerTooLarge = init.answerTooLarge;
    this.unreadable = init.unreadable;
  }
}

export function isOtoError(value: unknown): value is OtoError {
  return value instanceof OtoError || (value instanceof Error && (value as unknown as Record<symbol, unknown>)[BRAND] === true);
}

export { PLAN_GATED_CODES, RATE_LIMIT_CODES };

/** True when the error says the account cannot use stock management (so say that, plainly). */
export function isPlanGatedError(value: unknown): boolean {
  return isOtoError(value) && value.code !== undefined && PLAN_GATED_CODES.includes(value.code);
}

export function validationError(field: string, message: string, endpoint?: string): OtoError {
  return new OtoError({ kind: 'validation', field, message, endpoint });
}
