// What a strict HTTP client relies on from the sandbox's API (the control API's own are in
// control/control.test.ts): a 405 names the methods the endpoint has, a path outside the API says
// where the API is. Real HTTP on 127.0.0.1.
import * as assert from 'node:assert/strict';
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
