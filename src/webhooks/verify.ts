// Whether OTO (or the sandbox) signed a webhook payload: which signing string and which secret give
// its `signature`, and whether its `timestamp` is too old to trust (a captured delivery replayed).
// OTO's text is ambiguous for shipmentError (`status` or `errorCode`), so both are tried and the
// one that matches is named. No `vscode`: the Webhook Inbox and Verify Webhook Signature use it.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isWebhookType, SHIPMENT_ERROR_SIGNINGS, signedField, signingString, STALE_AFTER_MS, timestampMs, type WebhookType } from '../oto/webhooks';

export type Verdict = 'valid' | 'invalid' | 'unsigned';

/** A secret to try, with the name the user knows it by (never the secret itself in what is shown). */
export interface NamedSecret {
  readonly name: string;
  readonly secret: string;
}

export { STALE_AFTER_MS };

export interface TimestampReading {
  /** As the payload has it. */
  readonly raw: unknown;
  /** Epoch ms, when it could be read (epoch ms, or `YYYY-MM-DD HH:mm:ss` in UTC). */
  readonly at?: number;
  /** How old it was when checked (negative: in the future). */
  readonly ageMs?: number;
  /** Older than STALE_AFTER_MS, or further than that in the future. */
  readonly stale: boolean;
}

export interface Verification {
  readonly verdict: Verdict;
  /** The type the check assumed: given (the receiver's path), or read from the payload's fields. */
  readonly type?: WebhookType;
  /** Every signing string tried, in order. */
  readonly tried: ReadonlyArray<{ readonly field: string; readonly signingString: string }>;
  /** What matched, when valid. */
  readonly match?: { readonly field: string; readonly signingString: string; readonly secretName: string };
  /** Signed, but no secret was known to check it with (the verdict is then `invalid`, and says why). */
  readonly noSecret?: boolean;
  readonly timestamp?: TimestampReading;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The type a payload's fields say it is: newOrders nests an order, the others have their own field. */
export function typeOfPayload(payload: unknown): WebhookType | undefined {
  if (!isRecord(payload)) {
    return undefined;
  }
  if (isRecord(payload.order)) {
    return 'newOrders';
  }
  if ('transactionStatus' in payload) {
    return 'walletTransaction';
  }
  if ('errorCode' in payload || 'errorMessage' in payload) {
    return 'shipmentError';
  }
  return 'status' in payload ? 'orderStatus' : undefined;
}

/** The fields a payload is signed over (newOrders: its order's, with the payload's timestamp). */
export function signedSubject(payload: Record<string, unknown>, type: WebhookType | undefined): Record<string, unknown> {
  return type === 'newOrders' && isRecord(payload.order) ? { ...payload.order, timestamp: payload.timestamp } : payload;
}

/** The middle fields to try, most likely first. */
function fieldsToTry(type: WebhookType | undefined): string[] {
  if (type === 'shipmentError') {
    return SHIPMENT_ERROR_SIGNINGS.map((choice) => signedField('shipmentError', choice));
  }
  return type ? [signedField(type)] : ['status', 'transactionStatus', 'errorCode'];
}

export function readTimestamp(raw: unknown, now: number): TimestampReading | undefined {
  if (raw === undefined || raw === null || raw === '') {
    return undefined;
  }
  const at = timestampMs(raw);
  if (at === undefined) {
    return { raw, stale: false };
  }
  const ageMs = now - at;
  return { raw, at, ageMs, stale: Math.abs(ageMs) > STALE_AFTER_MS };
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function hmacBase64(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('base64');
}

/**
 * Checks `payload.signature` against every secret and signing string that could have made it.
 * `type` is the receiver's word for what it got (its path); otherwise the payload's fields decide.
 */
export function verifyPayload(payload: unknown, secrets: readonly NamedSecret[], options: { type?: WebhookType; now: number }): Verification {
  const record = isRecord(payload) ? payload : {};
  const type = options.type ?? typeOfPayload(payload);
  const subject = signedSubject(record, type);
  const tried = fieldsToTry(type).map((field) => ({ field, signingString: signingString(subject, field) }));
  const timestamp = readTimestamp(record.timestamp, options.now);
  const base = { type, tried, ...(timestamp ? { timestamp } : {}) };
  const signature = record.signature;
  if (typeof signature !== 'string' || signature === '') {
    return { ...base, verdict: 'unsigned' };
  }
  if (secrets.length === 0) {
    return { ...base, verdict: 'invalid', noSecret: true };
  }
  for (const candidate of tried) {
    for (const { name, secret } of secrets) {
      if (sameSignature(signature, hmacBase64(secret, candidate.signingString))) {
        return { ...base, verdict: 'valid', match: { ...candidate, secretName: name } };
      }
    }
  }
  return { ...base, verdict: 'invalid' };
}

/** Reads a type named by a receiver path such as `/orderStatus` (the inbox registers one per type). */
export function typeOfPath(path: string): WebhookType | undefined {
  const last = path.split('?', 1)[0].split('/').filter(Boolean).pop();
  return isWebhookType(last) ? last : undefined;
}
