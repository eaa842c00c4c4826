// Retries against the sandbox's injected faults: reads come back from transient failures within
// their bounds; changes that must not happen twice are sent exactly once, whatever happens.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import type { OtoRequestEvent } from '../../../../src/client';
import { failure, useSandbox } from '../../fakes/clientSandbox';
import { settled } from '../../fakes/journal';

const LOCATION = 'ASDS';
const SKU = 'SKU-RETRY';
const extra = {
  locations: [{ code: LOCATION, kind: 'warehouse' as const }],
  products: [{ sku: SKU, name: 'Retry test product', stock: { [LOCATION]: { onHand: 10 } } }],
};
const otoError = (code: string, message: string): string => JSON.stringify({ success: false, otoErrorCode: code, otoErrorMessage: message });

describe('OtoClient retries', () => {
  const t = useSandbox({ extra });

  async function onHand(): Promise<number> {
    const stock = await t.client.checkInventoryStock([SKU], { pickupLocationCode: LOCATION });
    return stock[SKU][0].quantityOnHand;
  }

  for (const status of [429, 500, 502, 503, 504]) {
    it(`retries a read after HTTP ${status}`, async () => {
      t.sandbox.addFaults([{ endpoint: 'checkGlobalStock', status, times: 1 }]);
      const stock = await t.client.checkGlobalStock([SKU]);
      assert.equal(stock[SKU].quantityOnHand, 10);
      assert.equal(t.sent('checkGlobalStock').length, 2);
      assert.deepEqual(t.events.filter((event) => event.endpoint === 'checkGlobalStock').map((event) => [event.attempt, event.status]),
        [[1, status], [2, 200]]);
    });
  }

  for (const [code, message] of [['OTO1143', 'Too many request!'], ['OTO1105', 'Wait for 1 minute before request again!']]) {
    it(`retries a read after ${code}, even under HTTP 200`, async () => {
      t.sandbox.addFaults([{ endpoint: 'getPickupLocationList', status: 200, body: otoError(code, message), times: 1 }]);
      await t.client.getPickupLocations();
      assert.equal(t.sent('getPickupLocationList').length, 2);
    });
  }

  it('retries a read after a dropped connection', async () => {
    t.sandbox.addFaults([{ endpoint: 'accountInfo', reset: true, times: 1 }]);
    await t.client.getAccountInfo();
    assert.equal(t.sent('accountInfo').length, 2);
    assert.equal(t.events.find((event) => event.endpoint === 'accountInfo')?.error?.kind, 'network');
  });

  it('retries a read after a timeout', async () => {
    const client = t.newClient({ timeoutMs: 200 });
    t.sandbox.addFaults([{ endpoint: 'getPackingOrders', hang: true, times: 1 }]);
    await client.getPackingOrders(LOCATION);
    // At least one retry: on a loaded machine a retry may itself take longer than 200 ms and be retried too.
    assert.ok(t.sent('getPackingOrders').length >= 2, `${t.sent('getPackingOrders').length} sent`);
    assert.equal(t.events.find((event) => event.endpoint === 'getPackingOrders')?.error?.kind, 'timeout');
  });

  it('makes at most 4 attempts, then reports the last failure', async () => {
    t.sandbox.addFaults([{ endpoint: 'productList', status: 503 }]);
    const error = await failure(t.client.listProducts());
    assert.equal(error.status, 503);
    assert.equal(error.attempts, 4);
    assert.equal(t.sent('productList').length, 4);
  });

  it('does not retry a read that OTO refused for a reason a retry cannot fix', async () => {
    const error = await failure(t.client.checkInventoryStock([SKU], { pickupLocationCode: 'NOWHERE' }));
    assert.equal(error.code, 'OTO1133');
    assert.equal(t.sent('checkInventoryStock').length, 1);
  });

  it('backs off exponentially between attempts', async () => {
    const client = t.newClient({ retry: { baseDelayMs: 100, maxDelayMs: 1_000 } });
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 500, times: 3 }]);
    const started = Date.now();
    await client.getAccountInfo();
    // Jitter keeps at least half of each delay: 50 + 100 + 200 ms.
    assert.ok(Date.now() - started >= 350, `took ${Date.now() - started} ms`);
  });

  it('with no retry options, waits the default backoff (a quarter second at least) before resending', async () => {
    const client = t.newClient({ retry: undefined });
    t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 503, times: 1 }]);
    await client.getAccountInfo();
    const [first, second] = t.events.filter((event) => event.endpoint === 'accountInfo');
    const gap = second.startedAt - (first.startedAt + first.durationMs);
    assert.ok(gap >= 245, `resent after ${gap} ms`);
  });

  it('waits as long as Retry-After asks', async () => {
    t.sandbox.addFaults([{ endpoint: 'checkInventoryStock', status: 429, headers: { 'Retry-After': '1' }, times: 1 }]);
    const started = Date.now();
    assert.equal(await onHand(), 10);
    assert.ok(Date.now() - started >= 1_000, `took ${Date.now() - started} ms`);
  });

  it('fails at once, as rate-limited, when Retry-After asks for longer than the client will wait', async () => {
    t.sandbox.addFaults([{ endpoint: 'checkInventoryStock', status: 429, headers: { 'Retry-After': '120' }, times: 1 }]);
    const error = await failure(onHand());
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.retryAfterMs, 120_000);
    assert.equal(t.sent('checkInventoryStock').length, 1);
  });

  it('ignores a Retry-After that is neither delay-seconds nor an HTTP date (2.5 is no "retry at once")', async () => {
    t.sandbox.addFaults([{ endpoint: 'checkInventoryStock', status: 429, headers: { 'Retry-After': '2.5' }, times: 10 }]);
    const error = await failure(onHand());
    assert.equal(error.kind, 'rate-limit');
    assert.equal(error.retryAfterMs, undefined);
  });

  describe('changes that must not happen twice', () => {
    const adjust = { actionType: 'adjust' as const, locationCode: LOCATION, sku: SKU, qty: 5 };
    const order = { action: 'inbound' as const, locationCode: LOCATION, items: [{ sku: SKU, qty: 3 }] };

    it('sends an adjust once after a 500, even though it took effect', async () => {
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 500, afterEffect: true, times: 1 }]);
      const error = await failure(t.client.updateStockQuantity(adjust));
      assert.equal(error.status, 500);
      assert.equal(t.sent('updateStockQuantity').length, 1);
      assert.equal(await onHand(), 15);
    });

    it('sends an adjust once after a timeout', async () => {
      const client = t.newClient({ timeoutMs: 200 });
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', hang: true, afterEffect: true, times: 1 }]);
      const error = await failure(client.updateStockQuantity(adjust));
      assert.equal(error.kind, 'timeout');
      await settled(t.sandbox);
      assert.equal(t.sent('updateStockQuantity').length, 1);
      assert.equal(await onHand(), 15);
    });

    it('sends an adjust once after a 503 or a rate limit', async () => {
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 429, times: 1 }]);
      assert.equal((await failure(t.client.updateStockQuantity(adjust))).kind, 'rate-limit');
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 503, times: 1 }]);
      assert.equal((await failure(t.client.updateStockQuantity(adjust))).status, 503);
      assert.equal(t.sent('updateStockQuantity').length, 2);
    });

    it('sends an inventory order once after a 500', async () => {
      t.sandbox.addFaults([{ endpoint: 'createInventoryOrder', status: 500, times: 1 }]);
      await failure(t.client.createInventoryOrder(order));
      assert.equal(t.sent('createInventoryOrder').length, 1);
    });

    it('sends an inventory order once after a timeout', async () => {
      const client = t.newClient({ timeoutMs: 200 });
      t.sandbox.addFaults([{ endpoint: 'createInventoryOrder', hang: true, afterEffect: true, times: 1 }]);
      assert.equal((await failure(client.createInventoryOrder(order))).kind, 'timeout');
      await settled(t.sandbox);
      assert.equal(t.sent('createInventoryOrder').length, 1);
    });

    it('sends a packing status once after a 500', async () => {
      t.sandbox.addFaults([{ endpoint: 'updatePackingStatus', status: 500, times: 1 }]);
      await failure(t.client.updatePackingStatus({ orderId: 'ANY', packingStatus: 'picked' }));
      assert.equal(t.sent('updatePackingStatus').length, 1);
    });
  });

  describe('a set, which another writer may have changed in between', () => {
    const set = (qty: number) => ({ actionType: 'set' as const, locationCode: LOCATION, sku: SKU, qty });

    it('is not resent after a 502 that lost its answer, so a newer set by someone else stays', async () => {
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 502, afterEffect: true, times: 1 }]);
      const other = t.newClient();
      let theirs: Promise<unknown> | undefined;
      // Client B sets 222 while A is between its (lost) first answer and any resend.
      const mine = t.newClient({
        retry: { baseDelayMs: 300, maxDelayMs: 300 },
        onRequest: (event) => {
          if (event.endpoint === 'updateStockQuantity' && event.attempt === 1) {
            theirs ??= other.updateStockQuantity(set(222));
          }
        },
      });
      const error = await failure(mine.updateStockQuantity(set(111)));
      await theirs;
      assert.equal(error.status, 502);
      assert.equal(error.attempts, 1);
      assert.equal(await onHand(), 222);
      assert.equal(t.sent('updateStockQuantity').length, 2);
    });

    it('is sent once after a dropped connection or a timeout', async () => {
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, times: 1 }]);
      assert.equal((await failure(t.client.updateStockQuantity(set(4)))).kind, 'network');
      const client = t.newClient({ timeoutMs: 200 });
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', hang: true, afterEffect: true, times: 1 }]);
      assert.equal((await failure(client.updateStockQuantity(set(5)))).kind, 'timeout');
      await settled(t.sandbox);
      assert.equal(t.sent('updateStockQuantity').length, 2);
      assert.equal(await onHand(), 5);
    });
  });

  describe('writes whose request provably never reached the server', () => {
    async function refusedBaseUrl(): Promise<string> {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      await new Promise((resolve) => server.close(resolve));
      return `http://127.0.0.1:${port}/rest/v2`;
    }

    it('resends a set and an adjust whose connection was refused, and says nothing was sent', async () => {
      const events: OtoRequestEvent[] = [];
      const baseUrl = await refusedBaseUrl();
      for (const actionType of ['set', 'adjust'] as const) {
        // A client each: one that has already given up on a refused connection tries once (see below).
        const client = t.newClient({ baseUrl, onRequest: (event) => events.push(event) });
        const error = await failure(client.updateStockQuantity({ actionType, locationCode: LOCATION, sku: SKU, qty: 3 }));
        assert.equal(error.kind, 'network');
        assert.equal(error.unsent, true);
        assert.equal(error.attempts, 4);
      }
      // Nothing of the write was sent: each attempt failed at the token refresh, refused too.
      assert.ok(events.length >= 8 && events.every((event) => event.error?.kind === 'network'));
    });
  });

  describe('during an outage', () => {
    it('tries a call once, not four times, after an earlier call gave up on a refused connection', async () => {
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      await new Promise((resolve) => server.close(resolve));
      const events: OtoRequestEvent[] = [];
      const client = t.newClient({ baseUrl: `http://127.0.0.1:${port}/rest/v2`, onRequest: (event) => events.push(event) });
      assert.equal((await failure(client.getPickupLocations())).attempts, 4, 'the first failure may be a blip: retried');
      const before = events.length;
      for (let i = 0; i < 3; i++) {
        const error = await failure(client.listProducts());
        assert.equal(error.kind, 'network');
        assert.equal(error.attempts, 1);
      }
      assert.equal(events.length - before, 3, 'one refused token refresh per call');
    });

    it('still resends a read that timed out: only a refused or dropped connection is tried once', async () => {
      const client = t.newClient({ timeoutMs: 300 });
      await client.getAccountInfo();
      t.sandbox.addFaults([{ endpoint: 'accountInfo', reset: true, times: 4 }]);
      assert.equal((await failure(client.getAccountInfo())).attempts, 4);
      // Nothing has answered since: the outage goes on, but a timeout is not a refused connection.
      t.sandbox.addFaults([{ endpoint: 'accountInfo', hang: true, times: 1 }]);
      const sent = t.sent('accountInfo').length;
      await client.getAccountInfo();
      assert.equal(t.sent('accountInfo').length - sent, 2);
    });

    it('is not entered by answers: after four 503s a dropped connection is still resent', async () => {
      t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 503, times: 4 }]);
      assert.equal((await failure(t.client.getAccountInfo())).attempts, 4);
      t.sandbox.addFaults([{ endpoint: 'accountInfo', reset: true, times: 1 }]);
      const sent = t.sent('accountInfo').length;
      await t.client.getAccountInfo();
      assert.equal(t.sent('accountInfo').length - sent, 2);
    });

    it('resends again once OTO answers', async () => {
      t.sandbox.addFaults([{ endpoint: '*', reset: true }]);
      assert.equal((await failure(t.client.getAccountInfo())).attempts, 4);
      assert.equal((await failure(t.client.getAccountInfo())).attempts, 1, 'still down: once');
      t.sandbox.faults.clear();
      await t.client.getAccountInfo();
      t.sandbox.addFaults([{ endpoint: 'accountInfo', reset: true, times: 1 }]);
      const sent = t.sent('accountInfo').length;
      await t.client.getAccountInfo();
      assert.equal(t.sent('accountInfo').length - sent, 2, 'an answer came in between: a dropped connection is a blip again, and resent');
    });
  });
});
