// What a strict HTTP client relies on from the sandbox's API (the control API's own are in
// control/control.test.ts): a 405 names the methods the endpoint has, a path outside the API says
// where the API is. Real HTTP on 127.0.0.1.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { call, useSandbox } from '../../fakes/sandboxHttp';
import { sentTo } from '../../fakes/journal';

describe('sandbox HTTP conformance', () => {
  const t = useSandbox();
  const send = (method: string, path: string, headers: Record<string, string> = {}) =>
    call(`${t.sandbox.baseUrl}/${path}`, { method, headers: { Authorization: `Bearer ${t.api.token}`, ...headers } });

  it('answers a method an endpoint does not have 405 with an Allow header (RFC 9110), gateway-shaped', async () => {
    for (const [method, path, allow] of [
      ['DELETE', 'checkInventoryStock?sku=AJW-DATES-500', 'GET'],
      ['HEAD', 'healthCheck', 'GET'],
      ['OPTIONS', 'updateStockQuantity', 'POST'],
      ['GET', 'updateStockQuantity', 'POST'],
      ['PATCH', 'webhook', 'GET, POST, PUT, DELETE'],
    ] as const) {
      const answer = await send(method, path);
      assert.deepEqual([answer.status, answer.headers.get('allow')], [405, allow], `${method} ${path}`);
      if (method !== 'HEAD') {
        assert.equal((answer.json as { code: number }).code, 405);
      }
    }
    // The journal shows the answer as sent, Allow included.
    const refused = sentTo(t.sandbox, 'updateStockQuantity').at(-1)!;
    assert.equal(refused.exchange.responseHeaders?.allow, 'POST');
  });

  it('keeps the Allow header beside the headers of a fault that only delays', async () => {
    t.sandbox.faults.add([{ endpoint: 'checkInventoryStock', latencyMs: 1, headers: { 'X-Trace': 'slow' }, times: 1 }]);
    const answer = await send('POST', 'checkInventoryStock');
    assert.deepEqual([answer.status, answer.headers.get('allow'), answer.headers.get('x-trace')], [405, 'GET', 'slow']);
  });

  it('says where the API is when a path is outside it', async () => {
    const origin = new URL(t.sandbox.baseUrl).origin;
    for (const path of ['/favicon.ico', '/rest/v2/', '/rest/v1/checkInventoryStock']) {
      const answer = await call(`${origin}${path}`);
      assert.equal(answer.status, 404, path);
      assert.deepEqual(answer.json, { message: "No endpoint here: OTO's endpoints are under /rest/v2/ (e.g. /rest/v2/healthCheck)", code: 404 }, path);
    }
    assert.deepEqual((await send('GET', 'checkStock')).json, { message: 'No endpoint checkStock', code: 404 });
  });
});

// `Expect: 100-continue` (curl and .NET's HttpClient send it before larger bodies), over a raw
// socket: what comes back, in order, and whether the server closed the connection.
describe('sandbox HTTP conformance: Expect: 100-continue', () => {
  const t = useSandbox();
  const ADJUST = JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 });

  /** Sends the head, and the body only once told 100 Continue; resolves with the status lines seen and whether the server closed. */
  function expectContinue(path: string, headers: string, contentLength: number, body = ''): Promise<{ statuses: string[]; closed: boolean; text: string }> {
    const url = new URL(`${t.sandbox.baseUrl}/${path}`);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(url.port), '127.0.0.1');
      let text = '';
      let closed = false;
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
        if (text.startsWith('HTTP/1.1 100 ') && body !== '') {
          socket.write(body);
          body = '';
        }
      });
      socket.on('close', () => (closed = true));
      socket.on('error', reject);
      socket.write(`POST ${url.pathname} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n${headers}Content-Length: ${contentLength}\r\n\r\n`);
      // Less than `drained`'s second: a refusal that waited for the body would not be in yet.
      setTimeout(() => {
        socket.destroy();
        resolve({ statuses: text.split('\r\n').filter((line) => /^HTTP\/1\.1 \d{3} /.test(line)).map((line) => line.slice(9, 12)), closed, text });
      }, 500);
    });
  }

  it('answers a body it will refuse at once, without asking for it, and closes the connection', async () => {
    const before = t.sandbox.exportState();
    const unauthorised = await expectContinue('updateStockQuantity', '', ADJUST.length, ADJUST);
    assert.deepEqual([unauthorised.statuses, unauthorised.closed], [['401'], true]);
    const tooLarge = await expectContinue('updateStockQuantity', `Authorization: Bearer ${t.api.token}\r\n`, 20_000_000);
    assert.deepEqual([tooLarge.statuses, tooLarge.closed], [['413'], true]);
    const noSuchEndpoint = await expectContinue('updateStock', `Authorization: Bearer ${t.api.token}\r\n`, ADJUST.length, ADJUST);
    assert.deepEqual([noSuchEndpoint.statuses, noSuchEndpoint.closed], [['404'], true]);
    assert.deepEqual(t.sandbox.exportState(), before, 'nothing changed');
  });

  it('asks for a body it will read (100 Continue), then answers it, and the connection stays open', async () => {
    const adjusted = await expectContinue('updateStockQuantity', `Authorization: Bearer ${t.api.token}\r\n`, ADJUST.length, ADJUST);
    assert.deepEqual([adjusted.statuses, adjusted.closed], [['100', '200'], false]);
    assert.match(adjusted.text, /"success":true/);
    const control = await expectContinue('../../__oto/reset', '', 2, '{}');
    assert.deepEqual(control.statuses, ['100', '200'], 'the control API reads its body too');
  });
});
