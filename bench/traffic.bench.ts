// The integration workbench's cost: the sandbox's requests per second and p99 latency at 50
// concurrent keep-alive clients, with capture and lint on and off, against a bare node:http server
// answering a fixed JSON body in the same run (goals: on/off ≥ 0.90, on/bare ≥ 0.70 for
// checkGlobalStock), and under a bulk import of large, all different inventory orders. Servers run in a child process each; loopback only, a fixed number of requests.
import { fork, type ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const CONCURRENCY = 50;
const WARM_UP = 2_000;
const REQUESTS = 20_000;
const ROUNDS = 3;

interface Server {
  child: ChildProcess;
  baseUrl: string;
  token: string;
}

interface Figures {
  rps: number;
  p99: number;
}

async function startServer(kind: 'bare' | 'off' | 'on'): Promise<Server> {
  const child = fork(path.join(__dirname, 'support', 'trafficServer.js'), [kind], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const { baseUrl, refreshToken } = await new Promise<{ baseUrl: string; refreshToken: string }>((resolve) => child.once('message', resolve as never));
  let token = '';
  if (refreshToken) {
    const answer = await fetch(`${baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshToken }) });
    token = ((await answer.json()) as { access_token: string }).access_token;
  }
  return { child, baseUrl, token };
}

type Workload = (index: number) => { method: 'GET' | 'POST'; path: string; body?: string };

const READ: Workload = () => ({ method: 'GET', path: 'checkGlobalStock?sku=AJW-DATES-500' });
/** What an ERP's sync does: mostly reads, one adjust in ten. */
const MIXED: Workload = (index) =>
  index % 10 === 0
    ? { method: 'POST', path: 'updateStockQuantity', body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: index % 20 === 0 ? 1 : -1 }) }
    : { method: 'GET', path: `checkInventoryStock?sku=AJW-DATES-500,COF-SAU-250` };

/**
 * An ERP's bulk import: different large inventory orders back to back, all within the
 * duplicate-write window, so the lint compares each with every order the store still keeps.
 */
const DESCRIPTION = 'Inbound from the ERP import, batch notes: '.padEnd(8_000, 'x');
const BULK: Workload = (index) => ({
  method: 'POST',
  path: 'createInventoryOrder',
  body: JSON.stringify({ action: 'inbound', locationCode: 'RUH-WH1', waybillNumber: `WB-${index}`, description: DESCRIPTION, items: [{ sku: 'AJW-DATES-500', qty: 1 + (index % 5) }] }),
});
const BULK_REQUESTS = 3_000;

async function load(server: Server, workload: Workload, requests: number): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const base = new URL(`${server.baseUrl}/`);
  const latencies = new Float64Array(requests);
  let next = 0;
  const one = (index: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const { method, path: target, body } = workload(index);
      const started = performance.now();
      const request = http.request(
        { host: base.hostname, port: base.port, path: `${base.pathname}${target}`, method, agent, headers: { Authorization: `Bearer ${server.token}`, 'User-Agent': 'bench-erp/1.0', ...(body ? { 'Content-Type': 'application/json' } : {}) } },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies[index] = performance.now() - started;
            resolve();
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const worker = async (): Promise<void> => {
    while (next < requests) {
      await one(next++);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wall = performance.now() - started;
  agent.destroy();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  return { rps: requests / (wall / 1000), p99: sorted[Math.floor(requests * 0.99)] };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function compare(name: string, workload: Workload, kinds: ReadonlyArray<'bare' | 'off' | 'on'>, requests = REQUESTS): Promise<Record<string, Figures>> {
  const servers = Object.fromEntries(await Promise.all(kinds.map(async (kind) => [kind, await startServer(kind)] as const)));
  try {
    const rounds: Record<string, Figures[]> = Object.fromEntries(kinds.map((kind) => [kind, []]));
    for (const kind of kinds) {
      await load(servers[kind], workload, Math.min(WARM_UP, requests));
    }
    // Rounds alternate the order, so load from elsewhere on the machine hits every server alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
        rounds[kind].push(await load(servers[kind], workload, requests));
      }
    }
    const result: Record<string, Figures> = {};
    for (const kind of kinds) {
      result[kind] = { rps: median(rounds[kind].map((figures) => figures.rps)), p99: median(rounds[kind].map((figures) => figures.p99)) };
      console.log(`${name}, ${kind.padEnd(4)}: ${result[kind].rps.toFixed(0)} requests/s, p99 ${result[kind].p99.toFixed(2)} ms`);
    }
    return result;
  } finally {
    for (const server of Object.values(servers)) {
      server.child.kill();
    }
  }
}

export async function run(): Promise<void> {
  console.log(`${CONCURRENCY} concurrent keep-alive clients, ${ROUNDS} rounds of ${REQUESTS.toLocaleString('en')} requests each, medians`);
  const read = await compare('checkGlobalStock', READ, ['bare', 'off', 'on']);
  console.log(`  capture+lint on / off: ${(read.on.rps / read.off.rps).toFixed(2)}× requests/s (goal ≥ 0.90)`);
  console.log(`  sandbox (on) / bare node:http: ${(read.on.rps / read.bare.rps).toFixed(2)}× requests/s (goal ≥ 0.70), p99 ${read.on.p99.toFixed(2)} vs ${read.bare.p99.toFixed(2)} ms`);
  const mixed = await compare('reads + 1 adjust in 10', MIXED, ['off', 'on']);
  console.log(`  capture+lint on / off: ${(mixed.on.rps / mixed.off.rps).toFixed(2)}× requests/s (goal ≥ 0.90)`);
  const bulk = await compare(`bulk import, ${BULK_REQUESTS.toLocaleString('en')} different 8 KB inventory orders`, BULK, ['off', 'on'], BULK_REQUESTS);
  console.log(`  capture+lint on / off: ${(bulk.on.rps / bulk.off.rps).toFixed(2)}× requests/s (goal ≥ 0.25: capture scans and keeps each 8 KB body, linear in its size, and the duplicate-write check compares each order with every one kept; 0.02× when that re-serialised both bodies per pair)`);
}
