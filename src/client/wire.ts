// Small runtime checks for what comes off the wire: each returns the value typed, or throws a
// WireError naming the JSON path that did not match.

export type Check<T> = (value: unknown, path: string) => T;

export class WireError extends Error {
  constructor(readonly path: string, expected: string, actual: unknown) {
    super(`${path} should be ${expected} but is ${describe(actual)}`);
    this.name = 'WireError';
  }
}

export const string: Check<string> = (value, path) => {
  if (typeof value !== 'string') {
    throw new WireError(path, 'a string', value);
  }
  return value;
};

export const number: Check<number> = (value, path) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new WireError(path, 'a number', value);
  }
  return value;
};

export const boolean: Check<boolean> = (value, path) => {
  if (typeof value !== 'boolean') {
    throw new WireError(path, 'true or false', value);
  }
  return value;
};

export function literal<T extends string | number | boolean>(expected: T): Check<T> {
  return (value, path) => {
    if (value !== expected) {
      throw new WireError(path, JSON.stringify(expected), value);
    }
    return expected;
  };
}

/** Either check; the error names the last one's expectation. */
export function either<A, B>(first: Check<A>, second: Check<B>): Check<A | B> {
  return (value, path) => {
    try {
      return first(value, path);
    } catch {
      return second(value, path);
    }
  };
}

/** Absent or null both count as missing: OTO sends either. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, path) => (value === undefined || value === null ? undefined : check(value, path));
}

export function withDefault<T>(check: Check<T>, fallback: () => T): Check<T> {
  return (value, path) => (value === undefined || value === null ? fallback() : check(value, path));
}

export function array<T>(check: Check<T>): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) {
      throw new WireError(path, 'a list', value);
    }
    return value.map((item, index) => check(item, `${path}[${index}]`));
  };
}

export function record<T>(check: Check<T>): Check<Record<string, T>> {
  return (value, path) => {
    const source = plainObject(value, path);
    const result: Record<string, T> = {};
    for (const [key, item] of Object.entries(source)) {
      result[key] = check(item, `${path}.${key}`);
    }
    return result;
  };
}

type Shape = Record<string, Check<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S]: S[K] extends Check<infer T> ? T : never };

/** Checks the listed fields and keeps any others as they came. */
export function object<S extends Shape>(shape: S): Check<FromShape<S>> {
  return (value, path) => {
    const result: Record<string, unknown> = { ...plainObject(value, path) };
    for (const [key, check] of Object.entries(shape)) {
      const checked = check(result[key], `${path}.${key}`);
      if (checked === undefined) {
        delete result[key];
      } else {
        result[key] = checked;
      }
    }
    return result as FromShape<S>;
  };
}

function plainObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireError(path, 'an object', value);
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
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return typeof value === 'object' ? 'an object' : String(value);
}
