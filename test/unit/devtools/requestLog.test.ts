import * as assert from 'node:assert/strict';
import { OtoClient, type OtoRequestEvent } from '../../../src/client';
import { buildCurl } from '../../../src/devtools/requests/replay/curl';
import { ExchangeLog } from '../../../src/devtools/requests/log/exchangeLog';
import { formatExchangeDocument } from '../../../src/devtools/requests/log/logFormat';
import { RequestLogger } from '../../../src/devtools/requests/log/requestLogger';
import { startSandbox } from '../../../src/sandbox';
import type { RunningSandbox } from '../../../src/sandbox/types';
import { CapturingSink, TokenRecordingProxy } from './support';

function findSecrets(text: string, secrets: Iterable<string>): string[] {
  return [...secrets].filter((secret) => text.includes(secret));
}

function loggingClient(baseUrl: string, refreshToken: string, onRequest: (event: OtoRequestEvent) => void): OtoClient {
  return new OtoClient({ baseUrl, refreshToken, timeoutMs: 5_000, retry: { baseDelayMs: 1, maxDelayMs: 5 }, onRequest });
}

describe('devtools request log', () => {
  let sandbox: RunningSandbox;
  let proxy: TokenRecordingProxy;

  beforeEach(async () => {
    sandbox = await startSandbox();
    proxy = new TokenRecordingProxy(sandbox.baseUrl);
    await proxy.start();
  });

  afterEach(async () => {
    await proxy.close();
    await sandbox.close();
  });

  it('never lets a token into any log line, document or cURL command of a whole session', async () => {
    const exchanges = new ExchangeLog(200);
    const sink = new CapturingSink(true);
    const logger = new RequestLogger(exchanges, sink);
    const client = loggingClient(proxy.baseUrl, sandbox.refreshToken, (event) => logger.record(event));
    const products = await client.listProducts();
    const skus = products.slice(0, 5).map((product) => product.sku);
    await client.checkInventoryStock(skus);
    await client.checkGlobalStock(skus);
    const [warehouse] = (await client.getPickupLocations()).filter((location) => location.kind === 'warehouse');
    assert.ok(warehouse);
    await client.updateStockQuantity({ actionType: 'adjust', locationCode: warehouse.code, sku: skus[0], qty: 3 });
    await assert.rejects(client.updateStockQuantity({ actionType: 'set', locationCode: 'NO-SUCH-LOCATION', sku: skus[0], qty: 1 }));
    sandbox.addFaults([{ endpoint: 'accountInfo', status: 500, times: 1 }]);
    await client.getAccountInfo();
    // A rejected token: the client refreshes (a second access token) and retries.
    sandbox.addFaults([{ endpoint: 'checkGlobalStock', status: 401, times: 1 }]);
    await client.checkGlobalStock(skus);

    const all = exchanges.list();
    assert.ok(all.some((exchange) => exchange.endpoint === 'refreshToken'));
    assert.ok(all.some((exchange) => exchange.status === 401), 'the run includes a rejected, expired token');
    assert.ok(all.some((exchange) => exchange.status === 500));
    // The scan is only meaningful if real tokens crossed the wire: the refresh token and two access tokens.
    proxy.secrets.add(sandbox.refreshToken);
    assert.ok(proxy.secrets.size >= 3, `expected the refresh token and two access tokens, saw ${proxy.secrets.size}`);

    const logText = sink.text();
    assert.ok(sink.lines.filter((line) => line.level !== 'trace').length === all.length, 'one line per exchange');
    assert.ok(logText.includes(skus[0]), 'bodies are in the trace lines');
    assert.deepEqual(findSecrets(logText, proxy.secrets), []);
    for (const exchange of all) {
      assert.deepEqual(findSecrets(formatExchangeDocument(exchange), proxy.secrets), [], `document of ${exchange.endpoint}`);
      assert.deepEqual(findSecrets(buildCurl(exchange), proxy.secrets), [], `cURL of ${exchange.endpoint}`);
    }
    const refresh = all.find((exchange) => exchange.endpoint === 'refreshToken');
    assert.match(formatExchangeDocument(refresh as never), /"refresh_token": "\*\*\*"/);
  });

  it('writes one line per exchange with status, duration and attempt, the OTO code on errors', async () => {
    const exchanges = new ExchangeLog(200);
    const sink = new CapturingSink(false);
    const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, onRequest: (event) => new RequestLogger(exchanges, sink).record(event) });
    await assert.rejects(client.updateStockQuantity({ actionType: 'adjust', locationCode: 'NOPE', sku: 'AJW-DATES-500', qty: 1 }));
    const lines = sink.lines;
    assert.equal(lines.some((line) => line.level === 'trace'), false, 'no bodies below trace level');
    const write = lines.find((line) => line.message.includes('updateStockQuantity'));
    assert.ok(write, 'the failed write is logged');
    assert.equal(write.level, 'warn');
    assert.match(write.message, /^\d\d:\d\d:\d\d\.\d{3} POST updateStockQuantity 4\d\d \d+ ms attempt 1 OTO\d{4} /);
    assert.match(lines[0]?.message ?? '', / POST refreshToken 200 \d+ ms attempt 1$/);
  });
});

