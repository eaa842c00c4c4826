// Timeouts and the caller's AbortSignal end a call promptly, whatever it is waiting for.
import * as assert from 'node:assert/strict';
import { until } from '../../until';
import type { OtoClient } from '../../../../src/client';
import { failure, useSandbox } from '../../fakes/clientSandbox';
import { faultTaken, received, settled } from '../../fakes/journal';

describe('OtoClient timeouts and cancellation', () => {
  const t = useSandbox();

  // healthCheck needs no token: with 150 ms for every request, a token refresh slowed by a busy
  // machine would time out first.
  it('gives up on a hanging request after timeoutMs', async () => {
    const client = t.newClient({ timeoutMs: 150, retry: { maxAttempts: 1 } });
    t.sandbox.addFaults([{ endpoint: 'healthCheck', hang: true }]);
    const started = Date.now();
    const error = await failure(client.healthCheck());
    assert.equal(error.kind, 'timeout');
    assert.equal(error.endpoint, 'healthCheck');
    // The client's own default is 15 s: ending well before it proves timeoutMs was used.
    assert.ok(Date.now() - started < 7_500, `ended ${Date.now() - started} ms after the start`);
  });

  it('a slow answer times out like a missing one', async () => {
    const client = t.newClient({ timeoutMs: 150, retry: { maxAttempts: 1 } });
    t.sandbox.addFaults([{ endpoint: 'healthCheck', latencyMs: 400 }]);
    const error = await failure(client.healthCheck());
    assert.deepEqual([error.kind, error.endpoint], ['timeout', 'healthCheck']);
  });

  it('sends nothing when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(t.client.getAccountInfo({ signal: controller.signal }));
    assert.equal(error.kind, 'aborted');
    assert.equal(received(t.sandbox).length, 0);
  });

  /**
   * Starts `call`, aborts it once a request to `endpoint` has taken the fault set for it (so the
   * call is provably under way), checks it ends as aborted within `withinMs` of the abort, and
   * waits until what the sandbox received is all in its journal.
   */
  async function abortOnceSent(endpoint: string, withinMs: number, call: (signal: AbortSignal) => Promise<unknown>, arrived = () => faultTaken(t.sandbox, endpoint)): Promise<void> {
    const controller = new AbortController();
    const pending = call(controller.signal);
    pending.catch(() => undefined);
    await until(`a ${endpoint} request at the sandbox`, arrived);
    const aborted = Date.now();
    controller.abort();
    assert.equal((await failure(pending)).kind, 'aborted');
    assert.ok(Date.now() - aborted < withinMs, `ended ${Date.now() - aborted} ms after the abort`);
    await settled(t.sandbox);
  }

  it('abandons a request in flight when the signal fires', async () => {
    t.sandbox.addFaults([{ endpoint: 'getPickupLocationList', hang: true, times: 1 }]);
    // The request hangs for ever: only the abort can end it (the client's own timeout is 2 s here).
    await abortOnceSent('getPickupLocationList', 1_500, (signal) => t.client.getPickupLocations({ signal }));
    assert.equal(t.sent('getPickupLocationList').length, 1);
  });

  it('stops waiting between retries when the signal fires', async () => {
    const client = t.newClient({ retry: { baseDelayMs: 5_000, maxDelayMs: 5_000 } });
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 503, times: 1 }]);
    // The backoff after the 503 is at least 2.5 s (jitter keeps half of it): ending sooner proves the abort cut it short.
    await abortOnceSent('accountInfo', 2_000, (signal) => client.getAccountInfo({ signal }));
    assert.equal(t.sent('accountInfo').length, 1);
  });

  it('abandons every batch of a long SKU list', async () => {
    const skus = Array.from({ length: 1_000 }, (_, index) => `SKU-ABORT-${index}`);
    t.sandbox.addFaults([{ endpoint: 'checkInventoryStock', hang: true }]);
    // Every batch hangs: once the token is in, a request open at the sandbox is a batch.
    const batchHeld = (): boolean => t.sent('refreshToken').length === 1 && t.sandbox.activity.open > 0;
    await abortOnceSent('checkInventoryStock', 1_500, (signal) => t.client.checkInventoryStock(skus, { signal }), batchHeld);
    assert.ok(t.sent('checkInventoryStock').length <= 4, 'no batch starts after the abort');
  });

  it('lets a shared token refresh finish for the other callers when one caller aborts', async () => {
    // The refresh waits for the test's go, so the abort lands while it is provably in progress.
    let go!: () => void;
    const gate = new Promise<void>((resolve) => (go = resolve));
    let refreshing = false;
    const client = t.newClient({ refreshToken: async () => {
      refreshing = true;
      await gate;
      return t.sandbox.refreshToken;
    } });
    const controller = new AbortController();
    const aborted = client.getAccountInfo({ signal: controller.signal });
    const other = client.getPickupLocations();
    await until('the shared refresh to start', () => refreshing);
    controller.abort();
    assert.equal((await failure(aborted)).kind, 'aborted');
    go();
    assert.ok((await other).length > 0);
    assert.equal(t.sent('refreshToken').length, 1);
    assert.equal(t.sent('accountInfo').length, 0);
  });
});

