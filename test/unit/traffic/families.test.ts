// The lint's "same client" is a token family, over real HTTP to the sandbox: CI workers on one
// machine with one User-Agent, each with its own access token, are separate clients; a worker that
// refreshes before every call over its keep-alive connection is one client churning tokens.
import * as assert from 'node:assert';
import * as http from 'node:http';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import type { TrafficExchange } from '../../../src/traffic/exchange';
import { TokenFamilies } from '../../../src/traffic/families';
import { exchange } from './build';

/** One CI worker: its own keep-alive connection pool, Node's default User-Agent (none). */
class Worker {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  token = '';

  constructor(private readonly sandbox: RunningSandbox) {}

  send(endpoint: string, body?: unknown): Promise<number> {
    return new Promise((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const request = http.request(
        `${this.sandbox.baseUrl}/${endpoint}`,
        { method: text === undefined ? 'GET' : 'POST', agent: this.agent, headers: { ...(text ? { 'Content-Type': 'application/json' } : {}), ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { access_token?: string };
            if (endpoint === 'refreshToken' && answer.access_token) {
              this.token = answer.access_token;
            }
            resolve(response.statusCode ?? 0);
          });
        },
      );
      request.on('error', reject);
      request.end(text);
    });
  }

  refresh(): Promise<number> {
    this.token = '';
    return this.send('refreshToken', { refresh_token: this.sandbox.refreshToken });
  }

  sellOne(): Promise<number> {
    return this.send('updateStockQuantity', { actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: -1 });
  }

  close(): void {
    this.agent.destroy();
  }
}

describe('lint clients are token families (over HTTP)', () => {
  let sandbox: RunningSandbox;
  let seen: TrafficExchange[];
  beforeEach(async () => {
    sandbox = await startSandbox();
    seen = [];
    sandbox.traffic.onDidRecord((exchange) => seen.push(exchange));
  });
  afterEach(() => sandbox.close());

  it('finds nothing when 20 workers each refresh once and sell one unit of the same SKU', async function () {
    this.timeout(20_000);
    const workers = Array.from({ length: 20 }, () => new Worker(sandbox));
    try {
      const statuses = await Promise.all(workers.map(async (worker) => [await worker.refresh(), await worker.sellOne()]));
      assert.deepStrictEqual(statuses.flat(), new Array(40).fill(200));
    } finally {
      workers.forEach((worker) => worker.close());
    }
    assert.strictEqual(seen.length, 40);
    assert.deepStrictEqual(seen.flatMap((exchange) => exchange.findings.map((finding) => finding.rule)), []);
    assert.strictEqual(new Set(seen.map((exchange) => exchange.client.family)).size, 20, 'twenty families');
  });

  it('warns of token-churn for one worker that refreshes before every call, and ties its calls into one family', async function () {
    this.timeout(20_000);
    const worker = new Worker(sandbox);
    try {
      for (let i = 0; i < 6; i++) {
        await worker.refresh();
        await worker.sellOne();
      }
    } finally {
      worker.close();
    }
    const churn = seen.filter((exchange) => exchange.findings.some((finding) => finding.rule === 'token-churn'));
    assert.deepStrictEqual(churn.map((exchange) => exchange.endpoint), ['refreshToken']);
    assert.strictEqual(new Set(seen.map((exchange) => exchange.client.family)).size, 1);
  });

  it('still finds the same write resent with the same token', async () => {
    const worker = new Worker(sandbox);
    try {
      await worker.refresh();
      await worker.sellOne();
      await worker.sellOne();
    } finally {
      worker.close();
    }
    assert.deepStrictEqual(seen.map((exchange) => exchange.findings.map((finding) => finding.rule)), [[], [], ['duplicate-write']]);
  });

  it('keeps no token in the exchange: only a keyed fingerprint', async () => {
    const worker = new Worker(sandbox);
    try {
      await worker.refresh();
      await worker.sellOne();
    } finally {
      worker.close();
    }
    const text = JSON.stringify(seen);
    assert.ok(!text.includes(worker.token) && !text.includes(sandbox.refreshToken));
    assert.match(seen[1].client.token ?? '', /^[\w-]{16}$/);
    assert.strictEqual(seen[0].grant?.accessToken, seen[1].client.token);
  });
});

describe('token families: what is remembered', () => {
  it('keeps the family of a token through 9,000 newer tokens, and forgets it past 10,000 and a margin', () => {
    const families = new TokenFamilies();
    const familyOf = (token: string, port: number): string | undefined => {
      const one = exchange(0, { token, port, target: '/rest/v2/checkGlobalStock?sku=A' });
      families.assign(one);
      return one.client.family;
    };
    const first = familyOf('sandbox-at-first-000000000000000', 1);
    for (let index = 0; index < 12_000; index++) {
      familyOf(`sandbox-at-${String(index).padStart(24, '0')}`, 2 + index);
      if (index === 9_000) {
        assert.strictEqual(familyOf('sandbox-at-first-000000000000000', 1), first);
      }
    }
    assert.notStrictEqual(familyOf('sandbox-at-first-000000000000000', 1), first, 'a token 12,000 tokens back starts a family of its own');
  });
});
