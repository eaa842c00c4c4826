// OTO's two answer dialects. OTO has published two versions of its Postman collection "OTO API V2"
// whose captured answers differ: `oto-codes` (otoErrorCode/otoErrorMessage errors, camelCase
// orderDetails) and `numeric-codes` (errorCode/errorMsg errors of the stock writes, snake_case
// amount and payment fields plus a delivery slot and the customer's region in orderDetails).
import type { EndpointName } from './endpoints';
import type { OtoCode } from './errors';

export type Dialect = 'oto-codes' | 'numeric-codes';

export const DIALECTS: readonly Dialect[] = ['oto-codes', 'numeric-codes'];
export const DEFAULT_DIALECT: Dialect = 'oto-codes';

export function isDialect(value: unknown): value is Dialect {
  return typeof value === 'string' && (DIALECTS as readonly string[]).includes(value);
}

/** The endpoints whose errors numeric-codes answers as `{errorCode, errorMsg}`. */
export const NUMERIC_WRITES: ReadonlySet<EndpointName> = new Set<EndpointName>(['updateStockQuantity', 'createInventoryOrder']);

/**
 * The numeric-codes errors of those writes, as captured. Codes the captures never show (e.g.
 * OTO1134, OTO1137) stay in the oto-codes shape: a client reads both.
 */
export const NUMERIC_WRITE_ERRORS: Readonly<Partial<Record<OtoCode, { errorCode: number; errorMsg: string }>>> = {
  OTO1132: { errorCode: 7, errorMsg: 'qty must be a number' },
  OTO1126: { errorCode: 11, errorMsg: 'Given SKU does not belong to any Product' },
  OTO1133: { errorCode: 11, errorMsg: 'Given LocationCode does not belong to any Warehouse or Branch' },
  OTO1130: { errorCode: 2, errorMsg: "actionType can be 'set' or 'adjust'" },
  OTO1136: { errorCode: 6, errorMsg: "action can be 'inbound' or 'outbound'" },
};

/** orderDetails keys that numeric-codes spells in snake_case. */
export const SNAKE_CASE_KEYS: Readonly<Record<string, string>> = { amountDue: 'amount_due', paymentMethod: 'payment_method' };
