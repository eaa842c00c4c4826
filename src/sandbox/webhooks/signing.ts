// How OTO signs what it sends: `signature` in the JSON body, Base64 of HMAC-SHA256 keyed with the
// webhook's secretKey over `orderId:<value>:timestamp`. The value is `status`, `transactionStatus`
// for walletTransaction, and for shipmentError `errorCode` or `status` (OTO's text and the public
// integrations disagree; the scenario chooses, `errorCode` by default).
import { createHmac } from 'node:crypto';
import type { ShipmentErrorSigning, WebhookType } from './types';

/** The payload field whose value is the middle of the signing string. */
export function signedField(type: WebhookType, shipmentErrorSigning: ShipmentErrorSigning): string {
  if (type === 'walletTransaction') {
    return 'transactionStatus';
  }
  return type === 'shipmentError' ? shipmentErrorSigning : 'status';
}

/** A payload value as it goes into the signing string: text as it is, nothing for null or missing. */
export function signedValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `orderId:status:timestamp` of a flat payload (newOrders signs its nested order's fields). */
export function signingString(payload: Record<string, unknown>, field: string): string {
  return `${signedValue(payload.orderId)}:${signedValue(payload[field])}:${signedValue(payload.timestamp)}`;
}

export function sign(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}
