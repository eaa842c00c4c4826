// Small runtime checks for what comes off the wire: each returns the value typed, or throws a
// WireError naming the JSON path that did not match. Checks work in place on the freshly parsed
// JSON (filling defaults, dropping nulls) rather than copying it, and build the path only on
// failure: answers can be large and are checked on every call.

export type Check<T> = (value: unknown) => T;

export class WireError extends Error {
  /** Path segments from the root, e.g. `['stock', 'A', '[0]', 'quantityOnHand']`. */
  readonly segments: string[] = [];

  constructor(readonly expected: string, readonly actual: unknown) {
    super(`should be ${expected} but is ${describe(actual)}`);
    this.name = 'WireError';
  }

  /** `root.stock.A[0].quantityOnHand should be a number but is a string of 1 characters`. */
  describeAt(root: string): string {
    const path = this.segments.map((segment) => (segment.startsWith('[') ? segment : `.${segment}`)).join('');
    return `${root}${path} ${this.message}`;
  }
}

/** Runs `check`, adding `segment` to the path of any WireError on its way out. */
function within<T>(segment: string, check: Check<T>, value: unknown): T {
  try {
    return check(value);
  } catch (error) {
    if (error instanceof WireError) {
      error.segments.unshift(segment);
    }
    throw error;
  }
}

export function primitive<T>(expected: string, accepts: (value: unknown) => boolean): Check<T> {
  return (value) => {
    if (!accepts(value)) {
      throw new WireError(expected, value);
    }
    return value as T;
  };
}

export const string: Check<string> = primitive('a string', (value) => typeof value === 'string');
export const number: Check<number> = primitive('a number', (value) => typeof value === 'number' && Number.isFinite(value));
export const boolean: Check<boolean> = primitive('true or false', (value) => typeof value === 'boolean');

export function literal<T extends string | number | boolean>(expected: T): Check<T> {
  return primitive(JSON.stringify(expected), (value) => value === expected);
}

/** Either check; the error names the last one's expectation. */
export function either<A, B>(first: Check<A>, second: Check<B>): Check<A | B> {
  return (value) => {
    try {
      return first(value);
    } catch {
      return second(value);
    }
  };
}

/** Absent or null both count as missing: OTO sends either. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value) => (value === undefined || value === null ? undefined : check(value));
}

export function withDefault<T>(check: Check<T>, fallback: () => T): Check<T> {
  return (value) => (value === undefined || value === null ? fallback() : check(value));
}

export function array<T>(check: Check<T>): Check<T[]> {
  return (value) => {
    if (!Array.isArray(value)) {
      throw new WireError('a list', value);
    }
    for (let index = 0; index < value.length; index++) {
      const checked = within(`[${index}]`, check, value[index]);
      if (checked !== value[index]) {
        value[index] = checked;
      }
    }
    return value as T[];
  };
}

/**
 * A map keyed by data (SKUs), as a null-prototype object: a key such as `__proto__` or
 * `constructor` is an entry like any other, never the object's prototype or an inherited method.
 */
export function record<T>(check: Check<T>): Check<Record<string, T>> {
  return (value) => {
    const source = plainObject(value);
    const result = Object.create(null) as Record<string, T>;
    for (const key of Object.keys(source)) {
      result[key] = within(key, check, source[key]);
    }
    return result;
  };
}

type Shape = Record<string, Check<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S]: S[K] extends Check<infer T> ? T : never };

/** Checks the listed fields and keeps any others as they came. */
export function object<S extends Shape>(shape: S): Check<FromShape<S>> {
  const keys = Object.keys(shape);
  return (value) => {
    const result = plainObject(value);
    for (const key of keys) {
      const checked = within(key, shape[key], result[key]);
      if (checked === result[key]) {
        continue;
      }
      if (checked === undefined) {
        delete result[key];
      } else {
        result[key] = checked;
      }
    }
    return result as FromShape<S>;
  };
}

function plainObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireError('an object', value);
  }
  return value as Record<string, unknown>;
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  // Never quoted: the server may have put a token where something else belonged.
  if (typeof value === 'string') {
    return `a string of ${value.length} characters`;
  }
  if (typeof value === 'object' || typeof value === 'function') {
    return 'an object';
  }
  // What JSON leaves: a number, true/false, or a missing field.
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}
