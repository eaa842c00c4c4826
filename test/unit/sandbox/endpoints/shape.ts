// Compares the shape of JSON values (keys and value types, recursively) with OTO's examples.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function kind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/**
 * What `actual` lacks of `example`: every key of an example object must be in the actual object
 * with the same type, and every element of an example array must be matched by some element of
 * the actual array. Returns the paths that differ; empty when `actual` covers `example`.
 */
export function missingFrom(example: unknown, actual: unknown, path = '$'): string[] {
  if (kind(example) !== kind(actual)) {
    return [`${path}: expected ${kind(example)}, got ${kind(actual)}`];
  }
  if (Array.isArray(example)) {
    const elements = actual as Json[];
    return example.flatMap((element, i) =>
      elements.some((candidate) => missingFrom(element, candidate).length === 0) ? [] : [`${path}[${i}]: no element of the answer has this shape`],
    );
  }
  if (kind(example) === 'object') {
    const object = actual as Record<string, Json>;
    return Object.entries(example as Record<string, Json>).flatMap(([key, value]) =>
      key in object ? missingFrom(value, object[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
  }
  return [];
}

/**
 * What `actual` has that none of the `samples` (all of OTO's examples for the same answer) has:
 * keys OTO never sends, or values of another type. Returns the offending paths.
 */
export function unknownIn(actual: unknown, samples: unknown[], path = '$'): string[] {
  const kinds = new Set(samples.map(kind));
  if (!kinds.has(kind(actual))) {
    return [`${path}: ${kind(actual)} where OTO sends ${[...kinds].join(' or ') || 'nothing'}`];
  }
  if (Array.isArray(actual)) {
    const elements = samples.filter(Array.isArray).flat();
    return actual.flatMap((element, i) => unknownIn(element, elements, `${path}[${i}]`));
  }
  if (kind(actual) === 'object') {
    const objects = samples.filter((sample) => kind(sample) === 'object') as Array<Record<string, unknown>>;
    return Object.entries(actual as Record<string, unknown>).flatMap(([key, value]) =>
      unknownIn(value, objects.filter((object) => key in object).map((object) => object[key]), `${path}.${key}`),
    );
  }
  return [];
}
