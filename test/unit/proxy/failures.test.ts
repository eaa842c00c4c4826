// An upstream that is down, hangs, drops the connection or answers too much becomes a 502/504 in
// the gateway shape, sent once; a client that misbehaves gets a JSON error and costs bounded time.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { describeFailure } from '../../../src/proxy/upstream';
import { startSandbox } from '../../../src/sandbox';
import { call } from '../fakes/sandboxHttp';
import { until } from '../until';
import { bodyOf, closedPort, proxyTo, rawRequest, recordingUpstream, type ProxyHarness, type RecordingUpstream } from './support';

describe('recording proxy: failures', () => {
  let upstream: RecordingUpstream;
  let harness: ProxyHarness | undefined;

  beforeEach(async () => {
    upstream = await recordingUpstream();
  });
  afterEach(async () => {
    await harness?.proxy.close();
    harness = undefined;
    await upstream.close();
  });

  const post = (path: string) => call(`${harness!.proxy.baseUrl}/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"actionType":"adjust"}' });

  it('says the upstream refused the connection (502) when nothing listens there', async () => {
    harness = await proxyTo(`http://127.0.0.1:${await closedPort()}/rest/v2`);
    const answer = await post('updateStockQuantity');
    assert.equal(answer.status, 502);
    assert.match((answer.json as { message: string }).message, /^OTO Stock recording proxy: the upstream 127\.0\.0\.1:\d+ refused the connection$/);
    assert.equal((answer.json as { code: number }).code, 502);
    assert.match(harness.exchanges[0].fault ?? '', /^upstream failed: the upstream 127\.0\.0\.1:\d+ refused the connection$/);
    assert.equal(harness.exchanges[0].status, 502);
  });

  it('names DNS and TLS failures in words (no test resolves or reaches a real host)', () => {
    const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
    assert.equal(describeFailure(error('ENOTFOUND'), 'staging-api.tryoto.com'), 'the upstream host staging-api.tryoto.com could not be resolved (DNS: ENOTFOUND)');
    assert.equal(describeFailure(error('CERT_HAS_EXPIRED'), 'api.tryoto.com'), 'the TLS connection to api.tryoto.com failed (CERT_HAS_EXPIRED)');
    assert.equal(describeFailure(error('ERR_TLS_CERT_ALTNAME_INVALID'), 'api.tryoto.com'), 'the TLS connection to api.tryoto.com failed (ERR_TLS_CERT_ALTNAME_INVALID)');
    assert.equal(describeFailure(error('EHOSTUNREACH'), 'api.tryoto.com'), 'the request to api.tryoto.com failed (EHOSTUNREACH)');
  });

  it('gives up on a hanging upstream with a 504, and sends the write once only', async () => {
    upstream.behaviour = 'hang';
    harness = await proxyTo(upstream.baseUrl, { limits: { upstreamTimeoutMs: 300 } });
    const answer = await post('updateStockQuantity');
    assert.equal(answer.status, 504);
    assert.match((answer.json as { message: string }).message, /did not answer within 300 ms/);
    // A later exchange through the proxy marks the point by which a retry would have arrived.
    upstream.behaviour = 'answer';
    assert.equal((await call(`${harness.proxy.baseUrl}/healthCheck`)).status, 201);
    assert.deepEqual(upstream.received.map((request) => request.url), ['/rest/v2/updateStockQuantity', '/rest/v2/healthCheck'], 'no retry');
  });

  it('says the upstream dropped the connection (502) and does not retry', async () => {
    upstream.behaviour = 'reset';
    harness = await proxyTo(upstream.baseUrl);
    const answer = await post('updateStockQuantity');
    assert.equal(answer.status, 502);
    assert.match((answer.json as { message: string }).message, /dropped the connection/);
    assert.equal(upstream.received.length, 1);
  });

  it('says the upstream dropped the connection while answering when it had begun to, not before', async () => {
    upstream.behaviour = 'cut';
    harness = await proxyTo(upstream.baseUrl, { writes: 'forward' });
    const answer = await post('updateStockQuantity');
    assert.equal(answer.status, 502);
    // "Before answering" would tell an ERP its forwarded write may not have reached OTO; it did.
    assert.equal((answer.json as { message: string }).message, `OTO Stock recording proxy: the upstream ${new URL(upstream.baseUrl).host} dropped the connection while answering`);
    assert.equal(upstream.received.length, 1);
  });

  it('does not pass on an answer larger than its limit', async () => {
    upstream.behaviour = 'huge';
    harness = await proxyTo(upstream.baseUrl, { limits: { maxAnswerBytes: 10_000 } });
    const answer = await call(`${harness.proxy.baseUrl}/productList`);
    assert.equal(answer.status, 502);
    assert.match((answer.json as { message: string }).message, /larger than 10000 bytes/);
  });

  it('refuses a body over its limit with 413 and sends nothing', async () => {
    harness = await proxyTo(upstream.baseUrl, { limits: { maxBodyBytes: 1_000 } });
    const answer = await call(`${harness.proxy.baseUrl}/updateStockQuantity`, { method: 'POST', body: 'x'.repeat(5_000) });
    assert.deepEqual([answer.status, (answer.json as { code: number }).code], [413, 413]);
    const chunked = await rawRequest(harness.proxy.port, `POST /rest/v2/updateStockQuantity HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n${'y'.repeat(2000)}\r\n0\r\n\r\n`);
    assert.match(chunked, /^HTTP\/1.1 413 /);
    assert.equal(upstream.received.length, 0);
  });

  it('answers a body that trickles in too slowly with 408 JSON, and sends nothing', async () => {
    harness = await proxyTo(upstream.baseUrl, { limits: { headersTimeoutMs: 300, requestTimeoutMs: 400 } });
    const raw = await rawRequest(harness.proxy.port, 'POST /rest/v2/updateStockQuantity HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a":');
    assert.match(raw, /^HTTP\/1.1 408 /);
    assert.deepEqual(bodyOf(raw), { message: 'Request timeout: the request was not received in time', code: 408 });
    assert.equal(upstream.received.length, 0);
  });

  it('answers headers that never end with 408 JSON', async () => {
    harness = await proxyTo(upstream.baseUrl, { limits: { headersTimeoutMs: 300, requestTimeoutMs: 400 } });
    const raw = await rawRequest(harness.proxy.port, 'GET /rest/v2/healthCheck HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    assert.match(raw, /^HTTP\/1.1 408 /);
    assert.equal((bodyOf(raw) as { code: number }).code, 408);
  });

  it('answers a malformed request and oversized headers with JSON errors', async () => {
    harness = await proxyTo(upstream.baseUrl, { limits: { maxHeaderBytes: 2_000 } });
    const malformed = await rawRequest(harness.proxy.port, 'NOT HTTP AT ALL\r\n\r\n');
    assert.match(malformed, /^HTTP\/1.1 400 /);
    assert.deepEqual(bodyOf(malformed), { message: 'Bad request: the request line must start with a method in upper case (GET, POST)', code: 400 });
    const huge = await rawRequest(harness.proxy.port, `GET /rest/v2/healthCheck HTTP/1.1\r\nHost: x\r\nX-Big: ${'z'.repeat(5_000)}\r\n\r\n`);
    assert.match(huge, /^HTTP\/1.1 431 /);
    assert.equal(upstream.received.length, 0);
  });

  it('answers CONNECT and an Expect it does not know with JSON errors (Node closes the one silently, answers the other with an empty 417), as the sandbox does', async () => {
    harness = await proxyTo(upstream.baseUrl);
    const sandbox = await startSandbox();
    try {
      for (const port of [harness.proxy.port, Number(new URL(sandbox.baseUrl).port)]) {
        const connect = await rawRequest(port, 'CONNECT api.tryoto.com:443 HTTP/1.1\r\nHost: api.tryoto.com:443\r\n\r\n');
        assert.match(connect, /^HTTP\/1.1 405 Method Not Allowed\r\nContent-Type: application\/json; charset=utf-8\r\n/);
        assert.deepEqual(bodyOf(connect), { message: 'CONNECT is not served: this is OTO\'s API, not a proxy to tunnel through', code: 405 });
        const expect = await rawRequest(port, 'POST /rest/v2/updateStockQuantity HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nExpect: banana\r\n\r\n{}');
        assert.match(expect, /^HTTP\/1.1 417 Expectation Failed\r\n/);
        assert.match(expect, /\r\nConnection: close\r\n/i);
        assert.deepEqual(bodyOf(expect), { message: 'Expect: banana is not supported (only 100-continue is)', code: 417 });
      }
      assert.equal(upstream.received.length, 0);
      assert.equal(harness.proxy.exchangeCount, 0);
    } finally {
      await sandbox.close();
    }
  });

  it('answers connections past its cap 503 in JSON, sends nothing upstream, and keeps serving the others', async () => {
    harness = await proxyTo(upstream.baseUrl, { limits: { maxConnections: 3 } });
    const held: net.Socket[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = net.connect(harness.proxy.port, '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      held.push(socket);
    }
    // Connected, the held ones are ahead of the next in the listen queue, which is accepted in order.
    const turnedAway = await rawRequest(harness.proxy.port, 'GET /rest/v2/healthCheck HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(turnedAway, /^HTTP\/1.1 503 .*\r\n(.*\r\n)*Retry-After: 1\r\nConnection: close\r\n/);
    assert.deepEqual(bodyOf(turnedAway), { message: 'Too many connections: at most 3 at a time; try again in 1 s', code: 503 });
    assert.equal(upstream.received.length, 0);
    held.pop()?.destroy();
    // The proxy frees the slot once it has seen that socket close, which tells this side nothing: ask until it serves.
    const served = async (): Promise<boolean> => (await call(`${harness!.proxy.baseUrl}/healthCheck`).catch(() => undefined))?.status === 201;
    await until('the proxy to serve again once a held connection closed', served);
    held.forEach((socket) => socket.destroy());
  });
});
