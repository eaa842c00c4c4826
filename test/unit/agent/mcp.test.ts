// The MCP server as an agent outside VS Code meets it: dist/oto-mcp.js copied alone into an empty
// folder (no node_modules), run with plain node, spoken to through the official SDK's own client
// over stdio.
import * as assert from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readSettings, USAGE } from '../../../src/agent/mcp/cli';
import { MCP_SERVER_VERSION } from '../../../src/agent/mcp/server';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { assertNoToken } from './support';
import { received } from '../fakes/journal';

interface Session {
  client: Client;
  /** What the server wrote to stderr so far. */
  stderr(): string;
  /** Every tool answer's text so far. */
  texts: string[];
  call(name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }>;
  close(): Promise<void>;
}

describe('agent tools: the MCP server (dist/oto-mcp.js over stdio)', function () {
  this.timeout(30_000);
  let dir: string;
  let alone: string;
  const sessions: Session[] = [];

  before(() => {
    const bundle = path.resolve(__dirname, '../../../../dist/oto-mcp.js');
    assert.ok(fs.existsSync(bundle), `${bundle} is missing: run \`npm run build\` first.`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-mcp-test-'));
    alone = path.join(dir, 'oto-mcp.js');
    fs.copyFileSync(bundle, alone);
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((session) => session.close()));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function open(args: string[], env: Record<string, string> = {}): Promise<Session> {
    const transport = new StdioClientTransport({ command: process.execPath, args: [alone, ...args], cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const client = new Client({ name: 'oto-stock-test', version: '1.0.0' });
    await client.connect(transport);
    const texts: string[] = [];
    const session: Session = {
      client,
      stderr: () => stderr,
      texts,
      async call(name, args) {
        const result = await client.callTool({ name, arguments: args });
        const content = result.content as Array<{ type: string; text: string }>;
        assert.strictEqual(content.length, 1);
        assert.strictEqual(content[0].type, 'text');
        texts.push(content[0].text);
        return { text: content[0].text, isError: result.isError === true };
      },
      close: () => client.close(),
    };
    sessions.push(session);
    return session;
  }

  it('with no settings: the sandbox started in its own process, every tool listed, reads answered, a write refused without --allow-writes', async () => {
    const session = await open([]);
    assert.strictEqual(session.client.getServerVersion()?.name, 'oto-stock');
    const { tools } = await session.client.listTools();
    assert.strictEqual(tools.length, 12);
    const adjust = tools.find((tool) => tool.name === 'oto_adjust_stock');
    assert.ok(adjust?.description?.includes('Writes are off on this server'), adjust?.description);
    assert.deepStrictEqual(adjust?.inputSchema.required, ['location', 'sku', 'qty', 'reason']);
    assert.strictEqual(tools.find((tool) => tool.name === 'oto_stock')?.annotations?.readOnlyHint, true);
    const stock = await session.call('oto_stock', { skus: ['KHL-DATES-3KG'] });
    assert.strictEqual(stock.isError, false, stock.text);
    assert.match(stock.text, /^OTO sandbox · stock of 1 SKU\./);
    assert.match(stock.text, /"KHL-DATES-3KG": total \d+ on hand/);
    const refused = await session.call('oto_adjust_stock', { location: 'RUH-WH1', sku: 'KHL-DATES-3KG', qty: 5, reason: 'test' });
    assert.strictEqual(refused.isError, true);
    assert.match(refused.text, /^Writes are off here, so nothing was read or sent/);
    const after = await session.call('oto_stock', { skus: ['KHL-DATES-3KG'] });
    assert.strictEqual(after.text, stock.text);
    // Its own traffic is the in-process sandbox's: the reads above, no write.
    const traffic = await session.call('oto_traffic', { endpoint: 'updateStockQuantity' });
    assert.match(traffic.text, /: 0 of the \d+ exchanges kept match endpoint "updateStockQuantity"/);
    assert.match(session.stderr(), /oto-mcp: serving OTO sandbox \(the sandbox started here, http:\/\/127\.0\.0\.1:\d+\/rest\/v2\), writes off/);
    for (const text of [...session.texts, session.stderr()]) {
      assertNoToken(text, 'sandbox-rt-');
    }
  });

  it('a client that gets the protocol wrong is answered with JSON-RPC errors and the session goes on: not JSON, not a message, a line over 4 MB, bad tools/call params', async () => {
    const child = spawn(process.execPath, [alone], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lines = (): Array<Record<string, unknown>> => stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
    const send = (line: string): boolean => child.stdin.write(`${line}\n`);
    const request = (id: number, method: string, params?: unknown): boolean => send(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }));
    const answered = async (id: number): Promise<Record<string, unknown>> => {
      for (let waited = 0; waited < 20_000; waited += 20) {
        const found = lines().find((message) => message.id === id);
        if (found) {
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no answer to ${id}; stdout: ${stdout.slice(0, 500)}; stderr: ${stderr.slice(0, 500)}`);
    };
    try {
      request(1, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } });
      await answered(1);
      send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
      send('{not json');
      send('[1, 2, 3]');
      send(JSON.stringify({ jsonrpc: '1.0', id: 'old', method: 'tools/list' }));
      send(`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"oto_stock","arguments":{"skus":["${'A'.repeat(5 * 1024 * 1024)}"]}}}`);
      request(6, 'tools/call', { name: 'oto_stock', arguments: 'KHL-DATES-3KG' });
      request(7, 'tools/call');
      request(8, 'no/such/method');
      request(9, 'tools/call', { name: 'oto_stock', arguments: { skus: ['KHL-DATES-3KG'] } });
      const stock = await answered(9);
      assert.match(JSON.stringify(stock.result), /total \d+ on hand/);
      const refusals = lines().filter((message) => message.id === null).map((message) => (message.error as { code: number }).code);
      assert.deepStrictEqual(refusals, [-32700, -32600, -32600], stdout.slice(0, 2000));
      assert.strictEqual(((await answered('old' as unknown as number)).error as { code: number }).code, -32600);
      assert.match(JSON.stringify(lines()), /A message over 4 MB was refused unread/);
      assert.ok(!lines().some((message) => message.id === 5), 'the cut message is never read');
      assert.strictEqual(((await answered(6)).error as { code: number }).code, -32602);
      assert.strictEqual(((await answered(7)).error as { code: number }).code, -32602);
      assert.strictEqual(((await answered(8)).error as { code: number }).code, -32601);
      assert.match(stderr, /oto-mcp: Parse error: a line that is not JSON/);
      assert.strictEqual(child.exitCode, null, 'still serving');
    } finally {
      child.stdin.end();
    }
    assert.strictEqual(await exited, 0);
  });

  describe('against a sandbox of the test\'s (OTO_BASE_URL, OTO_REFRESH_TOKEN)', () => {
    let sandbox: RunningSandbox;
    let stateDir: string;
    beforeEach(async () => {
      sandbox = await startSandbox();
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-mcp-state-'));
    });
    afterEach(async () => {
      await Promise.all(sessions.splice(0).map((session) => session.close()));
      await sandbox.close();
      fs.rmSync(stateDir, { recursive: true, force: true });
    });
    const env = (): Record<string, string> => ({ OTO_ENVIRONMENT: 'sandbox', OTO_BASE_URL: sandbox.baseUrl, OTO_REFRESH_TOKEN: sandbox.refreshToken, OTO_STATE_DIR: stateDir });
    const writes = (): number => received(sandbox).filter((request) => request.endpoint === 'updateStockQuantity').length;

    it('--dry-run previews the exact change from fresh figures and sends nothing', async () => {
      const session = await open(['--dry-run'], env());
      const answer = await session.call('oto_set_stock', { location: 'RUH-WH1', sku: 'KHL-DATES-3KG', qty: 40, reason: 'cycle count' });
      assert.strictEqual(answer.isError, false, answer.text);
      assert.match(answer.text, /^Dry run: nothing was sent\. The change would be:\nOTO sandbox · Set OTO stock\. .*\nRUH-WH1 · KHL-DATES-3KG: 98 → 40\n/);
      assert.strictEqual(writes(), 0);
      assertNoToken([...session.texts, session.stderr()].join('\n'), sandbox.refreshToken);
    });

    it('--allow-writes: applied once and recorded in OTO_STATE_DIR\'s ledger; a lost answer reported as "may or may not have been applied" and not resent', async () => {
      const session = await open(['--allow-writes'], env());
      const applied = await session.call('oto_adjust_stock', { location: 'RUH-WH1', sku: 'KHL-DATES-3KG', qty: 7, reason: 'delivery counted' });
      assert.strictEqual(applied.isError, false, applied.text);
      assert.match(applied.text, /Applied: RUH-WH1 · KHL-DATES-3KG: 98 → 105\./);
      assert.strictEqual(writes(), 1);
      assert.ok(fs.readFileSync(path.join(stateDir, 'ledger', 'sandbox.ledger.jsonl'), 'utf8').includes('"note":"agent: delivery counted"'));

      sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, reset: true, times: 1 }]);
      const lost = await session.call('oto_adjust_stock', { location: 'RUH-WH1', sku: 'KHL-DATES-3KG', qty: -3, reason: 'damaged' });
      assert.strictEqual(lost.isError, true);
      assert.match(lost.text, /No answer from OTO to the adjustment of RUH-WH1 · KHL-DATES-3KG by -3 \(.+\)\. It may or may not have been applied; nothing was resent\./);
      assert.strictEqual(writes(), 2);
      const history = await session.call('oto_stock_history', { sku: 'KHL-DATES-3KG' });
      assert.match(history.text, /1 change recorded/);
      assertNoToken([...session.texts, session.stderr()].join('\n'), sandbox.refreshToken);
    });
  });

  it('settings: the token from the environment only, the environment checked, flags known', () => {
    assert.deepStrictEqual(readSettings([], {}), { environment: 'sandbox', baseUrl: undefined, refreshToken: undefined, stateDir: undefined, writes: 'off' });
    assert.deepStrictEqual(readSettings(['--allow-writes'], { OTO_ENVIRONMENT: 'staging', OTO_REFRESH_TOKEN: 'rt', OTO_STATE_DIR: '/s' }), { environment: 'staging', baseUrl: 'https://staging-api.tryoto.com/rest/v2', refreshToken: 'rt', stateDir: '/s', writes: 'on' });
    assert.strictEqual((readSettings(['--allow-writes', '--dry-run'], {}) as { writes: string }).writes, 'dry-run');
    assert.deepStrictEqual(readSettings(['--refresh-token=abc'], {}), { exit: 'The refresh token is read from OTO_REFRESH_TOKEN only: as a flag it would show in the process list and the shell history.', code: 2 });
    assert.deepStrictEqual(readSettings(['--token', 'abc'], {}), { exit: 'The refresh token is read from OTO_REFRESH_TOKEN only: as a flag it would show in the process list and the shell history.', code: 2 });
    assert.deepStrictEqual(readSettings(['--writes'], {}), { exit: `Unknown option "--writes".\n${USAGE}`, code: 2 });
    assert.deepStrictEqual(readSettings([], { OTO_ENVIRONMENT: 'prod' }), { exit: 'OTO_ENVIRONMENT must be sandbox, staging, production; got "prod".', code: 2 });
    assert.deepStrictEqual(readSettings([], { OTO_ENVIRONMENT: 'production' }), { exit: 'OTO_REFRESH_TOKEN is needed for OTO production.', code: 2 });
    assert.deepStrictEqual(readSettings([], { OTO_BASE_URL: 'http://127.0.0.1:8787/rest/v2' }), { exit: 'OTO_REFRESH_TOKEN is needed for OTO sandbox at OTO_BASE_URL.', code: 2 });
    assert.deepStrictEqual(readSettings(['--version'], {}), { exit: MCP_SERVER_VERSION, code: 0 });
    // The token is never sent in clear over the network, as the extension's oto.baseUrl refuses it too.
    const insecure = { exit: 'OTO_BASE_URL must use https (plain http only to 127.0.0.1 or localhost): the refresh token would cross the network unencrypted.', code: 2 };
    assert.deepStrictEqual(readSettings([], { OTO_ENVIRONMENT: 'staging', OTO_BASE_URL: 'http://oto.example.com/rest/v2', OTO_REFRESH_TOKEN: 'rt' }), insecure);
    assert.deepStrictEqual(readSettings([], { OTO_BASE_URL: 'http://10.0.0.5:8787/rest/v2', OTO_REFRESH_TOKEN: 'rt' }), insecure);
    assert.deepStrictEqual(readSettings([], { OTO_BASE_URL: 'staging-api.tryoto.com', OTO_REFRESH_TOKEN: 'rt' }), { exit: 'OTO_BASE_URL is not a URL: "staging-api.tryoto.com".', code: 2 });
    assert.strictEqual((readSettings([], { OTO_BASE_URL: 'http://localhost:8787/rest/v2', OTO_REFRESH_TOKEN: 'rt' }) as { baseUrl: string }).baseUrl, 'http://localhost:8787/rest/v2');
  });

  it('reports the extension\'s version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as { version: string };
    assert.strictEqual(MCP_SERVER_VERSION, version);
  });
});
