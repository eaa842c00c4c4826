// The recording proxy: an HTTP server on 127.0.0.1 that passes an integration's calls to the real
// OTO (staging or production) unchanged, with the client's own Authorization, and reports each
// exchange. Writes can be forwarded, blocked or simulated. No `vscode`: it runs from the CLI too.
import type { AddressInfo } from 'node:net';
import { createProxyServer, DEFAULT_LIMITS } from './server';
import { createSimulator } from './simulate';
import { WRITES_MODES, type ProxyLimits, type ProxyOptions, type RunningProxy } from './types';
import { createUpstream } from './upstream';

export * from './types';
export { isWrite } from './writes';

function resolveLimits(limits: ProxyLimits = {}): Required<ProxyLimits> {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`limits.${name} must be a positive integer, got ${value}`);
    }
  }
  return resolved;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${port}`);
  }
  const writes = options.writes ?? 'forward';
  if (!WRITES_MODES.includes(writes)) {
    throw new RangeError(`writes must be ${WRITES_MODES.join(', ')}, got ${JSON.stringify(writes)}`);
  }
  const limits = resolveLimits(options.limits);
  const upstream = createUpstream(options.upstream, { timeoutMs: limits.upstreamTimeoutMs, maxAnswerBytes: limits.maxAnswerBytes });
  let exchangeCount = 0;
  const server = createProxyServer({
    upstream,
    environment: options.environment ?? '',
    writes,
    limits,
    simulator: createSimulator(upstream, limits.maxAnswerBytes),
    record: (exchange) => {
      exchangeCount++;
      try {
        options.onExchange?.(exchange);
      } catch {
        // A failing listener must not take the proxy down with it.
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
  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${address.port}/rest/v2`,
    port: address.port,
    upstream: upstream.base.href.replace(/\/$/, ''),
    writes,
    get exchangeCount() {
      return exchangeCount;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
