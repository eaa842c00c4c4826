// The CLI for an ERP's CI: one line per exchange, the JSONL log, the summary by rule and the exit
// code of --fail-on; and the single-file build that runs with plain `node`.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run, waitFor } from './support/cliProcess';
import { call } from '../fakes/sandboxHttp';

const ADJUST = { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500' };

/** What an ERP under test does: signs in, then sends its requests with plain fetch. */
async function erp(baseUrl: string, refreshToken: string, bodies: Array<[string, unknown]>): Promise<number[]> {
  const token = await call(`${baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshToken }) });
  const headers = { Authorization: `Bearer ${(token.json as { access_token: string }).access_token}`, 'Content-Type': 'application/json', 'User-Agent': 'erp-ci/1.0' };
  const statuses: number[] = [];
  for (const [endpoint, body] of bodies) {
    statuses.push((await call(`${baseUrl}/${endpoint}`, { method: 'POST', headers, body: JSON.stringify(body) })).status);
  }
  return statuses;
}

describe('sandbox CLI: traffic for CI', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints each exchange, logs it as JSONL, and exits 1 after idling with an error finding', async function () {
    this.timeout(30_000);
    const log = path.join(dir, 'traffic.jsonl');
    const cli = run(['--port', '0', '--refresh-token', 'ci-token', '--log', log, '--fail-on', 'error', '--exit-after-idle', '1']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    const statuses = await erp(baseUrl, 'ci-token', [
      ['updateStockQuantity', { ...ADJUST, qty: '40.5' }],
      ['updateStockQuantity', { ...ADJUST, qty: 2 }],
    ]);
    assert.deepStrictEqual(statuses, [400, 200]);
    assert.strictEqual(await cli.exited, 1, cli.output());
    const output = cli.output();
    assert.match(output, /POST updateStockQuantity 400 OTO1132 \d+ ms qty-not-integer/);
    assert.match(output, /POST updateStockQuantity 200 \d+ ms$/m);
    assert.match(output, /3 exchanges, 1 finding/);
    assert.match(output, /error +qty-not-integer +1/);
    assert.match(output, /FAILED: findings at or above "error"/);
    const lines = fs.readFileSync(log, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    assert.deepStrictEqual(
      lines.map((line) => [line.endpoint, line.status, line.findings.map((finding: { rule: string }) => finding.rule)]),
      [
        ['refreshToken', 200, []],
        ['updateStockQuantity', 400, ['qty-not-integer']],
        ['updateStockQuantity', 200, []],
      ],
    );
    assert.ok(!fs.readFileSync(log, 'utf8').includes('ci-token'), 'the refresh token is shortened in the log');
  });

  it('exits 0 when no finding reaches --fail-on, and prints the summary on SIGTERM', async function () {
    this.timeout(30_000);
    const cli = run(['--port', '0', '--refresh-token', 'ci-token', '--fail-on', 'error']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    await erp(baseUrl, 'ci-token', [['createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 1 }], orderDate: '2024-03-31' }]]);
    await waitFor(/createInventoryOrder 200 .*date-format/, cli);
    cli.child.kill('SIGTERM');
    assert.strictEqual(await cli.exited, 0, cli.output());
    assert.match(cli.output(), /warning +date-format +1/);
    assert.match(cli.output(), /passed: no finding at or above "error"/);
  });

  it('stops cleanly when its output is closed (`| head`): log closed, summary on stderr, no crash', async function () {
    this.timeout(30_000);
    const log = path.join(dir, 'traffic.jsonl');
    const cli = run(['--port', '0', '--refresh-token', 'ci-token', '--log', log, '--fail-on', 'error']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    cli.child.stdout?.destroy();
    await erp(baseUrl, 'ci-token', [['updateStockQuantity', { ...ADJUST, qty: '40.5' }]]);
    // The exit code is the summary's (a finding at "error"), not a crash's.
    assert.strictEqual(await cli.exited, 1, cli.output());
    assert.doesNotMatch(cli.output(), /Unhandled|EPIPE\n\s+at /);
    assert.match(cli.output(), /The output was closed \(EPIPE\): stopping\./);
    assert.match(cli.output(), /2 exchanges, 1 finding[\s\S]*FAILED: findings at or above "error"/);
    assert.strictEqual(fs.readFileSync(log, 'utf8').trimEnd().split('\n').length, 2);
  });

  it('--quiet prints no line per exchange, yet logs, sums up and fails as usual', async function () {
    this.timeout(30_000);
    const log = path.join(dir, 'traffic.jsonl');
    const cli = run(['--port', '0', '--quiet', '--refresh-token', 'ci-token', '--log', log, '--fail-on', 'error', '--exit-after-idle', '1']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    await erp(baseUrl, 'ci-token', [['updateStockQuantity', { ...ADJUST, qty: '40.5' }]]);
    assert.strictEqual(await cli.exited, 1, cli.output());
    assert.doesNotMatch(cli.output(), /POST updateStockQuantity/);
    assert.match(cli.output(), /2 exchanges, 1 finding/);
    assert.strictEqual(fs.readFileSync(log, 'utf8').trimEnd().split('\n').length, 2);
  });

  /** 400 reads, 20 at a time, and one call to an endpoint that is not there (a 404, worth a look). */
  async function flood(baseUrl: string): Promise<void> {
    const token = await call(`${baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: 'ci-token' }) });
    const headers = { Authorization: `Bearer ${(token.json as { access_token: string }).access_token}` };
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => call(`${baseUrl}/checkGlobalStock?sku=AJW-DATES-500`, { headers })));
      assert.ok(answers.every((answer) => answer.status === 200));
      if (batch === 10) {
        assert.equal((await call(`${baseUrl}/noSuchEndpoint`, { headers })).status, 404);
      }
    }
  }

  it('under a flood prints the exchanges worth a look and a count of the rest each second; --every-line prints each', async function () {
    this.timeout(60_000);
    for (const everyLine of [false, true]) {
      const cli = run(['--port', '0', '--refresh-token', 'ci-token', '--exit-after-idle', '1', ...(everyLine ? ['--every-line'] : [])]);
      const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
      await flood(baseUrl);
      assert.strictEqual(await cli.exited, 0, cli.output());
      const output = cli.output();
      const printed = output.split('\n').filter((line) => / GET checkGlobalStock 200 /.test(line)).length;
      const counted = [...output.matchAll(/\+(\d+) more answered without a finding/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      assert.match(output, / GET noSuchEndpoint 404 /, 'the 404 is printed, flood or not');
      assert.match(output, /402 exchanges, 0 findings/);
      if (everyLine) {
        assert.deepStrictEqual([printed, counted], [400, 0]);
      } else {
        assert.ok(counted > 0, `${printed} printed, none counted:\n${output.slice(-2_000)}`);
        assert.strictEqual(printed + counted, 400, 'each read is printed or counted, once');
      }
    }
    const both = run(['--port', '0', '--quiet', '--every-line']);
    assert.strictEqual(await both.exited, 1);
    assert.match(both.output(), /--quiet prints no line and --every-line prints each: give one of them/);
  });

  it('refuses a bad --fail-on, --exit-after-idle or a log it cannot write', async () => {
    for (const args of [['--fail-on', 'info'], ['--fail-on', 'loud'], ['--exit-after-idle', '0'], ['--log', path.join(dir, 'missing', 'x.jsonl')]]) {
      const cli = run(['--port', '0', ...args]);
      assert.strictEqual(await cli.exited, 1, args.join(' '));
      assert.match(cli.output(), /--fail-on needs warning or error|--exit-after-idle needs a number|--log \S+: cannot be written: its folder does not exist/, cli.output());
    }
  });

  it('ships as one file, dist/oto-sandbox.js, that runs with plain node and no node_modules', async function () {
    this.timeout(30_000);
    const bundle = path.resolve(__dirname, '../../../../dist/oto-sandbox.js');
    assert.ok(fs.existsSync(bundle), `${bundle} is missing: run \`npm run build\` first.`);
    const alone = path.join(dir, 'oto-sandbox.js');
    fs.copyFileSync(bundle, alone);
    const cli = run(['--port', '0', '--refresh-token', 'ci-token', '--fail-on', 'warning', '--exit-after-idle', '1'], alone, dir);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    await erp(baseUrl, 'ci-token', [['createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 1 }], orderDate: '2024-03-31' }]]);
    assert.strictEqual(await cli.exited, 1, cli.output());
    assert.match(cli.output(), /warning +date-format +1/);
  });
});
