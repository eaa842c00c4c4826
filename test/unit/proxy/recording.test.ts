// Save Recording / Replay Recording against Sandbox: a session recorded through the proxy (staging
// is a sandbox here), saved as JSONL, read back and replayed in order against another sandbox.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRecording, recordedExchanges, recordingText, replayRecording, replaySides, RecordingError } from '../../../src/proxy/recording';
import { differencesOf } from '../../../src/proxy/replay';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { accessToken, call } from '../fakes/sandboxHttp';
import { proxyTo, type ProxyHarness } from './support';
import { received } from '../fakes/journal';

describe('recording proxy: save and replay', () => {
  let staging: RunningSandbox;
  let local: RunningSandbox;
  let harness: ProxyHarness;

  beforeEach(async () => {
    staging = await startSandbox({ dialect: 'numeric-codes', refreshToken: 'rt-staging-9a8b7c6d5e4f3a2b1c0d' });
    local = await startSandbox();
    harness = await proxyTo(staging.baseUrl);
  });
  afterEach(async () => {
    await harness.proxy.close();
    await staging.close();
    await local.close();
  });

  it('replays the recorded requests in order against the sandbox, pairing each answer with the recorded one', async () => {
    const refreshed = await call(`${harness.proxy.baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: staging.refreshToken }) });
    const token = (refreshed.json as { access_token: string }).access_token;
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    await call(`${harness.proxy.baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { headers });
    await call(`${harness.proxy.baseUrl}/updateStockQuantity`, { method: 'POST', headers, body: JSON.stringify({ actionType: 'adjust', locationCode: 'NOPE', sku: 'AJW-DATES-500', qty: 1 }) });
    await call(`${harness.proxy.baseUrl}/updateStockQuantity`, { method: 'POST', headers, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 4 }) });

    const saved = recordingText(harness.exchanges);
    assert.ok(!saved.includes(token) && !saved.includes(staging.refreshToken), 'the saved recording holds no token');
    const recorded = parseRecording(saved);
    assert.deepEqual(recorded.map((exchange) => exchange.endpoint), ['refreshToken', 'checkInventoryStock', 'updateStockQuantity', 'updateStockQuantity']);

    const before = received(local).length;
    const pairs = await replayRecording(recorded, local);
    // The replayed sign-in's token serves the calls after it: one refresh, as recorded.
    assert.deepEqual(received(local).slice(before).map((request) => [request.endpoint, request.authorized]), [
      ['refreshToken', false],
      ['checkInventoryStock', true],
      ['updateStockQuantity', true],
      ['updateStockQuantity', true],
    ]);
    assert.deepEqual(pairs.map((pair) => pair.answer?.status), [200, 200, 400, 200]);

    const sides = replaySides(pairs);
    assert.match(sides.recorded, /^#3 POST \/rest\/v2\/updateStockQuantity → 400\n\{\n {2}"errorCode": 11,\n {2}"errorMsg": "Given LocationCode does not belong to any Warehouse or Branch",/m);
    assert.match(sides.sandbox, /^#3 POST \/rest\/v2\/updateStockQuantity → 400\n\{\n {2}"otoErrorCode": "OTO1133",/m);
    assert.equal(sides.recorded.split('\n#').length, 4);
    assert.equal(sides.sandbox.split('\n#').length, 4);
    for (const side of Object.values(sides)) {
      assert.ok(!side.includes(token) && !side.includes(staging.refreshToken) && !side.includes(local.refreshToken));
    }
  });

  it('does not replay what the proxy answered itself (a blocked write, a refused path, a failed upstream): OTO never answered it', async () => {
    await harness.proxy.close();
    harness = await proxyTo(staging.baseUrl, { writes: 'block' });
    const refreshed = await call(`${harness.proxy.baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: staging.refreshToken }) });
    const headers = { Authorization: `Bearer ${(refreshed.json as { access_token: string }).access_token}`, 'Content-Type': 'application/json' };
    await call(`${harness.proxy.baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { headers });
    const blocked = await call(`${harness.proxy.baseUrl}/updateStockQuantity`, { method: 'POST', headers, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 4 }) });
    assert.equal(blocked.status, 403);
    await call(`${harness.proxy.baseUrl.replace('/rest/v2', '')}/admin`, { headers });
    const recorded = parseRecording(recordingText(harness.exchanges));
    assert.equal(recorded.length, 4);

    const before = received(local).length;
    const pairs = await replayRecording(recorded, local);
    assert.deepEqual(received(local).slice(before).map((request) => request.endpoint), ['refreshToken', 'checkInventoryStock'], 'the blocked write did not change the sandbox');
    assert.deepEqual(pairs.map((pair) => pair.skipped), [
      undefined,
      undefined,
      'not sent: the recording proxy answered it itself (blocked by the recording proxy (writes: block), not sent)',
      'not sent: the recording proxy answered it itself (refused by the recording proxy, not sent)',
    ]);
    assert.deepEqual(pairs.flatMap(differencesOf), [], 'no answer of OTO to compare, so no difference');
  });

  it('saves at most the 1,000 exchanges a replay takes, the latest, oldest first, after a session longer than that', async () => {
    const token = await accessToken(staging);
    const reads = Array.from({ length: 1_050 }, (_, index) => `${harness.proxy.baseUrl}/checkInventoryStock?sku=SKU-${index}`);
    for (let start = 0; start < reads.length; start += 50) {
      await Promise.all(reads.slice(start, start + 50).map((url) => call(url, { headers: { Authorization: `Bearer ${token}` } })));
    }
    assert.ok(harness.proxy.traffic.history().length > 1_000, 'the store holds more than it lists until its next cut');
    const saved = recordedExchanges(harness.proxy.traffic);
    assert.equal(saved.length, 1_000);
    assert.deepEqual(saved.map((exchange) => exchange.id), [...saved.map((exchange) => exchange.id)].sort((a, b) => a - b), 'oldest first');
    assert.equal(saved.at(-1)?.id, harness.proxy.traffic.list()[0].id, 'up to the latest');
    assert.equal(parseRecording(recordingText(saved)).length, 1_000);
  });

  it('sends nothing outside /rest/v2/ of the target, whatever an edited recording says (dot segments, encoded slashes, other paths)', async () => {
    const line = (target: string): string => JSON.stringify({ id: 1, method: 'POST', endpoint: 'x', path: target.split('?')[0], target, query: {}, requestHeaders: {}, requestBody: { text: '', truncated: false }, status: 200 });
    const targets = ['/rest/v2/../../__oto/reset', '/rest/v2/%2e%2e/%2E%2E/__oto/reset', '/rest/v2/..%2f..%2f__oto/reset', '/rest/v2/..\\..\\__oto/reset', '/__oto/reset'];
    const recorded = parseRecording(targets.map(line).join('\n'));
    const before = received(local).length;
    const pairs = await replayRecording(recorded, local);
    assert.deepEqual(pairs.map((pair) => pair.skipped), targets.map(() => 'not sent: its path is not below /rest/v2/'));
    assert.equal(received(local).length, before);
    assert.equal(pairs.flatMap(differencesOf).length, targets.length, 'each one a difference: the recording was not replayed whole');
  });

  it('registers a recorded webhook with stand-ins for the keys the log shortened (a `…` cannot go in a header)', async () => {
    const body = { method: 'post', url: 'http://127.0.0.1:9/hook', webhookType: 'orderStatus', secretKey: '…cret', authorizationKey: '…ey-1' };
    const [exchange] = parseRecording(JSON.stringify({
      id: 1, method: 'POST', endpoint: 'webhook', path: '/rest/v2/webhook', query: {}, requestHeaders: { authorization: 'Bearer …abcd', 'content-type': 'application/json' },
      requestBody: { text: JSON.stringify(body), truncated: false }, status: 200, responseBody: { text: '{"success":true,"id":"1","message":"webhook has been created"}', truncated: false },
    }));
    const [pair] = await replayRecording([exchange], local);
    assert.equal(pair.answer?.status, 200, pair.answer?.text);
    assert.deepEqual(differencesOf(pair, 0), []);
    assert.deepEqual(local.webhooks.list().map(({ secretKey, authorizationKey }) => [secretKey, authorizationKey]), [['replayed-cret', 'replayed-ey-1']]);
  });

  it('does not send a request whose body was cut when recorded, and says so', async () => {
    const [exchange] = parseRecording(JSON.stringify({ id: 1, method: 'POST', endpoint: 'updateStockQuantity', path: '/rest/v2/updateStockQuantity', query: {}, requestHeaders: {}, requestBody: { text: '{"a":', truncated: true }, status: 200 }));
    const before = received(local).length;
    const [pair] = await replayRecording([exchange], local);
    assert.equal(pair.skipped, 'not sent: its body was cut when it was recorded');
    assert.equal(received(local).length, before);
    assert.match(replaySides([pair]).sandbox, /→ not sent: its body was cut when it was recorded/);
  });

  it('names the line of a recording that is not one', () => {
    assert.throws(() => parseRecording('{"id":1}\n'), (error: unknown) => error instanceof RecordingError && /Line 1 of the recording is not an exchange/.test(error.message));
    // Numbered as an editor numbers them: blank lines count.
    assert.throws(() => parseRecording('\n\nnope\n{"id":1}'), /Line 3 of the recording is not an exchange/);
    assert.throws(() => parseRecording(''), (error: unknown) => error instanceof RecordingError && error.message === 'The recording has no exchanges.');
    assert.throws(() => parseRecording('{"id":'), /no exchanges: its only line is not a whole JSON line/);
  });

  it('replays the exchanges before a last line the sandbox was stopped in the middle of writing', () => {
    const line = JSON.stringify({ id: 1, method: 'GET', endpoint: 'checkGlobalStock', path: '/rest/v2/checkGlobalStock', query: { sku: 'A' }, requestHeaders: {}, requestBody: { text: '', truncated: false }, status: 200 });
    const torn = `${line}\n${line.slice(0, 40)}`;
    assert.deepEqual(parseRecording(torn).map((exchange) => exchange.id), [1]);
    assert.throws(() => parseRecording(`${line.slice(0, 40)}\n${line}\n`), /Line 1 of the recording is not an exchange/, 'only the last line may be torn');
  });

  it('keeps tokens out of the diff even when the sandbox answers one', async () => {
    const token = await accessToken(local);
    assert.ok(!replaySides([{ recorded: { id: 1, method: 'GET', endpoint: 'x', path: '/rest/v2/x', query: {}, requestHeaders: {}, requestBody: { text: '', truncated: false } }, answer: { status: 200, text: JSON.stringify({ access_token: token }) } }]).sandbox.includes(token));
  });
});

