// Tokens in captured traffic are shortened to `…` plus their last 4 characters: enough to tell
// two tokens apart while debugging, useless to anyone reading a log. Behind the recording proxy
// they are real OTO credentials, so this runs on every header, body and URL before it is kept.
import { createHmac, randomBytes } from 'node:crypto';
import { credentialHeaderKind, maskCredentialHeader, maskCredentialHeaderLines, mightHoldCredentialHeaderLine } from '../client/engine/credentialHeaders';
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
  return MIGHT_HOLD_TOKEN.test(text) || mightHoldUrlCredentials(text) || mightHoldCredentialHeaderLine(text);
}

/**
 * `text` with every token shortened: named fields (JSON, escaped JSON, form), bearer values, JWTs,
 * the password of a URL (`http://user:…@host`: a webhook's target may carry one), and the
 * credential of a header line quoted in it (`Cookie: a=…`, `X-Api-Key: …`).
 */
export function shortenTokens(text: string): string {
  const shortened = !MIGHT_HOLD_TOKEN.test(text) ? text : text
    .replace(NAMED, (_match, prefix: string, value: string) => prefix + shortenToken(value))
    .replace(BEARER, (_match, prefix: string, value: string) => prefix + shortenToken(value))
    .replace(BARE, (token) => shortenToken(token));
  return maskCredentialHeaderLines(hideUrlCredentials(shortened, ELLIPSIS), shortenToken);
}

/**
 * An Authorization value as kept: `Bearer …abcd`; a bare credential `…abcd`. A Basic credential
 * keeps nothing but its scheme: the last characters of `user:password` in base64 are the
 * password's last characters.
 */
export function shortenAuthorization(value: string): string {
  return maskCredentialHeader('authorization', value, shortenToken);
}

/**
 * A header's value as kept in captured traffic, `name` in lower case: a credential header (the
 * client's one rule, `credentialHeaderKind`) with its credential shortened, any other value with
 * its tokens shortened. `Set-Cookie` comes as a list (its Expires holds commas).
 */
export function shortenHeader(name: string, value: string | readonly string[]): string {
  const kind = credentialHeaderKind(name);
  if (kind !== undefined) {
    return maskCredentialHeader(kind, value, shortenToken);
  }
  return shortenTokens(typeof value === 'string' ? value : value.join(', '));
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
