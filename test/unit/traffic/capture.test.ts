// Capture through the real sandbox over HTTP: what an exchange keeps, what it shortens, and how
// much any client can make it keep.
import * as assert from 'node:assert';
import * as http from 'node:http';
import { OtoClient } from '../../../src/client';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { BODY_LIMIT_BYTES, UNAUTHENTICATED_BODY_LIMIT_BYTES, type RawExchange } from '../../../src/traffic/capture';
import type { TrafficExchange } from '../../../src/traffic/exchange';
import type { Rule } from '../../../src/traffic/rules';
import { TrafficStore } from '../../../src/traffic/store';
import { accessToken, call } from '../fakes/sandboxHttp';
import { exchange } from './build';

/** The exchange the sandbox records for the next request, once its response is over. */
function nextExchange(sandbox: RunningSandbox): Promise<TrafficExchange> {
  return new Promise((resolve) => {
    const subscription = sandbox.traffic.onDidRecord((recorded) => {
      subscription.dispose();
      resolve(recorded);
    });
  });
}

describe('traffic capture (sandbox over HTTP)', () => {
  let sandbox: RunningSandbox;
  let token: string;
  beforeEach(async () => {
    sandbox = await startSandbox();
    token = await accessToken(sandbox);
  });
  afterEach(() => sandbox.close());

  it('records method, endpoint, query, client, status, OTO code, duration and a shortened Authorization', async () => {
    const recorded = nextExchange(sandbox);
    await call(`${sandbox.baseUrl}/updateStockQuantity`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'User-Agent': 'erp-test/1.0' },
      body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '40.5' }),
    });
    const seen = await recorded;
    assert.strictEqual(seen.method, 'POST');
    assert.strictEqual(seen.endpoint, 'updateStockQuantity');
    assert.strictEqual(seen.status, 400);
    assert.strictEqual(seen.otoCode, 'OTO1132');
    assert.strictEqual(seen.client.address, '127.0.0.1');
    assert.strictEqual(seen.client.userAgent, 'erp-test/1.0');
    assert.strictEqual(seen.client.own, false);
    assert.strictEqual(seen.requestHeaders.authorization, `Bearer …${token.slice(-4)}`);
    assert.deepStrictEqual(seen.requestBody.json, { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '40.5' });
    assert.ok(seen.durationMs >= 0);
    assert.deepStrictEqual(
      seen.findings.map((finding) => finding.rule),
      ['qty-not-integer'],
    );
    assert.ok(!JSON.stringify(seen).includes(token), 'the whole token appears nowhere');
  });

  it('shortens the refresh and access tokens in refreshToken bodies', async () => {
    const recorded = nextExchange(sandbox);
    const answer = await call(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
    const issued = (answer.json as { access_token: string }).access_token;
    const seen = await recorded;
    const text = JSON.stringify(seen);
    assert.ok(!text.includes(sandbox.refreshToken) && !text.includes(issued), text);
    assert.deepStrictEqual(seen.requestBody.json, { refresh_token: `…${sandbox.refreshToken.slice(-4)}` });
    assert.strictEqual((seen.responseBody?.json as { access_token: string }).access_token, `…${issued.slice(-4)}`);
  });

  it('tells the extension’s own client apart by its User-Agent', async () => {
    const recorded = nextExchange(sandbox);
    await call(`${sandbox.baseUrl}/healthCheck`, { headers: { 'User-Agent': 'oto-stock-vscode/0.1.0' } });
    assert.strictEqual((await recorded).client.own, true);
  });

  it('sees the extension’s client as its own: it sends oto-stock-vscode/<version>', async () => {
    const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, userAgent: 'oto-stock-vscode/9.9.9' });
    await client.checkGlobalStock(['AJW-DATES-500']);
    const seen = sandbox.traffic.list().slice(0, 2);
    assert.deepStrictEqual(
      seen.map((one) => [one.endpoint, one.client.userAgent, one.client.own]),
      [
        ['checkGlobalStock', 'oto-stock-vscode/9.9.9', true],
        ['refreshToken', 'oto-stock-vscode/9.9.9', true],
      ],
    );
  });

  it('keeps a body over 256 KB truncated, with its real size and no JSON', async () => {
    const recorded = nextExchange(sandbox);
    const big = JSON.stringify({ warehouseCode: 'RUH-WH1', padding: 'x'.repeat(300 * 1024) });
    await call(`${sandbox.baseUrl}/getPackingOrders`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: big });
    const seen = await recorded;
    assert.strictEqual(seen.requestBody.bytes, Buffer.byteLength(big));
    assert.strictEqual(seen.requestBody.truncated, true);
    assert.strictEqual(Buffer.byteLength(seen.requestBody.text), BODY_LIMIT_BYTES);
    assert.strictEqual(seen.requestBody.json, undefined);
  });

  it('keeps only a few KB of a request without a valid token', async () => {
    const recorded = nextExchange(sandbox);
    const body = 'A'.repeat(100 * 1024);
    await call(`${sandbox.baseUrl}/updateStockQuantity`, { method: 'POST', body });
    const seen = await recorded;
    assert.strictEqual(seen.status, 401);
    assert.strictEqual(seen.requestBody.bytes, body.length);
    // The sandbox drops the body of a request it will refuse unread; only its size is known.
    assert.ok(seen.requestBody.text.length <= UNAUTHENTICATED_BODY_LIMIT_BYTES, `kept ${seen.requestBody.text.length} bytes`);
    assert.strictEqual(seen.requestBody.truncated, true);
  });

  it('records a hang as an exchange without an answer, with the fault in words', async () => {
    sandbox.addFaults([{ endpoint: 'checkGlobalStock', hang: true, times: 1 }]);
    const recorded = nextExchange(sandbox);
    await assert.rejects(call(`${sandbox.baseUrl}/checkGlobalStock?sku=AJW-DATES-500`, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(200) }));
    const seen = await recorded;
    assert.strictEqual(seen.status, undefined);
    assert.strictEqual(seen.fault, 'hang');
  });

  // A read is handed to the journal as it is answered, other exchanges when their response closes:
  // each of them once, whichever way it ends.
  it('records each exchange once: a read answered at once, a body answered later, a dropped connection, a delayed answer its client gave up on', async () => {
    const seen: TrafficExchange[] = [];
    const subscription = sandbox.traffic.onDidRecord((recorded) => seen.push(recorded));
    const auth = { Authorization: `Bearer ${token}` };
    await call(`${sandbox.baseUrl}/checkGlobalStock?sku=AJW-DATES-500`, { headers: auth });
    await call(`${sandbox.baseUrl}/updateStockQuantity`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 }),
    });
    sandbox.addFaults([{ endpoint: 'accountInfo', reset: true, times: 1 }, { endpoint: 'healthCheck', latencyMs: 400, times: 1 }]);
    await assert.rejects(call(`${sandbox.baseUrl}/accountInfo`, { headers: auth }));
    await assert.rejects(call(`${sandbox.baseUrl}/healthCheck`, { signal: AbortSignal.timeout(100) }));
    // The delayed answer is still written once its latency is over, to a closed connection.
    await new Promise((resolve) => setTimeout(resolve, 600));
    subscription.dispose();
    assert.deepStrictEqual(
      seen.map((recorded) => [recorded.endpoint, recorded.status, recorded.fault]),
      [
        ['checkGlobalStock', 200, undefined],
        ['updateStockQuantity', 200, undefined],
        ['accountInfo', undefined, 'connection dropped'],
        ['healthCheck', undefined, '+400 ms'],
      ],
    );
  });

  it('records an injected 429 with its Retry-After', async () => {
    sandbox.addFaults([{ endpoint: '*', status: 429, headers: { 'Retry-After': '7' }, times: 1 }]);
    const recorded = nextExchange(sandbox);
    await call(`${sandbox.baseUrl}/checkGlobalStock?sku=AJW-DATES-500`, { headers: { Authorization: `Bearer ${token}` } });
    const seen = await recorded;
    assert.strictEqual(seen.status, 429);
    assert.strictEqual(seen.otoCode, 'OTO1143');
    assert.strictEqual(seen.responseHeaders?.['retry-after'], '7');
    assert.strictEqual(seen.fault, '429 Retry-After 7');
  });

  it('keeps the headers of two plain JSON answers of one size as one shared, frozen record; the headers of a fault as their own', async () => {
    const read = (): Promise<unknown> => call(`${sandbox.baseUrl}/checkGlobalStock?sku=AJW-DATES-500`, { headers: { Authorization: `Bearer ${token}` } });
    await read();
    await read();
    sandbox.addFaults([{ endpoint: '*', status: 429, headers: { 'Retry-After': '7' }, times: 1 }]);
    await read();
    const [faulted, second, first] = sandbox.traffic.list();
    assert.deepStrictEqual(first.responseHeaders, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(first.responseBody?.bytes) });
    assert.strictEqual(second.responseHeaders, first.responseHeaders);
    assert.ok(Object.isFrozen(first.responseHeaders));
    assert.strictEqual(faulted.responseHeaders?.['retry-after'], '7');
    assert.notStrictEqual(faulted.responseHeaders, first.responseHeaders);
  });

  it('keeps the raw request target, and takes an encoded SKU list (URLSearchParams) as the list it is, without a finding', async () => {
    const recorded = nextExchange(sandbox);
    const query = new URLSearchParams({ sku: 'AJW-DATES-500,COF-SAU-250' }).toString();
    const answer = await call(`${sandbox.baseUrl}/checkInventoryStock?${query}`, { headers: { Authorization: `Bearer ${token}` } });
    const seen = await recorded;
    assert.strictEqual(seen.target, '/rest/v2/checkInventoryStock?sku=AJW-DATES-500%2CCOF-SAU-250');
    assert.deepStrictEqual(seen.query, { sku: 'AJW-DATES-500,COF-SAU-250' });
    assert.strictEqual(answer.status, 200);
    assert.deepStrictEqual(Object.keys((answer.json as { stock: object }).stock).sort(), ['AJW-DATES-500', 'COF-SAU-250'], 'the sandbox answers both SKUs');
    assert.deepStrictEqual(seen.findings, []);
  });

  it('keeps a write nested too deep to keep as JSON, as its text, and the journal still answers', async () => {
    // Twenty thousand levels overflowed every recursive reader of the parse; the order, which the
    // sandbox applied, went missing from the journal.
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const body = `{"action":"inbound","locationCode":"RUH-WH1","items":[{"sku":"AJW-DATES-500","qty":1}],"notes":${deep}}`;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const recorded = nextExchange(sandbox);
    assert.strictEqual((await call(`${sandbox.baseUrl}/createInventoryOrder`, { method: 'POST', headers, body })).status, 200);
    const seen = await recorded;
    assert.strictEqual(seen.endpoint, 'createInventoryOrder');
    assert.strictEqual(seen.requestBody.text, body);
    assert.strictEqual(seen.requestBody.json, undefined);
    const resent = nextExchange(sandbox);
    await call(`${sandbox.baseUrl}/createInventoryOrder`, { method: 'POST', headers, body });
    assert.deepStrictEqual((await resent).findings.map((finding) => finding.rule), ['duplicate-write'], 'compared as text');
    const journal = await call(`${sandbox.baseUrl.replace(/\/rest\/v2$/, '/__oto')}/requests?endpoint=createInventoryOrder`);
    assert.strictEqual(journal.status, 200, journal.text);
    assert.strictEqual((journal.json as { requests: unknown[] }).requests.length, 2);
  });

  it('captures nothing with traffic off', async () => {
    const quiet = await startSandbox({ traffic: false });
    try {
      await call(`${quiet.baseUrl}/healthCheck`);
      assert.strictEqual(quiet.traffic.size, 0);
    } finally {
      await quiet.close();
    }
  });

  it('keeps serving when a listener of the store throws', async () => {
    const subscription = sandbox.traffic.onDidRecord(() => {
      throw new Error('a broken view');
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      assert.strictEqual((await call(`${sandbox.baseUrl}/healthCheck`)).status, 200);
      assert.strictEqual((await call(`${sandbox.baseUrl}/healthCheck`)).status, 200);
    } finally {
      console.error = original;
      subscription.dispose();
    }
  });

  it('stays bounded under a thousand large requests from a client without a token', async function () {
    this.timeout(60_000);
    const small = await startSandbox({ traffic: { capacity: 1000 } });
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
      const body = Buffer.alloc(200 * 1024, 0x41);
      const url = new URL(`${small.baseUrl}/updateStockQuantity`);
      const post = () =>
        new Promise<void>((resolve, reject) => {
          const request = http.request(url, { method: 'POST', agent }, (response) => response.resume().on('end', resolve));
          request.on('error', reject);
          request.end(body);
        });
      for (let round = 0; round < 1100 / 50; round++) {
        await Promise.all(Array.from({ length: 50 }, post));
      }
      agent.destroy();
      assert.strictEqual(small.traffic.size, 1000);
      assert.ok(small.traffic.keptBytes < 1000 * (2 * UNAUTHENTICATED_BODY_LIMIT_BYTES + 2048), `${small.traffic.keptBytes} bytes kept`);
    } finally {
      await small.close();
    }
  });
});

