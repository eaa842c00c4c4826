// Turns an HTTP answer into the checked value or an OtoError. OTO reports errors in three shapes
// (otoErrorCode/otoErrorMessage, errorCode/errorMsg, gateway message/code), sometimes under
// HTTP 200 with success: false; all of them end up as one OtoError.
import { OtoError, OtoErrorKind, RATE_LIMIT_CODES } from '../errors';
import { retryAfterMs } from './retryAfter';
import type { HttpAnswer } from './http';
import { Check, WireError } from './wire';

/** Statuses after which a read may be sent again. */
const TRANSIENT_STATUSES = [429, 500, 502, 503, 504];

/** `now` (default the current time) is what a `Retry-After` date is counted from. */
export function interpretAnswer<T>(answer: HttpAnswer, endpoint: string, check: Check<T>, now?: number): T {
  const body = parseJson(answer.text);
  const failed = answer.status < 200 || answer.status > 299 || isObject(body) && body.success === false;
  if (failed) {
    throw errorFromAnswer(answer, endpoint, body, now);
  }
  if (body === undefined) {
    throw new OtoError({ kind: 'api', endpoint, status: answer.status, unreadable: true, message: `OTO answered ${endpoint} with something that is not JSON` });
  }
  try {
    return check(body);
  } catch (error) {
    if (error instanceof WireError) {
      throw new OtoError({ kind: 'api', endpoint, status: answer.status, unreadable: true, message: `OTO's answer to ${endpoint} is not in the documented shape: ${error.describeAt(endpoint)}` });
    }
    throw error;
  }
}

function errorFromAnswer(answer: HttpAnswer, endpoint: string, body: unknown, now?: number): OtoError {
  const fields = isObject(body) ? body : {};
  const code = text(fields.otoErrorCode) ?? text(fields.errorCode) ?? text(fields.code);
  const redirected = answer.status >= 300 && answer.status < 400;
  const message = redirected
    ? `OTO answered ${endpoint} with a redirect (HTTP ${answer.status}), which is not followed: check the base URL`
    : text(fields.otoErrorMessage) ?? text(fields.errorMsg) ?? text(fields.message) ??
      `OTO answered ${endpoint} with HTTP ${answer.status}${body === undefined ? ' and no readable message' : ''}`;
  const warnings = Array.isArray(fields.warnings) ? fields.warnings.filter((item): item is string => typeof item === 'string') : [];
  return new OtoError({
    kind: errorKind(answer.status, code),
    endpoint,
    status: answer.status,
    code,
    message,
    warnings,
    retryAfterMs: retryAfterMs(answer.retryAfter, now),
  });
}

function errorKind(status: number, code: string | undefined): OtoErrorKind {
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.includes(code))) {
    return 'rate-limit';
  }
  return status === 401 ? 'auth' : 'api';
}

/** Whether a read that failed this way may be sent again. */
export function isTransient(error: OtoError): boolean {
  // An answer too large to read would be as large again: asking again only costs memory.
  if (error.answerTooLarge === true) {
    return false;
  }
  return error.kind === 'network' || error.kind === 'timeout' || error.kind === 'rate-limit' ||
    (error.status !== undefined && TRANSIENT_STATUSES.includes(error.status));
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') {
    return value;
  }
  return typeof value === 'number' ? String(value) : undefined;
}
