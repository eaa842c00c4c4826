// One delivery: a header HTTP cannot carry fails that delivery (with the reason) rather than
// throwing out of the request and taking down whoever delivers (the sandbox, the inbox).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliver } from '../../../src/common/webhookDelivery';

describe('webhook delivery', () => {
  let server: http.Server;
  let received = 0;
  before(async () => {
    server = http.createServer((request, response) => {
      received += 1;
      request.resume();
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('resolves with the error for a header value HTTP cannot carry, sending nothing', async () => {
    const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
    const request = { url, method: 'POST' as const, body: '{}', timeoutMs: 2_000, signal: new AbortController().signal };
    const result = await deliver({ ...request, headers: { Authorization: '\u2026ey-1' } });
    assert.equal(result.error, 'ERR_INVALID_CHAR');
    assert.equal(result.status, undefined);
    assert.equal(received, 0);
    const fine = await deliver({ ...request, headers: { Authorization: 'key-1' } });
    assert.equal(fine.status, 200);
    assert.equal(received, 1);
  });
});
