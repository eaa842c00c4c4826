// Turns what a server saw of one request and its answer into a TrafficExchange: tokens shortened,
// bodies cut at the capture limit (their real size kept), JSON parsed only when someone reads it.
import type { CapturedBody, TrafficExchange, TrafficSource } from './exchange';
import { mightHoldToken, shortenAuthorization, shortenTokens } from './tokens';

/** Bodies past this are kept truncated. */
export const BODY_LIMIT_BYTES = 256 * 1024;
/**
 * A request without a valid token keeps at most this much body: anyone can send those, and a
 * thousand 1 MB bodies must not become a gigabyte of the extension host's memory.
 */
export const UNAUTHENTICATED_BODY_LIMIT_BYTES = 4 * 1024;

/** The extension's own client says who it is, so views can show "other clients only". */
export const OWN_USER_AGENT_PREFIX = 'oto-stock-vscode/';

export function isOwnClient(userAgent: string | undefined): boolean {
  return userAgent?.startsWith(OWN_USER_AGENT_PREFIX) ?? false;
}

export type HeaderValues = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/** What a server knows of one exchange once it is over. */
export interface RawExchange {
  readonly startedAt: number;
  readonly source: TrafficSource;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly method: string;
  /** The request target as received (`/rest/v2/x?y=z`). */
  readonly target: string;
  readonly requestHeaders: HeaderValues;
  /** The bytes kept of the body (the server may have stopped reading). */
  readonly requestBody: Buffer | string;
  /** The body's size as it came in, when more than `requestBody` holds. */
  readonly requestBytes?: number;
  /** Whether the request carried a valid token: without one, less of its body is kept. */
  readonly authenticated: boolean;
  /** The body as the server already parsed it, so capture does not parse it twice. */
  readonly parsedRequest?: unknown;
  readonly status?: number;
  readonly responseHeaders?: HeaderValues;
  readonly responseBody?: Buffer | string;
  readonly durationMs: number;
  readonly fault?: string;
}

/** A captured exchange before the store numbers it and the lint judges it. */
export type CapturedExchange = Omit<TrafficExchange, 'id' | 'findings'>;

const API_PREFIX = '/rest/v2/';

/** Defines `json` on `body` as a getter that parses `text` once, on first read. */
function withLazyJson(body: { text: string; bytes: number; truncated: boolean }, known: { value: unknown } | undefined): CapturedBody {
  let parsed = known;
  return Object.defineProperty(body, 'json', {
    enumerable: true,
    get(): unknown {
      if (parsed === undefined) {
        try {
          parsed = { value: body.text.trim() === '' ? undefined : (JSON.parse(body.text) as unknown) };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value;
    },
  });
}

/**
 * A body as kept. `json` is a getter parsing on first read (most exchanges are never opened);
 * `parsed` is the value the server already has, used when shortening tokens changed nothing.
 */
export function captureBody(body: Buffer | string, limit: number, realBytes?: number, parsed?: { value: unknown }): CapturedBody {
  const buffer = typeof body === 'string' ? undefined : body;
  const keptBytes = buffer ? buffer.length : Buffer.byteLength(body as string);
  const bytes = Math.max(realBytes ?? 0, keptBytes);
  const truncated = bytes > limit;
  let raw: string;
  if (keptBytes > limit) {
    // A multi-byte character cut in half decodes to U+FFFD, which is what the text should show.
    raw = (buffer ?? Buffer.from(body as string)).subarray(0, limit).toString('utf8');
  } else {
    raw = buffer ? buffer.toString('utf8') : (body as string);
  }
  const text = mightHoldToken(raw) ? shortenTokens(raw) : raw;
  const kept = { text, bytes, truncated };
  return truncated ? kept : withLazyJson(kept, text === raw ? parsed : undefined);
}

export function captureHeaders(headers: HeaderValues): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) {
      continue;
    }
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    const key = name.toLowerCase();
    result[key] = key === 'authorization' || key === 'proxy-authorization' ? shortenAuthorization(text) : shortenTokens(text);
  }
  return result;
}

/** The error code of an OTO error answer, whichever of OTO's three shapes it has. */
export function otoCodeOf(status: number | undefined, body: CapturedBody | undefined): string | undefined {
  if (status === undefined || !body || (status < 400 && !body.text.includes('"success":false'))) {
    return undefined;
  }
  const json = body.json as Record<string, unknown> | undefined;
  if (json === null || typeof json !== 'object') {
    return undefined;
  }
  for (const field of ['otoErrorCode', 'errorCode', 'code']) {
    const value = json[field];
    if (typeof value === 'string' || typeof value === 'number') {
      return String(value).slice(0, 64);
    }
  }
  return undefined;
}

function splitTarget(target: string): { path: string; query: Record<string, string> } {
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  if (mark < 0) {
    return { path, query: {} };
  }
  try {
    return { path, query: Object.fromEntries(new URLSearchParams(target.slice(mark + 1))) };
  } catch {
    return { path, query: {} };
  }
}

export function captureExchange(raw: RawExchange): CapturedExchange {
  const target = shortenTokens(raw.target);
  const { path, query } = splitTarget(target);
  const requestHeaders = captureHeaders(raw.requestHeaders);
  const userAgent = requestHeaders['user-agent'];
  const limit = raw.authenticated ? BODY_LIMIT_BYTES : UNAUTHENTICATED_BODY_LIMIT_BYTES;
  const requestBody = captureBody(raw.requestBody, limit, raw.requestBytes, 'parsedRequest' in raw ? { value: raw.parsedRequest } : undefined);
  const responseBody = raw.responseBody === undefined ? undefined : captureBody(raw.responseBody, BODY_LIMIT_BYTES);
  const otoCode = otoCodeOf(raw.status, responseBody);
  return {
    startedAt: raw.startedAt,
    source: raw.source,
    client: {
      address: raw.remoteAddress,
      port: raw.remotePort,
      ...(userAgent !== undefined ? { userAgent } : {}),
      own: isOwnClient(userAgent),
    },
    method: raw.method,
    path,
    endpoint: path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length).replace(/\/$/, '') : '',
    query,
    target,
    requestHeaders,
    requestBody,
    ...(raw.status !== undefined ? { status: raw.status } : {}),
    ...(raw.responseHeaders ? { responseHeaders: captureHeaders(raw.responseHeaders) } : {}),
    ...(responseBody ? { responseBody } : {}),
    durationMs: raw.durationMs,
    ...(otoCode !== undefined ? { otoCode } : {}),
    ...(raw.fault !== undefined ? { fault: raw.fault } : {}),
  };
}
