// The CLI in a CI job: --exit-after-idle waits for the requests in flight (latency, a hang fault),
// --rule sets the lint up, and a gateway error's status is printed once.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, waitFor } from './support/cliProcess';
import { call } from '../fakes/sandboxHttp';

const json = { 'Content-Type': 'application/json' };

describe('sandbox CLI: idle, rules and lines', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-cli-idle-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('does not stop while a request held by --latency is open, and counts it', async function () {
    this.timeout(30_000);
    const cli = run(['--port', '0', '--refresh-token', 'ci-token', '--latency', '2500', '--exit-after-idle', '1']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    const answer = await call(`${baseUrl}/refreshToken`, { method: 'POST', headers: json, body: JSON.stringify({ refresh_token: 'ci-token' }) });
    assert.strictEqual(answer.status, 200);
    assert.strictEqual(await cli.exited, 0, cli.output());
    assert.match(cli.output(), /POST refreshToken 200 2\.\d+ s$/m);
    assert.match(cli.output(), /^1 exchange, 0 findings$/m);
  });

  it('waits for a request held by a hang fault until its client gives up, and logs it', async function () {
    this.timeout(30_000);
    const scenario = path.join(dir, 'hang.json');
    fs.writeFileSync(scenario, JSON.stringify({ refreshToken: 'ci-token', faults: [{ endpoint: 'healthCheck', hang: true, times: 1 }] }));
    const log = path.join(dir, 'traffic.jsonl');
    const cli = run(['--port', '0', '--scenario', scenario, '--exit-after-idle', '1', '--log', log]);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    const started = Date.now();
    await assert.rejects(call(`${baseUrl}/healthCheck`, { signal: AbortSignal.timeout(2500) }));
    assert.ok(Date.now() - started >= 2400);
    assert.strictEqual(await cli.exited, 0, cli.output());
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { endpoint: string; fault?: string });
    assert.deepStrictEqual(lines.map((line) => [line.endpoint, line.fault]), [['healthCheck', 'hang']]);
    assert.match(cli.output(), /^1 exchange, 0 findings$/m);
  });

  it('sets rules with --rule over the scenario\'s lint, says so, and prints a gateway status once', async function () {
    this.timeout(30_000);
    const scenario = path.join(dir, 'lint.json');
    fs.writeFileSync(scenario, JSON.stringify({ refreshToken: 'ci-token', lint: { rules: { 'no-content-type': 'error', 'qty-not-integer': 'warning' } } }));
    const log = path.join(dir, 'traffic.jsonl');
    const cli = run(['--port', '0', '--scenario', scenario, '--rule', 'qty-not-integer=off', '--rule=date-format=error', '--fail-on', 'error', '--log', log, '--exit-after-idle', '1']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    assert.match(cli.output(), /lint rules:\s+no-content-type error \(was info\), qty-not-integer off \(was error\), date-format error \(was warning\)/);
    const token = ((await call(`${baseUrl}/refreshToken`, { method: 'POST', headers: json, body: JSON.stringify({ refresh_token: 'ci-token' }) })).json as { access_token: string }).access_token;
    const headers = { ...json, Authorization: `Bearer ${token}` };
    await call(`${baseUrl}/updateStockQuantity`, { method: 'POST', headers, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: '1.5' }) });
    await call(`${baseUrl}/createInventoryOrder`, { method: 'POST', headers, body: JSON.stringify({ action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 1 }], orderDate: '2024-03-31' }) });
    await call(`${baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { headers: { Authorization: 'Bearer not-a-token' } });
    assert.strictEqual(await cli.exited, 1, cli.output());
    const output = cli.output();
    assert.match(output, /GET checkInventoryStock 401 \d+ ms$/m, 'the status once, not "401 401"');
    assert.match(output, /error +date-format +1/);
    assert.doesNotMatch(output, /qty-not-integer +\d/);
    assert.match(output, /rules changed: no-content-type error \(was info\), qty-not-integer off \(was error\), date-format error \(was warning\)/);
    const findings = fs.readFileSync(log, 'utf8').trim().split('\n').flatMap((line) => (JSON.parse(line) as { findings: Array<{ rule: string; severity: string }> }).findings);
    assert.deepStrictEqual(findings.map((finding) => `${finding.rule}:${finding.severity}`), ['date-format:error']);
  });

  it('refuses an unknown rule or level, naming the real ones', async () => {
    for (const [rule, message] of [
      ['duplicate-writes=off', /--rule duplicate-writes: no such rule \(the rules: qty-not-integer, sku-comma, duplicate-write, /],
      ['duplicate-write=loud', /--rule duplicate-write: the level must be off, info, warning, error, got "loud"/],
      ['duplicate-write', /--rule needs name=level/],
    ] as const) {
      const cli = run(['--port', '0', '--rule', rule]);
      assert.strictEqual(await cli.exited, 1, rule);
      assert.match(cli.output(), message);
    }
  });
});
