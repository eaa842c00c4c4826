// `--replay recording.jsonl [--against URL]`: a recording replayed to a fresh sandbox or to a
// running one on loopback, compared by status, OTO code and answer shape; exit 1 on a difference.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { recordingText } from '../../../src/proxy/recording';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { usage } from '../../../src/sandboxCli/cli';
import { run } from './support/cliProcess';

const ADJUST = { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500' };

/** An ERP's session against a sandbox, as the sandbox's traffic log records it (the `--log` lines). */
async function record(): Promise<string> {
  const sandbox = await startSandbox({ seed: 1 });
  try {
    const post = (endpoint: string, body: unknown, token?: string): Promise<Response> =>
      fetch(`${sandbox.baseUrl}/${endpoint}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const token = ((await (await post('refreshToken', { refresh_token: sandbox.refreshToken })).json()) as { access_token: string }).access_token;
    await fetch(`${sandbox.baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal((await post('updateStockQuantity', { ...ADJUST, qty: 2 }, token)).status, 200);
    assert.equal((await post('updateStockQuantity', { ...ADJUST, qty: '40.5' }, token)).status, 400);
    assert.equal((await post('createInventoryOrder', { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'AJW-DATES-500', qty: 5 }] }, token)).status, 200);
    return recordingText(sandbox.traffic.list().reverse());
  } finally {
    await sandbox.close();
  }
}

/** The `--log` lines of what `act` sends a fresh sandbox, signed in (its headers carry the token). */
async function logOf(act: (sandbox: RunningSandbox, headers: Record<string, string>) => Promise<void>): Promise<string[]> {
  const sandbox = await startSandbox({ seed: 1 });
  const log: string[] = [];
  sandbox.onDidRecordExchange(({ exchange }) => log.push(JSON.stringify(exchange)));
  try {
    const token = ((await (await fetch(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: sandbox.refreshToken }) })).json()) as { access_token: string }).access_token;
    await act(sandbox, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
  } finally {
    await sandbox.close();
  }
  return log;
}

