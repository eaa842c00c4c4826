// What an endpoint sees of a request, and the checks of OTO's loosely typed inputs.
import type { SandboxState } from '../state/model';
import { otoFailure } from '../http/errors';
import { parseDdMmYyyy, splitSkuList, utcDate } from '../../oto';

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

/** A real calendar date written `DD/MM/YYYY` (midnight UTC), or undefined. */
export function ddmmyyyy(value: string): Date | undefined {
  const date = parseDdMmYyyy(value);
  return date && utcDate(date);
}

/** The SKUs of `?sku=A,B`: empty items dropped, duplicates once. */
export function skuList(request: ApiRequest): string[] {
  const skus = splitSkuList(request.query.sku ?? '');
  if (skus.length === 0) {
    throw otoFailure('OTO1126');
  }
  return skus;
}
