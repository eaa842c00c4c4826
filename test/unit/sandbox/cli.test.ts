// `npm run sandbox`: the standalone sandbox prints how to reach it and stops on Ctrl-C.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../../../src/sandbox';
import { run, waitFor } from './support/cliProcess';
import { call } from '../fakes/sandboxHttp';

describe('sandbox CLI', () => {
  it('prints the base URL, the refresh token and a curl example, serves, and stops on SIGINT', async () => {
    const cli = run(['--port', '0', '--refresh-token', 'cli-token']);
    try {
      const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
      await waitFor(/Ctrl-C/, cli);
      assert.match(cli.output(), /refresh token:\s+cli-token/);
      assert.match(cli.output(), /curl -s .*checkInventoryStock/);
      const token = await call(`${baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: 'cli-token' }) });
      assert.strictEqual(token.status, 200);
    } finally {
      cli.child.kill('SIGINT');
    }
    assert.strictEqual(await cli.exited, 0);
  });

  it('says clearly when the port is taken', async () => {
    const taken = await startSandbox();
    try {
      const port = new URL(taken.baseUrl).port;
      const cli = run(['--port', port]);
      assert.strictEqual(await cli.exited, 1);
      assert.match(cli.output(), new RegExp(`port ${port} on 127.0.0.1 is already in use`));
    } finally {
      await taken.close();
    }
  });

  it('starts from a scenario file, and refuses a broken one naming its line and field', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-scenario-'));
    try {
      const good = path.join(dir, 'erp.json');
      fs.writeFileSync(good, JSON.stringify({ refreshToken: 'my-erp-test-token', accessTokenTtlSeconds: 90 }));
      const cli = run(['--port', '0', '--scenario', good]);
      try {
        const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
        assert.match(cli.output(), /refresh token:\s+my-erp-test-token/);
        const token = await call(`${baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: 'my-erp-test-token' }) });
        assert.strictEqual((token.json as { expires_in: string }).expires_in, '90');
      } finally {
        cli.child.kill('SIGINT');
      }
      assert.strictEqual(await cli.exited, 0);

      const broken = path.join(dir, 'broken.json');
      fs.writeFileSync(broken, '{\n  "refreshToken": "my-erp-test-token",\n  "latencyMs": "fast"\n}\n');
      const refused = run(['--port', '0', '--scenario', broken]);
      assert.strictEqual(await refused.exited, 1);
      assert.match(refused.output(), /broken\.json: line 3, latencyMs: must be number/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown options and non-numbers, naming itself as it was run', async () => {
    for (const [args, message] of [
      [['--nope', '1'], /unknown option --nope/],
      [['--nope'], /unknown option --nope/],
      [['--port', 'abc'], /--port needs a number, got "abc"/],
      [['--port=abc'], /--port needs a number, got "abc"/],
      [['--seed'], /--seed needs a value/],
    ] as const) {
      const cli = run([...args]);
      assert.strictEqual(await cli.exited, 1, args.join(' '));
      assert.match(cli.output(), message);
      assert.match(cli.output(), /^node \S*cli\.js: /);
      assert.match(cli.output(), /Usage: node \S*cli\.js \[options\]/);
      assert.doesNotMatch(cli.output(), /npm run sandbox/);
    }
    const viaNpm = run(['--nope', '1'], undefined, undefined, { npm_lifecycle_event: 'sandbox' });
    assert.strictEqual(await viaNpm.exited, 1);
    assert.match(viaNpm.output(), /^npm run sandbox --: unknown option --nope/);
    assert.match(viaNpm.output(), /Usage: npm run sandbox -- \[options\]/);
  });

  it('refuses a number the scenario file would refuse, in one line without a stack', async () => {
    for (const [args, message] of [
      // Past Node's timer range a latency would silently be none.
      [['--latency', '99999999999'], /latencyMs must be a number from 0 to 60000, got 99999999999/],
      [['--token-ttl', '0'], /accessTokenTtlSeconds must be a number from 1 to 86400, got 0/],
      [['--products', '1000000000'], /products must be a whole number from 0 to 100000, got 1000000000/],
      [['--seed', '-1'], /seed must be a whole number from 0 to 4294967295, got -1/],
    ] as const) {
      const cli = run(['--port', '0', ...args]);
      // A CLI that took the value serves on: stopped, so the test fails rather than waits.
      const started = waitFor(/listening/, cli, 10_000).then(() => cli.child.kill('SIGKILL'), () => undefined);
      assert.strictEqual(await cli.exited, 1, `${args.join(' ')}: ${cli.output()}`);
      await started;
      assert.match(cli.output().split('\n')[0], message);
      assert.doesNotMatch(cli.output(), /listening|\n\s+at /);
    }
  });

  it('says which --log path cannot be written and why, and stops with exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-log-'));
    try {
      for (const [file, reason] of [
        [dir, 'it is a folder; give a file name'],
        [path.join(dir, 'missing', 'traffic.jsonl'), 'its folder does not exist'],
      ] as const) {
        const cli = run(['--port', '0', '--log', file]);
        assert.strictEqual(await cli.exited, 1, file);
        const first = cli.output().split('\n')[0];
        assert.ok(/^node \S*cli\.js: /.test(first) && first.endsWith(`: --log ${file}: cannot be written: ${reason}`), first);
        assert.doesNotMatch(cli.output(), /\n\s+at /);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes --name=value as well as --name value', async () => {
    const cli = run(['--port=0', '--refresh-token=eq-token']);
    try {
      await waitFor(/Ctrl-C/, cli);
      assert.match(cli.output(), /refresh token:\s+eq-token/);
    } finally {
      cli.child.kill('SIGINT');
    }
    assert.strictEqual(await cli.exited, 0);
  });

  it('tries out a SKU the running scenario has, not the demo\'s', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-scenario-'));
    const file = path.join(dir, 'shop.json');
    fs.writeFileSync(file, JSON.stringify({ products: [{ sku: 'MY SKU/1', name: 'Mine', stock: { 'RUH-WH1': 3 } }] }));
    const cli = run(['--port', '0', '--scenario', file]);
    try {
      const [, url] = await waitFor(/curl -s "(\S+checkInventoryStock\S+)"/, cli);
      assert.match(url, /\?sku=MY%20SKU%2F1$/);
      assert.doesNotMatch(cli.output(), /AJW-DATES-500/);
    } finally {
      cli.child.kill('SIGINT');
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.strictEqual(await cli.exited, 0);
  });
});
