// What OTO's webhooks are (oto-webhooks.md): their types and the string a `signature` is computed
// over. The sandbox signs with these; the editor's Webhook Inbox and Verify Webhook Signature check
// with them. The HMAC itself is node:crypto's, outside this room (no Node built-ins here).

export const WEBHOOK_TYPES = ['orderStatus', 'newOrders', 'shipmentError', 'walletTransaction'] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

export function isWebhookType(value: unknown): value is WebhookType {
  return typeof value === 'string' && (WEBHOOK_TYPES as readonly string[]).includes(value);
}

/** What a shipmentError's signature is computed over: OTO's text says `status`, integrations check `errorCode`. */
export type ShipmentErrorSigning = 'errorCode' | 'status';
export const SHIPMENT_ERROR_SIGNINGS: readonly ShipmentErrorSigning[] = ['errorCode', 'status'];

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
