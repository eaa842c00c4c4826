// Timeouts and the caller's AbortSignal end a call promptly, whatever it is waiting for.
import * as assert from 'node:assert/strict';
import { failure, useSandbox } from './support';

describe('OtoClient timeouts and cancellation', () => {
  const t = useSandbox();

  it('gives up on a hanging request after timeoutMs', async () => {
    const client = t.newClient({ timeoutMs: 150, retry: { maxAttempts: 1 } });
    t.sandbox.addFaults([{ endpoint: 'accountInfo', hang: true }]);
    const started = Date.now();
    const error = await failure(client.getAccountInfo());
    assert.equal(error.kind, 'timeout');
    assert.equal(error.endpoint, 'accountInfo');
    assert.ok(Date.now() - started < 1_000);
  });

  it('a slow answer times out like a missing one', async () => {
    const client = t.newClient({ timeoutMs: 150, retry: { maxAttempts: 1 } });
    t.sandbox.addFaults([{ endpoint: 'healthCheck', latencyMs: 400 }]);
    assert.equal((await failure(client.healthCheck())).kind, 'timeout');
  });

  it('sends nothing when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(t.client.getAccountInfo({ signal: controller.signal }));
    assert.equal(error.kind, 'aborted');
    assert.equal(t.sandbox.requests.length, 0);
  });

  /** Starts `call`, aborts it after `afterMs`, and checks it ends as aborted soon after. */
  async function abortAfter(afterMs: number, call: (signal: AbortSignal) => Promise<unknown>): Promise<void> {
    const controller = new AbortController();
    const pending = call(controller.signal);
    setTimeout(() => controller.abort(), afterMs);
    const started = Date.now();
    assert.equal((await failure(pending)).kind, 'aborted');
    assert.ok(Date.now() - started < afterMs + 800, `ended ${Date.now() - started} ms after the start`);
  }

  it('abandons a request in flight when the signal fires', async () => {
    t.sandbox.addFaults([{ endpoint: 'getPickupLocationList', hang: true }]);
    await abortAfter(100, (signal) => t.client.getPickupLocations({ signal }));
    assert.equal(t.sent('getPickupLocationList').length, 1);
  });

  it('stops waiting between retries when the signal fires', async () => {
    const client = t.newClient({ retry: { baseDelayMs: 5_000, maxDelayMs: 5_000 } });
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 503 }]);
    await abortAfter(200, (signal) => client.getAccountInfo({ signal }));
    assert.equal(t.sent('accountInfo').length, 1);
  });

  it('abandons every batch of a long SKU list', async () => {
    const skus = Array.from({ length: 1_000 }, (_, index) => `SKU-ABORT-${index}`);
    t.sandbox.addFaults([{ endpoint: 'checkInventoryStock', hang: true }]);
    await abortAfter(100, (signal) => t.client.checkInventoryStock(skus, { signal }));
    assert.ok(t.sent('checkInventoryStock').length <= 4, 'no batch starts after the abort');
  });

  it('lets a shared token refresh finish for the other callers when one caller aborts', async () => {
    t.sandbox.addFaults([{ endpoint: 'refreshToken', latencyMs: 150, times: 1 }]);
    const controller = new AbortController();
    const aborted = t.client.getAccountInfo({ signal: controller.signal });
    const other = t.client.getPickupLocations();
    setTimeout(() => controller.abort(), 50);
    assert.equal((await failure(aborted)).kind, 'aborted');
    assert.ok((await other).length > 0);
    assert.equal(t.sent('refreshToken').length, 1);
    assert.equal(t.sent('accountInfo').length, 0);
  });
});
