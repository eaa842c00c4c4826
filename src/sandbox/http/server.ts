// The HTTP side: parses requests, applies latency and faults, checks tokens and dispatches to the
// endpoints. Plain node:http, so it runs anywhere the extension host runs.
import * as http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiRequest } from '../endpoints/api';
import { ExchangeTap, refusedExchange } from './capture';
import { bodyDecoder, type BodyDecoder } from './bodyText';
import { isUtf8Text, utf8 } from '../../common/text/charset';
import { ApiFailure, gatewayFailure, genericFailureBody, jwtExpired, otoFailure } from './errors';
import { applyLimits, drained, serverOptions, type Refusal } from '../../common/serverLimits';
import { allows, type Route } from './routes';
import type { Accounts, SandboxAccount } from '../control/accounts';
import type { Fault, SandboxLimits } from '../types';
import { API_PREFIX } from '../../oto';

export { API_PREFIX };
/** The control room's calls (`/__oto/…`): outside the API, so an ERP's base URL never reaches them. */
const CONTROL_PATH = '/__oto';

/** A request without a valid access token carries at most this much body (a refresh token). */
export const UNAUTHORIZED_BODY_BYTES = 16_384;

export interface ServerContext {
  /** Each request acts on the account its token belongs to (state, tokens, faults, latency, dialect, journal). */
  accounts: Accounts;
  limits: Required<SandboxLimits>;
  /** Aborted when the sandbox closes: pending delays end and hanging requests are dropped. */
  closing: AbortSignal;
  /** Whether exchanges are captured into the accounts' journals. */
  capture: boolean;
  /** The sandbox's clock, which exchanges are timed by. */
  clock: () => number;
  /** Answers the control calls under `/__oto`, which are never captured nor linted. */
  control?: (incoming: http.IncomingMessage, response: http.ServerResponse) => void;
}

interface Reply {
  status: number;
  /** Already serialised: a fault may send a body that is not JSON. */
  body: string;
  /** Headers the answer itself needs (a 405's `Allow`), under a fault's own. */
  headers?: Record<string, string>;
}

const NOT_JSON = Symbol('not JSON');

/** The body as text (UTF-8 unless `decode` says otherwise), or a 413 failure once a body past `limit` has come in (see `drained`). */
export function readBody(request: http.IncomingMessage, limit: number, decode: BodyDecoder = (bytes) => bytes.toString('utf8')): Promise<string> {
  const tooLarge = (): ApiFailure => gatewayFailure(413, `Request body too large: at most ${limit} bytes`);
  if (Number(request.headers['content-length']) > limit) {
    return drained(request).then(() => Promise.reject(tooLarge()));
  }
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (chunks && size > limit) {
        chunks = undefined;
      }
      chunks?.push(chunk);
    });
    request.on('end', () => (chunks ? resolve(decode(Buffer.concat(chunks))) : reject(tooLarge())));
    request.on('error', reject);
  });
}

interface Target {
  pathname: string;
  query: Record<string, string>;
}

/** Letters after the API prefix and a query without a fragment: what the URL parser would leave as it is. */
const PLAIN_TARGET = new RegExp(`^${API_PREFIX.replace(/\//g, '\\/')}[A-Za-z]+\\/?(?:\\?[^#]*)?$`);

/**
 * A query as `Object.fromEntries(new URLSearchParams(query))` makes it. One with nothing to decode
 * (no `%`, no `+`: an ERP's `?sku=A,B`) is split here, without the URLSearchParams object and the
 * array of pairs; a `__proto__` name goes through the parser, where it stays an own field.
 */
export function queryOf(query: string): Record<string, string> {
  if (query.includes('%') || query.includes('+') || query.includes('__proto__')) {
    return Object.fromEntries(new URLSearchParams(query));
  }
  const result: Record<string, string> = {};
  let from = 0;
  while (from <= query.length) {
    let to = query.indexOf('&', from);
    if (to < 0) {
      to = query.length;
    }
    if (to > from) {
      const equals = query.indexOf('=', from);
      if (equals < 0 || equals > to) {
        result[query.slice(from, to)] = '';
      } else {
        result[query.slice(from, equals)] = query.slice(equals + 1, to);
      }
    }
    from = to + 1;
  }
  return result;
}

/**
 * The request target's path and query. An endpoint's own target is split as it is, without
 * building a URL (that was a good part of a request's cost); anything else goes through the URL
 * parser (dot segments, encodings), and Node passes on targets such as `//[` that are none.
 */
/**
 * Refuses a query whose percent-encoding is not UTF-8 (`sku=%FF`, a cut `%D8%A`): URLSearchParams
 * would turn it into U+FFFD and the call would answer for a SKU nobody sent.
 */
function checkEncoding(query: string): void {
  for (const pair of query.split('&')) {
    try {
      decodeURIComponent(pair.replace(/\+/g, ' '));
    } catch {
      throw gatewayFailure(400, `Bad query: ${pair.slice(0, 60)} is not percent-encoded UTF-8 (each byte as %XX, a SKU تمر as %D8%AA%D9%85%D8%B1; a % itself as %25)`);
    }
  }
}

