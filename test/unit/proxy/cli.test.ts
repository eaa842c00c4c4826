// `npm run sandbox -- --proxy URL`: the recording proxy from the command line, for CI and scripts,
// with the workbench's logging; here in front of a sandbox standing in for staging.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { run, waitFor } from '../sandbox/support/cliProcess';
import { accessToken, call } from '../fakes/sandboxHttp';
import { received } from '../fakes/journal';

describe('recording proxy CLI', () => {
  let upstream: RunningSandbox;
  let dir: string;

  beforeEach(async () => {
    upstream = await startSandbox();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-proxy-cli-'));
  });
  afterEach(async () => {
    await upstream.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('proxies with --writes block, prints one line per exchange, logs JSONL without tokens and stops when idle', async () => {
    const log = path.join(dir, 'traffic.jsonl');
    const cli = run(['--proxy', upstream.baseUrl, '--writes', 'block', '--port', '0', '--log', log, '--exit-after-idle', '1']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    assert.match(cli.output(), new RegExp(`forwards to:\\s+${upstream.baseUrl.replace(/[.]/g, '\\.')} \\(127\\.0\\.0\\.1:\\d+\\)`));
    assert.match(cli.output(), /writes:\s+block/);
    const token = await accessToken(upstream);
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    assert.equal((await call(`${baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { headers })).status, 200);
    const blocked = await call(`${baseUrl}/updateStockQuantity`, { method: 'POST', headers, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '1.5' }) });
    assert.equal(blocked.status, 403);
    assert.equal(await cli.exited, 0);

    assert.match(cli.output(), /GET\s+checkInventoryStock\s+200/);
    assert.match(cli.output(), /POST\s+updateStockQuantity\s+403/);
    assert.match(cli.output(), /OTO recording proxy stopped/);
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { source: unknown; findings: Array<{ rule: string }> });
    assert.equal(lines.length, 2);
    assert.deepEqual(lines[0].source, { kind: 'proxy', upstream: upstream.baseUrl, environment: new URL(upstream.baseUrl).host });
    assert.ok(lines[1].findings.some((finding) => finding.rule === 'qty-not-integer'), 'the contract lint judges proxied traffic too');
    assert.ok(!fs.readFileSync(log, 'utf8').includes(token));
    assert.ok(!cli.output().includes(token));
    assert.ok(!received(upstream).some((request) => request.endpoint === 'updateStockQuantity'));
  });

  it('blocks writes unless --writes forward asks for them, answering in OTO\'s error shape', async () => {
    const cli = run(['--proxy', upstream.baseUrl, '--port', '0', '--exit-after-idle', '1']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    assert.match(cli.output(), /writes:\s+block \(not sent; --writes forward sends them on\)/);
    const token = await accessToken(upstream);
    const blocked = await call(`${baseUrl}/updateStockQuantity`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 }) });
    assert.equal(blocked.status, 403);
    assert.equal((blocked.json as { success: boolean; otoErrorCode: string }).success, false);
    assert.equal((blocked.json as { otoErrorCode: string }).otoErrorCode, 'OTO9403');
    assert.equal(await cli.exited, 0);
    assert.match(cli.output(), /POST updateStockQuantity 403 OTO9403/);
    assert.ok(!received(upstream).some((request) => request.endpoint === 'updateStockQuantity'));

    const forwarding = run(['--proxy', upstream.baseUrl, '--port', '0', '--writes', 'forward', '--exit-after-idle', '1']);
    const [, forwardUrl] = await waitFor(/base URL:\s+(\S+)/, forwarding);
    assert.match(forwarding.output(), /writes:\s+forward \(they change the upstream's real stock\)/);
    const sent = await call(`${forwardUrl}/updateStockQuantity`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1 }) });
    assert.equal(sent.status, 200);
    assert.equal(await forwarding.exited, 0);
    assert.equal(received(upstream).filter((request) => request.endpoint === 'updateStockQuantity').length, 1);
  });

  it('says in --help which writes mode is the default, once', async () => {
    const help = run(['--help']);
    assert.equal(await help.exited, 0);
    assert.equal(help.output().match(/\(default\)/g)?.length, 1 + 1 + 1, 'the dialect\'s default, the webhook type\'s and the writes mode\'s');
    assert.match(help.output(), /--writes MODE +with --proxy: block \(default\), simulate, forward/);
  });

  it('refuses sandbox-only flags with --proxy, and --writes without it', async () => {
    for (const [args, message] of [
      [['--proxy', upstream.baseUrl, '--dialect', 'numeric-codes'], /--dialect set up the sandbox and cannot be used with --proxy/],
      [['--writes', 'block'], /--writes needs --proxy/],
      [['--proxy', upstream.baseUrl, '--writes', 'maybe'], /--writes must be block, simulate, forward, got "maybe"/],
    ] as const) {
      const cli = run([...args]);
      assert.equal(await cli.exited, 1, args.join(' '));
      assert.match(cli.output(), message);
    }
  });
});
