// The endpoints answer in `oto-codes`; this module restates their answers in the other dialect
// (what each dialect is: src/oto/dialects.ts).
import type { Endpoint } from './api';
import { ApiFailure, numberedFailure } from '../http/errors';
import { NUMERIC_WRITE_ERRORS, NUMERIC_WRITES, SNAKE_CASE_KEYS, isEndpointName, type Dialect, type OtoCode } from '../../oto';

export { DEFAULT_DIALECT, DIALECTS, isDialect } from '../../oto';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numericFailure(error: unknown): unknown {
  if (!(error instanceof ApiFailure) || !isRecord(error.body)) {
    return error;
  }
  const numeric = NUMERIC_WRITE_ERRORS[String(error.body.otoErrorCode) as OtoCode];
  return numeric ? numberedFailure(numeric.errorCode, error.detail ?? numeric.errorMsg) : error;
}

/** `2026-02-18 12:15:31` → the next day, `2026-02-19`: the sandbox delivers the day after the order. */
function nextDay(orderDate: unknown): string | undefined {
  const match = typeof orderDate === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(orderDate) : null;
  if (!match) {
    return undefined;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  return date.toISOString().slice(0, 10);
}

/** A customer order's details in numeric-codes: snake_case money fields, a delivery slot, the region. */
function numericOrderDetails(body: unknown): unknown {
  if (!isRecord(body) || !isRecord(body.customer)) {
    return body;
  }
  const renamed: Json = {};
  for (const [key, value] of Object.entries(body)) {
    renamed[SNAKE_CASE_KEYS[key] ?? key] = value;
  }
  const slotDate = nextDay(body.orderDate);
  if (slotDate) {
    Object.assign(renamed, { deliverySlotDate: slotDate, deliverySlotFrom: '09:00', deliverySlotTo: '13:00' });
  }
  const customer = body.customer;
  renamed.customer = { ...customer, region: typeof customer.state === 'string' ? customer.state.replace(/ Province$/, '') : '' };
  return renamed;
}

/** The endpoint as it answers in `dialect`. */
export function inDialect(dialect: Dialect, name: string, endpoint: Endpoint): Endpoint {
  if (dialect === 'oto-codes') {
    return endpoint;
  }
  if (isEndpointName(name) && NUMERIC_WRITES.has(name)) {
    return (state, request) => {
      try {
        return endpoint(state, request);
      } catch (error) {
        throw numericFailure(error);
      }
    };
  }
  if (name === 'orderDetails') {
    return (state, request) => numericOrderDetails(endpoint(state, request));
  }
  return endpoint;
}