describe('traffic store', () => {
  const many = (count: number, sent = {}) => Array.from({ length: count }, (_, i) => exchange(i + 1, { at: i, ...sent }));

  it('keeps the last N exchanges, newest first, numbering them itself', () => {
    const store = new TrafficStore({ capacity: 3 });
    for (const one of many(5)) {
      store.record(one);
    }
    assert.deepStrictEqual(
      store.list().map((kept) => kept.id),
      [5, 4, 3],
    );
    assert.strictEqual(store.get(2), undefined);
    assert.strictEqual(store.get(4)?.id, 4);
  });

  it('drops the oldest exchanges once the bytes bound is reached', () => {
    const store = new TrafficStore({ capacity: 1000, maxBytes: 200_000 });
    for (const one of many(50, { text: 'x'.repeat(10_000) })) {
      store.record(one);
    }
    assert.ok(store.keptBytes <= 200_000, String(store.keptBytes));
    assert.ok(store.size < 50 && store.size > 0, String(store.size));
    assert.strictEqual(store.list()[0].id, 50);
  });

  it('judges each exchange against the ones before it, unless lint is off', () => {
    const body = { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '5' };
    const judged = new TrafficStore();
    judged.record(exchange(1, { body }));
    assert.deepStrictEqual(
      judged.record(exchange(2, { body, at: 100 })).findings.map((finding) => finding.rule),
      ['duplicate-write'],
    );
    const unjudged = new TrafficStore({ lint: false });
    unjudged.record(exchange(1, { body }));
    assert.deepStrictEqual(unjudged.record(exchange(2, { body, at: 100 })).findings, []);
  });

  it('forgets everything on clear and tells its readers', () => {
    const store = new TrafficStore();
    let cleared = 0;
    store.onDidClear(() => cleared++);
    store.record(exchange(1, {}));
    store.clear();
    assert.strictEqual(store.size, 0);
    assert.strictEqual(store.keptBytes, 0);
    assert.strictEqual(cleared, 1);
  });

  const raw = (port: number, authorization = 'Bearer sandbox-at-0123456789abcdef0123'): RawExchange => ({
    startedAt: 1_000 + port,
    source: { kind: 'sandbox' },
    remoteAddress: '127.0.0.1',
    remotePort: port,
    method: 'GET',
    target: '/rest/v2/checkGlobalStock?sku=A',
    requestHeaders: { authorization },
    requestBody: '',
    authenticated: true,
    status: 200,
    responseHeaders: { 'Content-Type': 'application/json' },
    responseBody: '{"success":true}',
    durationMs: 1,
  });

  it('records a raw exchange after the turn, and at once for any reader before that, in the order they ended', async () => {
    const store = new TrafficStore();
    const told: number[] = [];
    store.onDidRecord((recorded) => told.push(recorded.client.port));
    store.capture(raw(1));
    store.capture(raw(2));
    assert.deepStrictEqual(told, [], 'nothing is recorded on the request path');
    assert.deepStrictEqual(store.history().map((kept) => [kept.id, kept.client.port]), [[1, 1], [2, 2]]);
    assert.deepStrictEqual(told, [1, 2]);
    // A directly recorded exchange (a webhook) comes after those that ended before it.
    store.capture(raw(3));
    store.record(exchange(0, { at: 5 }));
    assert.deepStrictEqual(store.list().map((kept) => kept.id), [4, 3, 2, 1]);
    store.capture(raw(5));
    assert.strictEqual(store.size, 5);
    store.capture(raw(6));
    assert.strictEqual(store.get(6)?.client.port, 6);
    store.capture(raw(7));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepStrictEqual(told, [1, 2, 3, store.get(4)?.client.port, 5, 6, 7]);
  });

  it('keeps no raw exchange, with its token whole, past a bound or the turn', async () => {
    const store = new TrafficStore();
    const secret = 'sandbox-at-fedcba9876543210fedcba98';
    for (let port = 1; port <= 300; port++) {
      store.capture(raw(port, `Bearer ${secret}`));
    }
    // Past the bound, what waits is recorded without waiting for the turn (or a reader).
    assert.ok((store as unknown as { waiting: unknown[] }).waiting.length < 256);
    await new Promise((resolve) => setImmediate(resolve));
    assert.strictEqual((store as unknown as { waiting: unknown[] }).waiting.length, 0);
    const kept = JSON.stringify(store.history());
    assert.ok(!kept.includes(secret) && kept.includes('…ba98'));
  });

  it('goes on after a raw exchange it cannot capture, and tells the others', () => {
    const store = new TrafficStore();
    const failures: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => failures.push(args);
    try {
      store.capture({ ...raw(1), requestHeaders: null as unknown as RawExchange['requestHeaders'] });
      store.capture(raw(2));
      assert.deepStrictEqual(store.history().map((kept) => kept.client.port), [2]);
      assert.strictEqual(failures.length, 1);
    } finally {
      console.error = original;
    }
  });

  it('keeps an exchange and the other rules\' findings when one rule fails on it, and says which rule', () => {
    const failing: Rule = { id: 'broken-rule', severity: 'info', check: () => { throw new RangeError('Maximum call stack size exceeded'); }, word: () => '' };
    const store = new TrafficStore({ rules: [failing] });
    const failures: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => failures.push(args);
    try {
      const kept = store.record(exchange(0, { body: { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '1.5' } }));
      assert.deepStrictEqual(kept.findings.map((finding) => finding.rule), ['qty-not-integer']);
      assert.deepStrictEqual(store.history().map((one) => one.id), [kept.id]);
      assert.strictEqual(failures.length, 1);
      assert.match(String(failures[0][0]), /the rule broken-rule failed on exchange #1/);
    } finally {
      console.error = original;
    }
  });

  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new TrafficStore({ capacity: 0 }), /capacity must be a positive integer/);
  });
});
