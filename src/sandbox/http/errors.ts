// OTO's error answers. Codes and messages are copied from the errorCodes table of OTO's Postman
// collection (test/fixtures/oto-api-examples.json); a test checks they still match it.

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
  OTO1120: 'You cannot register more than 10 webhooks',
  OTO1121: 'url, method must be provided.',
  OTO1122: 'Url already registered for this company',
  OTO1123: 'authorizationKey size is longer than 255',
  OTO1124: 'secretKey size is longer than 255',
  OTO1125: 'webhook id is required',
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

/** An answer other than success, thrown by an endpoint and sent as it is. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

/** `{"success": false, "otoErrorCode": …, "otoErrorMessage": …}`, OTO's usual error shape. */
export function otoFailure(code: OtoCode, status = 400, message: string = OTO_MESSAGES[code]): ApiFailure {
  return new ApiFailure(status, { success: false, otoErrorCode: code, otoErrorMessage: message });
}

/** `{"success": false, "errorCode": 4, "errorMsg": …}`, the shape getPickupLocationList uses. */
export function numberedFailure(errorCode: number, errorMsg: string): ApiFailure {
  return new ApiFailure(400, { success: false, errorCode, errorMsg });
}

/** `{"message": …, "code": 401}`, the API gateway's shape (no `success` field). */
export function gatewayFailure(status: number, message: string): ApiFailure {
  return new ApiFailure(status, { message, code: status });
}

export const jwtExpired = (): ApiFailure => gatewayFailure(401, 'Jwt is expired');

/** The body a fault with only a status sends: what OTO would plausibly say with that status. */
export function genericFailureBody(status: number): unknown {
  if (status === 401) {
    return jwtExpired().body;
  }
  if (status === 429) {
    return otoFailure('OTO1143', status).body;
  }
  if (status === 503) {
    return otoFailure('OTO1105', status).body;
  }
  if (status >= 500) {
    return otoFailure('OTO1081', status).body;
  }
  return otoFailure('OTO1010', status).body;
}
