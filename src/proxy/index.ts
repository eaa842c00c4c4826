// The recording proxy: an HTTP server on 127.0.0.1 that passes an integration's calls to the real
// OTO (staging or production) unchanged, with the client's own Authorization, and reports each
// exchange. Writes can be forwarded, blocked or simulated. No `vscode`: it runs from the CLI too.
import type { AddressInfo } from 'node:net';
import { captureExchange, type RawExchange } from '../traffic/capture';
import type { TrafficSource } from '../traffic/exchange';
import { TrafficStore } from '../traffic/store';
import { referenceShapes, shapeDriftRule } from './drift';
import { resolveLimits, stopServer, trackActivity } from '../common/serverLimits';
import { createProxyServer, UPSTREAM_LIMITS } from './server';
import { createSimulator } from './simulate';
import { DEFAULT_WRITES, PROXY_NOTES, WRITES_MODES, type ProxiedExchange, type ProxyLimits, type ProxyOptions, type RunningProxy, type WritesMode } from './types';
import { createUpstream } from './upstream';

export * from './types';
// The extension loads this bundle for the proxy and replays recordings against a private sandbox.
export { startSandbox } from '../sandbox';

function resolveProxyLimits(limits: ProxyLimits = {}): Required<ProxyLimits> {
  const upstream = { ...UPSTREAM_LIMITS, ...limits };
  for (const name of ['upstreamTimeoutMs', 'maxAnswerBytes'] as const) {
    if (!Number.isInteger(upstream[name]) || upstream[name] < 1) {
      throw new RangeError(`limits.${name} must be a positive integer, got ${upstream[name]}`);
    }
  }
  return { ...resolveLimits(limits), upstreamTimeoutMs: upstream.upstreamTimeoutMs, maxAnswerBytes: upstream.maxAnswerBytes };
}

/** What the proxy did, in words, where it did something other than pass the call on. */
function handlingNote(exchange: ProxiedExchange, writes: WritesMode): string | undefined {
  switch (exchange.handling) {
    case 'blocked':
      return PROXY_NOTES.blocked;
    case 'simulated':
      return PROXY_NOTES.simulated;
    case 'refused':
      return PROXY_NOTES.refused;
    case 'upstream-failed':
      return `${PROXY_NOTES.upstreamFailed}${exchange.failure ?? 'no answer'}`;
    default:
      if (exchange.undecodable !== undefined) {
        return `${PROXY_NOTES.undecodable}${exchange.undecodable})`;
      }
      return writes === 'simulate' && exchange.simulatedRead ? 'answer includes simulated changes' : undefined;
  }
}

function rawExchange(exchange: ProxiedExchange, source: TrafficSource, writes: WritesMode): RawExchange {
  const fault = handlingNote(exchange, writes);
  return {
    startedAt: exchange.startedAt,
    source,
    remoteAddress: exchange.remoteAddress,
    remotePort: exchange.remotePort,
    method: exchange.method,
    target: exchange.target,
    requestHeaders: exchange.requestHeaders,
    requestBody: exchange.requestBody,
    // The proxy cannot tell a valid token from another; a request carrying one keeps more body.
    authenticated: exchange.requestHeaders.authorization !== undefined,
    ...(exchange.status !== undefined ? { status: exchange.status } : {}),
    ...(exchange.responseHeaders ? { responseHeaders: exchange.responseHeaders } : {}),
    ...(exchange.responseBody ? { responseBody: exchange.responseBody } : {}),
    durationMs: exchange.durationMs,
    ...(fault !== undefined ? { fault } : {}),
  };
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  const writes = options.writes ?? DEFAULT_WRITES;
  if (!WRITES_MODES.includes(writes)) {
    throw new RangeError(`writes must be ${WRITES_MODES.join(', ')}, got ${JSON.stringify(writes)}`);
  }
  const limits = resolveProxyLimits(options.limits);
  const upstream = createUpstream(options.upstream, { timeoutMs: limits.upstreamTimeoutMs, maxAnswerBytes: limits.maxAnswerBytes });
  const source: TrafficSource = { kind: 'proxy', upstream: upstream.base.href.replace(/\/$/, ''), ...(options.environment ? { environment: options.environment } : {}) };
  const rules = options.drift === false ? [] : [shapeDriftRule(await referenceShapes())];
  const traffic = new TrafficStore({ ...(options.traffic || {}), rules });
  let exchangeCount = 0;
  const server = createProxyServer({
    upstream,
    environment: options.environment ?? '',
    writes,
    limits,
    simulator: createSimulator(upstream, limits.maxAnswerBytes),
    record: (exchange) => {
      exchangeCount++;
      if (options.traffic !== false) {
        traffic.record(captureExchange(rawExchange(exchange, source, writes)));
      }
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new Error(`OTO recording proxy: port ${port} on 127.0.0.1 is already in use`) : error);
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const activity = trackActivity(server);
  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${address.port}/rest/v2`,
    port: address.port,
    upstream: upstream.base.href.replace(/\/$/, ''),
    writes,
    get exchangeCount() {
      return exchangeCount;
    },
    traffic,
    activity,
    close() {
      if (!closed) {
        closed = stopServer(server);
        upstream.close();
      }
      return closed;
    },
  };
}
