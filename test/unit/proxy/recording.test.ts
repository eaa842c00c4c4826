// Save Recording / Replay Recording against Sandbox: a session recorded through the proxy (staging
// is a sandbox here), saved as JSONL, read back and replayed in order against another sandbox.
import * as assert from 'node:assert/strict';
import { parseRecording, recordingText, replayRecording, replaySides, RecordingError } from '../../../src/proxy/recording';
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
