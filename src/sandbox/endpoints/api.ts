// What an endpoint sees of a request, and the checks of OTO's loosely typed inputs.
import { forecastOf, type Product, type SandboxState, type StockRecord } from '../state/model';
import { otoFailure, quantityRangeFailure } from '../http/errors';
import { inQuantityRange, looseInteger, parseDdMmYyyy, splitSkuList, utcDate } from '../../oto';

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

/**
 * A quantity as OTO reads one (`40` or `"40"`), or undefined when it is not one; a whole number
 * beyond ±MAX_QUANTITY is refused here with OTO1132 saying so.
 */
export function quantity(value: unknown): number | undefined {
  const parsed = looseInteger(value);
  if (parsed === undefined) {
    const whole = typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof whole === 'number' && Number.isInteger(whole)) {
      throw quantityRangeFailure({ qty: whole });
    }
  }
  return parsed;
}

/**
 * Refuses (OTO1132) a change after which a figure OTO reports would be beyond ±MAX_QUANTITY: the
 * record's on hand and forecast at `locationCode`, and the product's sums over every location
 * (checkGlobalStock's figures). `record` is the record as it would be; nothing is changed here.
 */
export function checkFigures(product: Product | undefined, locationCode: string, record: StockRecord): void {
  const figures: Array<[string, number]> = [['stock', record.onHand], ['forecast', forecastOf(record)]];
  if (product) {
    let [onHand, forecast] = [product.noLocation?.onHand ?? 0, product.noLocation?.forecasted ?? 0];
    for (const [code, other] of product.stock) {
      const counted = code === locationCode ? record : other;
      onHand += counted.onHand;
      forecast += forecastOf(counted);
    }
    if (!product.stock.has(locationCode)) {
      onHand += record.onHand;
      forecast += forecastOf(record);
    }
    figures.push([`global stock of ${product.sku}`, onHand], [`global forecast of ${product.sku}`, forecast]);
  }
  for (const [figure, value] of figures) {
    if (!inQuantityRange(value)) {
      throw quantityRangeFailure({ figure, value });
    }
  }
}
