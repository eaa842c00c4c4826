// The proxy passes a request on byte for byte and refuses anything outside OTO's API.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { startProxy } from '../../../src/proxy';
import { bodyOf, proxyTo, rawRequest, recordingUpstream, type ProxyHarness, type RecordingUpstream } from './support';

/** The header list without the ones a proxy must not pass on (hop-by-hop, Host, framing). */
function endToEnd(raw: string[]): Array<[string, string]> {
  const skip = ['connection', 'keep-alive', 'host', 'content-length', 'transfer-encoding', 'te', 'upgrade', 'proxy-authorization', 'x-drop-me'];
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (!skip.includes(raw[i].toLowerCase())) {
      pairs.push([raw[i], raw[i + 1]]);
    }
  }
  return pairs;
}

function send(port: number, path: string, init: { method?: string; headers?: Array<[string, string]>; body?: Buffer }): Promise<{ status: number; rawHeaders: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: (init.headers ?? []).flat(), setHost: true }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, rawHeaders: response.rawHeaders, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

describe('recording proxy: forwarding', () => {
  let upstream: RecordingUpstream;
  let harness: ProxyHarness;

  beforeEach(async () => {
    upstream = await recordingUpstream();
    harness = await proxyTo(upstream.baseUrl);
  });
  afterEach(async () => {
    await harness.proxy.close();
    await upstream.close();
  });

  it('forwards a body in another charset byte for byte and journals it as the text its client meant', async () => {
    // {"sku":"تمر"} in windows-1256, as an ERP on an Arabic Windows code page sends it.
    const body = Buffer.concat([Buffer.from('{"sku":"'), Buffer.from([0xca, 0xe3, 0xd1]), Buffer.from('"}')]);
    await send(harness.proxy.port, '/rest/v2/updateStockQuantity', { method: 'POST', headers: [['Content-Type', 'application/json; charset=windows-1256']], body });
    assert.deepEqual(upstream.received[0].body, body);
    const [exchange] = harness.exchanges;
    assert.deepEqual(exchange.requestBody.json, { sku: 'تمر' });
  });

  it('passes method, path, query, body bytes and end-to-end headers unchanged, with the client’s Authorization', async () => {
    const body = Buffer.from([0x7b, 0x22, 0x71, 0x74, 0x79, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // not even UTF-8
    const headers: Array<[string, string]> = [
      ['Authorization', 'Bearer client-own-access-token-1234'],
      ['Content-Type', 'application/json'],
      ['X-Custom', 'one'],
      ['X-Custom', 'two'],
      ['User-Agent', 'erp/1.0'],
      ['Connection', 'keep-alive, X-Drop-Me'],
      ['X-Drop-Me', 'hop-by-hop because Connection names it'],
    ];
    const path = '/rest/v2/checkInventoryStock?sku=A%2CB,c%20d&x=%E2%9C%93&empty=&x=2';
    const answer = await send(harness.proxy.port, path, { method: 'POST', headers, body });

    assert.equal(upstream.received.length, 1);
    const [got] = upstream.received;
    assert.equal(got.method, 'POST');
    assert.equal(got.url, path, 'path and query exactly as sent, encoding included');
    assert.deepEqual(got.body, body);
    assert.deepEqual(endToEnd(got.rawHeaders), endToEnd(headers.flat()));
    assert.equal(got.rawHeaders[got.rawHeaders.findIndex((name) => name.toLowerCase() === 'host') + 1], new URL(upstream.baseUrl).host);
    assert.ok(!got.rawHeaders.some((name) => name.toLowerCase() === 'x-drop-me'));

    assert.equal(answer.status, 201);
    assert.equal(answer.body.toString('utf8'), '{"success":true,"echo":"\u00e9\u2713"}');
    const cookies = answer.rawHeaders.filter((_, index, list) => index % 2 === 1 && list[index - 1].toLowerCase() === 'set-cookie');
    assert.deepEqual(cookies, ['a=1', 'b=2']);
    assert.ok(answer.rawHeaders.includes('X-Upstream'));
  });

  it('never adds an Authorization of its own', async () => {
    await send(harness.proxy.port, '/rest/v2/healthCheck', {});
    assert.ok(!upstream.received[0].rawHeaders.some((name) => name.toLowerCase() === 'authorization'));
  });

  it('forwards below the upstream’s own path prefix', async () => {
    await harness.proxy.close();
    harness = await proxyTo(`${new URL(upstream.baseUrl).origin}/staging/rest/v2/`);
    await send(harness.proxy.port, '/rest/v2/orderDetails?orderId=1', {});
    assert.equal(upstream.received[0].url, '/staging/rest/v2/orderDetails?orderId=1');
  });

  const refused: Array<[string, number]> = [
    ['/', 404],
    ['/admin', 404],
    ['/rest/v1/checkInventoryStock', 404],
    ['/rest/v2', 404],
    ['/rest/v2/../admin', 400],
    ['/rest/v2/%2e%2e/admin', 400],
    ['/rest/v2/a%2F..%2Fadmin', 400],
    ['/rest/v2/a\\..\\admin', 400],
    ['http://169.254.169.254/rest/v2/x', 404],
  ];
  for (const [target, status] of refused) {
    it(`refuses ${target} with ${status} in OTO's gateway shape and sends nothing`, async () => {
      const raw = await rawRequest(harness.proxy.port, `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.match(raw, new RegExp(`^HTTP/1.1 ${status} `));
      assert.match(raw, /content-type: application\/json/i);
      const body = bodyOf(raw) as { message: string; code: number };
      assert.equal(body.code, status);
      assert.equal(typeof body.message, 'string');
      assert.equal(upstream.received.length, 0);
      assert.equal(harness.exchanges.at(-1)?.fault, 'refused by the recording proxy, not sent');
    });
  }

  it('reports each exchange once the client has its answer', async () => {
    await send(harness.proxy.port, '/rest/v2/getPickupLocationList?status=active', { headers: [['Authorization', 'Bearer abc']] });
    assert.equal(harness.exchanges.length, 1);
    const [exchange] = harness.exchanges;
    assert.deepEqual([exchange.method, exchange.target, exchange.endpoint, exchange.status, exchange.fault], ['GET', '/rest/v2/getPickupLocationList?status=active', 'getPickupLocationList', 201, undefined]);
    assert.deepEqual(exchange.source, { kind: 'proxy', upstream: upstream.baseUrl, environment: 'staging' });
    assert.equal(exchange.client.address, '127.0.0.1');
    assert.equal(exchange.responseBody?.text, '{"success":true,"echo":"\u00e9\u2713"}');
    assert.equal(harness.proxy.exchangeCount, 1);
  });

  it('blocks writes unless told to forward them', async () => {
    const proxy = await startProxy({ upstream: upstream.baseUrl });
    try {
      assert.equal(proxy.writes, 'block');
    } finally {
      await proxy.close();
    }
  });

  it('listens on 127.0.0.1 only and checks its options', async () => {
    assert.match(harness.proxy.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/rest\/v2$/);
    await assert.rejects(startProxy({ upstream: 'ftp://example.invalid/rest/v2' }), /http\(s\) URL/);
    await assert.rejects(startProxy({ upstream: 'https://user:pw@example.invalid/rest/v2' }), /credentials/);
    await assert.rejects(startProxy({ upstream: upstream.baseUrl, writes: 'maybe' as never }), /writes must be block, simulate, forward/);
    await assert.rejects(startProxy({ upstream: upstream.baseUrl, port: harness.proxy.port }), /already in use/);
  });
});
