// Shared set-up for the devtools tests: a real sandbox on 127.0.0.1, a loopback proxy in front of
// it that records every token actually sent or issued (so redaction can be checked against the
// real values), a real OtoClient whose events feed the request log, and a real StockStore.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OtoClient } from '../../../src/client';
import type { Exchange } from '../../../src/devtools/requests/log/exchange';
import { ExchangeLog } from '../../../src/devtools/requests/log/exchangeLog';
import { type LogSink, RequestLogger } from '../../../src/devtools/requests/log/requestLogger';
import { startSandbox } from '../../../src/sandbox';
import type { RunningSandbox, SandboxOptions } from '../../../src/sandbox/types';
import { StockStore } from '../../../src/stock/store/store';
import { received, type Received } from '../fakes/journal';

/** Records secrets as they cross the wire: bearer tokens sent, tokens in refreshToken answers. */
export class TokenRecordingProxy {
  readonly secrets = new Set<string>();
  private server!: http.Server;
  baseUrl = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    const target = new URL(this.target);
    this.server = http.createServer((request, response) => {
      const auth = request.headers.authorization;
      if (auth) {
        this.secrets.add(auth.replace(/^Bearer\s+/i, ''));
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const forward = http.request(
          { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: { ...request.headers, host: target.host } },
          (answer) => {
            const body: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => body.push(chunk));
            answer.on('end', () => {
              const text = Buffer.concat(body).toString('utf8');
              for (const match of text.matchAll(/"(?:access_token|refresh_token)"\s*:\s*"([^"]+)"/g)) {
                this.secrets.add(match[1]);
              }
              response.writeHead(answer.statusCode ?? 502, answer.headers);
              response.end(text);
            });
          },
        );
        forward.on('error', () => response.destroy());
        forward.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}${target.pathname}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** A log sink that keeps every line, at every level, trace included. */
export class CapturingSink implements LogSink {
  readonly lines: Array<{ level: string; message: string }> = [];
  constructor(private readonly trace_ = true) {}
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  trace(message: string): void {
    this.lines.push({ level: 'trace', message });
  }
  isTraceEnabled(): boolean {
    return this.trace_;
  }
  text(): string {
    return this.lines.map((line) => line.message).join('\n');
  }
}

export interface DevtoolsHarness {
  sandbox: RunningSandbox;
  client: OtoClient;
  exchanges: ExchangeLog;
  sink: CapturingSink;
  store: StockStore;
  /** Sandbox requests to `endpoint` so far. */
  sent(endpoint: string): Received[];
}

/** A fresh sandbox, client, request log and store before each test of the calling suite. */
export function useDevtools(options: { sandbox?: SandboxOptions; now?: () => number } = {}): DevtoolsHarness {
  const harness = {} as DevtoolsHarness;
  beforeEach(async () => {
    const sandbox = await startSandbox(options.sandbox ?? {});
    const exchanges = new ExchangeLog(200);
    const sink = new CapturingSink();
    const logger = new RequestLogger(exchanges, sink);
    const client = new OtoClient({
      baseUrl: sandbox.baseUrl,
      refreshToken: sandbox.refreshToken,
      timeoutMs: 5_000,
      onRequest: (event) => logger.record({ ...event, environment: 'sandbox' }),
    });
    const store = new StockStore({ getSource: async () => client, ...(options.now ? { now: options.now } : {}) });
    Object.assign(harness, {
      sandbox,
      client,
      exchanges,
      sink,
      store,
      sent: (endpoint: string) => received(sandbox).filter((request) => request.endpoint === endpoint),
    });
  });
  afterEach(async () => {
    harness.store?.dispose();
    await harness.sandbox?.close();
  });
  return harness;
}

/** The newest exchange of `endpoint` in the log (fails the test when there is none). */
export function latestExchange(exchanges: ExchangeLog, endpoint: string): Exchange {
  const found = exchanges.list().find((exchange) => exchange.endpoint === endpoint);
  assert.ok(found, `an exchange of ${endpoint}`);
  return found;
}

/** The first warehouse of the sandbox and a reader of one SKU's on-hand figure there. */
export async function firstWarehouse(client: OtoClient): Promise<{ code: string; onHand(sku: string): Promise<number> }> {
  const [warehouse] = (await client.getPickupLocations()).filter((location) => location.kind === 'warehouse');
  assert.ok(warehouse, 'the sandbox has a warehouse');
  return {
    code: warehouse.code,
    onHand: async (sku) => (await client.checkInventoryStock([sku]))[sku]?.find((entry) => entry.pickupLocationCode === warehouse.code)?.quantityOnHand ?? NaN,
  };
}