function targetOf(incoming: http.IncomingMessage): Target {
  const target = incoming.url ?? '/';
  const mark = target.indexOf('?');
  if (mark >= 0 && target.includes('%', mark)) {
    checkEncoding(target.slice(mark + 1).split('#')[0]);
  }
  if (PLAIN_TARGET.test(target)) {
    const mark = target.indexOf('?');
    return mark < 0 ? { pathname: target, query: {} } : { pathname: target.slice(0, mark), query: queryOf(target.slice(mark + 1)) };
  }
  try {
    const url = new URL(target, 'http://127.0.0.1');
    return { pathname: url.pathname, query: Object.fromEntries(url.searchParams) };
  } catch {
    throw gatewayFailure(400, 'Bad request target');
  }
}

/** No Content-Length and no Transfer-Encoding: HTTP says there is no body, so none is waited for. */
function bodiless(incoming: http.IncomingMessage): boolean {
  return incoming.headers['content-length'] === undefined && incoming.headers['transfer-encoding'] === undefined;
}

function parseBody(text: string): unknown {
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** A 404's words, naming the endpoint meant when only case or extra slashes differ (`checkinventorystock`, `/checkInventoryStock`). */
function noEndpoint(endpoint: string, table: Record<string, Route>): string {
  const wanted = endpoint.replace(/^\/+|\/+$/g, '').toLowerCase();
  const meant = Object.keys(table).find((name) => name.toLowerCase() === wanted);
  return meant === undefined ? `No endpoint ${endpoint}` : `No endpoint ${endpoint}: did you mean ${API_PREFIX}${meant}? (paths are case-sensitive)`;
}

function answer(route: Route | undefined, account: SandboxAccount, request: ApiRequest, authorized: boolean): Reply {
  try {
    if (!route) {
      throw gatewayFailure(404, request.endpoint === '' ? `No endpoint here: OTO's endpoints are under ${API_PREFIX} (e.g. ${API_PREFIX}healthCheck)` : noEndpoint(request.endpoint, account.routes));
    }
    if (!allows(route, request.method)) {
      // RFC 9110 §15.5.6: a 405 names the methods the target has, and strict clients read it.
      const methods = [route.method].flat();
      const failure = gatewayFailure(405, `${request.endpoint} expects ${methods.join(' or ')}`);
      return { status: failure.status, body: JSON.stringify(failure.body), headers: { Allow: methods.join(', ') } };
    }
    if (route.auth && !authorized) {
      throw jwtExpired();
    }
    if (request.body === NOT_JSON) {
      throw otoFailure('OTO1075');
    }
    const body = JSON.stringify(route.handle(account.state, request));
    if (route.writes) {
      account.changed();
    }
    return { status: 200, body };
  } catch (error) {
    if (error instanceof ApiFailure) {
      return { status: error.status, body: JSON.stringify(error.body) };
    }
    return { status: 500, body: JSON.stringify(otoFailure('OTO1081', 500).body) };
  }
}

function faultReply(fault: Fault): Reply | undefined {
  if (fault.status === undefined && fault.body === undefined) {
    return undefined;
  }
  const status = fault.status ?? 200;
  return { status, body: fault.body ?? JSON.stringify(genericFailureBody(status)) };
}

function send(response: http.ServerResponse, reply: Reply, headers: Record<string, string> = {}, tap?: ExchangeTap): void {
  const sent = { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(reply.body)), ...headers };
  response.writeHead(reply.status, sent);
  response.end(reply.body);
  tap?.answer(reply.status, sent, reply.body);
}

/** Which account a request acts on; settled once its token (or refresh token) is read. */
interface Chosen {
  account: SandboxAccount;
}

/** What is settled about a request before its body is read. */
interface Arrival {
  incoming: http.IncomingMessage;
  response: http.ServerResponse;
  chosen: Chosen;
  tap: ExchangeTap | undefined;
  endpoint: string;
  query: Record<string, string>;
  method: string;
  authorized: boolean;
  account: SandboxAccount;
  route: Route | undefined;
}