describe('recording replay of a sandbox log with webhook deliveries', () => {
  it('does not send the deliveries the sandbox made (they are not requests to it), nor count them as differences', async () => {
    const receiver = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/oto/webhook`;
    const recordedOn = await startSandbox({ webhooks: { register: [{ url, webhookType: 'orderStatus', secretKey: 'erp-webhook-secret-4711' }] } });
    const local = await startSandbox();
    try {
      const post = async (endpoint: string, body: unknown, token?: string): Promise<Record<string, unknown>> =>
        (await call(`${recordedOn.baseUrl}/${endpoint}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json as Record<string, unknown>;
      const token = (await post('refreshToken', { refresh_token: recordedOn.refreshToken })).access_token as string;
      const orders = (await post('getPackingOrders', { warehouseCode: 'RUH-WH1' }, token)).orders as Array<{ orderId: string }>;
      await post('updatePackingStatus', { orderId: orders[orders.length - 1].orderId, packingStatus: 'picked' }, token);
      await recordedOn.webhooks.idle();
      const recorded = parseRecording(recordingText(recordedOn.traffic.list().reverse()));
      assert.deepEqual(recorded.map((exchange) => exchange.direction ?? 'inbound'), ['inbound', 'inbound', 'inbound', 'outbound']);

      const before = received(local).length;
      const pairs = await replayRecording(recorded, local);
      assert.deepEqual(received(local).slice(before).map((request) => request.endpoint), ['refreshToken', 'getPackingOrders', 'updatePackingStatus']);
      assert.equal(pairs[3].skipped, 'not sent: a webhook delivery the sandbox sent, not a request to it');
      assert.deepEqual(pairs.flatMap(differencesOf), []);
    } finally {
      await recordedOn.close();
      await local.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});

describe('recording replay against a hostile target', () => {
  let server: http.Server;
  let baseUrl: string;
  let sent = 0;
  let closed: Promise<void>;

  beforeEach(async () => {
    sent = 0;
    let onClose: () => void = () => undefined;
    closed = new Promise((resolve) => {
      onClose = resolve;
    });
    // An answer that never ends: 64 KB chunks for as long as the connection stays open.
    server = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(65_536, 0x20);
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk)) {
          sent += chunk.length;
        }
        if (!response.destroyed) {
          response.once('drain', pump);
        }
      };
      response.on('close', onClose);
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/v2`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads an answer up to 1 MB, then stops reading and closes the connection (an endless answer included)', async () => {
    const exchange = { id: 1, method: 'GET', endpoint: 'healthCheck', path: '/rest/v2/healthCheck', query: {}, requestHeaders: {}, requestBody: { text: '', truncated: false }, status: 200 };
    const started = performance.now();
    const [pair] = await replayRecording([exchange], { baseUrl, refreshToken: 'rt-unused-0123456789' });
    assert.ok(performance.now() - started < 5_000, 'not after the 10 s replay timeout');
    assert.equal(pair.answer?.status, 200);
    assert.ok(pair.answer.text.endsWith('\n… (cut at 1000000 bytes)'), pair.skipped);
    assert.equal(pair.answer.text.length, 1_000_000 + '\n… (cut at 1000000 bytes)'.length);
    await closed;
    assert.ok(sent < 16_000_000, `the target wrote ${sent} bytes before the connection closed`);
  });
});