describe('OtoClient cancellation of every call, and of writes only before they leave', () => {
  const t = useSandbox();

  type Method = { [K in keyof OtoClient]: OtoClient[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof OtoClient];
  // Every public call (the type makes a new one without an entry a compile error) with its signal.
  const calls: Record<Method, (client: OtoClient, signal: AbortSignal) => Promise<unknown>> = {
    updateStockQuantity: (client, signal) => client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 }, { signal }),
    checkInventoryStock: (client, signal) => client.checkInventoryStock(['AJW-DATES-500'], { signal }),
    checkGlobalStock: (client, signal) => client.checkGlobalStock(['AJW-DATES-500'], { signal }),
    createInventoryOrder: (client, signal) => client.createInventoryOrder({ action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 1 }] }, { signal }),
    updatePackingStatus: (client, signal) => client.updatePackingStatus({ orderId: '100301', packingStatus: 'picked' }, { signal }),
    getPackingOrders: (client, signal) => client.getPackingOrders('RUH-WH1', { signal }),
    getPickupLocations: (client, signal) => client.getPickupLocations({ signal }),
    listProducts: (client, signal) => client.listProducts({ signal }),
    getOrderDetails: (client, signal) => client.getOrderDetails('100301', { signal }),
    checkToken: (client, signal) => client.checkToken({ signal }),
    getAccountInfo: (client, signal) => client.getAccountInfo({ signal }),
    healthCheck: (client, signal) => client.healthCheck({ signal }),
  };

  for (const [name, call] of Object.entries(calls)) {
    it(`${name} takes a signal: one that has fired sends nothing`, async () => {
      const error = await failure(call(t.client, AbortSignal.abort()));
      assert.equal(error.kind, 'aborted');
      assert.equal(received(t.sandbox).length, 0);
    });
  }

  it('an abort during a token refresh ends the call at once; the refresh finishes and no request of the call follows', async () => {
    t.sandbox.addFaults([{ endpoint: 'refreshToken', latencyMs: 600, times: 1 }]);
    const controller = new AbortController();
    const pending = t.client.getAccountInfo({ signal: controller.signal });
    await until('the refresh at the sandbox', () => faultTaken(t.sandbox, 'refreshToken'));
    controller.abort();
    const error = await failure(pending);
    // The sandbox holds the refresh's answer 600 ms from its arrival: the call ended before it came.
    assert.equal(refreshesAnswered(), 0, 'ended before the refresh answered');
    assert.equal(error.kind, 'aborted');
    await pastTheRefresh();
    assert.equal(t.sent('accountInfo').length, 0);
  });

  const refreshesAnswered = (): number => t.events.filter((event) => event.endpoint === 'refreshToken').length;

  /** Once the refresh has answered, a later exchange marks the point by which a request of the call would have arrived. */
  async function pastTheRefresh(): Promise<void> {
    await until('the refresh to answer', () => refreshesAnswered() === 1);
    await t.newClient().healthCheck();
  }

  it('a write given up while its token is refreshed is never sent, and says so (unsent)', async () => {
    t.sandbox.addFaults([{ endpoint: 'refreshToken', latencyMs: 600, times: 1 }]);
    const controller = new AbortController();
    const pending = calls.updateStockQuantity(t.client, controller.signal);
    await until('the refresh at the sandbox', () => faultTaken(t.sandbox, 'refreshToken'));
    controller.abort();
    const error = await failure(pending);
    assert.deepEqual([error.kind, error.unsent], ['aborted', true]);
    await pastTheRefresh();
    assert.equal(t.sent('updateStockQuantity').length, 0);
  });

  it('a write given up during the backoff after an unsent attempt is not sent again', async () => {
    // Nothing listens on port 1: the token request is refused at the socket, so the write provably
    // never left and would be tried again after the (5 s) backoff.
    const events: string[] = [];
    const client = t.newClient({ baseUrl: 'http://127.0.0.1:1/rest/v2', retry: { baseDelayMs: 5_000, maxDelayMs: 5_000 }, onRequest: (event) => events.push(event.endpoint) });
    const controller = new AbortController();
    const pending = calls.updateStockQuantity(client, controller.signal);
    await until('the refused attempt', () => events.length === 1);
    const aborted = Date.now();
    controller.abort();
    const error = await failure(pending);
    assert.deepEqual([error.kind, error.unsent], ['aborted', true]);
    // Within half the 5 s backoff: it ended with the abort, with room for a loaded machine.
    assert.ok(Date.now() - aborted < 2_500, `ended ${Date.now() - aborted} ms after the abort`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(events, ['refreshToken'], 'no attempt after the abort');
  });

  it('a write already sent is not abandoned: its answer is waited for and reported as it is', async () => {
    t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', latencyMs: 500, times: 1 }]);
    const [before] = (await t.client.checkInventoryStock(['AJW-DATES-500'], { pickupLocationCode: 'RUH-WH1' }))['AJW-DATES-500'];
    const controller = new AbortController();
    const pending = calls.updateStockQuantity(t.client, controller.signal);
    await until('the write at the sandbox', () => faultTaken(t.sandbox, 'updateStockQuantity'));
    controller.abort();
    const answer = await pending;
    assert.ok(answer, 'the call resolved with OTO’s answer');
    const [after] = (await t.client.checkInventoryStock(['AJW-DATES-500'], { pickupLocationCode: 'RUH-WH1' }))['AJW-DATES-500'];
    assert.equal(after.quantityOnHand, before.quantityOnHand + 1, 'applied once');
    assert.equal(t.sent('updateStockQuantity').length, 1);
  });
});
