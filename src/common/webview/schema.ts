// The one kit every webview protocol checks its messages with, on both sides (the page bundles
// include it, so no `vscode`). A message either matches one shape of its type exactly or is
// dropped: extra keys are a malformed message, not ignored.

export type Json = Record<string, unknown>;
export type Check = (value: unknown) => boolean;
export type Checks = Record<string, Check>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** A string of at most `max` UTF-16 units (empty allowed). */
export function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Text with something in it: not empty, not only spaces. */
export function isFilledText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function isCount(value: unknown): value is number {
  return isInteger(value) && value >= 0;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The most milliseconds from the epoch, either way, that a `Date` can hold (ECMAScript's time range). */
export const MAX_TIME = 8.64e15;

/**
 * Milliseconds since the epoch that a `Date` can hold. A larger number (a safe integer such as
 * 2^53 − 1 still is one) makes every later `Intl` format of it throw `RangeError: Invalid time value`.
 */
export function isTime(value: unknown): value is number {
  return isFiniteNumber(value) && Math.abs(value) <= MAX_TIME;
}

export function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

/** Every index checked: `every()` skips the holes of a sparse array, which would pass unchecked. */
export function isArrayOf<T>(value: unknown, check: (item: unknown) => item is T, max = Number.POSITIVE_INFINITY): value is T[] {
  if (!Array.isArray(value) || value.length > max) {
    return false;
  }
  for (let index = 0; index < value.length; index++) {
    if (!(index in value) || !check(value[index])) {
      return false;
    }
  }
  return true;
}

export function optional(check: Check): Check {
  return (value) => value === undefined || check(value);
}

/** True when `value` has no key outside `keys`. */
export function hasOnlyKeys(value: Json, keys: readonly string[]): boolean {
  for (const key in value) {
    if (!keys.includes(key)) {
      return false;
    }
  }
  return true;
}

/** Checks a message against the fields of its type: each present and valid, nothing else. */
export function matches(value: Json, checks: Checks): boolean {
  return hasOnlyKeys(value, ['type', ...Object.keys(checks)]) && Object.entries(checks).every(([key, check]) => check(value[key]));
}

/** A table of message types, each with the shapes it may take (most types have one). */
export type MessageTable = Record<string, readonly Checks[]>;

/** The message if it matches one shape of its type in `table`, else undefined. */
export function parseMessage<T>(raw: unknown, table: MessageTable): T | undefined {
  if (!isRecord(raw) || !isString(raw.type) || !Object.hasOwn(table, raw.type)) {
    return undefined;
  }
  return table[raw.type].some((checks) => matches(raw, checks)) ? (raw as T) : undefined;
}

/** A short description of a dropped message for the log: its type if it has one, never its content. */
export function describeMessage(raw: unknown): string {
  if (isRecord(raw) && isString(raw.type)) {
    return `message of type "${raw.type.slice(0, 40)}"`;
  }
  return `message of kind ${Array.isArray(raw) ? 'array' : raw === null ? 'null' : typeof raw}`;
}
