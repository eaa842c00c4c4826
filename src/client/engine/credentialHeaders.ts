// Which HTTP headers carry a credential, and which part of each: the one rule for every place a
// header is shown or kept. The client's `redactHeaders` hides those parts entirely (`***`); the
// traffic core (the sandbox's and the recording proxy's capture, the Webhook Inbox's documents)
// shortens them to their last characters. Only the mask differs, never which headers or parts.

/**
 * Headers whose whole value is a credential, however it looks (lower case, as Node gives names).
 * A Set, so telling them from the others costs one lookup per header on every captured request.
 */
const WHOLE_VALUE: ReadonlySet<string> = new Set([
  'x-api-key', 'api-key', 'apikey', 'x-apikey', 'x-auth-token', 'x-access-token', 'x-refresh-token', 'x-session-token',
  'x-csrf-token', 'x-xsrf-token', 'x-amz-security-token', 'x-goog-api-key', 'ocp-apim-subscription-key', 'x-functions-key',
]);

/** How a header carries its credential; undefined for a header that names none. */
export type CredentialHeaderKind =
  /** `Scheme credential`: the scheme stays (a Basic credential's last characters are the password's: it keeps nothing). */
  | 'authorization'
  /** `name=value; name=value`: the names stay. */
  | 'cookie'
  /** `name=value; Path=/; HttpOnly`: the name and the attributes stay. */
  | 'setCookie'
  /** The whole value. */
  | 'whole';

export function credentialHeaderKind(name: string): CredentialHeaderKind | undefined {
  const lower = name.toLowerCase();
  switch (lower) {
    case 'authorization':
    case 'proxy-authorization':
      return 'authorization';
    case 'cookie':
      return 'cookie';
    case 'set-cookie':
      return 'setCookie';
    default:
      return WHOLE_VALUE.has(lower) ? 'whole' : undefined;
  }
}

/** Hides a credential: `***`, or `…` and its last characters. */
export type CredentialMask = (credential: string) => string;

function maskAuthorization(value: string, mask: CredentialMask): string {
  const match = /^(\S+)\s+(\S+)$/.exec(value.trim());
  if (!match) {
    return mask(value.trim());
  }
  return match[1].toLowerCase() === 'basic' ? `${match[1]} ${mask('')}` : `${match[1]} ${mask(match[2])}`;
}

/** `a=secret1; b=secret2` → `a=<mask>; b=<mask>`: which cookies were sent stays readable, their values do not. */
function maskCookiePairs(text: string, mask: CredentialMask): string {
  return text.split(';').map((pair) => {
    const equals = pair.indexOf('=');
    return equals < 0 ? pair : `${pair.slice(0, equals + 1)}${mask(pair.slice(equals + 1).trim())}`;
  }).join(';');
}

/** One Set-Cookie value: the cookie's value masked, its attributes (Path, Expires, HttpOnly) kept. */
function maskSetCookie(text: string, mask: CredentialMask): string {
  const semicolon = text.indexOf(';');
  return semicolon < 0 ? maskCookiePairs(text, mask) : maskCookiePairs(text.slice(0, semicolon), mask) + text.slice(semicolon);
}

/**
 * The value of a credential header of `kind` with its credential parts masked. `Set-Cookie` may
 * come as a list (its Expires holds commas, so the values are not joined before masking).
 */
export function maskCredentialHeader(kind: CredentialHeaderKind, value: string | readonly string[], mask: CredentialMask): string {
  if (kind === 'setCookie') {
    return typeof value === 'string' ? maskSetCookie(value, mask) : value.map((one) => maskSetCookie(one, mask)).join(', ');
  }
  const text = typeof value === 'string' ? value : value.join(', ');
  switch (kind) {
    case 'authorization':
      return maskAuthorization(text, mask);
    case 'cookie':
      return maskCookiePairs(text, mask);
    case 'whole':
      return mask(text.trim());
  }
}

const HEADER_NAMES = ['proxy-authorization', 'authorization', 'set-cookie', 'cookie', ...WHOLE_VALUE].map((name) => name.replace(/-/g, '\\-')).join('|');
/** `Cookie: a=b` as a header line in text (a cURL's `-H "…"`, an error quoting a request): up to the line's or the quote's end. */
const HEADER_LINE = new RegExp(`(?<![\\w-])(${HEADER_NAMES})(\\s*:[ \\t]*)([^\\r\\n"'\\\\]+)`, 'gi');
/** Every header line above has one of these; most texts have none, and skip the pattern. */
const MIGHT_HOLD_HEADER_LINE = /authorization|cookie|api-?key|subscription-key|functions-key|token/i;

/** Whether `text` may quote a credential header's line: a cheap test before the pattern. */
export function mightHoldCredentialHeaderLine(text: string): boolean {
  return MIGHT_HOLD_HEADER_LINE.test(text);
}

/** `text` with the credential of each header line in it masked as the header itself would be. */
export function maskCredentialHeaderLines(text: string, mask: CredentialMask): string {
  if (!mightHoldCredentialHeaderLine(text)) {
    return text;
  }
  return text.replace(HEADER_LINE, (match, name: string, colon: string, value: string) => {
    const kind = credentialHeaderKind(name) ?? 'whole';
    const credential = value.trimEnd();
    // Prose that names a header ("Authorization: missing", "Cookie: none") keeps its word; a
    // bearer value is the token patterns' (which keep its last characters where traffic is kept).
    const shaped = kind === 'authorization' ? /^(?!bearer\s)\S+\s+\S/i.test(credential) : kind === 'whole' ? !/^[A-Za-z][a-z]*$/.test(credential) : credential.includes('=');
    return shaped ? `${name}${colon}${maskCredentialHeader(kind, credential, mask)}${value.slice(credential.length)}` : match;
  });
}
