// The control room (`/__oto/…`): every call with good and bad input, over real HTTP. A bad call
// answers 400 naming every problem and changes nothing.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scenarioFromState, startSandbox, type RunningSandbox, type SandboxOptions } from '../../../../src/sandbox';
import { SANDBOX_VERSION } from '../../../../src/sandbox/control/version';
import { jsonLine } from '../../../../src/traffic/jsonl';
import { TrafficSummary } from '../../../../src/traffic/report';
import { call, ok, signIn, type Api } from '../../fakes/sandboxHttp';
import { control, okJson, problemFields } from './support';

type Stock = { stock: Record<string, Array<{ pickupLocationCode?: string; quantityOnHand: number; quantityForecasted: number }>> };

describe('sandbox control room', () => {
  let sandbox: RunningSandbox;
  let api: Api;
  const start = async (options: SandboxOptions = {}): Promise<void> => {
    sandbox = await startSandbox(options);
    api = await signIn(sandbox);
  };
  afterEach(() => sandbox?.close());

  const onHand = async (sku = 'AJW-DATES-500', where = 'RUH-WH1', client: Api = api): Promise<number> =>
    ok<Stock>(await client.get(`checkInventoryStock?sku=${sku}&pickupLocationCode=${where}`)).stock[sku][0].quantityOnHand;
  const adjust = (qty: unknown, client: Api = api, sku = 'AJW-DATES-500') => client.post('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku, qty });

  describe('the room itself', () => {
    it('answers health with the version, the accounts and the exchanges', async () => {
      await start();
      await api.get('accountInfo');
      assert.deepStrictEqual(okJson(await control(sandbox, 'GET', '/health')), { ok: true, version: SANDBOX_VERSION, accounts: 1, exchanges: 2 });
    });

    it('reports the version package.json has', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../../package.json'), 'utf8')) as { version: string };
      assert.strictEqual(SANDBOX_VERSION, manifest.version);
    });

    it('is never captured as an exchange', async () => {
      await start();
      const before = sandbox.traffic.size;
      await control(sandbox, 'GET', '/health');
      await control(sandbox, 'GET', '/requests');
      await control(sandbox, 'POST', '/faults', { endpoint: 'nope' });
      assert.deepStrictEqual(sandbox.traffic.size, before);
    });

    it('lists its calls at /__oto/, and answers an unknown call 404 and a wrong method 405, OTO-shaped', async () => {
      await start();
      const calls = (okJson<{ calls: Array<{ method: string; path: string }> }>(await control(sandbox, 'GET', '/'))).calls;
      assert.ok(calls.some((entry) => entry.method === 'POST' && entry.path === '/__oto/faults'));
      const missing = await control(sandbox, 'GET', '/nothing');
      assert.strictEqual(missing.status, 404);
      assert.deepStrictEqual(Object.keys(missing.json as object), ['message', 'code', 'problems']);
      const wrong = await control(sandbox, 'PATCH', '/health');
      assert.deepStrictEqual([wrong.status, wrong.headers.get('allow'), (wrong.json as { code: number }).code], [405, 'GET', 405]);
    });

    it('refuses a body that is not JSON, or too large, naming why', async () => {
      await start({ limits: { maxBodyBytes: 1000 } });
      const broken = await control(sandbox, 'POST', '/requests/count', '{"endpoint":');
      assert.deepStrictEqual(problemFields(broken), ['']);
      assert.match((broken.json as { message: string }).message, /not valid JSON/);
      const large = await control(sandbox, 'PUT', '/stock', JSON.stringify([{ sku: 'x'.repeat(2000) }]));
      assert.strictEqual(large.status, 413);
    });

    it('reads a body as the API does: after a byte order mark, in its charset; a compressed one is refused 415 saying so', async () => {
      await start();
      const scenario = JSON.stringify({ products: [{ sku: 'BOM-1', name: 'Saved by .NET', stock: { 'JED-WH1': 3 } }] });
      okJson(await control(sandbox, 'POST', '/reset', `\ufeff${scenario}`));
      assert.strictEqual(await onHand('BOM-1', 'JED-WH1'), 3);
      const gzipped = await control(sandbox, 'POST', '/reset', scenario, { 'Content-Encoding': 'gzip' });
      assert.deepStrictEqual([gzipped.status, (gzipped.json as { message: string }).message], [415, 'Content-Encoding: gzip is not supported: send the request body uncompressed (OTO does not say it reads compressed bodies)']);
    });

    it('answers a caller without the control token 401 when the sandbox has one, and one with it 200', async () => {
      const token = 'ci-control-token-0123456789';
      await start({ controlToken: token });
      for (const headers of [{} as Record<string, string>, { Authorization: 'Bearer wrong-token-0123456789' }, { Authorization: `Bearer ${api.token}` }]) {
        const refused = await control(sandbox, 'POST', '/reset', undefined, headers);
        assert.strictEqual(refused.status, 401);
        assert.match(refused.headers.get('www-authenticate') ?? '', /^Bearer/);
      }
      assert.strictEqual((await control(sandbox, 'GET', '/health', undefined, { Authorization: `Bearer ${token}` })).status, 200);
      assert.strictEqual((await control(sandbox, 'GET', '/health', undefined, { Authorization: `bearer  ${token}` })).status, 200, 'the scheme in any case (RFC 9110)');
    });

    it('refuses to start on an address other than loopback without a control token, and a short token', async () => {
      await assert.rejects(startSandbox({ host: '0.0.0.0' }), /needs a control token/);
      await assert.rejects(startSandbox({ controlToken: 'short' }), /controlToken must be 16/);
    });

    it('listens on the host it is given', async () => {
      await start({ host: '127.0.0.2' });
      assert.match(sandbox.baseUrl, /^http:\/\/127\.0\.0\.2:\d+\/rest\/v2$/);
      assert.strictEqual((await control(sandbox, 'GET', '/health')).status, 200);
    });
  });

  describe('reset and state', () => {
    it('goes back to the starting data, clears the journal and re-arms the scenario’s faults', async () => {
      await start({ scenario: { products: [{ sku: 'R-1', name: 'Reset me', stock: { 'RUH-WH1': 10 } }], faults: [{ endpoint: 'accountInfo', status: 503, times: 1 }] } });
      assert.strictEqual((await api.get('accountInfo')).status, 503);
      ok(await adjust(5, api, 'R-1'));
      assert.strictEqual(await onHand('R-1'), 15);
      okJson(await control(sandbox, 'POST', '/reset'));
      assert.strictEqual(sandbox.traffic.size, 0);
      assert.deepStrictEqual(sandbox.faults.list().map((entry) => entry.fault), [{ endpoint: 'accountInfo', status: 503, times: 1 }]);
      // The client's access token still works after a reset.
      assert.strictEqual(await onHand('R-1'), 10);
      assert.strictEqual((await api.get('accountInfo')).status, 503);
    });

    it('never gives a transaction ID twice: after a reset, IDs continue past the ones given before', async () => {
      await start();
      const before = ok<{ transactionID: number }>(await adjust(1)).transactionID;
      okJson(await control(sandbox, 'POST', '/reset'));
      const after = ok<{ transactionID: number }>(await adjust(1)).transactionID;
      assert.ok(after > before, `${after} follows ${before}`);
    });

    it('replaces the scenario with the one in the body, which later resets return to', async () => {
      await start();
      const scenario = { products: [{ sku: 'NEW-1', name: 'New', stock: { 'JED-WH1': 3 } }] };
      okJson(await control(sandbox, 'POST', '/reset', scenario));
      assert.strictEqual(await onHand('NEW-1', 'JED-WH1'), 3);
      ok(await api.post('updateStockQuantity', { actionType: 'set', locationCode: 'JED-WH1', sku: 'NEW-1', qty: 9 }));
      okJson(await control(sandbox, 'POST', '/reset'));
      assert.strictEqual(await onHand('NEW-1', 'JED-WH1'), 3);
    });

    it('refuses a broken scenario naming every problem, and changes nothing', async () => {
      await start();
      ok(await adjust(2));
      const before = await onHand();
      const answer = await control(sandbox, 'POST', '/reset', { locations: 5, products: [{ sku: 'X' }], bogus: true });
      assert.deepStrictEqual(problemFields(answer), ['bogus', 'locations', 'products[0].name']);
      assert.strictEqual(sandbox.traffic.size, 3);
      assert.strictEqual(await onHand(), before);
    });

    it('gives the state in the scenario format, as Save Sandbox State as Scenario writes it', async () => {
      await start();
      ok(await adjust(4));
      assert.deepStrictEqual(okJson(await control(sandbox, 'GET', '/state')), JSON.parse(JSON.stringify(scenarioFromState(sandbox.exportState()))));
    });
  });

  describe('PUT stock', () => {
    it('arranges on hand and forecast without traffic', async () => {
      await start();
      okJson(await control(sandbox, 'PUT', '/stock', [
        { sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', quantityOnHand: 7 },
        { sku: 'COF-SAU-250', locationCode: 'JED-WH1', quantityOnHand: 20, quantityForecasted: 12 },
      ]));
      assert.strictEqual(sandbox.traffic.size, 1);
      assert.strictEqual(await onHand(), 7);
      const entry = ok<Stock>(await api.get('checkInventoryStock?sku=COF-SAU-250&pickupLocationCode=JED-WH1')).stock['COF-SAU-250'][0];
      assert.deepStrictEqual([entry.quantityOnHand, entry.quantityForecasted], [20, 12]);
    });

    it('keeps the forecast moving with on hand when none is given, and takes one above or below on hand', async () => {
      await start();
      const at = async (sku: string): Promise<[number, number]> => {
        const entry = ok<Stock>(await api.get(`checkInventoryStock?sku=${sku}&pickupLocationCode=RUH-WH1`)).stock[sku][0];
        return [entry.quantityOnHand, entry.quantityForecasted];
      };
      const [onHandBefore, forecastBefore] = await at('AJW-DATES-500');
      okJson(await control(sandbox, 'PUT', '/stock', [
        { sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', quantityOnHand: onHandBefore + 10 },
        { sku: 'COF-SAU-250', locationCode: 'RUH-WH1', quantityOnHand: 20, quantityForecasted: 35 },
      ]));
      assert.deepStrictEqual(await at('AJW-DATES-500'), [onHandBefore + 10, forecastBefore + 10]);
      assert.deepStrictEqual(await at('COF-SAU-250'), [20, 35]);
      okJson(await control(sandbox, 'PUT', '/stock', [{ sku: 'COF-SAU-250', locationCode: 'RUH-WH1', quantityOnHand: 20, quantityForecasted: 5 }]));
      assert.deepStrictEqual(await at('COF-SAU-250'), [20, 5]);
    });

    it('names every bad row and applies none', async () => {
      await start();
      const before = await onHand();
      const answer = await control(sandbox, 'PUT', '/stock', [
        { sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', quantityOnHand: 1 },
        { sku: 'NO-SUCH', locationCode: 'RUH-WH9', quantityOnHand: 1.5, extra: 1 },
        { sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', quantityOnHand: 2 },
      ]);
      assert.deepStrictEqual(problemFields(answer), ['[1].extra', '[1].locationCode', '[1].quantityOnHand', '[1].sku', '[2]']);
      assert.deepStrictEqual(problemFields(await control(sandbox, 'PUT', '/stock', { sku: 'A' })), ['']);
      assert.strictEqual(await onHand(), before);
    });
  });

  describe('the journal', () => {
    it('lists exchanges oldest first, each the object a --log line holds, with filters', async () => {
      await start();
      await api.get('checkInventoryStock?sku=AJW-DATES-500%2CCOF-SAU-250');
      await adjust(1);
      await adjust('x');
      const all = okJson<{ requests: Array<{ id: number }> }>(await control(sandbox, 'GET', '/requests')).requests;
      assert.deepStrictEqual(all, sandbox.traffic.list().reverse().map((exchange) => JSON.parse(jsonLine(exchange)) as unknown));
      const ids = async (query: string): Promise<number[]> =>
        okJson<{ requests: Array<{ id: number }> }>(await control(sandbox, 'GET', `/requests?${query}`)).requests.map((exchange) => exchange.id);
      assert.deepStrictEqual(await ids('endpoint=updateStockQuantity'), [3, 4]);
      assert.deepStrictEqual(await ids('method=post'), [1, 3, 4]);
      assert.deepStrictEqual(await ids('status=400'), [4]);
      assert.deepStrictEqual(await ids('status=2xx'), [1, 2, 3]);
      assert.deepStrictEqual(await ids('sku=COF-SAU-250'), [2]);
      assert.deepStrictEqual(await ids('sku=AJW-DATES-500'), [2, 3, 4]);
      assert.deepStrictEqual(await ids('client=node'), [1, 2, 3, 4]);
      assert.deepStrictEqual(await ids('client=curl'), []);
      assert.deepStrictEqual(await ids('since=2&limit=1'), [3]);
    });

    it('refuses unknown or malformed filters, naming each', async () => {
      await start();
      assert.deepStrictEqual(problemFields(await control(sandbox, 'GET', '/requests?limit=0&status=99&since=x&colour=red')), ['colour', 'limit', 'since', 'status']);
    });

    it('refuses a misspelt endpoint, which would match nothing and let "no write was sent" pass, but takes one a request went to', async () => {
      await start();
      await adjust(1);
      for (const answer of [
        await control(sandbox, 'GET', '/requests?endpoint=updateStockQuantiy'),
        await control(sandbox, 'POST', '/requests/count', { endpoint: 'updateStockQuantiy' }),
      ]) {
        assert.deepStrictEqual(problemFields(answer), ['endpoint']);
        assert.match((answer.json as { message: string }).message, /^endpoint: "updateStockQuantiy" is none of OTO's endpoints and no request in the journal went to it; endpoints: refreshToken, /);
      }
      assert.deepStrictEqual(okJson(await control(sandbox, 'POST', '/requests/count', { endpoint: 'createInventoryOrder' })), { count: 0, ids: [] });
      // An ERP's own typo is in the journal under its name, and can be asked about.
      await api.get('checkStock?sku=AJW-DATES-500');
      assert.strictEqual(okJson<{ count: number }>(await control(sandbox, 'POST', '/requests/count', { endpoint: 'checkStock' })).count, 1);
    });

    it('counts with a matcher: query and body subsets, numbers strict unless looseNumbers', async () => {
      await start();
      await adjust(5);
      await adjust('5');
      await api.post('createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 2 }, { sku: 'COF-SAU-250', qty: 1 }] });
      await api.get('checkInventoryStock?sku=AJW-DATES-500&pickupLocationCode=RUH-WH1');
      const count = async (matcher: unknown) => okJson<{ count: number; ids: number[] }>(await control(sandbox, 'POST', '/requests/count', matcher));
      assert.deepStrictEqual(await count({ endpoint: 'updateStockQuantity', body: { sku: 'AJW-DATES-500', qty: 5 } }), { count: 1, ids: [2] });
      assert.deepStrictEqual(await count({ endpoint: 'updateStockQuantity', body: { qty: '5' } }), { count: 1, ids: [3] });
      assert.deepStrictEqual(await count({ body: { qty: 5 }, looseNumbers: true }), { count: 2, ids: [2, 3] });
      assert.deepStrictEqual(await count({ body: { items: [{ sku: 'COF-SAU-250' }] } }), { count: 1, ids: [4] });
      assert.deepStrictEqual(await count({ query: { pickupLocationCode: 'RUH-WH1' }, method: 'GET', status: 200 }), { count: 1, ids: [5] });
      assert.deepStrictEqual((await count({})).count, 5);
      assert.deepStrictEqual(problemFields(await control(sandbox, 'POST', '/requests/count', { endpont: 'x', status: 'bad', query: { a: {} }, looseNumbers: 1 })), [
        'endpont', 'looseNumbers', 'query.a', 'status',
      ]);
    });

    it('clears the journal and its findings', async () => {
      await start();
      await adjust(1.5);
      assert.ok(okJson<{ findings: unknown[] }>(await control(sandbox, 'GET', '/findings')).findings.length > 0);
      okJson(await control(sandbox, 'DELETE', '/requests'));
      assert.deepStrictEqual(okJson(await control(sandbox, 'GET', '/findings')), { exchanges: 0, findings: [], summary: [], text: '0 exchanges, 0 findings' });
      assert.deepStrictEqual(okJson(await control(sandbox, 'GET', '/requests')), { requests: [] });
    });

    it('gives the findings with the summary the CLI prints', async () => {
      await start();
      await adjust(1.5);
      await adjust(1.5);
      const report = okJson<{ findings: Array<{ rule: string }>; summary: Array<{ rule: string; count: number }>; text: string }>(await control(sandbox, 'GET', '/findings'));
      const summary = new TrafficSummary();
      sandbox.traffic.list().reverse().forEach((exchange) => summary.add(exchange));
      assert.strictEqual(report.text, summary.format());
      assert.deepStrictEqual(report.summary.find((row) => row.rule === 'qty-not-integer')?.count, 2);
    });
  });

  describe('faults', () => {
    it('adds, lists with what is left, removes one and clears, and the sandbox hears of each change', async () => {
      await start();
      let changes = 0;
      sandbox.faults.onDidChange(() => changes++);
      const { id } = okJson<{ id: number }>(await control(sandbox, 'POST', '/faults', { endpoint: 'accountInfo', status: 503, times: 2 }));
      const { ids } = okJson<{ ids: number[] }>(await control(sandbox, 'POST', '/faults', [{ endpoint: 'checkGlobalStock', hang: true, seconds: 30 }, { endpoint: '*', latencyMs: 1 }]));
      assert.strictEqual(changes, 2);
      assert.strictEqual((await api.get('accountInfo')).status, 503);
      const listed = okJson<{ faults: Array<{ id: number; left?: number; secondsLeft?: number }> }>(await control(sandbox, 'GET', '/faults')).faults;
      // The 30 s fault's life runs from when it was added (to a tenth of a second): on a loaded machine the list comes a little later.
      assert.deepStrictEqual(listed.map((entry) => [entry.id, entry.left, entry.secondsLeft === undefined ? undefined : entry.secondsLeft > 25 && entry.secondsLeft <= 30]), [[id, 1, undefined], [ids[0], undefined, true], [ids[1], undefined, undefined]]);
      okJson(await control(sandbox, 'DELETE', `/faults/${ids[0]}`));
      assert.strictEqual((await control(sandbox, 'DELETE', `/faults/${ids[0]}`)).status, 404);
      assert.deepStrictEqual(problemFields(await control(sandbox, 'DELETE', '/faults/abc')), ['id']);
      okJson(await control(sandbox, 'DELETE', '/faults'));
      assert.deepStrictEqual(sandbox.faults.list(), []);
      assert.strictEqual((await api.get('accountInfo')).status, 200);
    });

    it('refuses a fault outside the scenario schema, naming each problem, and adds none', async () => {
      await start();
      const answer = await control(sandbox, 'POST', '/faults', [{ endpoint: 'accountInfo', status: 503 }, { endpoint: 'nope', times: 0, colour: 'red' }]);
      assert.deepStrictEqual(problemFields(answer), ['[1].colour', '[1].endpoint', '[1].times']);
      assert.deepStrictEqual(problemFields(await control(sandbox, 'POST', '/faults', [])), ['']);
      assert.deepStrictEqual(sandbox.faults.list(), []);
    });

    it('shows a fault added in code (the editor’s commands) over HTTP too', async () => {
      await start();
      sandbox.faults.add([{ endpoint: 'productList', status: 500 }]);
      assert.deepStrictEqual(okJson<{ faults: Array<{ fault: unknown }> }>(await control(sandbox, 'GET', '/faults')).faults.map((entry) => entry.fault), [{ endpoint: 'productList', status: 500 }]);
    });
  });

  describe('the clock', () => {
    it('moves token expiry, fault windows and the lint’s windows on without waiting', async () => {
      await start({ accessTokenTtlSeconds: 60 });
      okJson(await control(sandbox, 'POST', '/faults', { endpoint: 'checkGlobalStock', status: 503, seconds: 100 }));
      await adjust(1);
      const moved = okJson<{ offsetSeconds: number; now: string }>(await control(sandbox, 'POST', '/clock', { advanceSeconds: 61 }));
      assert.strictEqual(moved.offsetSeconds, 61);
      assert.ok(Math.abs(Date.parse(moved.now) - (Date.now() + 61_000)) < 5_000);
      assert.strictEqual((await api.get('accountInfo')).status, 401);
      const again = await signIn(sandbox);
      assert.strictEqual((await again.get('checkGlobalStock?sku=AJW-DATES-500')).status, 503);
      okJson(await control(sandbox, 'POST', '/clock', { advanceSeconds: 40 }));
      assert.deepStrictEqual(sandbox.faults.list(), []);
      assert.strictEqual((await again.get('checkGlobalStock?sku=AJW-DATES-500')).status, 200);
    });

    it('times exchanges by the moved clock, so the lint’s windows follow it', async () => {
      await start();
      const rules = () => sandbox.traffic.list()[0].findings.map((finding) => finding.rule);
      ok(await adjust(1));
      ok(await adjust(1));
      assert.deepStrictEqual(rules(), ['duplicate-write']);
      okJson(await control(sandbox, 'POST', '/clock', { advanceSeconds: 60 }));
      ok(await adjust(1));
      assert.deepStrictEqual(rules(), []);
    });

    it('refuses a move that is not a number of seconds above 0', async () => {
      await start();
      for (const body of [{}, { advanceSeconds: -1 }, { advanceSeconds: '10' }, { advanceSeconds: 1e12 }]) {
        assert.deepStrictEqual(problemFields(await control(sandbox, 'POST', '/clock', body)), ['advanceSeconds']);
      }
      assert.deepStrictEqual(problemFields(await control(sandbox, 'POST', '/clock', { advanceSeconds: 1, by: 2 })), ['by']);
    });
  });

  describe('accounts', () => {
    const signInAs = async (refreshToken: string): Promise<Api> => {
      const answer = await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: refreshToken }) });
      const token = ok<{ access_token: string }>(answer).access_token;
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      return {
        token,
        get: (pathAndQuery) => call(`${sandbox.baseUrl}/${pathAndQuery}`, { headers }),
        post: (endpoint, body) => call(`${sandbox.baseUrl}/${endpoint}`, { method: 'POST', headers, body: JSON.stringify(body) }),
      };
    };

    it('gives each account its own stock, journal, findings, faults and clock', async () => {
      await start();
      const created = okJson<{ account: string; refreshToken: string }>(await control(sandbox, 'POST', '/accounts'));
      assert.match(created.account, /^account-\d+$/);
      assert.notStrictEqual(created.refreshToken, sandbox.refreshToken);
      const other = await signInAs(created.refreshToken);
      const start0 = await onHand();
      ok(await adjust(5, other));
      assert.deepStrictEqual([await onHand(), await onHand('AJW-DATES-500', 'RUH-WH1', other)], [start0, start0 + 5]);
      const at = `?account=${created.account}`;
      okJson(await control(sandbox, 'PUT', `/stock${at}`, [{ sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', quantityOnHand: 1 }]));
      assert.deepStrictEqual([await onHand(), await onHand('AJW-DATES-500', 'RUH-WH1', other)], [start0, 1]);
      const count = async (query: string) => okJson<{ count: number }>(await control(sandbox, 'POST', `/requests/count${query}`, { endpoint: 'updateStockQuantity' })).count;
      assert.deepStrictEqual([await count(''), await count(at)], [0, 1]);
      okJson(await control(sandbox, 'POST', `/faults${at}`, { endpoint: 'checkGlobalStock', status: 500 }));
      const global = 'checkGlobalStock?sku=AJW-DATES-500';
      assert.deepStrictEqual([(await api.get(global)).status, (await other.get(global)).status], [200, 500]);
      okJson(await control(sandbox, 'POST', `/clock${at}`, { advanceSeconds: 7200 }));
      assert.deepStrictEqual([(await api.get('accountInfo')).status, (await other.get('accountInfo')).status], [200, 401]);
      // A request with an expired token is still its account's.
      const refused = async (query: string) => okJson<{ count: number }>(await control(sandbox, 'POST', `/requests/count${query}`, { status: 401 })).count;
      assert.deepStrictEqual([await refused(''), await refused(at)], [0, 1]);
      okJson(await control(sandbox, 'POST', `/reset${at}`));
      assert.strictEqual(await onHand('AJW-DATES-500', 'RUH-WH1', await signInAs(created.refreshToken)), start0);
      assert.deepStrictEqual(okJson(await control(sandbox, 'GET', '/accounts')), { accounts: ['default', created.account] });
      assert.strictEqual(okJson<{ accounts: number }>(await control(sandbox, 'GET', '/health')).accounts, 2);
    });

    it('starts an account from a scenario in the body, and refuses a refresh token another account has', async () => {
      await start({ refreshToken: 'default-account-token' });
      const created = okJson<{ refreshToken: string }>(await control(sandbox, 'POST', '/accounts', { refreshToken: 'worker-1-token', products: [{ sku: 'W-1', name: 'Worker', stock: { 'RUH-WH1': 4 } }] }));
      assert.strictEqual(created.refreshToken, 'worker-1-token');
      assert.strictEqual(await onHand('W-1', 'RUH-WH1', await signInAs('worker-1-token')), 4);
      assert.deepStrictEqual(problemFields(await control(sandbox, 'POST', '/accounts', { refreshToken: 'default-account-token' })), ['refreshToken']);
      assert.deepStrictEqual(problemFields(await control(sandbox, 'POST', '/reset', { refreshToken: 'worker-1-token' })), ['refreshToken']);
    });

    it('answers an unknown account 404 naming it, on every call', async () => {
      await start();
      for (const [method, route] of [['GET', '/state'], ['POST', '/reset'], ['GET', '/requests'], ['GET', '/faults'], ['POST', '/clock']]) {
        const answer = await control(sandbox, method, `${route}?account=acct-9`, method === 'POST' ? { advanceSeconds: 1 } : undefined);
        assert.strictEqual(answer.status, 404, `${method} ${route}`);
        assert.match((answer.json as { message: string }).message, /no account "acct-9"/);
      }
    });

    it('removes an added account, and never the default one', async () => {
      await start();
      const { account } = okJson<{ account: string }>(await control(sandbox, 'POST', '/accounts'));
      okJson(await control(sandbox, 'DELETE', `/accounts/${account}`));
      assert.strictEqual((await control(sandbox, 'GET', `/state?account=${account}`)).status, 404);
      assert.deepStrictEqual(problemFields(await control(sandbox, 'DELETE', '/accounts/default')), ['account']);
    });
  });
});
