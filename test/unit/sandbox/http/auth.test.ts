// Tokens: the refresh token buys short-lived opaque access tokens; anything else gets OTO's 401.
import * as assert from 'node:assert';
import { startSandbox, type RunningSandbox } from '../../../../src/sandbox';
import { accessToken, call } from '../../fakes/sandboxHttp';
import { received } from '../../fakes/journal';

const JWT_EXPIRED = { message: 'Jwt is expired', code: 401 };

/** Every endpoint that needs a token, with a request that would otherwise succeed. */
const PROTECTED: Array<[string, string, unknown?]> = [
  ['GET', 'accountInfo'],
  ['GET', 'getPickupLocationList'],
  ['POST', 'productList', {}],
  ['GET', 'checkInventoryStock?sku=AJW-DATES-500'],
  ['GET', 'checkGlobalStock?sku=AJW-DATES-500'],
  ['POST', 'updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 }],
  ['POST', 'createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 1 }] }],
  ['POST', 'getPackingOrders', { warehouseCode: 'RUH-WH1' }],
  ['POST', 'updatePackingStatus', { orderId: 'x', packingStatus: 'picked' }],
  ['GET', 'orderDetails?orderId=x'],
];

describe('sandbox auth', () => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox.close());

  const refresh = (body: unknown) => call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify(body) });
  const request = (method: string, path: string, body: unknown, authorization?: string) =>
    call(`${sandbox.baseUrl}/${path}`, { method, headers: authorization ? { Authorization: authorization } : {}, body: body === undefined ? undefined : JSON.stringify(body) });

  it('issues opaque access tokens that do not look like JWTs, with expires_in as a string', async () => {
    sandbox = await startSandbox({ accessTokenTtlSeconds: 120 });
    const first = (await refresh({ refresh_token: sandbox.refreshToken })).json as Record<string, unknown>;
    const second = (await refresh({ refresh_token: sandbox.refreshToken })).json as Record<string, unknown>;
    assert.deepStrictEqual({ ...first, access_token: 'x' }, { access_token: 'x', refresh_token: sandbox.refreshToken, success: true, token_type: 'Bearer', expires_in: '120' });
    assert.match(String(first.access_token), /^sandbox-at-[0-9a-f]{48}$/);
    assert.notStrictEqual(first.access_token, second.access_token);
    for (const token of [first.access_token, second.access_token]) {
      assert.strictEqual((await request('GET', 'accountInfo', undefined, `Bearer ${String(token)}`)).status, 200);
    }
  });

  it('answers healthCheck without a token', async () => {
    sandbox = await startSandbox();
    const answer = await request('GET', 'healthCheck', undefined);
    assert.deepStrictEqual([answer.status, answer.json], [200, { status: 'ok' }]);
  });

  it('refuses a missing or wrong refresh token', async () => {
    sandbox = await startSandbox({ refreshToken: 'right' });
    const missing = await refresh({});
    assert.deepStrictEqual([missing.status, missing.json], [400, { success: false, otoErrorCode: 'OTO1083', otoErrorMessage: 'Refresh Token is required' }]);
    const wrong = await refresh({ refresh_token: 'wrong' });
    assert.strictEqual(wrong.status, 401);
    assert.strictEqual((wrong.json as { otoErrorCode: string }).otoErrorCode, 'OTO1088');
  });

  for (const [what, authorization] of [
    ['no token', undefined],
    ['a token it never issued', 'Bearer sandbox-at-000000'],
    ['a token without the Bearer scheme', 'TOKEN'],
  ] as const) {
    it(`answers 401 "Jwt is expired" to every protected endpoint with ${what}, changing nothing`, async () => {
      sandbox = await startSandbox();
      const token = await accessToken(sandbox);
      const header = authorization === 'TOKEN' ? token : authorization;
      const stock = () => request('GET', 'checkInventoryStock?sku=AJW-DATES-500', undefined, `Bearer ${token}`);
      const before = (await stock()).json;
      for (const [method, path, body] of PROTECTED) {
        const answer = await request(method, path, body, header);
        assert.deepStrictEqual([answer.status, answer.json], [401, JWT_EXPIRED], path);
      }
      assert.deepStrictEqual((await stock()).json, before);
      const refused = received(sandbox).filter((logged) => logged.endpoint !== 'refreshToken').slice(1, -1);
      assert.strictEqual(refused.length, PROTECTED.length);
      assert.ok(refused.every((logged) => !logged.authorized));
    });
  }

  it('expires access tokens after accessTokenTtlSeconds', async () => {
    // The sandbox's clock is moved on by hand, so no real second passes and none is eaten by load.
    let time = Date.now();
    sandbox = await startSandbox({ accessTokenTtlSeconds: 1, clock: () => time });
    const token = await accessToken(sandbox);
    assert.strictEqual((await request('GET', 'accountInfo', undefined, `Bearer ${token}`)).status, 200);
    time += 1_000;
    const expired = await request('GET', 'accountInfo', undefined, `Bearer ${token}`);
    assert.deepStrictEqual([expired.status, expired.json], [401, JWT_EXPIRED]);
    assert.strictEqual((await request('GET', 'accountInfo', undefined, `Bearer ${await accessToken(sandbox)}`)).status, 200);
  });
});
