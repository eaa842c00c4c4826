// The HTTP side: parses requests, applies latency and faults, checks tokens and dispatches to the
// endpoints. Plain node:http, so it runs anywhere the extension host runs.
import * as http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiRequest } from '../endpoints/api';
import type { Tokens } from './auth';
import { ExchangeTap } from './capture';
import { ApiFailure, gatewayFailure, genericFailureBody, jwtExpired, otoFailure } from './errors';
import type { FaultQueue } from './faults';
import type { SandboxState } from '../state/model';
import { applyLimits, drained, serverOptions } from '../../common/serverLimits';
import type { RequestLog } from './requestLog';
import { routes, type Route } from './routes';
import type { RawExchange } from '../../traffic/capture';
import type { Dialect, Fault, SandboxLimits } from '../types';

export const API_PREFIX = '/rest/v2/';

/** A request without a valid access token carries at most this much body (a refresh token). */
export const UNAUTHORIZED_BODY_BYTES = 16_384;

export interface ServerContext {
  state: SandboxState;
  tokens: Tokens;
  faults: FaultQueue;
  latencyMs: number;
  /** Which of OTO's answer dialects the endpoints speak. */
  dialect: Dialect;
  /** Absent when the sandbox keeps no request log (`requestLog: false`). */
  log?: RequestLog;
  limits: Required<SandboxLimits>;
  /** Aborted when the sandbox closes: pending delays end and hanging requests are dropped. */
  closing: AbortSignal;
  /** Called after an endpoint that writes has changed the state. */
  stateChanged(): void;
  /** Hears every exchange once it is over (traffic capture); absent when capture is off. */
  onExchange?: (raw: RawExchange) => void;
}

interface Reply {
  status: number;
  /** Already serialised: a fault may send a body that is not JSON. */
  body: string;
}

const NOT_JSON = Symbol('not JSON');

/** The body as text, or a 413 failure once a body past `limit` has come in (see `drained`). */
function readBody(request: http.IncomingMessage, limit: number): Promise<string> {
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

/** The request target as a URL; Node passes on targets such as `//[` that are none. */
function targetOf(incoming: http.IncomingMessage): URL {
  try {
    return new URL(incoming.url ?? '/', 'http://127.0.0.1');
  } catch {
    throw gatewayFailure(400, 'Bad request target');
  }
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

function answer(route: Route | undefined, context: ServerContext, request: ApiRequest, authorized: boolean): Reply {
  try {
    if (!route) {
      throw gatewayFailure(404, `No endpoint ${request.endpoint}`);
    }
    if (request.method !== route.method) {
      throw gatewayFailure(405, `${request.endpoint} expects ${route.method}`);
    }
    if (route.auth && !authorized) {
      throw jwtExpired();
    }
    if (request.body === NOT_JSON) {
      throw otoFailure('OTO1075');
    }
    const body = JSON.stringify(route.handle(context.state, request));
    if (route.writes) {
      context.stateChanged();
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

export function createServer(context: ServerContext): http.Server {
  const table = routes(context.tokens, context.dialect);
  const handle = async (incoming: http.IncomingMessage, response: http.ServerResponse, tap?: ExchangeTap): Promise<void> => {
    const url = targetOf(incoming);
    const endpoint = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length).replace(/\/$/, '') : '';
    const route = Object.prototype.hasOwnProperty.call(table, endpoint) ? table[endpoint] : undefined;
    const method = incoming.method ?? 'GET';
    // The token is checked before any body is kept: a request that will be refused anyway (no
    // such endpoint, wrong method, no valid token) has its body dropped unread.
    const authorized = context.tokens.accepts(incoming.headers.authorization);
    const wanted = route !== undefined && route.method === method && (authorized || !route.auth);
    let rawBody: string | undefined;
    if (wanted) {
      rawBody = await readBody(incoming, authorized ? context.limits.maxBodyBytes : UNAUTHORIZED_BODY_BYTES);
    } else {
      tap?.refusedBody(Number(incoming.headers['content-length']) || undefined);
      await drained(incoming);
    }
    const request: ApiRequest = { method, endpoint, query: Object.fromEntries(url.searchParams), body: parseBody(rawBody ?? '') };
    context.log?.add({ method, endpoint, url: incoming.url ?? '', query: request.query, text: rawBody, body: request.body === NOT_JSON ? rawBody : request.body, authorized });
    tap?.request(rawBody ?? '', authorized, request.body === NOT_JSON ? undefined : { value: request.body }, request.query);

    const fault = context.faults.take(endpoint, incoming.headers['user-agent']);
    if (fault) {
      tap?.fault(fault);
    }
    const delay = context.latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) {
      await sleep(delay, undefined, { signal: context.closing });
    }
    // A fault either replaces the answer or, with afterEffect, lets the call change state first.
    const reply = !fault || fault.afterEffect ? answer(route, context, request, authorized) : undefined;
    if (fault?.hang) {
      return;
    }
    const failed = fault && faultReply(fault);
    if (fault && (fault.reset || (fault.afterEffect && !failed))) {
      incoming.socket.destroy();
      return;
    }
    send(response, failed ?? reply ?? answer(route, context, request, authorized), fault?.headers, tap);
  };
  const server = http.createServer(serverOptions(context.limits), (incoming, response) => {
    const tap = context.onExchange && new ExchangeTap(incoming, response, context.onExchange);
    handle(incoming, response, tap).catch((error: unknown) => {
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
