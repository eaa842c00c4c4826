// Turns what a server saw of one request and its answer into a TrafficExchange: tokens shortened,
// bodies cut at the capture limit (their real size kept), JSON parsed only when someone reads it.
import type { CapturedBody, Finding, TokenGrant, TrafficExchange, TrafficSource } from './exchange';
import { bearerToken, mightHoldToken, shortenAuthorization, shortenHeader, shortenTokens, tokenFingerprint } from './tokens';
import { API_PREFIX, ENDPOINT_NAMES, WEBHOOK_ENDPOINT } from '../oto';
import { withinDepth } from '../common/json/depth';
import { decoderFor } from '../common/text/charset';
import { roughKey } from './bodyIdentity';

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
  /** Its query as the server already parsed it, so capture does not parse it twice. */
  readonly query?: Readonly<Record<string, string>>;
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

/** A captured exchange before the store numbers it and the lint judges it (`id` and `findings` are overwritten). */
export type CapturedExchange = Omit<TrafficExchange, 'id' | 'findings'> & Partial<Pick<TrafficExchange, 'id' | 'findings'>>;

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);


/** The body's JSON; `undefined` when it is not JSON, or nested too deep to keep as JSON (`withinDepth`). */
function parse(text: string): unknown {
  try {
    const value = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
    return withinDepth(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A body as kept; `json` parses on first read (most exchanges are never opened). A request body
 * keeps its parse (the lint reads it on every later request, from the value the server already
 * parsed when shortening tokens changed nothing), and the store counts it (`keptCost`); a response
 * body parses on each read instead, so a parse nobody counted never stays. A class, so every body
 * has one shape and the getter lives on the prototype: capture runs on every request.
 */
class KeptBody implements CapturedBody {
  private parsed: { value: unknown } | undefined;
  /** `bodyKey`'s, once made (`null`: not JSON). */
  key: number | null | undefined = undefined;

  constructor(
    readonly text: string,
    readonly bytes: number,
    readonly truncated: boolean,
    known: { value: unknown } | undefined,
    readonly keepsParse: boolean,
  ) {
    this.parsed = truncated ? { value: undefined } : keepsParse ? known : undefined;
  }

  get json(): unknown {
    if (this.parsed !== undefined) {
      return this.parsed.value;
    }
    const value = parse(this.text);
    if (this.keepsParse) {
      this.parsed = { value };
    }
    return value;
  }

  /** What a JSONL line holds: the prototype's getter would be left out otherwise. */
  toJSON(): CapturedBody {
    const json = this.json;
    return { text: this.text, bytes: this.bytes, truncated: this.truncated, ...(json === undefined ? {} : { json }) };
  }
}

/**
 * What a kept body costs in memory, for the store's byte bound: its text at two bytes a character,
 * and three more a character for a parse kept beside it (a parsed JSON value takes a little more
 * than its text: test/unit/traffic/storeMemory.test.ts measures it).
 */
export function keptCost(body: CapturedBody | undefined): number {
  if (!body) {
    return 0;
  }
  const keepsParse = body instanceof KeptBody ? body.keepsParse && !body.truncated : body.json !== undefined;
  return (keepsParse ? 5 : 2) * body.text.length;
}

// Bodies that capture did not make (read back from a log, built by a test) keep their key here.
const otherKeys = new WeakMap<CapturedBody, number | null>();

/**
 * The `roughKey` of the body's parsed JSON (`null` when it has none), made once per body: the
 * duplicate-write check compares a write with every earlier one in its window (a bulk import: a
 * thousand), so the key is a field of the body rather than a lookup (a WeakMap lookup per earlier
 * write was half the check's cost).
 */
export function bodyKey(body: CapturedBody): number | null {
  const kept = body instanceof KeptBody ? body : undefined;
  let key = kept ? kept.key : otherKeys.get(body);
  if (key === undefined) {
    const { json } = body;
    key = json === undefined ? null : roughKey(json);
    if (kept) {
      kept.key = key;
    } else {
      otherKeys.set(body, key);
    }
  }
  return key;
}

/** A parse too deep to keep (`withinDepth`): the body is kept as its text. */
const NOT_KEPT_AS_JSON = Object.freeze({ value: undefined });

/** The body of every request that has none (most reads): one object for all of them, not one each. */
const NO_REQUEST_BODY = new KeptBody('', 0, false, { value: undefined }, true);

/** `keepParse`: keep the parse once made (request bodies, which the lint reads again and again). */
export function captureBody(body: Buffer | string, limit: number, realBytes?: number, parsed?: { value: unknown }, keepParse = false): CapturedBody {
  if (body.length === 0 && keepParse && realBytes === undefined && parsed?.value === undefined) {
    return NO_REQUEST_BODY;
  }
  const buffer = typeof body === 'string' ? undefined : body;
  const keptBytes = buffer ? buffer.length : Buffer.byteLength(body);
  const bytes = Math.max(realBytes ?? 0, keptBytes);
  let raw: string;
  if (keptBytes > limit) {
    // A multi-byte character cut in half decodes to U+FFFD, which is what the text should show.
    raw = (buffer ?? Buffer.from(body as string)).subarray(0, limit).toString('utf8');
  } else {
    raw = buffer ? buffer.toString('utf8') : (body as string);
  }
  const text = mightHoldToken(raw) ? shortenTokens(raw) : raw;
  const known = text !== raw ? undefined : parsed === undefined || withinDepth(parsed.value) ? parsed : NOT_KEPT_AS_JSON;
  return new KeptBody(text, bytes, bytes > limit, known, keepParse);
}

/** What an `Authorization` value is kept as, and the fingerprint of its bearer token. */
interface KeptAuthorization {
  readonly shortened: string;
  readonly token: string | undefined;
}

/**
 * The Authorization values seen last: a client sends the same one with every request, and
 * shortening and fingerprinting it each time was a good part of capture's cost. Small, and
 * emptied when full, like the fingerprints' own memo (tokens.ts).
 */
const recentAuthorizations = new Map<string, KeptAuthorization>();
const RECENT_AUTHORIZATIONS = 64;

function keptAuthorization(value: string): KeptAuthorization {
  let kept = recentAuthorizations.get(value);
  if (kept === undefined) {
    const bearer = bearerToken(value);
    kept = { shortened: shortenAuthorization(value), token: bearer === undefined ? undefined : tokenFingerprint(bearer) };
    if (recentAuthorizations.size >= RECENT_AUTHORIZATIONS) {
      recentAuthorizations.clear();
    }
    recentAuthorizations.set(value, kept);
  }
  return kept;
}

export function captureHeaders(headers: HeaderValues): Record<string, string> {
  const result: Record<string, string> = {};
  // `for…in` rather than Object.entries: no array per header, on every request.
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || !Object.prototype.hasOwnProperty.call(headers, name)) {
      continue;
    }
    const key = name.toLowerCase();
    const kept = typeof value === 'string' || Array.isArray(value) ? (value as string | readonly string[]) : String(value);
    result[key] = key === 'authorization' && typeof kept === 'string' ? keptAuthorization(kept).shortened : shortenHeader(key, kept);
  }
  return result;
}

/**
 * The headers of the sandbox's own JSON answers, as captured, by Content-Length: nearly every
 * answer has just these two, and a record of them per exchange was an object and two token scans
 * for nothing. Shared and frozen; small, and emptied when full.
 */
const jsonAnswerHeaders = new Map<string, Readonly<Record<string, string>>>();
const JSON_ANSWER_HEADERS = 256;
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function captureResponseHeaders(headers: HeaderValues): Readonly<Record<string, string>> {
  const length = headers['Content-Length'];
  if (typeof length !== 'string' || headers['Content-Type'] !== JSON_CONTENT_TYPE) {
    return captureHeaders(headers);
  }
  for (const name in headers) {
    if (name !== 'Content-Type' && name !== 'Content-Length') {
      return captureHeaders(headers);
    }
  }
  let kept = jsonAnswerHeaders.get(length);
  if (kept === undefined) {
    kept = Object.freeze(captureHeaders(headers));
    if (jsonAnswerHeaders.size >= JSON_ANSWER_HEADERS) {
      jsonAnswerHeaders.clear();
    }
    jsonAnswerHeaders.set(length, kept);
  }
  return kept;
}

/**
 * `success: false` as any server writes it: OTO's documentation spaces it (`"success": false`), a
 * pretty-printing upstream breaks lines. Tested on the text, so a 2xx body is parsed only when it
 * may be a refusal.
 */
const SUCCESS_FALSE = /"success"\s*:\s*false/;

/** The error code of an OTO error answer, whichever of OTO's three shapes it has. */
export function otoCodeOf(status: number | undefined, body: CapturedBody | undefined): string | undefined {
  if (status === undefined || !body || (status < 400 && !SUCCESS_FALSE.test(body.text))) {
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

/**
 * OTO's endpoint names as the literals of its table: an endpoint cut out of a request's path is a
 * slice of it, and comparing slices is several times slower than comparing one string with itself,
 * which the lint does for every earlier exchange it looks back at.
 */
const CANONICAL_ENDPOINTS = new Map<string, string>([...ENDPOINT_NAMES, WEBHOOK_ENDPOINT.name].map((name) => [name, name]));

function endpointOf(sent: string): string {
  const path = resolvedPath(sent);
  if (!path.startsWith(API_PREFIX)) {
    return '';
  }
  const name = path.slice(API_PREFIX.length).replace(/\/$/, '');
  return CANONICAL_ENDPOINTS.get(name) ?? name;
}

/**
 * A target's path as a server resolves it, for its endpoint: an absolute-form target (`GET
 * http://host/rest/v2/x`, as clients send through a proxy, `curl -x`) and dot segments
 * (`/rest/v2/a/../x`) name the endpoint the server answered, and the CLI's line, the log and the
 * lint must say that one. The path itself stays as sent (a webhook delivery's is its whole URL).
 */
function resolvedPath(path: string): string {
  if (path.startsWith('/') && !path.includes('/.')) {
    return path;
  }
  try {
    return new URL(path, 'http://127.0.0.1').pathname;
  } catch {
    return path;
  }
}

function splitTarget(target: string, parsed: Readonly<Record<string, string>> | undefined): { path: string; query: Readonly<Record<string, string>> } {
  const mark = target.indexOf('?');
  const path = mark < 0 ? target : target.slice(0, mark);
  if (mark < 0) {
    return { path, query: {} };
  }
  if (parsed) {
    return { path, query: parsed };
  }
  try {
    return { path, query: Object.fromEntries(new URLSearchParams(target.slice(mark + 1))) };
  } catch {
    return { path, query: {} };
  }
}

function headerText(value: HeaderValues[string]): string | undefined {
  return value === undefined ? undefined : Array.isArray(value) ? value.join(', ') : String(value);
}

function jsonField(body: Buffer | string | undefined, parsed: unknown, field: string): string | undefined {
  let value = parsed;
  if (value === undefined && body !== undefined) {
    value = parse(typeof body === 'string' ? body : body.toString('utf8'));
  }
  const found = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/** Which refresh token a refreshToken call used and which access token it got, as fingerprints. */
function grantOf(raw: RawExchange): TokenGrant | undefined {
  const refreshToken = jsonField(raw.requestBody, raw.parsedRequest, 'refresh_token');
  const accessToken = raw.status !== undefined && raw.status < 300 ? jsonField(raw.responseBody, undefined, 'access_token') : undefined;
  return refreshToken === undefined && accessToken === undefined
    ? undefined
    : { ...(refreshToken ? { refreshToken: tokenFingerprint(refreshToken) } : {}), ...(accessToken ? { accessToken: tokenFingerprint(accessToken) } : {}) };
}

/**
 * A request body as its client meant it: bytes (the recording proxy's, forwarded as they came) in
 * the charset their Content-Type names, after a BOM, so the journal and the lint read the SKU sent
 * (`charset=windows-1256`), not mojibake. Bytes in a charset no decoder knows stay UTF-8.
 */
function requestText(raw: RawExchange): Buffer | string {
  const body = raw.requestBody;
  if (typeof body === 'string' || body.length === 0) {
    return body;
  }
  const decode = decoderFor(headerText(raw.requestHeaders['content-type']));
  return decode ? decode(body) : body;
}

/**
 * The exchange, numbered 0 and without findings until the store numbers and judges it. Every
 * field is present (absent ones `undefined`), so all exchanges share one shape: the lint reads
 * hundreds of them per request.
 */
export function captureExchange(raw: RawExchange): TrafficExchange {
  const target = shortenTokens(raw.target);
  // The server's parse of the query holds the tokens that shortening just took out of the target.
  const { path, query } = splitTarget(target, target === raw.target ? raw.query : undefined);
  const requestHeaders = captureHeaders(raw.requestHeaders);
  const userAgent = requestHeaders['user-agent'];
  const limit = raw.authenticated ? BODY_LIMIT_BYTES : UNAUTHENTICATED_BODY_LIMIT_BYTES;
  const requestBody = captureBody(requestText(raw), limit, raw.requestBytes, 'parsedRequest' in raw ? { value: raw.parsedRequest } : undefined, true);
  const responseBody = raw.responseBody === undefined ? undefined : captureBody(raw.responseBody, BODY_LIMIT_BYTES);
  const authorization = headerText(raw.requestHeaders.authorization);
  const endpoint = endpointOf(path);
  return {
    id: 0,
    startedAt: raw.startedAt,
    source: raw.source,
    client: { address: raw.remoteAddress, port: raw.remotePort, userAgent, own: isOwnClient(userAgent), token: authorization === undefined ? undefined : keptAuthorization(authorization).token, family: undefined },
    method: raw.method,
    path,
    endpoint,
    query,
    target,
    requestHeaders,
    requestBody,
    status: raw.status,
    responseHeaders: raw.responseHeaders ? captureResponseHeaders(raw.responseHeaders) : undefined,
    responseBody,
    durationMs: raw.durationMs,
    otoCode: otoCodeOf(raw.status, responseBody),
    fault: raw.fault,
    grant: endpoint === 'refreshToken' ? grantOf(raw) : undefined,
    findings: NO_FINDINGS,
  };
}
