// Client figures against the sandbox: the client's per-call cost over a bare node-fetch call to the
// same URL (goal: ratio ≤ 1.10), and the requests and wall time to read stock for 10,000 SKUs
// (goal: ≤ 60 requests), and the connections 1,000 concurrent calls open (goal: at most the pool's bound).
import * as diagnostics from 'node:diagnostics_channel';
import type * as net from 'node:net';
import fetch from 'node-fetch';
import { performance } from 'node:perf_hooks';
import { DEFAULT_MAX_CONNECTIONS, OtoClient } from '../src/client';
import { startSandbox } from '../src/sandbox';
import { mark, sentTo, since } from '../test/unit/fakes/journal';

const ROUNDS = 20;
const CALLS_PER_ROUND = 100;
const SKUS_PER_CALL = 10;
const CATALOGUE = 10_000;

async function accessToken(baseUrl: string, refreshToken: string): Promise<string> {
  const response = await fetch(`${baseUrl}/refreshToken`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: refreshToken }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function perCallOverhead(): Promise<void> {
  const sandbox = await startSandbox({ products: 200 });
  try {
    let events = 0;
    const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, onRequest: () => events++ });
    const skus = (await client.listProducts()).slice(0, SKUS_PER_CALL).map((product) => product.sku);
    const url = `${sandbox.baseUrl}/checkInventoryStock?sku=${skus.map(encodeURIComponent).join(',')}`;
    const headers = { Accept: 'application/json', Authorization: `Bearer ${await accessToken(sandbox.baseUrl, sandbox.refreshToken)}` };
    const bare = async (): Promise<unknown> => (await fetch(url, { headers })).json();
    const viaClient = (): Promise<unknown> => client.checkInventoryStock(skus);
    interface Round { wallMs: number; cpuMs: number }
    const timeRound = async (call: () => Promise<unknown>): Promise<Round> => {
      const times: number[] = [];
      const cpu = process.cpuUsage();
      for (let index = 0; index < CALLS_PER_ROUND; index++) {
        const started = performance.now();
        await call();
        times.push(performance.now() - started);
      }
      const used = process.cpuUsage(cpu);
      return { wallMs: median(times), cpuMs: (used.user + used.system) / 1000 / CALLS_PER_ROUND };
    };
    // Rounds alternate between the two, and the figures are medians over rounds, so that load
    // from elsewhere on the machine (GC, other processes) hits both sides alike.
    await timeRound(bare);
    await timeRound(viaClient);
    const rounds: Array<{ bare: Round; client: Round }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const first = round % 2 === 0;
      const a = await timeRound(first ? bare : viaClient);
      const b = await timeRound(first ? viaClient : bare);
      rounds.push(first ? { bare: a, client: b } : { bare: b, client: a });
    }
    const figure = (pick: (round: { bare: Round; client: Round }) => number): string => median(rounds.map(pick)).toFixed(3);
    console.log(`per call: checkInventoryStock of ${SKUS_PER_CALL} SKUs, ${ROUNDS} rounds of ${CALLS_PER_ROUND} calls each way, medians`);
    console.log(`  bare node-fetch (fetch + JSON)    wall ${figure((r) => r.bare.wallMs)} ms  cpu ${figure((r) => r.bare.cpuMs)} ms (sandbox included)`);
    console.log(`  OtoClient (+ onRequest listener)  wall ${figure((r) => r.client.wallMs)} ms  cpu ${figure((r) => r.client.cpuMs)} ms (sandbox included)`);
    console.log(`  ratio client / bare: wall ${figure((r) => r.client.wallMs / r.bare.wallMs)} (goal ≤ 1.10), cpu ${figure((r) => r.client.cpuMs / r.bare.cpuMs)}; ${events} events delivered`);
  } finally {
    await sandbox.close();
  }
}

async function tenThousandSkus(): Promise<void> {
  const sandbox = await startSandbox({ products: CATALOGUE });
  try {
    const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken });
    let started = performance.now();
    const skus = (await client.listProducts()).map((product) => product.sku);
    const listMs = performance.now() - started;
    const listRequests = sentTo(sandbox, 'productList').length;
    console.log(`catalogue: ${skus.length} products in ${listRequests} productList requests, ${listMs.toFixed(0)} ms`);
    for (const endpoint of ['checkInventoryStock', 'checkGlobalStock'] as const) {
      const before = mark(sandbox);
      started = performance.now();
      const stock = endpoint === 'checkInventoryStock' ? await client.checkInventoryStock(skus) : await client.checkGlobalStock(skus);
      const wallMs = performance.now() - started;
      const requests = since(sandbox, before).length;
      console.log(`${endpoint} for ${skus.length} SKUs: ${requests} requests (goal ≤ 60), ${wallMs.toFixed(0)} ms, ${Object.keys(stock).length} SKUs answered`);
    }
  } finally {
    await sandbox.close();
  }
}

/** Client sockets this process opens (Node publishes each on `net.client.socket`), and the most open at once. */
function countConnections(): { opened: number; peak: number; stop(): void } {
  const counts = { opened: 0, peak: 0, stop: () => diagnostics.unsubscribe('net.client.socket', onSocket) };
  let open = 0;
  const onSocket = (message: unknown): void => {
    const { socket } = message as { socket: net.Socket };
    counts.opened++;
    counts.peak = Math.max(counts.peak, ++open);
    socket.once('close', () => open--);
  };
  diagnostics.subscribe('net.client.socket', onSocket);
  return counts;
}

async function connectionsPerThousandCalls(): Promise<void> {
  // Each count on a sandbox of its own, so no connection kept alive from before is reused.
  for (const clients of [1, 10]) {
    const sandbox = await startSandbox({ products: 40 });
    try {
      const counts = countConnections();
      const made = Array.from({ length: clients }, () => new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken }));
      const [{ sku }] = await made[0].listProducts();
      const code = (await made[0].getPickupLocations()).find((location) => location.kind === 'warehouse')?.code ?? '';
      const started = performance.now();
      const results = await Promise.allSettled(Array.from({ length: 1_000 }, (_, index) =>
        made[index % clients].updateStockQuantity({ actionType: 'adjust', locationCode: code, sku, qty: 1 })));
      const wallMs = performance.now() - started;
      counts.stop();
      const failed = results.filter((result) => result.status === 'rejected').length;
      console.log(`connections: 1,000 concurrent adjusts through ${clients} client(s): ${counts.opened} opened, ${counts.peak} open at most ` +
        `(goal ≤ ${DEFAULT_MAX_CONNECTIONS}), ${failed} failed, ${wallMs.toFixed(0)} ms`);
    } finally {
      await sandbox.close();
    }
  }
}

export async function run(): Promise<void> {
  await connectionsPerThousandCalls();
  await perCallOverhead();
  await tenThousandSkus();
}
