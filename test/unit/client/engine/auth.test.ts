// Authentication against the sandbox: lazy, shared, refreshed early, and a 401 handled exactly once.
import * as assert from 'node:assert/strict';
import { startSandbox } from '../../../../src/sandbox';
import type { RunningSandbox } from '../../../../src/sandbox/types';
import { failure, useSandbox } from '../../fakes/clientSandbox';
import { fingerprint, received } from '../../fakes/journal';

const JWT_EXPIRED = '{"message":"Jwt is expired","code":401}';

describe('OtoClient authentication', () => {
  describe('with long-lived tokens', () => {
    const t = useSandbox();

    it('sends nothing until the first call, then refreshes once with the refresh token and no Authorization', async () => {
      assert.equal(received(t.sandbox).length, 0);
      await t.client.getAccountInfo();
      const [refresh, call] = received(t.sandbox);
      assert.equal(refresh.endpoint, 'refreshToken');
      assert.equal(refresh.method, 'POST');
      assert.equal(refresh.refreshToken, fingerprint(t.sandbox.refreshToken), 'it sent the refresh token');
      assert.equal(refresh.exchange.requestBody.bytes, JSON.stringify({ refresh_token: t.sandbox.refreshToken }).length, 'and nothing else');
      assert.equal(t.events[0].requestHeaders.Authorization, undefined);
      assert.equal(call.authorized, true);
    });

    it('reuses the access token for later calls', async () => {
      await t.client.getAccountInfo();
      await t.client.getPickupLocations();
      await t.client.listProducts();
      assert.equal(t.sent('refreshToken').length, 1);
    });

    it('shares one refresh among concurrent callers', async () => {
      await Promise.all([
        t.client.getAccountInfo(), t.client.getPickupLocations(), t.client.listProducts(), t.client.checkGlobalStock(['x']),
      ]);
      assert.equal(t.sent('refreshToken').length, 1);
    });

    it('reads the refresh token from an async function when it needs one', async () => {
      let reads = 0;
      const client = t.newClient({ refreshToken: async () => { reads++; return t.sandbox.refreshToken; } });
      assert.equal(reads, 0);
      await client.getAccountInfo();
      await client.getAccountInfo();
      assert.equal(reads, 1);
    });

    it('on a 401, refreshes once and retries once', async () => {
      await t.client.getAccountInfo();
      t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 401, body: JWT_EXPIRED, times: 1 }]);
      await t.client.getAccountInfo();
      assert.deepEqual(received(t.sandbox).map((request) => request.endpoint),
        ['refreshToken', 'accountInfo', 'accountInfo', 'refreshToken', 'accountInfo']);
    });

    it('concurrent calls refused with 401 share one refresh', async () => {
      await t.client.getAccountInfo();
      // The delay lets all five first tries claim the five 401s before any retry arrives.
      t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 401, body: JWT_EXPIRED, times: 5, latencyMs: 100 }]);
      await Promise.all(Array.from({ length: 5 }, () => t.client.getAccountInfo()));
      assert.equal(t.sent('refreshToken').length, 2);
      assert.equal(t.sent('accountInfo').length, 11);
    });

    it('retries a write once after a 401 (OTO refused it, so it did not happen)', async () => {
      const [location] = await t.client.getPickupLocations();
      const [product] = await t.client.listProducts();
      t.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 401, body: JWT_EXPIRED, times: 1 }]);
      await t.client.updateStockQuantity({ actionType: 'adjust', locationCode: location.code, sku: product.sku, qty: 1 });
      assert.equal(t.sent('updateStockQuantity').length, 2);
    });

    it('gives up with an auth error when the retry after a refresh is refused too', async () => {
      t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 401, body: JWT_EXPIRED }]);
      const error = await failure(t.client.getAccountInfo());
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 401);
      assert.equal(error.message, 'Jwt is expired');
      assert.equal(t.sent('accountInfo').length, 2);
      assert.equal(t.sent('refreshToken').length, 2);
    });

    it('a 403 is OTO refusing the call, not the token: no refresh and no resend, for a read or a write', async () => {
      const [location] = await t.client.getPickupLocations();
      const [product] = await t.client.listProducts();
      const forbidden = '{"message":"Forbidden","code":403}';
      t.sandbox.addFaults([
        { endpoint: 'accountInfo', status: 403, body: forbidden, times: 1 },
        { endpoint: 'updateStockQuantity', status: 403, body: forbidden, times: 1 },
      ]);
      const read = await failure(t.client.getAccountInfo());
      const write = await failure(t.client.updateStockQuantity({ actionType: 'adjust', locationCode: location.code, sku: product.sku, qty: 1 }));
      for (const error of [read, write]) {
        assert.equal(error.status, 403);
        assert.notEqual(error.kind, 'auth');
        assert.equal(error.attempts, 1);
      }
      assert.equal(t.sent('accountInfo').length, 1);
      assert.equal(t.sent('updateStockQuantity').length, 1);
      assert.equal(t.sent('refreshToken').length, 1, 'the token was never refreshed');
    });

    it('a 401 to the token refresh itself is not answered with another refresh', async () => {
      t.sandbox.addFaults([{ endpoint: 'refreshToken', status: 401, body: JWT_EXPIRED, times: 1 }]);
      const error = await failure(t.client.getAccountInfo());
      assert.equal(error.endpoint, 'refreshToken');
      assert.equal(t.sent('refreshToken').length, 1);
      assert.equal(t.sent('accountInfo').length, 0);
    });

    it('a refused refresh token is an auth error, not retried', async () => {
      const client = t.newClient({ refreshToken: 'not-the-sandbox-refresh-token' });
      const error = await failure(client.getAccountInfo());
      assert.equal(error.kind, 'auth');
      assert.equal(error.endpoint, 'refreshToken');
      assert.match(error.message, /refused the refresh token/);
      assert.equal(t.sent('refreshToken').length, 1);
      assert.equal(t.sent('accountInfo').length, 0);
    });

    it('a refresh answered 4xx without an OTO code is a refused token too (sign in again)', async () => {
      for (const status of [400, 403]) {
        t.sandbox.addFaults([{ endpoint: 'refreshToken', status, body: '{"message":"Forbidden"}', times: 1 }]);
        const error = await failure(t.client.getAccountInfo());
        assert.equal(error.kind, 'auth');
        assert.equal(error.status, status);
        assert.equal(error.message, 'OTO refused the refresh token: Forbidden');
      }
    });

    it('a refresh answered success: false under HTTP 200 is a refused token', async () => {
      t.sandbox.addFaults([{ endpoint: 'refreshToken', status: 200, body: '{"success":false,"otoErrorCode":"OTO1088","otoErrorMessage":"This action is not allowed for this token"}', times: 1 }]);
      const error = await failure(t.client.getAccountInfo());
      assert.equal(error.kind, 'auth');
      assert.equal(error.code, 'OTO1088');
      assert.match(error.message, /^OTO refused the refresh token: /);
    });

    it('a 5xx (or a 429) during the refresh is OTO failing, not the token refused, even with an OTO code', async () => {
      const client = t.newClient({ retry: { maxAttempts: 1 } });
      for (const [status, body] of [[500, undefined], [503, undefined], [502, '{"message":"Bad Gateway"}'], [429, '{"message":"Slow down"}']] as const) {
        t.sandbox.addFaults([{ endpoint: 'refreshToken', status, body, times: 1 }]);
        const error = await failure(client.getAccountInfo());
        assert.equal(error.status, status);
        assert.notEqual(error.kind, 'auth', `HTTP ${status} made the user sign in again`);
        assert.doesNotMatch(error.message, /refused the refresh token/);
      }
      assert.equal(t.sent('accountInfo').length, 0);
    });

    it('a missing refresh token is an auth error and sends nothing', async () => {
      const client = t.newClient({ refreshToken: async () => '' });
      const error = await failure(client.getPickupLocations());
      assert.equal(error.kind, 'auth');
      assert.equal(received(t.sandbox).length, 0);
    });

    it('the next call after a failed refresh tries again', async () => {
      t.sandbox.addFaults([{ endpoint: 'refreshToken', status: 500, times: 1 }]);
      const client = t.newClient({ retry: { maxAttempts: 1 } });
      assert.equal((await failure(client.getAccountInfo())).status, 500);
      await client.getAccountInfo();
      assert.equal(t.sent('refreshToken').length, 2);
    });
  });

  describe('with short-lived tokens', () => {
    // The sandbox and the client read one clock that the tests move on by hand: expiry is
    // checked in their own time, without waiting for it, whatever the machine's load.
    let time = Date.now();
    const clock = (): number => time;
    const t = useSandbox({ accessTokenTtlSeconds: 1, clock }, { now: clock });

    it('refreshes shortly before the token expires, so no call meets a 401', async () => {
      await t.client.getAccountInfo();
      time += 950;
      await t.client.getAccountInfo();
      assert.equal(t.sent('refreshToken').length, 2);
      assert.ok(t.sent('accountInfo').every((request) => request.authorized));
    });

    it('reuses the token until a tenth of its life is left, and refreshes from that very moment', async () => {
      await t.client.getAccountInfo();
      time += 899;
      await t.client.getAccountInfo();
      assert.equal(t.sent('refreshToken').length, 1, 'reused 101 ms before expiry');
      time += 1;
      await t.client.getAccountInfo();
      assert.equal(t.sent('refreshToken').length, 2, 'refreshed 100 ms before expiry');
    });

    it('after an idle spell past expiry, waiting callers share one refresh', async () => {
      await t.client.getAccountInfo();
      time += 1100;
      await Promise.all(Array.from({ length: 5 }, () => t.client.getAccountInfo()));
      assert.equal(t.sent('refreshToken').length, 2);
      assert.equal(t.sent('accountInfo').length, 6);
      assert.ok(t.sent('accountInfo').every((request) => request.authorized));
    });
  });
  describe('redirects', () => {
    const t = useSandbox();
    let elsewhere: RunningSandbox;

    beforeEach(async () => {
      elsewhere = await startSandbox();
    });

    afterEach(async () => {
      await elsewhere.close();
    });

    // node-fetch would re-send a 307's body (the refresh token) wherever Location says, and keeps
    // the Authorization header for any port of the same host name.
    it('follows none, so neither token goes anywhere but the base URL', async () => {
      t.sandbox.addFaults([{ endpoint: 'refreshToken', status: 307, headers: { Location: `${elsewhere.baseUrl}/refreshToken` }, times: 1 }]);
      const refused = await failure(t.client.getAccountInfo());
      assert.equal(refused.status, 307);
      assert.match(refused.message, /redirect/);

      t.sandbox.addFaults([{ endpoint: 'accountInfo', status: 302, headers: { Location: `${elsewhere.baseUrl}/accountInfo` }, times: 1 }]);
      assert.equal((await failure(t.client.getAccountInfo())).status, 302);
      assert.deepEqual(received(elsewhere), []);
    });
  });
});
