// Behind the proxy the tokens are real credentials: none of them may appear, whole, in anything
// the proxy keeps, shows or writes — in either direction, JSON-escaped forms included.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { JsonlWriter } from '../../../src/traffic/jsonl';
import { formatTrafficLine } from '../../../src/traffic/report';
import { call } from '../fakes/sandboxHttp';
import { proxyTo, type ProxyHarness } from './support';

describe('recording proxy: redaction', () => {
  let upstream: RunningSandbox;
  let harness: ProxyHarness;
  let dir: string;
  const REFRESH = 'rt-staging-4f9c2a7e1b3d5f60a8c9e2d4b6f8a1c3';

  beforeEach(async () => {
    upstream = await startSandbox({ refreshToken: REFRESH });
    harness = await proxyTo(upstream.baseUrl, { writes: 'simulate' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-proxy-redaction-'));
  });
  afterEach(async () => {
    await harness.proxy.close();
    await upstream.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps neither the refresh token nor the access token in the store, the log lines or the JSONL file', async () => {
    const refreshed = await call(`${harness.proxy.baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: REFRESH }) });
    const access = (refreshed.json as { access_token: string }).access_token;
    assert.ok(access.length > 20);
    const headers = { Authorization: `Bearer ${access}`, 'Content-Type': 'application/json' };
    await call(`${harness.proxy.baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { headers });
    // A token in a query, escaped inside a JSON string, and in a simulated write's body.
    await call(`${harness.proxy.baseUrl}/orderDetails?orderId=x&access_token=${access}`, { headers });
    await call(`${harness.proxy.baseUrl}/updateStockQuantity`, { method: 'POST', headers, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1, note: JSON.stringify({ refresh_token: REFRESH }) }) });
    await call(`${harness.proxy.baseUrl}/updateStockQuantity`, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: `token ${access}` });

    const file = path.join(dir, 'traffic.jsonl');
    const log = new JsonlWriter(file);
    const lines: string[] = [];
    for (const exchange of harness.exchanges) {
      log.write(exchange);
      lines.push(formatTrafficLine(exchange));
    }
    await log.close();

    const artefacts = { store: JSON.stringify(harness.exchanges), lines: lines.join('\n'), jsonl: fs.readFileSync(file, 'utf8') };
    for (const [name, text] of Object.entries(artefacts)) {
      for (const secret of [REFRESH, access, access.slice(0, 24), REFRESH.slice(0, 20)]) {
        assert.ok(!text.includes(secret), `${name} holds a token`);
      }
    }
    assert.equal(harness.exchanges.length, 5);
    // Shortened, not dropped: the last four characters tell two tokens apart.
    assert.match(artefacts.store, new RegExp(`…${access.slice(-4)}`));
    assert.equal(harness.exchanges[1].requestHeaders.authorization, `Bearer …${access.slice(-4)}`);
  });
});
