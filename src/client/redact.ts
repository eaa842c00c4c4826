// Tokens must never reach a log, an event, an error or a copied cURL. Everything the client hands
// out passes through `redact`; the request log and "Copy as cURL" reuse it.

export const REDACTED = '***';

const TOKEN_FIELD = '(?:access_token|refresh_token|accessToken|refreshToken|id_token|token)';
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // "access_token": "…" in JSON (escaped quotes inside the value included).
  [new RegExp(`("${TOKEN_FIELD}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  // refresh_token: … / refresh_token=… in prose, headers or query strings.
  [new RegExp(`(\\b${TOKEN_FIELD}\\s*[:=]\\s*)(?!["*])[^\\s"',&;}]+`, 'gi'), `$1${REDACTED}`],
  [/(\bBearer\s+)(?!\*)[^\s"',;]+/gi, `$1${REDACTED}`],
  // A JWT anywhere, whatever it is labelled.
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
];

/** Every pattern above needs one of these words; most texts have none, and skip the patterns. */
const MIGHT_HOLD_TOKEN = /token|bearer|eyJ/i;

/**
 * `text` with every token removed: the given secret values wherever they appear, plus anything
 * that looks like a bearer token, a token field or a JWT.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real tokens are long.
    if (secret.length >= 8 && result.includes(secret)) {
      result = result.split(secret).join(REDACTED);
    }
  }
  if (!MIGHT_HOLD_TOKEN.test(result)) {
    return result;
  }
  for (const [pattern, replacement] of PATTERNS) {
    result = result.replace(pattern, replacement);
  }
  return result;
}

/** Headers with the Authorization value reduced to its scheme (`Bearer ***`). */
export function redactHeaders(headers: Readonly<Record<string, string>>, secrets: readonly string[] = []): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    result[name] = name.toLowerCase() === 'authorization' ? redactCredentials(value) : redact(value, secrets);
  }
  return result;
}

/** `Bearer abc` → `Bearer ***`; a bare credential → `***`. */
function redactCredentials(value: string): string {
  const space = value.indexOf(' ');
  return space > 0 ? `${value.slice(0, space + 1)}${REDACTED}` : REDACTED;
}
