// Tokens in captured traffic are shortened to `…` plus their last 4 characters: enough to tell
// two tokens apart while debugging, useless to anyone reading a log. Behind the recording proxy
// they are real OTO credentials, so this runs on every header, body and URL before it is kept.
import { createHmac, randomBytes } from 'node:crypto';
import { hideUrlCredentials, mightHoldUrlCredentials } from '../client/engine/urlCredentials';

const ELLIPSIS = '…';

/** `…` and the last 4 characters; short values (not real tokens) lose all of them. */
export function shortenToken(token: string): string {
  return token.length > 8 ? `${ELLIPSIS}${token.slice(-4)}` : ELLIPSIS;
}

// A webhook's secretKey and authorizationKey (OTO's management API sends and lists them in clear) too.
const TOKEN_NAME = '(?:access_token|refresh_token|accessToken|refreshToken|id_token|secretKey|authorizationKey)';
// The name, its quotes however deeply JSON-escaped (`"`, `\"`, `\\\"`), then `:` or `=`. The value
// stops at a quote or backslash, so an escaped form keeps its closing `\"`; `\/` (JSON may escape
// slashes) stays part of it.
const NAMED = new RegExp(`((?:\\\\*")?${TOKEN_NAME}(?:\\\\*")?\\s*[:=]\\s*(?:\\\\*")?)(?!${ELLIPSIS}|null\\b)((?:\\\\/|[^"\\\\\\s,&;}])+)`, 'g');
// A bearer value is token-like (8 characters or more) and does not take a sentence's full stop.
const BEARER = new RegExp(`(\\bBearer\\s+)(?!${ELLIPSIS})([^\\s"',;\\\\]{7,}[^\\s"',;.\\\\])`, 'gi');
// A JWT (OTO's access tokens) or a sandbox token wherever it appears, however it is labelled.
const BARE = /\beyJ[\w-]*\.[\w-]+\.[\w-]*|\bsandbox-(?:rt|at)-[0-9a-f]{16,}/g;

/** Every pattern needs one of these; most bodies have none and skip the patterns. */
const MIGHT_HOLD_TOKEN = /token|bearer|eyJ|sandbox-|secretKey|authorizationKey/i;

export function mightHoldToken(text: string): boolean {
  return MIGHT_HOLD_TOKEN.test(text) || mightHoldUrlCredentials(text);
}

/**
 * `text` with every token shortened: named fields (JSON, escaped JSON, form), bearer values, JWTs,
 * and the password of a URL (`http://user:…@host`: a webhook's target may carry one).
 */
export function shortenTokens(text: string): string {
  const shortened = !MIGHT_HOLD_TOKEN.test(text) ? text : text
    .replace(NAMED, (_match, prefix: string, value: string) => prefix + shortenToken(value))
    .replace(BEARER, (_match, prefix: string, value: string) => prefix + shortenToken(value))
    .replace(BARE, (token) => shortenToken(token));
  return hideUrlCredentials(shortened, ELLIPSIS);
}

/**
 * An Authorization value as kept: `Bearer …abcd`; a bare credential `…abcd`. A Basic credential
 * keeps nothing but its scheme: the last characters of `user:password` in base64 are the
 * password's last characters.
 */
export function shortenAuthorization(value: string): string {
  const match = /^(\S+)\s+(\S+)$/.exec(value.trim());
  if (!match) {
    return shortenToken(value.trim());
  }
  return match[1].toLowerCase() === 'basic' ? `${match[1]} ${ELLIPSIS}` : `${match[1]} ${shortenToken(match[2])}`;
}

/**
 * Headers whose whole value is a credential, however it looks (lower case, as Node gives names).
 * A Set, so telling them from the others costs one lookup per header on every captured request.
 */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set([
  'x-api-key', 'api-key', 'apikey', 'x-apikey', 'x-auth-token', 'x-access-token', 'x-refresh-token', 'x-session-token',
  'x-csrf-token', 'x-xsrf-token', 'x-amz-security-token', 'x-goog-api-key', 'ocp-apim-subscription-key', 'x-functions-key',
]);

/** `a=secret1; b=secret2` → `a=…ret1; b=…ret2`: which cookies were sent stays readable, their values do not. */
function shortenCookiePairs(text: string): string {
  return text.split(';').map((pair) => {
    const equals = pair.indexOf('=');
    return equals < 0 ? pair : `${pair.slice(0, equals + 1)}${shortenToken(pair.slice(equals + 1).trim())}`;
  }).join(';');
}

/** One Set-Cookie value: the cookie's value shortened, its attributes (Path, Expires, HttpOnly) kept. */
function shortenSetCookie(text: string): string {
  const semicolon = text.indexOf(';');
  return semicolon < 0 ? shortenCookiePairs(text) : shortenCookiePairs(text.slice(0, semicolon)) + text.slice(semicolon);
}

/**
 * A header's value as kept in captured traffic, `name` in lower case: Authorization and
 * Proxy-Authorization by `shortenAuthorization`, cookies pair by pair, API-key headers whole, any
 * other value with its tokens shortened. `Set-Cookie` comes as a list (its Expires holds commas).
 */
export function shortenHeader(name: string, value: string | readonly string[]): string {
  if (name === 'set-cookie') {
    return typeof value === 'string' ? shortenSetCookie(value) : value.map(shortenSetCookie).join(', ');
  }
  const text = typeof value === 'string' ? value : value.join(', ');
  if (name === 'authorization' || name === 'proxy-authorization') {
    return shortenAuthorization(text);
  }
  if (name === 'cookie') {
    return shortenCookiePairs(text);
  }
  return CREDENTIAL_HEADERS.has(name) ? shortenToken(text.trim()) : shortenTokens(text);
}

// Fingerprints tie the requests of one client together without keeping its token: an HMAC under a
// key made for this process, so a fingerprint in a log matches nothing after a restart and leads
// back to no token.
const FINGERPRINT_KEY = randomBytes(32);

/**
 * The fingerprints of the tokens seen last: a client sends the same token with every request, and
 * an HMAC per request was the largest single cost of capture. Small, and emptied when full, so the
 * tokens it holds as keys are only recent ones.
 */
const recentFingerprints = new Map<string, string>();
const RECENT_FINGERPRINTS = 64;

/** 16 characters of a keyed hash of `token`: equal for equal tokens within one run, nothing more. */
export function tokenFingerprint(token: string): string {
  let fingerprint = recentFingerprints.get(token);
  if (fingerprint === undefined) {
    fingerprint = createHmac('sha256', FINGERPRINT_KEY).update(token).digest('base64url').slice(0, 16);
    if (recentFingerprints.size >= RECENT_FINGERPRINTS) {
      recentFingerprints.clear();
    }
    recentFingerprints.set(token, fingerprint);
  }
  return fingerprint;
}

/** The token of an `Authorization: Bearer …` value, if it is one. */
export function bearerToken(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
  return match ? match[1] : undefined;
}