describe('sandbox CLI: --replay', function () {
  this.timeout(60_000);
  let dir: string;
  let recording: string;
  before(async () => {
    recording = await record();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-replay-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const file = (text: string): string => {
    const name = path.join(dir, 'recording.jsonl');
    fs.writeFileSync(name, text);
    return name;
  };
  const replay = async (args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const cli = run(args);
      const code = await cli.exited;
      return { code, output: cli.output() };
    } finally {
      process.env = saved;
    }
  };

  it('replays a recording to a fresh sandbox: no differences, exit 0', async () => {
    const { code, output } = await replay(['--replay', file(recording)]);
    assert.equal(code, 0, output);
    assert.match(output, /Replayed 5 of 5 exchanges against a fresh sandbox: no differences in status, code or answer shape\./);
  });

  it('names each difference in status, code and shape on its own line, and exits 1', async () => {
    const lines = recording.trim().split('\n').map((line) => JSON.parse(line));
    lines[1].responseBody.text = lines[1].responseBody.text.replace('"stock"', '"stocks"');
    lines[2].status = 500;
    lines[3].responseBody.text = lines[3].responseBody.text.replace('OTO1132', 'OTO1126');
    const { code, output } = await replay(['--replay', file(lines.map((line) => JSON.stringify(line)).join('\n'))]);
    assert.equal(code, 1, output);
    const reported = output.trim().split('\n');
    assert.equal(reported.length, 4, output);
    assert.match(reported[0], /^#2 GET \/rest\/v2\/checkInventoryStock\?sku=AJW-DATES-500: answer shape differs: .*`stocks`/);
    assert.equal(reported[1], '#3 POST /rest/v2/updateStockQuantity: status 500 recorded, 200 now');
    assert.equal(reported[2], '#4 POST /rest/v2/updateStockQuantity: code OTO1126 recorded, OTO1132 now');
    assert.equal(reported[3], 'Replayed 5 of 5 exchanges against a fresh sandbox: 3 differences.');
  });

  it('does not send, nor count as a difference, what the recording proxy answered itself (a blocked write, a failed upstream)', async () => {
    const lines = recording.trim().split('\n').map((line) => JSON.parse(line));
    const proxy = { kind: 'proxy', upstream: 'https://staging-api.tryoto.com/rest/v2', environment: 'staging' };
    Object.assign(lines[2], { source: proxy, status: 403, fault: 'blocked by the recording proxy (writes: block), not sent' });
    lines[2].responseBody.text = JSON.stringify({ success: false, otoErrorCode: 'OTO9403', otoErrorMessage: 'Write blocked by the OTO Stock recording proxy' });
    Object.assign(lines[4], { source: proxy, status: 504, fault: 'upstream failed: the upstream staging-api.tryoto.com did not answer within 30000 ms' });
    lines[4].responseBody.text = JSON.stringify({ message: 'OTO Stock recording proxy: the upstream did not answer', code: 504 });
    const { code, output } = await replay(['--replay', file(lines.map((line) => JSON.stringify(line)).join('\n'))]);
    assert.equal(code, 0, output);
    assert.equal(output.trim(), 'Replayed 3 of 5 exchanges against a fresh sandbox (2 the recording proxy answered itself: not sent): no differences in status, code or answer shape.');
    // Writes the proxy blocked are not sent, so they do not make a remote target refuse the recording; replaying nothing fails.
    const blockedOnly = await replay(['--replay', file(JSON.stringify(lines[2])), '--against', 'http://192.0.2.1/rest/v2'], { OTO_REFRESH_TOKEN: 'x' });
    assert.equal(blockedOnly.code, 1, blockedOnly.output);
    assert.equal(blockedOnly.output.trim(), 'Replayed 0 of 1 exchanges against 192.0.2.1 (1 the recording proxy answered itself: not sent): nothing was sent, so nothing was compared.');
    // The same fault on the sandbox's own exchange is not the proxy's: it is replayed and compared.
    lines[2].source = { kind: 'sandbox' };
    const sandboxOwn = await replay(['--replay', file(lines.map((line) => JSON.stringify(line)).join('\n'))]);
    assert.equal(sandboxOwn.code, 1, sandboxOwn.output);
    assert.match(sandboxOwn.output, /^#3 POST \/rest\/v2\/updateStockQuantity: status 403 recorded, 200 now$/m);
  });

  it('replays --against a running sandbox with the refresh token from $OTO_REFRESH_TOKEN', async () => {
    const target = await startSandbox({ seed: 1 });
    try {
      const recordingFile = file(recording);
      const missing = await replay(['--replay', recordingFile, '--against', target.baseUrl], { OTO_REFRESH_TOKEN: '' });
      assert.equal(missing.code, 1);
      assert.match(missing.output, /set OTO_REFRESH_TOKEN to 127\.0\.0\.1:\d+'s refresh token/);
      assert.equal(target.traffic.list().length, 0, 'nothing was sent without the token');
      const { code, output } = await replay(['--replay', recordingFile, '--against', target.baseUrl], { OTO_REFRESH_TOKEN: target.refreshToken });
      assert.equal(code, 0, output);
      assert.match(output, /Replayed 5 of 5 exchanges against 127\.0\.0\.1:\d+: no differences/);
      assert.deepEqual(target.traffic.list().reverse().map((exchange) => `${exchange.endpoint} ${exchange.status}`), [
        'refreshToken 200', 'checkInventoryStock 200', 'updateStockQuantity 200', 'updateStockQuantity 400', 'createInventoryOrder 200',
      ]);
    } finally {
      await target.close();
    }
  });

  it('refuses, before sending anything, to replay writes to a host that is not this machine', async () => {
    // 192.0.2.1 is TEST-NET-1: the CLI refuses before it would connect.
    const { code, output } = await replay(['--replay', file(recording), '--against', 'http://192.0.2.1/rest/v2'], { OTO_REFRESH_TOKEN: 'x' });
    assert.equal(code, 1);
    assert.match(output, /the recording has 3 write\(s\), which would change the real stock at 192\.0\.2\.1/);
  });

  it('replays a long run whole (past the 1,000 the traffic store keeps), printing each difference as it is found', async () => {
    assert.match(usage('oto-sandbox'), /--replay FILE[\s\S]*Any length: the file is read a line at a time/);
    const log = await logOf(async (sandbox, headers) => {
      for (let i = 0; i < 1_100; i++) {
        const answer = i % 5 === 0
          ? await fetch(`${sandbox.baseUrl}/updateStockQuantity`, { method: 'POST', headers, body: JSON.stringify({ ...ADJUST, qty: 1 }) })
          : await fetch(`${sandbox.baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { headers });
        assert.equal(answer.status, 200);
      }
    });
    assert.equal(log.length, 1_101);
    const whole = await replay(['--replay', file(`${log.join('\n')}\n`)]);
    assert.equal(whole.code, 0, whole.output.slice(-2_000));
    assert.equal(whole.output.trim(), 'Replayed 1101 of 1101 exchanges against a fresh sandbox: no differences in status, code or answer shape.');
    // A difference far into the file is named with its place in the whole recording.
    const changed = JSON.parse(log[1_050]) as { status: number };
    changed.status = 503;
    log[1_050] = JSON.stringify(changed);
    const late = await replay(['--replay', file(`${log.join('\n')}\n`)]);
    assert.equal(late.code, 1);
    assert.match(late.output, /^#1051 (GET|POST) \/rest\/v2\/\w+.*: status 503 recorded, 200 now$/m);
  });

  it("replays each account's exchanges of a --log from parallel workers to an account of its own", async () => {
    const sandbox = await startSandbox({ seed: 1 });
    const log: string[] = [];
    try {
      const worker = sandbox.control.createAccount();
      const signIn = async (refreshToken: string): Promise<string> =>
        ((await (await fetch(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: refreshToken }) })).json()) as { access_token: string }).access_token;
      const register = (token: string): Promise<Response> =>
        fetch(`${sandbox.baseUrl}/webhook`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', method: 'post', webhookType: 'orderStatus' }) });
      // The same URL registered once by each merchant: two accounts accept it; one account would refuse the second.
      assert.equal((await register(await signIn(sandbox.refreshToken))).status, 200);
      assert.equal((await register(await signIn(worker.refreshToken))).status, 200);
      const lines = [
        ...sandbox.control.account().requests().map((exchange) => ({ ...exchange })),
        ...sandbox.control.account(worker.account).requests().map((exchange) => ({ ...exchange, account: worker.account })),
      ].sort((a, b) => a.startedAt - b.startedAt);
      log.push(...lines.map((line) => JSON.stringify(line)));
    } finally {
      await sandbox.close();
    }
    const { code, output } = await replay(['--replay', file(`${log.join('\n')}\n`)]);
    assert.equal(code, 0, output);
    assert.equal(output.trim(), 'Replayed 4 of 4 exchanges against a fresh sandbox: no differences in status, code or answer shape.');
  });

  it('does not send what an injected fault answered instead, sends what was applied before its answer was lost without comparing it, and compares HEAD by status', async () => {
    const log = await logOf(async (sandbox, headers) => {
      const read = (method = 'GET'): Promise<Response> => fetch(`${sandbox.baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { method, headers });
      sandbox.faults.add([{ endpoint: 'checkInventoryStock', status: 429, headers: { 'Retry-After': '1' }, times: 1 }, { endpoint: 'updateStockQuantity', afterEffect: true, status: 500, times: 1 }]);
      sandbox.faults.add([{ endpoint: 'healthCheck', latencyMs: 5, times: 1 }]);
      assert.equal((await read()).status, 429);
      assert.equal((await fetch(`${sandbox.baseUrl}/updateStockQuantity`, { method: 'POST', headers, body: JSON.stringify({ ...ADJUST, qty: 7 }) })).status, 500);
      assert.equal((await fetch(`${sandbox.baseUrl}/healthCheck`, { headers })).status, 200);
      assert.equal((await read('HEAD')).status, 405);
      assert.equal((await read()).status, 200);
    });
    const target = await startSandbox({ seed: 1 });
    try {
      const onHand = (): number | undefined => target.control.state().products?.find((product) => product.sku === ADJUST.sku)?.stock?.[ADJUST.locationCode];
      const before = onHand() ?? 0;
      const { code, output } = await replay(['--replay', file(`${log.join('\n')}\n`), '--against', target.baseUrl], { OTO_REFRESH_TOKEN: target.refreshToken });
      assert.equal(code, 0, output);
      assert.match(output.trim(), /^Replayed 5 of 6 exchanges against 127\.0\.0\.1:\d+ \(1 answered by a fault the sandbox injected: not sent; 1 applied under a fault that lost the answer: sent, not compared\): no differences in status, code or answer shape\.$/);
      assert.equal(onHand(), before + 7, 'the change applied before its answer was lost is applied again');
      assert.deepEqual(target.traffic.list().reverse().map((exchange) => `${exchange.method} ${exchange.endpoint}`), ['POST refreshToken', 'POST updateStockQuantity', 'GET healthCheck', 'HEAD checkInventoryStock', 'GET checkInventoryStock']);
    } finally {
      await target.close();
    }
  });

  it('says what is wrong with a bad flag or file', async () => {
    assert.match((await replay(['--against', 'http://127.0.0.1:1/rest/v2'])).output, /--against needs --replay/);
    const missing = await replay(['--replay', path.join(dir, 'none.jsonl')]);
    assert.equal(missing.code, 1);
    assert.match(missing.output, /cannot read .*none\.jsonl/);
    const notJson = await replay(['--replay', file('{"id":1}\nnot json\n')]);
    assert.match(notJson.output, /Line 1 of the recording is not an exchange/);
    // Nothing replayed is no evidence: an empty file, or one long line that is not JSON, fails the step.
    for (const [text, message] of [['', /The recording has no exchanges\./], ['\n\n', /The recording has no exchanges\./], ['x'.repeat(100_000), /no exchanges: its only line is not a whole JSON line/]] as const) {
      const nothing = await replay(['--replay', file(text)]);
      assert.equal(nothing.code, 1, JSON.stringify(text.slice(0, 10)));
      assert.match(nothing.output, message);
      assert.doesNotMatch(nothing.output, /no differences/);
    }
  });
});
