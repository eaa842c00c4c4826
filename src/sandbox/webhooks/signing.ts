// How OTO signs what it sends: `signature` in the JSON body, Base64 of HMAC-SHA256 keyed with the
// webhook's secretKey over `orderId:<value>:timestamp` (the string is OTO's fact, in src/oto/webhooks.ts;
// for shipmentError the scenario chooses `errorCode`, the default, or `status`).
import { createHmac } from 'node:crypto';

export { signedField, signedValue, signingString } from '../../oto/webhooks';

export function sign(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}