export function createServer(context: ServerContext): http.Server {
  // Synchronous until a body must be read or a delay waited for: most requests (reads without a
  // latency) are answered without a Promise.
  const handle = (incoming: http.IncomingMessage, response: http.ServerResponse, chosen: Chosen, tap?: ExchangeTap): Promise<void> | void => {
    const url = targetOf(incoming);
    const endpoint = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length).replace(/\/$/, '') : '';
    // The token is checked before any body is kept: a request that will be refused anyway (no
    // such endpoint, wrong method, no valid token) has its body dropped unread.
    const issuer = context.accounts.byAuthorization(incoming.headers.authorization);
    const authorized = issuer?.alive === true;
    const account = issuer?.account ?? context.accounts.default;
    const table = account.routes;
    const route = Object.prototype.hasOwnProperty.call(table, endpoint) ? table[endpoint] : undefined;
    const method = incoming.method ?? 'GET';
    const arrival: Arrival = { incoming, response, chosen, tap, endpoint, query: url.query, method, authorized, account, route };
    const wanted = route !== undefined && allows(route, method) && (authorized || !route.auth);
    if (wanted && bodiless(incoming)) {
      incoming.resume();
      return respond(arrival, '');
    }
    if (wanted) {
      const decode = bodyDecoder(incoming.headers);
      if (decode instanceof ApiFailure) {
        tap?.refusedBody(Number(incoming.headers['content-length']) || undefined);
        return drained(incoming).then(() => Promise.reject(decode));
      }
      // Bytes that are not the UTF-8 they are said (or taken) to be are "Invalid Json format", as a
      // strict JSON reader (Jackson) refuses them; the journal shows them with U+FFFD where they broke.
      let malformed = false;
      const read = (bytes: Buffer): string => {
        const text = decode(bytes);
        malformed = decode === utf8 && !isUtf8Text(bytes, text);
        return text;
      };
      return readBody(incoming, authorized ? context.limits.maxBodyBytes : UNAUTHORIZED_BODY_BYTES, read).then((rawBody) => respond(arrival, rawBody, malformed));
    }
    tap?.refusedBody(Number(incoming.headers['content-length']) || undefined);
    return drained(incoming).then(() => respond(arrival, undefined));
  };
  const respond = (arrival: Arrival, rawBody: string | undefined, malformed = false): Promise<void> | void => {
    const { incoming, endpoint, authorized, tap } = arrival;
    const request: ApiRequest = { method: arrival.method, endpoint, query: arrival.query, body: malformed ? NOT_JSON : parseBody(rawBody ?? '') };
    let account = arrival.account;
    if (!authorized && endpoint === 'refreshToken') {
      // Signing in: the account is the one whose refresh token this is.
      const refreshToken = (request.body as { refresh_token?: unknown } | undefined)?.refresh_token;
      account = context.accounts.byRefreshToken(refreshToken) ?? account;
    }
    arrival.chosen.account = account;
    tap?.request(rawBody ?? '', authorized, request.body === NOT_JSON ? undefined : { value: request.body }, request.query);

    const fault = account.faults.take(endpoint, incoming.headers['user-agent']);
    if (fault) {
      tap?.fault(fault);
    }
    // A fault either replaces the answer or, with afterEffect, lets the call change state first.
    // Only a sign-in changes the account here, and refreshToken is every account's endpoint.
    const route = account === arrival.account ? arrival.route : account.routes[endpoint];
    const delay = account.latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) {
      return sleep(delay, undefined, { signal: context.closing }).then(() => finish(arrival, account, route, request, fault));
    }
    finish(arrival, account, route, request, fault);
  };
  const finish = (arrival: Arrival, account: SandboxAccount, route: Route | undefined, request: ApiRequest, fault: Fault | undefined): void => {
    const reply = !fault || fault.afterEffect ? answer(route, account, request, arrival.authorized) : undefined;
    if (fault?.hang) {
      return;
    }
    const failed = fault && faultReply(fault);
    if (fault && (fault.reset || (fault.afterEffect && !failed))) {
      arrival.incoming.socket.destroy();
      return;
    }
    const sent = failed ?? reply ?? answer(route, account, request, arrival.authorized);
    send(arrival.response, sent, sent.headers && fault?.headers ? { ...sent.headers, ...fault.headers } : (sent.headers ?? fault?.headers), arrival.tap);
  };
  const server = http.createServer(serverOptions(context.limits), (incoming, response) => {
    if (context.control && incoming.url?.startsWith(CONTROL_PATH)) {
      context.control(incoming, response);
      return;
    }
    const chosen: Chosen = { account: context.accounts.default };
    const tap = context.capture ? new ExchangeTap(incoming, (raw) => chosen.account.record(raw), context.clock) : undefined;
    const failed = (error: unknown): void => {
      // A client gone mid-body (it gave up on an `Expect: 100-continue`, its upload was cut) is
      // answered nothing: its exchange is recorded as the drop it was, not as a 500 never sent.
      if (context.closing.aborted || response.headersSent || incoming.socket.destroyed) {
        return;
      }
      const failure = error instanceof ApiFailure ? error : otoFailure('OTO1081', 500);
      tap?.refusedBody(Number(incoming.headers['content-length']) || undefined);
      send(response, { status: failure.status, body: JSON.stringify(failure.body) }, {}, tap);
    };
    try {
      handle(incoming, response, chosen, tap)?.catch(failed);
    } catch (error) {
      failed(error);
    }
    tap?.untilClosed(response);
  });
  // What the limits refused before the API saw it is journalled too: the CLI's line and --log show
  // the 400 a script's malformed request got, under the account its token names.
  const journal = (refusal: Refusal): void => {
    const account = context.accounts.byAuthorization(refusal.headers.authorization)?.account ?? context.accounts.default;
    account.record(refusedExchange(refusal, context.clock()));
  };
  applyLimits(server, context.limits, { onRefusal: context.capture ? journal : undefined });
  return server;
}
