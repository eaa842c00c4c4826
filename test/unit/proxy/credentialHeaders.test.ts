// Credentials that are not bearer tokens: session cookies both ways, Proxy-Authorization, API-key
// headers and Basic auth. Sent through the recording proxy over real HTTP, none may reach the
// store, the JSONL log, the log line or the exchange document whole; which header it was stays.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { JsonlWriter } from '../../../src/traffic/jsonl';
import { formatTrafficLine } from '../../../src/traffic/report';
import { shortenHeader } from '../../../src/traffic/tokens';
import { formatTrafficDocument } from '../../../src/workbench/exchangeDocument';
import { call } from '../fakes/sandboxHttp';
import { proxyTo, type ProxyHarness } from './support';

const SESSION = 'sess-9f2c4e6a8b0d1f3e5a7c9b1d';
const ISSUED = 'issued-71c3e5a9b2d4f6e8a0c2';
const API_KEY = 'key-live-3b5d7f9a1c3e5b7d9f1a';
const PROXY_PASSWORD = 'proxy-pass-8e6c4a2f0d';
const BASIC_PASSWORD = 'basic-pass-5a7c9e1b3d';

describe('recording proxy: credentials in headers', () => {
  let upstream: http.Server;
  let harness: ProxyHarness;
  let dir: string;

  beforeEach(async () => {
    upstream = http.createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, [
          ['Content-Type', 'application/json; charset=utf-8'],
          ['Set-Cookie', `session=${ISSUED}; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT; HttpOnly`],
          ['Set-Cookie', 'theme=dark'],
        ].flat());
        response.end('{"success":true}');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    harness = await proxyTo(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}/rest/v2`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-proxy-cookies-'));
  });
  afterEach(async () => {
    await harness.proxy.close();
    await new Promise<void>((resolve) => {
      upstream.close(() => resolve());
      upstream.closeAllConnections();
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps no cookie, API key, proxy or Basic password whole in anything it records or shows', async () => {
    await call(`${harness.proxy.baseUrl}/checkInventoryStock?sku=A`, {
      headers: {
        Cookie: `session=${SESSION}; lang=ar`,
        'Proxy-Authorization': `Basic ${Buffer.from(`me:${PROXY_PASSWORD}`).toString('base64')}`,
        'X-Api-Key': API_KEY,
        Authorization: `Basic ${Buffer.from(`erp:${BASIC_PASSWORD}`).toString('base64')}`,
      },
    });
    assert.equal(harness.exchanges.length, 1);
    const [exchange] = harness.exchanges;
    const file = path.join(dir, 'traffic.jsonl');
    const log = new JsonlWriter(file);
    log.write(exchange);
    await log.close();
    const artefacts = {
      store: JSON.stringify(exchange),
      line: formatTrafficLine(exchange),
      jsonl: fs.readFileSync(file, 'utf8'),
      document: formatTrafficDocument(exchange, 'http://127.0.0.1/x', () => '').text,
    };
    const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');
    for (const [name, text] of Object.entries(artefacts)) {
      for (const secret of [SESSION, ISSUED, API_KEY, basic('me', PROXY_PASSWORD), basic('erp', BASIC_PASSWORD), SESSION.slice(0, 12), API_KEY.slice(0, 12)]) {
        assert.ok(!text.includes(secret), `${name} holds ${secret}`);
      }
    }
    // Which cookie, which header, which scheme: still there to debug with.
    assert.equal(exchange.requestHeaders.cookie, `session=…${SESSION.slice(-4)}; lang=…`);
    assert.equal(exchange.requestHeaders['x-api-key'], `…${API_KEY.slice(-4)}`);
    assert.equal(exchange.requestHeaders['proxy-authorization'], 'Basic …');
    assert.equal(exchange.requestHeaders.authorization, 'Basic …');
    assert.equal(exchange.responseHeaders?.['set-cookie'], `session=…${ISSUED.slice(-4)}; Path=/; Expires=Wed, 09 Jun 2027 10:18:14 GMT; HttpOnly, theme=…`);
  });

  it('hides a Basic credential whole (its base64 ends with the password) and leaves other headers to token shortening', () => {
    const value = `Basic ${Buffer.from('user:hunter2secret').toString('base64')}`;
    assert.equal(shortenHeader('authorization', value), 'Basic …');
    assert.equal(shortenHeader('authorization', 'Bearer abcdefghijklmnop'), 'Bearer …mnop');
    assert.equal(shortenHeader('user-agent', 'erp-sync/2.1'), 'erp-sync/2.1');
    assert.equal(shortenHeader('x-note', 'Bearer abcdefghijklmnop'), 'Bearer …mnop');
  });
});
