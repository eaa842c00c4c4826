// Last line of defence before anything leaves the log (output channel, virtual documents, cURL,
// clipboard). The client already redacts its events; this catches a token that slipped in through
// a shape nobody anticipated (an error message quoting a header, a new endpoint's body field).
import { credentialHeaderKind, redact, REDACTED } from '../../../client';

const SECRET_KEY = /token|authorization|secret|password|api[-_]?key/i;

export function redactText(text: string): string {
  return redact(text);
}

function maskSecretField(field: unknown): unknown {
  if (field === null || field === undefined || field === '') {
    return field;
  }
  // Keep an already-masked `Bearer ***` readable; anything else under a secret name goes entirely.
  return typeof field === 'string' && field.endsWith(REDACTED) && redact(field) === field ? field : REDACTED;
}

/** A deep copy with every secret-named field (a credential header's too: Cookie, Set-Cookie) masked and every string scrubbed. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return redact(value);
  }
  if (Array.isArray(value)) {
    return value.map(redactValue);
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      // Defined, not assigned: a key `__proto__` (a SKU, say) would otherwise replace the prototype and vanish.
      Object.defineProperty(copy, key, { value: SECRET_KEY.test(key) || credentialHeaderKind(key) !== undefined ? maskSecretField(field) : redactValue(field), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value;
}
