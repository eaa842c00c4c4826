// Input checks run before anything is sent: bad input is refused with a message naming the field,
// and no request goes out.
import { isValidDdMmYyyy, MAX_QUANTITY, SKU_SEPARATOR } from '../../oto';
import { validationError } from '../errors';

export function requireText(value: unknown, field: string, endpoint: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationError(field, `${field} must be a non-empty string`, endpoint);
  }
  return value;
}

/** Optional text: absent is fine, but if given it must be real text. */
export function optionalText(value: unknown, field: string, endpoint: string): string | undefined {
  return value === undefined ? undefined : requireText(value, field, endpoint);
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, endpoint: string): T {
  if (!(allowed as readonly unknown[]).includes(value)) {
    throw validationError(field, `${field} must be ${allowed.map((item) => `"${item}"`).join(' or ')}`, endpoint);
  }
  return value as T;
}

export type IntegerRule = 'non-negative' | 'non-zero' | 'positive';

const INTEGER_RULES: Record<IntegerRule, { text: string; accepts: (value: number) => boolean }> = {
  'non-negative': { text: 'an integer of 0 or more', accepts: (value) => value >= 0 },
  'non-zero': { text: 'a non-zero integer', accepts: (value) => value !== 0 },
  positive: { text: 'a positive integer', accepts: (value) => value > 0 },
};

export function requireInteger(value: unknown, rule: IntegerRule, field: string, endpoint: string): number {
  if (!Number.isSafeInteger(value) || !INTEGER_RULES[rule].accepts(value as number)) {
    throw validationError(field, `${field} must be ${INTEGER_RULES[rule].text}`, endpoint);
  }
  if (Math.abs(value as number) > MAX_QUANTITY) {
    throw validationError(field, `${field} must be at most ${MAX_QUANTITY} either way (OTO stores 32-bit integers)`, endpoint);
  }
  return value as number;
}

export function optionalDate(value: unknown, field: string, endpoint: string): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string' || !isValidDdMmYyyy(value)) {
    throw validationError(field, `${field} must be a real date written DD/MM/YYYY`, endpoint);
  }
  return value;
}

/** SKUs for the list endpoints: each non-empty, none with a comma (OTO splits the list on commas). */
export function requireSkuList(value: unknown, endpoint: string): string[] {
  if (!Array.isArray(value)) {
    throw validationError('skus', 'skus must be a list of SKUs', endpoint);
  }
  return value.map((sku, index) => {
    const field = `skus[${index}]`;
    const text = requireText(sku, field, endpoint);
    if (text.includes(SKU_SEPARATOR)) {
      throw validationError(field, `${field} contains a comma, which OTO's SKU list cannot carry`, endpoint);
    }
    return text;
  });
}

export function requireNonEmptyList(value: unknown, field: string, endpoint: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw validationError(field, `${field} must list at least one item`, endpoint);
  }
  return value;
}
