// HEAD through the proxy: its answer says what GET would send (the upstream's Content-Length, or
// none), not `Content-Length: 0`; a 204 carries no Content-Length at all (HTTP forbids one).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyTo, rawRequest, type ProxyHarness } from './support';

const BODY = '{"success":true,"stock":{"AJW-DATES-500":[]}}';

describe('recording proxy: HEAD and bodiless answers', () => {
  let upstream: http.Server;
  let harness: ProxyHarness;
  let chunked = false;
  beforeEach(async () => {
    chunked = false;
    // A server as OTO's gateway would be: HEAD answered with GET's headers and no body.
    upstream = http.createServer((request, response) => {
      if (request.url?.includes('healthCheck')) {
        response.writeHead(204, { 'X-Upstream': 'yes' });
        response.end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json', ...(chunked ? {} : { 'Content-Length': String(Buffer.byteLength(BODY)) }) });
      response.end(request.method === 'HEAD' ? undefined : BODY);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    harness = await proxyTo(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}/rest/v2`);
  });
  afterEach(async () => {
    await harness.proxy.close();
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });
  const raw = (method: string, path: string): Promise<string> =>
    rawRequest(harness.proxy.port, `${method} /rest/v2/${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n`);
  const headerOf = (answer: string, name: string): string | undefined =>
    new RegExp(`^${name}: (.*)\r$`, 'im').exec(answer.split('\r\n\r\n')[0])?.[1];

  it("answers HEAD with the Content-Length GET gets, and no body", async () => {
    const get = await raw('GET', 'checkInventoryStock?sku=AJW-DATES-500');
    const head = await raw('HEAD', 'checkInventoryStock?sku=AJW-DATES-500');
    assert.match(head, /^HTTP\/1\.1 200 /);
    assert.equal(headerOf(get, 'content-length'), String(Buffer.byteLength(BODY)));
    assert.equal(headerOf(head, 'content-length'), String(Buffer.byteLength(BODY)));
    assert.equal(head.split('\r\n\r\n')[1], '', 'no body after the headers');
  });

  it('answers HEAD without a Content-Length when the upstream gave none (a chunked GET)', async () => {
    chunked = true;
    const head = await raw('HEAD', 'checkInventoryStock?sku=AJW-DATES-500');
    assert.match(head, /^HTTP\/1\.1 200 /);
    assert.equal(headerOf(head, 'content-length'), undefined);
    assert.equal(headerOf(head, 'transfer-encoding'), undefined);
  });

  it('passes a 204 on with no Content-Length', async () => {
    const answer = await raw('GET', 'healthCheck');
    assert.match(answer, /^HTTP\/1\.1 204 /);
    assert.equal(headerOf(answer, 'x-upstream'), 'yes');
    assert.equal(headerOf(answer, 'content-length'), undefined);
  });
});
