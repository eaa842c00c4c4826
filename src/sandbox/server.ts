// The HTTP side: parses requests, applies latency and faults, checks tokens and dispatches to the
// endpoints. Plain node:http, so it runs anywhere the extension host runs.
import * as http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiRequest } from './api';
import type { Tokens } from './auth';
import { ExchangeTap } from './capture';
import { ApiFailure, gatewayFailure, genericFailureBody, jwtExpired, otoFailure } from './errors';
import type { FaultQueue } from './faults';
import type { SandboxState } from './model';
import { routes, type Route } from './routes';
import type { RawExchange } from '../traffic/capture';
import type { Dialect, Fault, RunningSandbox } from './types';

export const API_PREFIX = '/rest/v2/';
const MAX_BODY_BYTES = 1_000_000;
/** The request log keeps this many entries, so a long-lived in-process sandbox stays small. */
const MAX_LOGGED_REQUESTS = 10_000;

export type LoggedRequest = RunningSandbox['requests'][number];

export interface ServerContext {
  state: SandboxState;
  tokens: Tokens;
  faults: FaultQueue;
  latencyMs: number;
  /** Which of OTO's answer dialects the endpoints speak. */
  dialect: Dialect;
  log: LoggedRequest[];
  /** Aborted when the sandbox closes: pending delays end and hanging requests are dropped. */
  closing: AbortSignal;
  /** Hears every exchange once it is over (traffic capture); absent when capture is off. */
  onExchange?: (raw: RawExchange) => void;
}

interface Reply {
  status: number;
  /** Already serialised: a fault may send a body that is not JSON. */
  body: string;
}

const NOT_JSON = Symbol('not JSON');

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(gatewayFailure(413, 'Request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
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
    return { status: 200, body: JSON.stringify(route.handle(context.state, request)) };
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
  const sent = { 'Content-Type': 'application/json; charset=utf-8', ...headers };
  tap?.answer(reply.status, sent, reply.body);
  response.writeHead(reply.status, sent);
  response.end(reply.body);
}

export function createServer(context: ServerContext): http.Server {
  const table = routes(context.tokens, context.dialect);
  const handle = async (incoming: http.IncomingMessage, response: http.ServerResponse, tap?: ExchangeTap): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(incoming);
    const endpoint = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length).replace(/\/$/, '') : '';
    const request: ApiRequest = {
      method: incoming.method ?? 'GET',
      endpoint,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(rawBody),
    };
    const authorized = context.tokens.accepts(incoming.headers.authorization);
    tap?.request(rawBody, authorized, request.body === NOT_JSON ? undefined : { value: request.body });
    context.log.push({
      method: request.method,
      endpoint,
      url: incoming.url ?? '',
      query: request.query,
      body: request.body === NOT_JSON ? rawBody : request.body,
      authorized,
    });
    if (context.log.length > MAX_LOGGED_REQUESTS) {
      context.log.shift();
    }

    const fault = context.faults.take(endpoint, incoming.headers['user-agent']);
    if (fault) {
      tap?.fault(fault);
    }
    const delay = context.latencyMs + (fault?.latencyMs ?? 0);
    if (delay > 0) {
      await sleep(delay, undefined, { signal: context.closing });
    }
    const route = Object.prototype.hasOwnProperty.call(table, endpoint) ? table[endpoint] : undefined;
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
  return http.createServer((incoming, response) => {
    const tap = context.onExchange && new ExchangeTap(incoming, response, context.onExchange);
    handle(incoming, response, tap).catch((error: unknown) => {
      if (context.closing.aborted || response.headersSent) {
        return;
      }
      const reply = error instanceof ApiFailure ? { status: error.status, body: JSON.stringify(error.body) } : { status: 500, body: '' };
      tap?.refusedBody(Number(incoming.headers['content-length']) || undefined);
      send(response, reply, {}, tap);
    });
  });
}
