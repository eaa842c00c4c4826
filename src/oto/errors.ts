// OTO's error answers: the codes and messages (copied from the errorCodes table of OTO's Postman
// collection, test/fixtures/oto-api-examples.json; a test checks they still match it) and the
// three shapes an error comes in. The sandbox answers with them, the client and the lint read them,
// the OpenAPI document describes them.

export const OTO_MESSAGES = {
  OTO1001: 'Invalid or missing order Id',
  OTO1002: 'The order ID does not exist',
  OTO1010: 'Check the missing details',
  OTO1074: 'Invalid items',
  OTO1075: 'Invalid Json format',
  OTO1081: 'a system error occured',
  OTO1083: 'Refresh Token is required',
  OTO1088: 'This action is not allowed for this token',
  OTO1103: 'Status of the order is not suitable for the action',
  OTO1105: 'Wait for 1 minute before request again!',
  OTO1126: 'sku is missing or invalid',
  OTO1130: 'actionType is required',
  OTO1131: 'packingStatus is required',
  OTO1132: 'Quantity is missing or invalid',
  OTO1133: 'Location Code is missing or invalid',
  OTO1134: 'Inventory could not be found with given SKU and locationCode',
  OTO1135: 'Stock is missing or invalid',
  OTO1136: 'Action is missing or invalid',
  OTO1137: 'Given binLocationName does not exist on database',
  OTO1142: 'perPage and page are required.',
  OTO1143: 'Too many request!',
  OTO1185: 'There is no city available for pickup from store',
} as const;

export type OtoCode = keyof typeof OTO_MESSAGES;

/** OTO codes that mean "too many requests, back off". */
export const RATE_LIMIT_CODES: readonly string[] = ['OTO1143', 'OTO1105'] satisfies OtoCode[];

/** OTO codes meaning "this account's plan does not include stock management" (not in OTO's table; seen in answers). */
export const PLAN_GATED_CODES: readonly string[] = ['OTO1150', 'OTO1080', 'OTO1212'];

/** `{"success": false, "otoErrorCode": …, "otoErrorMessage": …}`, OTO's usual error shape. */
export interface OtoErrorBody {
  success: false;
  otoErrorCode: string;
  otoErrorMessage: string;
}

/** `{"success": false, "errorCode": 4, "errorMsg": …}`: getPickupLocationList's shape, and the numeric-codes dialect's. */
export interface NumberedErrorBody {
  success: false;
  errorCode: number;
  errorMsg: string;
}

/** `{"message": …, "code": 401}`, the API gateway's shape (no `success` field). */
export interface GatewayErrorBody {
  message: string;
  code: number;
}

export function otoErrorBody(code: OtoCode, message: string = OTO_MESSAGES[code]): OtoErrorBody {
  return { success: false, otoErrorCode: code, otoErrorMessage: message };
}

export function numberedErrorBody(errorCode: number, errorMsg: string): NumberedErrorBody {
  return { success: false, errorCode, errorMsg };
}

export function gatewayErrorBody(status: number, message: string): GatewayErrorBody {
  return { message, code: status };
}

/**
 * What is wrong with a quantity that is a whole number but beyond what OTO holds (MAX_QUANTITY), or
 * whose result would be: OTO1132 in either dialect, and these words where the dialect has its own
 * message (numeric-codes' "qty must be a number" would be untrue).
 */
export function quantityRangeMessage(problem: { qty: number } | { figure: string; value: number }, max: number): string {
  return 'qty' in problem
    ? `qty ${problem.qty} is beyond ±${max}`
    : `qty would make the ${problem.figure} ${problem.value}, beyond ±${max}`;
}

/** The gateway's answer to an access token past its lifetime. */
export const JWT_EXPIRED = 'Jwt is expired';