describe('devtools exchange ring', () => {
  const event = (n: number): OtoRequestEvent => ({
    id: n,
    startedAt: 1_700_000_000_000 + n,
    method: 'GET',
    endpoint: `e${n}`,
    url: `http://127.0.0.1/rest/v2/e${n}`,
    operation: 'read',
    attempt: 1,
    requestHeaders: {},
    durationMs: n,
  });

  it('shows a SKU named __proto__ in an exchange document like any other', () => {
    const document = formatExchangeDocument({
      ...event(1),
      status: 200,
      responseBody: '{"success":true,"stock":{"__proto__":[{"sku":"__proto__","quantityOnHand":3}],"A":[]}}',
    });
    assert.deepEqual(Object.keys((JSON.parse(document) as { response: { body: { stock: object } } }).response.body.stock), ['__proto__', 'A']);
    assert.match(document, /"sku": "__proto__"/);
  });

  it('masks a cookie or API-key header an exchange document would show, as it masks Authorization', () => {
    const document = formatExchangeDocument({
      ...event(1),
      requestHeaders: { Cookie: 'session=sess-9f2c4e6a8b0d1f3e', 'X-Api-Key': 'key-live-3b5d7f9a1c3e', Accept: 'application/json' },
      status: 200,
      responseBody: '{"success":true}',
    });
    assert.ok(!document.includes('sess-9f2c4e6a8b0d1f3e') && !document.includes('key-live-3b5d7f9a1c3e'), document);
    assert.match(document, /"Accept": "application\/json"/);
  });

  it('keeps the last 200, newest first, and forgets what fell out', () => {
    const log = new ExchangeLog(200);
    const added = Array.from({ length: 250 }, (_, index) => log.add(event(index + 1)));
    const list = log.list();
    assert.equal(list.length, 200);
    assert.equal(list[0]?.endpoint, 'e250');
    assert.equal(list[199]?.endpoint, 'e51');
    assert.equal(log.get(added[249]?.id ?? -1)?.endpoint, 'e250');
    assert.equal(log.get(added[50]?.id ?? -1)?.endpoint, 'e51');
    assert.equal(log.get(added[49]?.id ?? -1), undefined);
    log.clear();
    assert.deepEqual(log.list(), []);
    assert.equal(log.get(added[249]?.id ?? -1), undefined);
    assert.equal(log.add(event(7)).id, 251, 'ids stay unique across a clear');
  });
});

describe('request log during an outage', () => {
  let sandbox: RunningSandbox;

  beforeEach(async () => {
    sandbox = await startSandbox();
  });

  afterEach(() => sandbox.close());

  it('keeps one counted entry per identical failed read in a row, bounded, and starts over after an answer', async () => {
    const exchanges = new ExchangeLog(20);
    const client = loggingClient(sandbox.baseUrl, sandbox.refreshToken, (event) => exchanges.add(event));
    await client.getAccountInfo();
    const answered = exchanges.list().length;
    sandbox.addFaults([{ endpoint: '*', reset: true }]);
    for (let i = 0; i < 30; i++) {
      await assert.rejects(client.getAccountInfo());
      await assert.rejects(client.listProducts());
    }
    const failed = exchanges.list().slice(0, exchanges.list().length - answered);
    assert.deepEqual(failed.map((exchange) => [exchange.endpoint, exchange.count]), [['productList', 30], ['accountInfo', 33]],
      'two rows for 63 failed requests (the first call retried 4 times); the answers before them are still there');
    const [products, account] = failed;
    assert.ok(account.firstAt !== undefined && account.firstAt <= account.startedAt);
    assert.equal(exchanges.get(account.id), account, 'an entry keeps its id as it counts');

    // A write is never folded: each one is an event of its own.
    const write = { actionType: 'adjust' as const, locationCode: 'NO-SUCH', sku: 'X', qty: 1 };
    await assert.rejects(client.updateStockQuantity(write));
    await assert.rejects(client.updateStockQuantity(write));
    assert.deepEqual(exchanges.list().slice(0, 2).map((exchange) => [exchange.endpoint, exchange.count]), [['updateStockQuantity', undefined], ['updateStockQuantity', undefined]]);

    sandbox.faults.clear();
    await client.listProducts();
    sandbox.addFaults([{ endpoint: '*', reset: true }]);
    await assert.rejects(client.listProducts());
    const [again, success] = exchanges.list();
    assert.equal(success.status, 200);
    assert.deepEqual([again.endpoint, again.count], ['productList', 4], 'an answer ended the run: a new row, for the 4 tries of a call no longer known to be in an outage');
    assert.equal(products.count, 30);
  });
});
