// The proxy's HTTP side: takes a client's request on 127.0.0.1, refuses what is not OTO's API,
// blocks or simulates writes when told to, and otherwise sends it upstream unchanged. Every
// refusal and every upstream failure is answered with the gateway's JSON shape, `{message, code}`.
import * as http from 'node:http';
import { applyLimits, drained, serverOptions } from '../common/serverLimits';
import type { Simulator } from './simulate';
import { leavesApi, type ProxiedExchange, type ProxyLimits, type WritesMode } from './types';
import { decodeAnswer, UpstreamFailure, type Upstream, type UpstreamAnswer } from './upstream';
import { API_PREFIX, changesState as isWrite, gatewayErrorBody } from '../oto';

/** Beyond the sandbox's own limits: how long and how much the upstream may answer. */
export const UPSTREAM_LIMITS = { upstreamTimeoutMs: 30_000, maxAnswerBytes: 20_000_000 } as const;

export interface ProxyContext {
  upstream: Upstream;
  environment: string;
  writes: WritesMode;
  limits: Required<ProxyLimits>;
  simulator: Simulator;
  record(exchange: ProxiedExchange): void;
}

interface Reply {
  status: number;
  /** Flat list of header names and values. */
  headers: string[];
  body: Buffer;
  /**
   * The Content-Length to send when it is not the body's: an answer to HEAD has no body but says
   * what GET would send (the upstream's, or none when it gave none).
   */
  contentLength?: string | null;
}

class Refusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function jsonReply(status: number, message: string): Reply {
  return { status, headers: ['Content-Type', 'application/json; charset=utf-8'], body: Buffer.from(JSON.stringify(gatewayErrorBody(status, message))) };
}

/** The code of a write the proxy blocked: the proxy's own, outside OTO's published OTO1xxx codes. */
export const BLOCKED_WRITE_CODE = 'OTO9403';

/**
 * A blocked write in OTO's business error shape, as OTO refuses a write itself: an ERP reads
 * `success: false` and its usual error path shows the code and message, instead of a gateway
 * answer it may not take for a refusal.
 */
function blockedReply(endpoint: string, upstreamName: string): Reply {
  const body = {
    success: false,
    otoErrorCode: BLOCKED_WRITE_CODE,
    otoErrorMessage: `Write blocked by the OTO Stock recording proxy (writes: block): ${endpoint} was not sent to ${upstreamName}`,
  };
  return { status: 403, headers: ['Content-Type', 'application/json; charset=utf-8'], body: Buffer.from(JSON.stringify(body)) };
}

/** The part after `/rest/v2/`, or a Refusal: only OTO's API goes upstream, and only below it. */
function apiPath(target: string): string {
  if (!target.startsWith(API_PREFIX)) {
    throw new Refusal(404, `The recording proxy forwards only ${API_PREFIX}… (got ${target.slice(0, 80)})`);
  }
  const rest = target.slice(API_PREFIX.length);
  if (leavesApi(rest)) {
    throw new Refusal(400, 'The path must not leave /rest/v2/ (dot segments, encoded slashes and backslashes are refused)');
  }
  return rest;
}

/** The body, within the size limit; Node's request timeout (answered 408 by the limits) bounds the time. */
function readBody(incoming: http.IncomingMessage, limits: Required<ProxyLimits>): Promise<Buffer> {
  const tooLarge = (): Refusal => new Refusal(413, `Request body too large: at most ${limits.maxBodyBytes} bytes`);
  // The 413 waits for the rest of the body, dropped unread: sent under a running upload it is lost to EPIPE.
  if (Number(incoming.headers['content-length']) > limits.maxBodyBytes) {
    return drained(incoming).then(() => Promise.reject(tooLarge()));
  }
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (chunks && size > limits.maxBodyBytes) {
        chunks = undefined;
      }
      chunks?.push(chunk);
    });
    incoming.on('end', () => (chunks ? resolve(Buffer.concat(chunks)) : reject(tooLarge())));
    incoming.on('error', reject);
  });
}

function forwardedReply(answer: UpstreamAnswer, method: string): Reply {
  return { status: answer.status, headers: answer.rawHeaders, body: answer.body, ...(method === 'HEAD' ? { contentLength: answer.contentLength ?? null } : {}) };
}

/** No Content-Length at all: HTTP forbids one on a 1xx or 204 answer; a 304's would be the GET's, which the proxy does not know. */
const NO_LENGTH = new Set([204, 304]);

interface Outcome {
  reply: Reply;
  handling: ProxiedExchange['handling'];
  /** The body as the capture should read it (decoded). */
  decoded?: Buffer;
  failure?: string;
  simulatedRead?: boolean;
  /** Why the upstream's answer would not decompress (the capture keeps no body then). */
  undecodable?: string;
}

