// Whether two request bodies are the same, fast: the duplicate-write rule compares each write with
// every earlier one in its window (a bulk import: thousands), and serialising and hashing an 8 KB
// body for that (sha256 of JSON.stringify, 31 µs) cost more than everything else capture does to it.
import { MAX_JSON_DEPTH } from '../common/json/depth';

/** Of a long string, this many characters at each end count towards its key. */
const STRING_ENDS = 32;

function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

function stringKey(text: string): number {
  let hash = mix(0x811c9dc5, text.length);
  const { length } = text;
  if (length <= 2 * STRING_ENDS) {
    for (let i = 0; i < length; i++) {
      hash = mix(hash, text.charCodeAt(i));
    }
    return hash;
  }
  for (let i = 0; i < STRING_ENDS; i++) {
    hash = mix(mix(hash, text.charCodeAt(i)), text.charCodeAt(length - 1 - i));
  }
  return hash;
}

/**
 * A 32-bit key of a parsed JSON value, made in a few steps whatever its size: equal values
 * (`sameJson`) have equal keys, and values with different keys differ. A long string counts by its
 * length and its ends, so two that differ only in the middle share a key and `sameJson` tells them
 * apart. An object's members count in any order, as `sameJson` compares them.
 */
export function roughKey(value: unknown, levels = MAX_JSON_DEPTH): number {
  switch (typeof value) {
    case 'string':
      return stringKey(value);
    case 'number':
      return Number.isInteger(value) ? mix(0x2a, value | 0) : stringKey(String(value));
    case 'boolean':
      return value ? 0x3b : 0x4c;
    default:
      break;
  }
  if (value === null || typeof value !== 'object' || levels === 0) {
    return 0x5d;
  }
  if (Array.isArray(value)) {
    let hash = mix(0x6e, value.length);
    for (const item of value) {
      hash = mix(hash, roughKey(item, levels - 1));
    }
    return hash;
  }
  // A sum of the members' keys: the same whatever their order.
  let sum = 0x7f;
  for (const key in value) {
    sum = (sum + mix(stringKey(key), roughKey((value as Record<string, unknown>)[key], levels - 1))) | 0;
  }
  return sum;
}

/** The same JSON value: members in any order, numbers by value (`1.0` is `1`). */
export function sameJson(a: unknown, b: unknown, levels = MAX_JSON_DEPTH): boolean {
  if (a === b) {
    return true;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || levels === 0) {
    return false;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
      return false;
    }
    for (let i = 0; i < a.length; i++) {
      if (!sameJson(a[i], b[i], levels - 1)) {
        return false;
      }
    }
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let members = 0;
  for (const key in left) {
    members++;
    if (!Object.prototype.hasOwnProperty.call(right, key) || !sameJson(left[key], right[key], levels - 1)) {
      return false;
    }
  }
  // Every member of `left` is in `right`: the same count means no others.
  return Object.keys(right).length === members;
}
