// The worked example of the README's "Testing your integration in CI": examples/erp-ci's node:test
// suite (fetch and the control API only, its files in parallel on their own accounts) runs green
// against dist/oto-sandbox.js started as a CI job would start it.
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { run, waitFor } from '../support/cliProcess';

const ROOT = path.resolve(__dirname, '../../../../..');
const EXAMPLE = path.join(ROOT, 'examples/erp-ci');

describe('examples/erp-ci against dist/oto-sandbox.js', function () {
  this.timeout(120_000);

  it('passes its whole suite, its files running in parallel', async () => {
    const cli = run(['--port', '0'], path.join(ROOT, 'dist/oto-sandbox.js'), ROOT);
    try {
      const [, controlUrl] = await waitFor(/control API:\s+(http:\/\/127\.0\.0\.1:\d+)\/__oto\//, cli);
      const files = ['erp.test.js', 'workers.test.js'].map((file) => path.join(EXAMPLE, file));
      const outcome = await new Promise<{ code: number | null; output: string }>((resolve) => {
        execFile(process.execPath, ['--test', '--test-concurrency=4', '--test-reporter=tap', ...files], { cwd: ROOT, timeout: 90_000, env: { ...process.env, OTO_SANDBOX_URL: controlUrl } }, (error, stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
        );
      });
      assert.strictEqual(outcome.code, 0, outcome.output);
      assert.match(outcome.output, /# pass 6\n# fail 0/);
      // The suite's own calls reached the sandbox (and nothing of its control calls was captured).
      const exchanges = cli.output().split('Press Ctrl-C to stop.')[1];
      assert.match(exchanges, /\[account-\d+\] \S+ POST updateStockQuantity 200/);
      assert.doesNotMatch(exchanges, /__oto/);
    } finally {
      cli.child.kill('SIGINT');
      await cli.exited;
    }
  });
});