async function answer(context: ProxyContext, incoming: http.IncomingMessage, body: Buffer, pathAndQuery: string): Promise<Outcome> {
  const method = incoming.method ?? 'GET';
  const endpoint = pathAndQuery.split('?', 1)[0].replace(/\/$/, '');
  const upstreamName = context.environment || context.upstream.base.host;
  if (isWrite(method, endpoint) && context.writes === 'block') {
    return { reply: blockedReply(endpoint, upstreamName), handling: 'blocked' };
  }
  const request = { method, pathAndQuery, rawHeaders: incoming.rawHeaders, body };
  if (isWrite(method, endpoint) && context.writes === 'simulate') {
    const simulated = await context.simulator.write(endpoint, request);
    return { reply: { status: simulated.status, headers: ['Content-Type', 'application/json; charset=utf-8'], body: Buffer.from(simulated.body) }, handling: 'simulated' };
  }
  const upstream = await context.upstream.send(request);
  const { body: decoded, undecodable } = decodeAnswer(upstream, context.limits.maxAnswerBytes);
  const patched = context.writes === 'simulate' ? context.simulator.patchRead(endpoint, pathAndQuery, upstream.status, decoded) : undefined;
  if (patched !== undefined) {
    // The patched body is sent as plain JSON, whatever encoding the upstream used.
    const headers = pairs(upstream.rawHeaders).filter(([name]) => name !== 'content-encoding').flat();
    return { reply: { status: upstream.status, headers, body: patched }, handling: 'forwarded', decoded: patched, simulatedRead: true };
  }
  return { reply: forwardedReply(upstream, method), handling: 'forwarded', decoded, ...(undecodable === undefined ? {} : { undecodable }) };
}

function send(response: http.ServerResponse, reply: Reply): void {
  if (response.headersSent || response.destroyed) {
    return;
  }
  const length = NO_LENGTH.has(reply.status) || reply.status < 200 ? null : reply.contentLength === undefined ? String(reply.body.length) : reply.contentLength;
  response.writeHead(reply.status, length === null ? reply.headers : [...reply.headers, 'Content-Length', length]);
  response.end(reply.body);
}

export function createProxyServer(context: ProxyContext): http.Server {
  const { limits } = context;
  const handle = async (incoming: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    const startedAt = Date.now();
    const started = performance.now();
    const target = incoming.url ?? '';
    let body: Buffer = Buffer.alloc(0);
    let outcome: Outcome;
    try {
      const pathAndQuery = apiPath(target);
      body = await readBody(incoming, limits);
      outcome = await answer(context, incoming, body, pathAndQuery);
    } catch (error) {
      if (error instanceof UpstreamFailure) {
        outcome = { reply: jsonReply(error.status, `OTO Stock recording proxy: ${error.message}`), handling: 'upstream-failed', failure: error.message };
      } else if (error instanceof Refusal) {
        outcome = { reply: jsonReply(error.status, error.message), handling: 'refused' };
        // The refusal waits for the rest of the body (dropped unread), or the client loses it to EPIPE; it is the last answer on the connection.
        await drained(incoming);
        response.shouldKeepAlive = false;
      } else {
        outcome = { reply: jsonReply(500, 'OTO Stock recording proxy: internal error'), handling: 'refused', failure: error instanceof Error ? error.message : String(error) };
      }
    }
    send(response, outcome.reply);
    context.record({
      startedAt,
      remoteAddress: incoming.socket.remoteAddress ?? '',
      remotePort: incoming.socket.remotePort ?? 0,
      method: incoming.method ?? '',
      target,
      requestHeaders: incoming.headers,
      requestBody: body,
      status: outcome.reply.status,
      responseHeaders: headerRecord(outcome.reply.headers),
      responseBody: outcome.decoded ?? outcome.reply.body,
      durationMs: performance.now() - started,
      handling: outcome.handling,
      ...(outcome.failure !== undefined ? { failure: outcome.failure } : {}),
      ...(outcome.simulatedRead ? { simulatedRead: true } : {}),
      ...(outcome.undecodable !== undefined ? { undecodable: outcome.undecodable } : {}),
    });
  };

  const server = http.createServer(
    serverOptions(limits),
    (incoming, response) => {
      handle(incoming, response).catch(() => response.destroy());
    },
  );
  // A missing Host is no matter here: the upstream gets its own Host anyway.
  applyLimits(server, limits, { hostOptional: true });
  return server;
}

function pairs(flat: readonly string[]): Array<[string, string]> {
  const result: Array<[string, string]> = [];
  for (let i = 0; i < flat.length; i += 2) {
    result.push([flat[i].toLowerCase(), flat[i + 1]]);
  }
  return result;
}

/** Raw headers by name, a repeated one (two Set-Cookie) as the list of its values rather than the last. */
function headerRecord(flat: readonly string[]): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of pairs(flat)) {
    const earlier = result[name];
    result[name] = earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }
  return result;
}
