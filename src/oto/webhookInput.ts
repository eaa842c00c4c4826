// OTO's checks of a webhook registration (`POST`/`PUT /rest/v2/webhook`), in OTO's order of codes
// (OTO1121 url and method, OTO1122 a URL twice, OTO1123/OTO1124 a key over 255 characters). The
// sandbox answers with them, and the client and Add Webhook… refuse the same input before sending,
// so what the editor lets through is what OTO (and the sandbox) accepts.
import { MAX_WEBHOOK_KEY_LENGTH } from './endpoints';
import { OTO_MESSAGES } from './errors';
import { isWebhookType, WEBHOOK_TYPES, type WebhookType } from './webhooks';

/** Not OTO's (it does not say): the sandbox keeps URLs to this, and the editor asks no longer ones. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type WebhookMethod = 'post' | 'put';

/** A registration as OTO stores it, once checked. */
export interface WebhookFields {
  /** Lower case, as OTO's example writes it. */
  method: WebhookMethod;
  url: string;
  webhookType: WebhookType;
  secretKey?: string;
  authorizationKey?: string;
  timestampFormat?: string;
  /** OTO names it without saying what it does: stored and shown, nothing else. */
  orderPrefix?: string;
}

/** Why OTO refuses a registration: its code, and a message that names the field. */
export interface WebhookInputProblem {
  readonly code: 'OTO1010' | 'OTO1121' | 'OTO1122' | 'OTO1123' | 'OTO1124';
  readonly message: string;
  /** The field at fault. */
  readonly field: string;
}

const OPTIONAL_TEXT = ['secretKey', 'authorizationKey', 'timestampFormat', 'orderPrefix'] as const;

/** Whether `url` is one a webhook can have: http or https, at most MAX_WEBHOOK_URL_LENGTH characters. */
export function webhookUrlProblem(url: unknown): WebhookInputProblem | undefined {
  if (typeof url !== 'string' || url.trim() === '') {
    return { code: 'OTO1121', message: OTO_MESSAGES.OTO1121, field: 'url' };
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url.trim());
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || url.length > MAX_WEBHOOK_URL_LENGTH) {
    return { code: 'OTO1121', message: `url must be an http or https URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters`, field: 'url' };
  }
  return undefined;
}

/** What an HTTP header value cannot hold (RFC 9110 field-value, as Node checks it): control characters, and anything past Latin-1. */
const NOT_IN_A_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * A key of at most MAX_WEBHOOK_KEY_LENGTH characters (OTO1123 authorizationKey, OTO1124 secretKey);
 * an authorizationKey is sent as the Authorization header, so one a header cannot carry (a line
 * break, `…`) is refused too: no delivery could ever send it.
 */
export function webhookKeyProblem(field: 'secretKey' | 'authorizationKey', value: string | undefined): WebhookInputProblem | undefined {
  if (field === 'authorizationKey' && value !== undefined && NOT_IN_A_HEADER.test(value)) {
    return { code: 'OTO1123', message: 'authorizationKey is sent in the Authorization header, so it may hold only printable characters (no line breaks, nothing past Latin-1)', field };
  }
  if ((value?.length ?? 0) <= MAX_WEBHOOK_KEY_LENGTH) {
    return undefined;
  }
  return field === 'secretKey'
    ? { code: 'OTO1124', message: OTO_MESSAGES.OTO1124, field }
    : { code: 'OTO1123', message: OTO_MESSAGES.OTO1123, field };
}

/**
 * Checks a POST or PUT body as OTO does; `registeredUrls` are the account's other webhooks' URLs
 * (OTO refuses one twice). The fields as stored, or the first problem in OTO's order.
 */
export function checkWebhookFields(body: Readonly<Record<string, unknown>>, registeredUrls: readonly string[]): WebhookFields | WebhookInputProblem {
  const method = typeof body.method === 'string' ? body.method.toLowerCase() : body.method;
  if (typeof body.url !== 'string' || body.url.trim() === '' || method === undefined || method === null || method === '') {
    return { code: 'OTO1121', message: OTO_MESSAGES.OTO1121, field: typeof body.url !== 'string' || body.url.trim() === '' ? 'url' : 'method' };
  }
  if (method !== 'post' && method !== 'put') {
    return { code: 'OTO1121', message: `method must be "post" or "put", got ${JSON.stringify(body.method)}`, field: 'method' };
  }
  const urlProblem = webhookUrlProblem(body.url);
  if (urlProblem) {
    return urlProblem;
  }
  const url = body.url.trim();
  if (registeredUrls.includes(url)) {
    return { code: 'OTO1122', message: OTO_MESSAGES.OTO1122, field: 'url' };
  }
  const webhookType = body.webhookType ?? 'orderStatus';
  if (!isWebhookType(webhookType)) {
    return { code: 'OTO1010', message: `webhookType must be one of ${WEBHOOK_TYPES.join(', ')}`, field: 'webhookType' };
  }
  const text: Partial<Record<(typeof OPTIONAL_TEXT)[number], string>> = {};
  for (const field of OPTIONAL_TEXT) {
    const value = body[field];
    if (value === undefined || value === null || value === '') {
      continue;
    }
    // A number is taken as its digits, as OTO takes ids.
    if (typeof value === 'number' && Number.isFinite(value)) {
      text[field] = String(value);
    } else if (typeof value === 'string') {
      text[field] = value;
    } else {
      return { code: 'OTO1010', message: `${field} must be a string`, field };
    }
  }
  const keyProblem = webhookKeyProblem('authorizationKey', text.authorizationKey) ?? webhookKeyProblem('secretKey', text.secretKey);
  if (keyProblem) {
    return keyProblem;
  }
  for (const field of ['timestampFormat', 'orderPrefix'] as const) {
    if ((text[field]?.length ?? 0) > MAX_WEBHOOK_KEY_LENGTH) {
      return { code: 'OTO1010', message: `${field} must be at most ${MAX_WEBHOOK_KEY_LENGTH} characters`, field };
    }
  }
  return { method, url, webhookType, ...text };
}

export function isWebhookInputProblem(value: WebhookFields | WebhookInputProblem): value is WebhookInputProblem {
  return 'code' in value;
}
