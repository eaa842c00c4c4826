// Tokens must never reach a log, an event, an error or a copied cURL. Everything the client hands
// out passes through `redact`; the request log and "Copy as cURL" reuse it. It hides tokens, not
// words: after a bare "token:" or "Bearer" only a value shaped like a credential is hidden, so
// "refused the refresh token: This action…" keeps its "This".
import { credentialHeaderKind, maskCredentialHeader, maskCredentialHeaderLines } from './credentialHeaders';
import { hideUrlCredentials } from './urlCredentials';

export const REDACTED = '***';

/** Names that always label a credential, whatever the value looks like. */
// A webhook's secretKey and authorizationKey too: OTO's webhook endpoint takes and lists them in clear.
const CREDENTIAL_FIELD = '(?:access_token|refresh_token|accessToken|refreshToken|id_token|secretKey|authorizationKey)';
const VALUE = `(?!["*])[^\\s"'\\\\,&;}]+`;
const PATTERNS: ReadonlyArray<[RegExp, string | ((match: string, label: string, value: string) => string)]> = [
  // "access_token": "…" (or "token": "…") in JSON, escaped quotes inside the value included.
  [new RegExp(`("(?:${CREDENTIAL_FIELD}|token)"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
  // refresh_token=… in a query string or a form; token=… in a query.
  [new RegExp(`(\\b${CREDENTIAL_FIELD}\\s*=\\s*|\\btoken=)${VALUE}`, 'gi'), `$1${REDACTED}`],
  // refresh_token: … in prose or a header: anything but a word ("Invalid refreshToken: expired").
  [new RegExp(`(\\b${CREDENTIAL_FIELD}\\s*:\\s*)(${VALUE})`, 'gi'), (match, label: string, value: string) => (looksLikeCredential(value) || !PLAIN_WORD.test(value) ? `${label}${REDACTED}` : match)],
  [new RegExp(`(\\bAuthorization:\\s*Bearer\\s+)${VALUE}`, 'gi'), `$1${REDACTED}`],
  // "token: …" and "Bearer …" in prose: only what looks like a credential.
  [new RegExp(`(\\btoken\\s*:\\s*|\\bBearer\\s+)(${VALUE})`, 'gi'), (match, label: string, value: string) => (looksLikeCredential(value) ? `${label}${REDACTED}` : match)],
  // A JWT anywhere, whatever it is labelled.
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
];

/** Every pattern above needs one of these words; most texts have none, and skip the patterns. */
const MIGHT_HOLD_TOKEN = /token|bearer|eyJ|secretKey|authorizationKey/i;

/** A JSON string literal (escapes included). */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"/g;

/** A word of prose as it follows a label: letters, lower case but for the first. */
const PLAIN_WORD = /^[A-Za-z][a-z]*$/;

/** Long, or mixing letters with digits or punctuation: not a word of prose. */
function looksLikeCredential(value: string): boolean {
  return value.length >= 24 || (value.length >= 8 && /[\d._~+/=-]/.test(value) && /[A-Za-z]/.test(value));
}

/**
 * `text` with every token removed: the given secret values wherever they appear, plus anything
 * that looks like a bearer token, a token field or a JWT, in JSON-escaped string literals too
 * (`\/`, `\"`, `\u002d` would otherwise hide a known token from the match).
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  // Escaped literals first: read raw, a backslash would end (or split) the value a pattern sees.
  const unescaped = !text.includes('\\') ? text : text.replace(STRING_LITERAL, (literal) => {
    if (!literal.includes('\\')) {
      return literal;
    }
    let decoded: string;
    try {
      decoded = JSON.parse(literal) as string;
    } catch {
      return literal;
    }
    const redacted = redactPlain(decoded, secrets);
    return redacted === decoded ? literal : JSON.stringify(redacted);
  });
  // A literal cut short (a body bounded mid-string) or with unbalanced quotes is not matched above:
  // a known secret written with JSON escapes is looked for wherever it is.
  const escapedSecrets = !unescaped.includes('\\') ? unescaped : secrets.reduce((result, secret) => (secret.length >= 8 ? result.replace(escapedForm(secret), REDACTED) : result), unescaped);
  return redactPlain(escapedSecrets, secrets);
}

const ESCAPED_FORMS = new Map<string, RegExp>();

/** `secret` with any of its characters written as a JSON escape (`\u002d`, `\/`), once or more times over. */
function escapedForm(secret: string): RegExp {
  let pattern = ESCAPED_FORMS.get(secret);
  if (pattern === undefined) {
    const source = secret.split('').map((char) => {
      const hex = [...char.charCodeAt(0).toString(16).padStart(4, '0')].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('');
      const plain = char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
      return `(?:${plain}|\\\\+u${hex}${'/"\\'.includes(char) ? `|\\\\+${plain}` : ''})`;
    }).join('');
    pattern = new RegExp(source, 'g');
    // Few secrets are ever given (the refresh token, the latest access tokens); the cache stays small.
    if (ESCAPED_FORMS.size >= 32) {
      ESCAPED_FORMS.clear();
    }
    ESCAPED_FORMS.set(secret, pattern);
  }
  return pattern;
}

function redactPlain(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real tokens are long.
    if (secret.length >= 8 && result.includes(secret)) {
      result = result.split(secret).join(REDACTED);
    }
  }
  // A URL's password (a webhook's target may carry one) is a credential too.
  result = hideUrlCredentials(result, REDACTED);
  // A header line quoted in text (a cURL, an error) hides what the header would.
  result = maskCredentialHeaderLines(result, hideWhole);
  if (!MIGHT_HOLD_TOKEN.test(result)) {
    return result;
  }
  for (const [pattern, replacement] of PATTERNS) {
    result = result.replace(pattern, replacement as string);
  }
  return result;
}

/**
 * Headers with every credential hidden: Authorization and Proxy-Authorization down to their scheme
 * (`Bearer ***`), cookies down to their names, API-key headers whole (`credentialHeaderKind`, the
 * rule captured traffic keeps too); the other values redacted of tokens and `secrets`.
 */
export function redactHeaders(headers: Readonly<Record<string, string | readonly string[]>>, secrets: readonly string[] = []): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const kind = credentialHeaderKind(name);
    result[name] = kind !== undefined ? maskCredentialHeader(kind, value, hideWhole) : redact(typeof value === 'string' ? value : value.join(', '), secrets);
  }
  return result;
}

function hideWhole(): string {
  return REDACTED;
}
