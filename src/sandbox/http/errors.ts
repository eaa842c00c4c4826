// OTO's error answers as the sandbox throws them: the codes, messages and shapes are OTO's facts
// (src/oto/errors.ts); an ApiFailure carries one to the server, which sends it as it is.
import { gatewayErrorBody, JWT_EXPIRED, MAX_QUANTITY, numberedErrorBody, OTO_MESSAGES, otoErrorBody, quantityRangeMessage, type OtoCode } from '../../oto';

export { OTO_MESSAGES, type OtoCode } from '../../oto';


/** An answer other than success, thrown by an endpoint and sent as it is. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    /** Where it differs from the code's own: the words a dialect with its own messages says instead. */
    readonly detail?: string,
  ) {
    super(`HTTP ${status}`);
  }
}

/** `{"success": false, "otoErrorCode": …, "otoErrorMessage": …}`, OTO's usual error shape. */
export function otoFailure(code: OtoCode, status = 400, message: string = OTO_MESSAGES[code]): ApiFailure {
  return new ApiFailure(status, otoErrorBody(code, message));
}

/** OTO1132 for a quantity, or a figure it leads to, beyond ±MAX_QUANTITY; the detail says which. */
export function quantityRangeFailure(problem: Parameters<typeof quantityRangeMessage>[0]): ApiFailure {
  return new ApiFailure(400, otoErrorBody('OTO1132'), quantityRangeMessage(problem, MAX_QUANTITY));
}

/** `{"success": false, "errorCode": 4, "errorMsg": …}`, the shape getPickupLocationList uses. */
export function numberedFailure(errorCode: number, errorMsg: string): ApiFailure {
  return new ApiFailure(400, numberedErrorBody(errorCode, errorMsg));
}

/** `{"message": …, "code": 401}`, the API gateway's shape (no `success` field). */
export function gatewayFailure(status: number, message: string): ApiFailure {
  return new ApiFailure(status, gatewayErrorBody(status, message));
}

export const jwtExpired = (): ApiFailure => gatewayFailure(401, JWT_EXPIRED);

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
