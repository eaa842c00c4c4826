// The CLI as a CI double under a job that fans out hard: thousands of connections at once each get
// an HTTP answer (503 with Retry-After past --max-connections, never a reset), and a huge body its
// 413. The load comes from a process of its own, as a CI job's would.
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { run, waitFor, type Cli } from './support/cliProcess';

const BURST = path.resolve(__dirname, 'support/burst.js');

interface Burst {
  outcomes: Record<string, number>;
  busyWithoutRetryAfter: number;
  malformed: number;
}

async function burst(url: string, count: number, bodyBytes = 0): Promise<Burst> {
  const { stdout } = await promisify(execFile)(process.execPath, [BURST, url, String(count), String(bodyBytes)], { timeout: 60_000 });
  return JSON.parse(stdout) as Burst;
}

describe('sandbox CLI: connections and large bodies', function () {
  this.timeout(90_000);
  let cli: Cli | undefined;
  afterEach(async () => {
    cli?.child.kill('SIGINT');
    await cli?.exited;
    cli = undefined;
  });

  it('answers every one of 2,000 connections opened at once', async () => {
    cli = run(['--port', '0']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    const result = await burst(`${baseUrl}/healthCheck`, 2000);
    // On a loaded machine a request may come in too late for the headers timeout: that is a 408, an answer too.
    assert.deepStrictEqual(Object.keys(result.outcomes).filter((outcome) => !['200', '408'].includes(outcome)), [], JSON.stringify(result));
    assert.ok(result.outcomes[200] >= 1900, JSON.stringify(result));
    assert.strictEqual(result.malformed, 0);
  });

  it('answers each connection past --max-connections 503 in JSON with Retry-After, never a reset', async () => {
    cli = run(['--port', '0', '--max-connections', '50']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    const result = await burst(`${baseUrl}/healthCheck`, 2000);
    assert.deepStrictEqual(Object.keys(result.outcomes).filter((outcome) => !['200', '408', '503'].includes(outcome)), [], JSON.stringify(result));
    assert.ok(result.outcomes[503] > 0 && result.outcomes[200] >= 50, JSON.stringify(result));
    assert.strictEqual(result.busyWithoutRetryAfter, 0);
    assert.strictEqual(result.malformed, 0);
  });

  it('answers a 50 MB body with its 413, or its 401 without a token, not a broken pipe', async () => {
    cli = run(['--port', '0']);
    const [, baseUrl] = await waitFor(/base URL:\s+(\S+)/, cli);
    assert.deepStrictEqual((await burst(`${baseUrl}/refreshToken`, 2, 50 * 1024 * 1024)).outcomes, { 413: 2 });
    assert.deepStrictEqual((await burst(`${baseUrl}/updateStockQuantity`, 2, 50 * 1024 * 1024)).outcomes, { 401: 2 });
  });

  it('refuses a --max-connections that is not a whole number from 1', async () => {
    for (const value of ['0', '1.5', 'many']) {
      const refused = run(['--port', '0', '--max-connections', value]);
      assert.strictEqual(await refused.exited, 1);
      assert.match(refused.output(), /--max-connections needs a whole number from 1 to 65535/);
    }
  });
});
