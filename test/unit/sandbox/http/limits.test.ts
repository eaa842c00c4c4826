// Hostile clients against the sandbox over real sockets: huge bodies, URLs and headers, stalled
// and trickled requests, more connections than it takes. It must answer each with the gateway's
// JSON, keep little of what it was sent, and stay available. Every socket here ends by itself.
import * as assert from 'node:assert';
import * as http from 'node:http';
import * as net from 'node:net';
import { startSandbox, type RunningSandbox, type SandboxLimits } from '../../../../src/sandbox';
import { BUSY_ANSWER_MS } from '../../../../src/common/serverLimits';
import { accessToken, call } from '../../fakes/sandboxHttp';
import { received } from '../../fakes/journal';

interface RawAnswer {
  status: number;
  /** Status line and headers. */
  head: string;
  body: string;
  /** Milliseconds from connecting until the sandbox closed the socket. */
  closedAfterMs: number;
}

function portOf(sandbox: RunningSandbox): number {
  return Number(new URL(sandbox.baseUrl).port);
}

/** Writes `parts` (a number waits that many ms), then reads until the sandbox closes the socket. */
function raw(sandbox: RunningSandbox, parts: Array<string | number>, giveUpMs = 8_000, onConnect?: () => void): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(portOf(sandbox), '127.0.0.1', onConnect);
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the sandbox kept the socket open for ${giveUpMs} ms`));
    }, giveUpMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(received).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body: rest.join('\r\n\r\n'), closedAfterMs: Date.now() - started });
    });
    void (async () => {
      for (const part of parts) {
        if (socket.destroyed) {
          return;
        }
        if (typeof part === 'number') {
          await new Promise((wait) => setTimeout(wait, part));
        } else {
          socket.write(part);
        }
      }
    })();
  });
}

function assertGatewayJson(answer: { status: number; body: string }, status: number, message: RegExp): void {
  assert.strictEqual(answer.status, status, answer.body);
  const body = JSON.parse(answer.body) as { message: string; code: number };
  assert.strictEqual(body.code, status);
  assert.match(body.message, message);
}

/** POSTs `body` with node:http, which (unlike fetch) reads an answer that comes before the body is sent. */
function post(sandbox: RunningSandbox, endpoint: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${sandbox.baseUrl}/${endpoint}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, timeout: 10_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer in 10 s')));
    request.on('error', reject);
    request.end(body);
  });
}

function start(limits?: SandboxLimits): () => RunningSandbox {
  let sandbox: RunningSandbox;
  beforeEach(async () => {
    sandbox = await startSandbox({ limits });
  });
  afterEach(() => sandbox.close());
  return () => sandbox;
}

describe('sandbox under hostile clients', () => {
  describe('memory', () => {
    const sandbox = start();

    it('keeps at most a few KB of an unauthenticated 900 KB POST once it has answered 401', async () => {
      const big = Buffer.from(JSON.stringify({ actionType: 'set', locationCode: 'RUH-WH1', sku: 'x'.repeat(900_000), qty: 1 }));
      for (let i = 0; i < 3; i++) {
        assertGatewayJson(await post(sandbox(), 'updateStockQuantity', big), 401, /Jwt is expired/);
      }
      const logged = received(sandbox()).filter((request) => request.endpoint === 'updateStockQuantity');
      assert.strictEqual(logged.length, 3);
      for (const { exchange } of logged) {
        assert.ok(JSON.stringify(exchange).length < 4_096, `a journalled unauthenticated request takes ${JSON.stringify(exchange).length} characters`);
      }
    });

    it('refuses an unauthenticated body past 16 KB with 413, even where no token is needed', async () => {
      const answer = await post(sandbox(), 'refreshToken', Buffer.from(JSON.stringify({ refresh_token: 'r'.repeat(20_000) })));
      assertGatewayJson(answer, 413, /too large/);
    });
  });

  describe('answers for what is not a request it can serve', () => {
    const sandbox = start();

    it('answers a 50 MB body with 413 that reaches the client, not a reset', async () => {
      const token = await accessToken(sandbox());
      const answer = await post(sandbox(), 'updateStockQuantity', Buffer.alloc(50_000_000, 0x20), { Authorization: `Bearer ${token}` });
      assertGatewayJson(answer, 413, /too large: at most 1000000 bytes/);
      const declared = await raw(sandbox(), [`POST /rest/v2/refreshToken HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n`]);
      assertGatewayJson(declared, 413, /too large/);
      assert.strictEqual((await call(`${sandbox().baseUrl}/healthCheck`)).status, 200);
    });

    it('answers a 100 KB URL and 100 KB of headers with 431 in JSON', async () => {
      assertGatewayJson(await raw(sandbox(), [`GET /rest/v2/healthCheck?q=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`]), 431, /header fields too large/);
      assertGatewayJson(await raw(sandbox(), [`GET /rest/v2/healthCheck HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n`]), 431, /header fields too large/);
    });

    for (const target of ['//[', 'http://x:99999/', 'http://[::1/rest/v2/healthCheck']) {
      it(`answers the request target ${target} with 400 in JSON`, async () => {
        assertGatewayJson(await raw(sandbox(), [`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`]), 400, /Bad request/);
      });
    }

    it('answers what is not HTTP with 400 in JSON', async () => {
      assertGatewayJson(await raw(sandbox(), ['HELLO THERE\r\n\r\n']), 400, /Bad request/);
    });
  });

  describe('time and connections', () => {
    const limits = { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 6 };
    const sandbox = start(limits);

    it('answers stalled headers with 408 and closes, within the headers timeout', async () => {
      const answer = await raw(sandbox(), ['GET /rest/v2/healthCheck HTTP/1.1\r\nHost: x\r\n']);
      assertGatewayJson(answer, 408, /not received in time/);
      assert.ok(answer.closedAfterMs < 2_000, `closed after ${answer.closedAfterMs} ms`);
    });

    it('closes a trickled body within the request timeout', async () => {
      const trickle = Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? 'x' : 100));
      const answer = await raw(sandbox(), ['POST /rest/v2/refreshToken HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n', ...trickle]);
      assertGatewayJson(answer, 408, /not received in time/);
      assert.ok(answer.closedAfterMs < 2_500, `closed after ${answer.closedAfterMs} ms`);
    });

    it('takes no more connections than its cap, and serves again once stalled ones time out', async () => {
      // Connected, the stalled ones are ahead of the next in the listen queue, which is accepted in order.
      let connected = 0;
      let allConnected!: () => void;
      const capReached = new Promise<void>((resolve) => (allConnected = resolve));
      const stalled = Array.from({ length: limits.maxConnections }, () =>
        raw(sandbox(), ['GET /rest/v2/healthCheck HTTP/1.1\r\n'], undefined, () => ++connected === limits.maxConnections && allConnected()),
      );
      await capReached;
      const refused = await raw(sandbox(), ['GET /rest/v2/healthCheck HTTP/1.1\r\nHost: x\r\n\r\n']);
      assertGatewayJson(refused, 503, /^Too many connections: at most 6 at a time; try again in 1 s$/);
      assert.match(refused.head, /\r\nRetry-After: 1\r\n/i);
      assert.match(refused.head, /\r\nConnection: close$/im);
      assert.ok(refused.closedAfterMs < BUSY_ANSWER_MS, `closed after ${refused.closedAfterMs} ms`);
      // A body the sandbox never reads does not turn the answer into a reset.
      const refusedPost = await raw(sandbox(), ['POST /rest/v2/updateStockQuantity HTTP/1.1\r\nHost: x\r\nContent-Length: 200000\r\n\r\n', 'x'.repeat(100_000), 20, 'x'.repeat(100_000)]);
      assertGatewayJson(refusedPost, 503, /^Too many connections/);
      await Promise.all(stalled);
      assert.strictEqual((await call(`${sandbox().baseUrl}/healthCheck`)).status, 200);
    });
  });

  describe('default limits', () => {
    const sandbox = start();

    it('closes stalled headers within a few seconds, not a minute', async () => {
      const answer = await raw(sandbox(), ['GET /rest/v2/healthCheck HTTP/1.1\r\n'], 8_000);
      assertGatewayJson(answer, 408, /not received in time/);
      assert.ok(answer.closedAfterMs < 7_000, `closed after ${answer.closedAfterMs} ms`);
    });
  });
});
