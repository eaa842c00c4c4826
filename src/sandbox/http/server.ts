// The HTTP side: parses requests, applies latency and faults, checks tokens and dispatches to the
// endpoints. Plain node:http, so it runs anywhere the extension host runs.
import * as http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiRequest } from '../endpoints/api';
import { ExchangeTap } from './capture';
import { ApiFailure, gatewayFailure, genericFailureBody, jwtExpired, otoFailure } from './errors';
import { applyLimits, drained, serverOptions } from '../../common/serverLimits';
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
}

const NOT_JSON = Symbol('not JSON');

/** The body as text, or a 413 failure once a body past `limit` has come in (see `drained`). */
export function readBody(request: http.IncomingMessage, limit: number): Promise<string> {
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
    request.on('end', () => (chunks ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(tooLarge())));
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
 * The request target's path and query. An endpoint's own target is split as it is, without
 * building a URL (that was a good part of a request's cost); anything else goes through the URL
 * parser (dot segments, encodings), and Node passes on targets such as `//[` that are none.
 */
function targetOf(incoming: http.IncomingMessage): Target {
  const target = incoming.url ?? '/';
  if (PLAIN_TARGET.test(target)) {
    const mark = target.indexOf('?');
    return mark < 0
      ? { pathname: target, query: {} }
      : { pathname: target.slice(0, mark), query: Object.fromEntries(new URLSearchParams(target.slice(mark + 1))) };
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

function answer(route: Route | undefined, account: SandboxAccount, request: ApiRequest, authorized: boolean): Reply {
  try {
    if (!route) {
      throw gatewayFailure(404, `No endpoint ${request.endpoint}`);
    }
    if (!allows(route, request.method)) {
      throw gatewayFailure(405, `${request.endpoint} expects ${[route.method].flat().join(' or ')}`);
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
  tap?.answer(reply.status, sent, reply.body);
  response.writeHead(reply.status, sent);
  response.end(reply.body);
}

/** Which account a request acts on; settled once its token (or refresh token) is read. */
interface Chosen {
  account: SandboxAccount;
}

export function createServer(context: ServerContext): http.Server {
  const handle = async (incoming: http.IncomingMessage, response: http.ServerResponse, chosen: Chosen, tap?: ExchangeTap): Promise<void> => {
    const url = targetOf(incoming);
    const endpoint = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length).replace(/\/$/, '') : '';
    // The token is checked before any body is kept: a request that will be refused anyway (no
    // such endpoint, wrong method, no valid token) has its body dropped unread.
    const issuer = context.accounts.byAuthorization(incoming.headers.authorization);
    const authorized = issuer?.alive === true;
    let account = issuer?.account ?? context.accounts.default;
    const table = account.routes;
    const route = Object.prototype.hasOwnProperty.call(table, endpoint) ? table[endpoint] : undefined;
    const method = incoming.method ?? 'GET';
    const wanted = route !== undefined && allows(route, method) && (authorized || !route.auth);
    let rawBody: string | undefined;
    if (wanted && bodiless(incoming)) {
      rawBody = '';
      incoming.resume();
    } else if (wanted) {
      rawBody = await readBody(incoming, authorized ? context.limits.maxBodyBytes : UNAUTHORIZED_BODY_BYTES);
    } else {
      tap?.refusedBody(Number(incoming.headers['content-length']) || undefined);
      await drained(incoming);
    }
    const request: ApiRequest = { method, endpoint, query: url.query, body: parseBody(rawBody ?? '') };
    if (!authorized && endpoint === 'refreshToken') {
      // Signing in: the account is the one whose refresh token this is.
      const refreshToken = (request.body as { refresh_token?: unknown } | undefined)?.refresh_token;
      account = context.accounts.byRefreshToken(refreshToken) ?? account;
    }
    chosen.account = account;
    tap?.request(rawBody ?? '', authorized, request.body === NOT_JSON ? undefined : { value: request.body }, request.query);

    const fault = account.faults.take(endpoint, incoming.headers['user-agent']);
    if (fault) {
      tap?.fault(fault);
    }
    const delay = account.latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) {
      await sleep(delay, undefined, { signal: context.closing });
    }
    // A fault either replaces the answer or, with afterEffect, lets the call change state first.
    // Only a sign-in changes the account here, and refreshToken is every account's endpoint.
    const routeOfAccount = account.routes === table ? route : account.routes[endpoint];
    const reply = !fault || fault.afterEffect ? answer(routeOfAccount, account, request, authorized) : undefined;
    if (fault?.hang) {
      return;
    }
    const failed = fault && faultReply(fault);
    if (fault && (fault.reset || (fault.afterEffect && !failed))) {
      incoming.socket.destroy();
      return;
    }
    send(response, failed ?? reply ?? answer(routeOfAccount, account, request, authorized), fault?.headers, tap);
  };
  const server = http.createServer(serverOptions(context.limits), (incoming, response) => {
    if (context.control && incoming.url?.startsWith(CONTROL_PATH)) {
      context.control(incoming, response);
      return;
    }
    const chosen: Chosen = { account: context.accounts.default };
    const tap = context.capture ? new ExchangeTap(incoming, response, (raw) => chosen.account.record(raw), context.clock) : undefined;
    handle(incoming, response, chosen, tap).catch((error: unknown) => {
      if (context.closing.aborted || response.headersSent) {
        return;
      }
      const failure = error instanceof ApiFailure ? error : otoFailure('OTO1081', 500);
      tap?.refusedBody(Number(incoming.headers['content-length']) || undefined);
      send(response, { status: failure.status, body: JSON.stringify(failure.body) }, {}, tap);
    });
  });
  applyLimits(server, context.limits);
  return server;
}
