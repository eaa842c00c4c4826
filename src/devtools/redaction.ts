// Last line of defence before anything leaves the log (output channel, virtual documents, cURL,
// clipboard). The client already redacts its events; this catches a token that slipped in through
// a shape nobody anticipated (an error message quoting a header, a new endpoint's body field).

const MASK = '***';
const SECRET_KEY = /token|authorization|secret|password|api[-_]?key/i;
const TEXT_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(Bearer)\s+(?!\*\*\*)[^\s"',;]+/gi, `$1 ${MASK}`],
  [/("?(?:refresh_token|access_token|id_token)"?\s*[:=]\s*"?)(?!\*\*\*)[^\s"',;&}]+/gi, `$1${MASK}`],
  // A JWT anywhere (access tokens are JWTs) even without a telling key beside it.
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, MASK],
];

export function redactText(text: string): string {
  let result = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

function maskSecretField(field: unknown): unknown {
  if (field === null || field === undefined || field === '') {
    return field;
  }
  // Keep an already-masked `Bearer ***` readable; anything else under a secret name goes entirely.
  return typeof field === 'string' && field.endsWith(MASK) && redactText(field) === field ? field : MASK;
}

/** A deep copy with every secret-named field masked and every string scrubbed. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return redactText(value);
  }
  if (Array.isArray(value)) {
    return value.map(redactValue);
  }
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      copy[key] = SECRET_KEY.test(key) ? maskSecretField(field) : redactValue(field);
    }
    return copy;
  }
  return value;
}
