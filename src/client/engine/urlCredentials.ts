// A URL may carry a user name and password (`http://user:pass@host/hook`): a webhook's deliveries
// go out with them as Basic auth, so the password is a credential like any token, and a user name
// alone (`https://KEY@host`) is often the key itself.

// The scheme, `//` (JSON may escape the slashes), then the user information up to its `@`.
const USERINFO = /(\b[A-Za-z][A-Za-z0-9+.-]*:(?:\\*\/){2})([^\s/?#@"'<>\\]+)@/g;

/**
 * Whether `text` may hold a URL with credentials: a cheap test before the pattern, which captured
 * traffic runs on every header and body (an order's e-mail addresses alone do not pass it).
 */
export function mightHoldUrlCredentials(text: string): boolean {
  return text.includes('@') && (text.includes('://') || text.includes(':\\'));
}

/** `http://user:pass@host` → `http://user:…@host`; `http://key@host` → `http://…@host`; `mask` replaces `…`. */
export function hideUrlCredentials(text: string, mask = '…'): string {
  if (!mightHoldUrlCredentials(text)) {
    return text;
  }
  return text.replace(USERINFO, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon < 0 ? mask : `${userinfo.slice(0, colon + 1)}${mask}`}@`;
  });
}
