// OTO's two answer dialects. OTO has published two versions of its Postman collection "OTO API V2"
// whose captured answers differ: `oto-codes` (otoErrorCode/otoErrorMessage errors, camelCase
// orderDetails) and `numeric-codes` (errorCode/errorMsg errors of the stock writes, snake_case
// amount and payment fields plus a delivery slot and the customer's region in orderDetails).
// The endpoints answer in `oto-codes`; this module restates their answers in the other dialect.
import type { Endpoint } from './api';
import { ApiFailure, numberedFailure } from '../http/errors';
import type { Dialect } from '../types';

export const DIALECTS: readonly Dialect[] = ['oto-codes', 'numeric-codes'];
export const DEFAULT_DIALECT: Dialect = 'oto-codes';

export function isDialect(value: unknown): value is Dialect {
  return typeof value === 'string' && (DIALECTS as readonly string[]).includes(value);
}

/**
 * The numeric-codes errors of updateStockQuantity and createInventoryOrder, as captured. Codes the
 * captures never show (e.g. OTO1134, OTO1137) stay in the oto-codes shape: a client reads both.
 */
const NUMERIC_WRITE_ERRORS: Readonly<Record<string, { errorCode: number; errorMsg: string }>> = {
  OTO1132: { errorCode: 7, errorMsg: 'qty must be a number' },
  OTO1126: { errorCode: 11, errorMsg: 'Given SKU does not belong to any Product' },
  OTO1133: { errorCode: 11, errorMsg: 'Given LocationCode does not belong to any Warehouse or Branch' },
  OTO1130: { errorCode: 2, errorMsg: "actionType can be 'set' or 'adjust'" },
  OTO1136: { errorCode: 6, errorMsg: "action can be 'inbound' or 'outbound'" },
};

const NUMERIC_WRITES = new Set(['updateStockQuantity', 'createInventoryOrder']);

/** orderDetails keys that numeric-codes spells in snake_case. */
const SNAKE_CASE_KEYS: Readonly<Record<string, string>> = { amountDue: 'amount_due', paymentMethod: 'payment_method' };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numericFailure(error: unknown): unknown {
  if (!(error instanceof ApiFailure) || !isRecord(error.body)) {
    return error;
  }
  const numeric = NUMERIC_WRITE_ERRORS[String(error.body.otoErrorCode)];
  return numeric ? numberedFailure(numeric.errorCode, numeric.errorMsg) : error;
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
  if (NUMERIC_WRITES.has(name)) {
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
