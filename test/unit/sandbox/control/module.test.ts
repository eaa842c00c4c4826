// dist/oto-sandbox.js copied alone into an empty folder is both a module (startSandbox with the
// control room's operations as functions) and, run as a script, the CLI.
import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { run, waitFor } from '../support/cliProcess';

const BUNDLE = path.resolve(__dirname, '../../../../../dist/oto-sandbox.js');

// What a Node test suite does with the module, in a child process of its own.
const SCRIPT = `
const { startSandbox } = require('./oto-sandbox.js');
(async () => {
  const sandbox = await startSandbox({ port: 0, accessTokenTtlSeconds: 60 });
  const signIn = async (refreshToken) => (await (await fetch(sandbox.baseUrl + '/refreshToken', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshToken }) })).json()).access_token;
  const token = await signIn(sandbox.refreshToken);
  const adjust = (bearer) => fetch(sandbox.baseUrl + '/updateStockQuantity', { method: 'POST', headers: { Authorization: 'Bearer ' + bearer, 'Content-Type': 'application/json' }, body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: -1 }) });
  const out = {};
  sandbox.setStock([{ sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', quantityOnHand: 5 }]);
  out.adjusted = (await adjust(token)).status;
  out.onHand = sandbox.state().products.find((product) => product.sku === 'AJW-DATES-500').stock['RUH-WH1'];
  out.count = sandbox.count({ endpoint: 'updateStockQuantity', body: { qty: -1 } }).count;
  out.requests = sandbox.requests({ endpoint: 'updateStockQuantity' }).map((exchange) => exchange.status);
  out.findings = sandbox.findings().exchanges;
  const [faultId] = sandbox.faults.add([{ endpoint: 'updateStockQuantity', status: 503 }]);
  out.faulted = (await adjust(token)).status;
  out.faultRemoved = sandbox.faults.remove(faultId);
  sandbox.advanceClock(61);
  out.expired = (await adjust(token)).status;
  const worker = sandbox.createAccount();
  out.worker = worker.account;
  out.workerAdjusted = (await adjust(await signIn(worker.refreshToken))).status;
  out.workerCount = sandbox.account(worker.account).count({ endpoint: 'updateStockQuantity' }).count;
  try {
    sandbox.setStock([{ sku: 'NOPE', locationCode: 'RUH-WH1' }]);
  } catch (error) {
    out.refused = error.problems.map((problem) => problem.field);
  }
  sandbox.reset();
  out.afterReset = [sandbox.requests().length, sandbox.state().products.find((product) => product.sku === 'AJW-DATES-500').stock['RUH-WH1'] !== 5];
  await sandbox.close();
  console.log(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('dist/oto-sandbox.js as a module', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-sandbox-module-'));
    fs.copyFileSync(BUNDLE, path.join(dir, 'oto-sandbox.js'));
    fs.writeFileSync(path.join(dir, 'suite.js'), SCRIPT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts a sandbox from require() and gives the control operations as functions', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['suite.js'], { cwd: dir, timeout: 30_000 });
    assert.deepStrictEqual(JSON.parse(stdout), {
      adjusted: 200,
      onHand: 4,
      count: 1,
      requests: [200],
      findings: 2,
      faulted: 503,
      faultRemoved: true,
      expired: 401,
      worker: 'account-1',
      workerAdjusted: 200,
      workerCount: 1,
      refused: ['[0].sku', '[0].quantityOnHand'],
      afterReset: [0, true],
    });
  });

  it('still runs the CLI when run as a script', async () => {
    const cli = run(['--port', '0'], path.join(dir, 'oto-sandbox.js'), dir);
    try {
      const [, controlUrl] = await waitFor(/control API:\s+(\S+)/, cli);
      const health = (await (await fetch(`${controlUrl}health`)).json()) as { ok: boolean };
      assert.strictEqual(health.ok, true);
    } finally {
      cli.child.kill('SIGINT');
      await cli.exited;
    }
  });
});
