// Injected faults: latency, error statuses with headers, malformed bodies, hangs, dropped
// connections and "applied, then the answer was lost".
import * as assert from 'node:assert';
import { startSandbox, type Fault, type RunningSandbox } from '../../../../src/sandbox';
import { call, ok, signIn, type Api } from '../../fakes/sandboxHttp';
import { received } from '../../fakes/journal';

describe('sandbox faults', () => {
  let sandbox: RunningSandbox;
  let api: Api;
  const start = async (options: Parameters<typeof startSandbox>[0] = {}): Promise<void> => {
    sandbox = await startSandbox({ ...options, extra: { products: [{ sku: 'F-1', name: 'Fault test', stock: { 'RUH-WH1': { onHand: 10 } } }] } });
    api = await signIn(sandbox);
  };
  afterEach(() => sandbox.close());

  const onHand = async (): Promise<number> =>
    ok<{ stock: Record<string, Array<{ quantityOnHand: number }>> }>(await api.get('checkInventoryStock?sku=F-1')).stock['F-1'][0].quantityOnHand;
  const adjust = () => api.post('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'F-1', qty: 5 });

  it('answers with a status, OTO’s body for it and extra headers, as many times as asked', async () => {
    await start({ faults: [{ endpoint: 'checkInventoryStock', status: 503, headers: { 'Retry-After': '2' }, times: 2 }] });
    for (let i = 0; i < 2; i++) {
      const answer = await api.get('checkInventoryStock?sku=AJW-DATES-500');
      assert.strictEqual(answer.status, 503);
      assert.strictEqual(answer.headers.get('retry-after'), '2');
      assert.deepStrictEqual(answer.json, { success: false, otoErrorCode: 'OTO1105', otoErrorMessage: 'Wait for 1 minute before request again!' });
    }
    assert.strictEqual((await api.get('checkInventoryStock?sku=AJW-DATES-500')).status, 200);
  });

  it('sends a malformed body verbatim', async () => {
    await start({ faults: [{ endpoint: 'getPickupLocationList', body: '{"success": tr' }] });
    const answer = await api.get('getPickupLocationList');
    assert.deepStrictEqual([answer.status, answer.text, answer.json], [200, '{"success": tr', undefined]);
  });

  it('matches every endpoint with `*`, only the named one otherwise', async () => {
    await start();
    sandbox.addFaults([{ endpoint: 'checkGlobalStock', status: 500 }]);
    assert.strictEqual((await api.get('accountInfo')).status, 200);
    assert.strictEqual((await api.get('checkGlobalStock?sku=AJW-DATES-500')).status, 500);
    sandbox.addFaults([{ endpoint: '*', status: 429, times: 1 }]);
    const limited = await api.get('accountInfo');
    assert.deepStrictEqual([limited.status, (limited.json as { otoErrorCode: string }).otoErrorCode], [429, 'OTO1143']);
    assert.strictEqual((await api.get('accountInfo')).status, 200);
  });

  it('delays answers by the fault’s and the sandbox’s latency', async () => {
    await start({ latencyMs: 50, faults: [{ endpoint: 'accountInfo', latencyMs: 150, times: 1 }] });
    const started = Date.now();
    assert.strictEqual((await api.get('accountInfo')).status, 200);
    assert.ok(Date.now() - started >= 195, `answered after ${Date.now() - started} ms`);
  });

  it('hangs until the client gives up, and still closes promptly', async () => {
    await start({ faults: [{ endpoint: 'accountInfo', hang: true }] });
    await assert.rejects(fetch(`${sandbox.baseUrl}/accountInfo`, { headers: { Authorization: `Bearer ${api.token}` }, signal: AbortSignal.timeout(200) }));
    const pending = fetch(`${sandbox.baseUrl}/accountInfo`, { headers: { Authorization: `Bearer ${api.token}` }, signal: AbortSignal.timeout(5000) });
    pending.catch(() => undefined);
    await sandbox.close();
    await assert.rejects(pending);
  });

  const lost: Array<[string, Fault, number | undefined]> = [
    ['a dropped connection', { endpoint: 'updateStockQuantity', afterEffect: true }, undefined],
    ['a 500', { endpoint: 'updateStockQuantity', afterEffect: true, status: 500 }, 500],
    ['a 504 with a body', { endpoint: 'updateStockQuantity', afterEffect: true, status: 504, body: '<html>Gateway Timeout</html>' }, 504],
  ];
  for (const [what, fault, status] of lost) {
    it(`applies the change and then loses the answer: ${what}`, async () => {
      await start({ faults: [{ ...fault, times: 1 }] });
      const before = await onHand();
      if (status === undefined) {
        await assert.rejects(adjust());
      } else {
        assert.strictEqual((await adjust()).status, status);
      }
      assert.strictEqual(await onHand(), before + 5);
    });
  }

  it('takes one way to fail when a fault names several: a hang over a dropped connection over a status, after any latency', async () => {
    await start({ faults: [
      { endpoint: 'accountInfo', hang: true, reset: true, status: 503, times: 1 },
      { endpoint: 'accountInfo', reset: true, status: 503, body: '{}', times: 1 },
      { endpoint: 'accountInfo', latencyMs: 150, status: 503, times: 1 },
    ] });
    const get = (ms: number) => fetch(`${sandbox.baseUrl}/accountInfo`, { headers: { Authorization: `Bearer ${api.token}` }, signal: AbortSignal.timeout(ms) });
    await assert.rejects(get(300), (error: Error) => error.name === 'TimeoutError', 'hung: no answer, no drop');
    await assert.rejects(get(2000), (error: Error) => error.name !== 'TimeoutError', 'dropped, not answered 503');
    const started = Date.now();
    assert.strictEqual((await get(2000)).status, 503);
    assert.ok(Date.now() - started >= 140, 'the latency came first');
  });

  it('applies nothing when the fault replaces the answer', async () => {
    await start({ faults: [{ endpoint: 'updateStockQuantity', reset: true, times: 1 }, { endpoint: 'updateStockQuantity', status: 500, times: 1 }] });
    const before = await onHand();
    await assert.rejects(adjust());
    assert.strictEqual((await adjust()).status, 500);
    assert.strictEqual(await onHand(), before);
    assert.strictEqual((await adjust()).status, 200);
    assert.strictEqual(await onHand(), before + 5);
  });

  it('logs every request it received, faulted or not', async () => {
    await start({ faults: [{ endpoint: 'updateStockQuantity', status: 500 }] });
    await adjust();
    await api.get('checkGlobalStock?sku=A,B');
    assert.deepStrictEqual(
      received(sandbox).map(({ method, endpoint, url, query, authorized }) => ({ method, endpoint, url, query, authorized })),
      [
        { method: 'POST', endpoint: 'refreshToken', url: '/rest/v2/refreshToken', query: {}, authorized: false },
        { method: 'POST', endpoint: 'updateStockQuantity', url: '/rest/v2/updateStockQuantity', query: {}, authorized: true },
        { method: 'GET', endpoint: 'checkGlobalStock', url: '/rest/v2/checkGlobalStock?sku=A,B', query: { sku: 'A,B' }, authorized: true },
      ],
    );
    assert.deepStrictEqual(received(sandbox)[1].body, { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'F-1', qty: 5 });
  });
});

describe('sandbox faults: time limits, clients and the live list', () => {
  let sandbox: RunningSandbox;
  let api: Api;
  // Faults' seconds count on this clock, moved on by hand: a slow request cannot outlive them.
  let time = Date.now();
  beforeEach(async () => {
    sandbox = await startSandbox({ clock: () => time });
    api = await signIn(sandbox);
  });
  afterEach(() => sandbox.close());

  const accountInfo = (userAgent?: string) =>
    call(`${sandbox.baseUrl}/accountInfo`, { headers: { Authorization: `Bearer ${api.token}`, ...(userAgent ? { 'User-Agent': userAgent } : {}) } });

  it('spares the extension’s own client when a fault is for other clients only', async () => {
    sandbox.faults.add([{ endpoint: 'accountInfo', status: 429, headers: { 'Retry-After': '7' }, clients: 'others' }]);
    const erp = await accountInfo('my-erp/2.1');
    assert.deepStrictEqual([erp.status, erp.headers.get('retry-after')], [429, '7']);
    assert.strictEqual((await accountInfo('oto-stock-vscode/0.1.0')).status, 200);
    // A client that only contains the name somewhere is another client.
    assert.strictEqual((await accountInfo('curl/8.5 oto-stock-vscode/0.1.0')).status, 429);
    assert.strictEqual((await accountInfo()).status, 429, 'no User-Agent at all is another client too');
  });

  it('hits every client, the extension’s own included, by default', async () => {
    sandbox.faults.add([{ endpoint: 'accountInfo', status: 503, times: 2 }]);
    assert.strictEqual((await accountInfo('oto-stock-vscode/0.1.0')).status, 503);
    assert.strictEqual((await accountInfo('my-erp/2.1')).status, 503);
    assert.strictEqual((await accountInfo('my-erp/2.1')).status, 200);
  });

  it('ends a fault when its seconds are up, and says so without a request arriving', async () => {
    let changes = 0;
    sandbox.faults.onDidChange(() => changes++);
    const [id] = sandbox.faults.add([{ endpoint: '*', status: 500, seconds: 0.4 }]);
    const [listed] = sandbox.faults.list();
    assert.strictEqual(listed.id, id);
    assert.ok(listed.expiresAt !== undefined && listed.expiresAt > time && listed.expiresAt <= time + 400);
    assert.strictEqual((await accountInfo()).status, 500);
    time += 400;
    const expired = new Promise<void>((resolve) => sandbox.faults.onDidChange(() => sandbox.faults.list().length === 0 && resolve()));
    await expired;
    assert.ok(changes >= 2, `${changes} change events`);
    assert.strictEqual((await accountInfo()).status, 200);
  });

  it('lists uses left, removes one fault by id and clears the rest', async () => {
    const ids = sandbox.faults.add([
      { endpoint: 'accountInfo', status: 500, times: 3 },
      { endpoint: 'checkGlobalStock', latencyMs: 10 },
    ]);
    await accountInfo();
    assert.deepStrictEqual(
      sandbox.faults.list().map(({ id, left }) => ({ id, left })),
      [{ id: ids[0], left: 2 }, { id: ids[1], left: undefined }],
    );
    assert.strictEqual(sandbox.faults.remove(ids[0]), true);
    assert.strictEqual(sandbox.faults.remove(ids[0]), false, 'an id is removed once');
    assert.strictEqual((await accountInfo()).status, 200);
    sandbox.faults.clear();
    assert.deepStrictEqual(sandbox.faults.list(), []);
  });

  it('drops a fault from the list once its uses are spent', async () => {
    sandbox.faults.add([{ endpoint: 'accountInfo', status: 401, times: 1 }]);
    const expired = await accountInfo();
    assert.deepStrictEqual([expired.status, expired.json], [401, { message: 'Jwt is expired', code: 401 }]);
    assert.deepStrictEqual(sandbox.faults.list(), []);
  });
});
