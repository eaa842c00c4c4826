// What an endpoint sees of a request, and the checks of OTO's loosely typed inputs.
import type { SandboxState } from '../state/model';
import { otoFailure } from '../http/errors';

export interface ApiRequest {
  method: string;
  endpoint: string;
  query: Record<string, string>;
  body: unknown;
}

/** Returns the body of a 200 answer, or throws an ApiFailure. */
export type Endpoint = (state: SandboxState, request: ApiRequest) => unknown;

/** The JSON object body of a POST; OTO1075 for anything else. */
export function bodyOf(request: ApiRequest): Record<string, unknown> {
  const body = request.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body) || body === null) {
    throw otoFailure('OTO1075');
  }
  return body as Record<string, unknown>;
}

/** A non-empty string; numbers are accepted as OTO accepts `"orderId": 123`. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** An integer given as a JSON number or a string of digits (`"40"`); `"40.75"` is not one. */
/** OTO stores quantities as 32-bit integers: a quantity, or a figure a change leads to, beyond this is refused. */
export const MAX_QUANTITY = 2_147_483_647;

export function inQuantityRange(value: number): boolean {
  return Number.isSafeInteger(value) && Math.abs(value) <= MAX_QUANTITY;
}

export function integer(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[-+]?\d{1,15}\s*$/.test(value) ? Number(value) : undefined;
  return number !== undefined && inQuantityRange(number) ? number : undefined;
}

/** A real calendar date written `DD/MM/YYYY`, or undefined. */
export function ddmmyyyy(value: string): Date | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  if (!match) {
    return undefined;
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

/** The SKUs of `?sku=A,B`: empty items dropped, duplicates once. */
export function skuList(request: ApiRequest): string[] {
  const skus = [...new Set((request.query.sku ?? '').split(',').filter((sku) => sku !== ''))];
  if (skus.length === 0) {
    throw otoFailure('OTO1126');
  }
  return skus;
}
