// The sandbox's own costs, so other benchmarks can tell its share from the client's: start-up with
// large catalogues, and how fast it answers stock reads.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startSandbox, type SandboxOptions } from '../src/sandbox';
import { captureExchange } from '../src/traffic/capture';

async function timeStart(products: number): Promise<void> {
  const started = performance.now();
  const sandbox = await startSandbox({ products });
  console.log(`start with ${products.toLocaleString('en')} products: ${(performance.now() - started).toFixed(0)} ms`);
  await sandbox.close();
}

async function readThroughput(products: number, requests: number, skusPerRequest: number, concurrency: number): Promise<void> {
  const sandbox = await startSandbox({ products });
  try {
    const refreshed = await fetch(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
    const { access_token: token } = (await refreshed.json()) as { access_token: string };
    const skus = Array.from({ length: products }, (_, i) => `GEN-${String(i + 1).padStart(6, '0')}`);
    const durations: number[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < requests) {
        const offset = (next++ * skusPerRequest) % products;
        const started = performance.now();
        const answer = await fetch(`${sandbox.baseUrl}/checkInventoryStock?sku=${skus.slice(offset, offset + skusPerRequest).join(',')}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        await answer.arrayBuffer();
        durations.push(performance.now() - started);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const wall = performance.now() - started;
    durations.sort((a, b) => a - b);
    console.log(
      `checkInventoryStock, ${skusPerRequest} SKUs a request, ${concurrency} at a time: ${(requests / (wall / 1000)).toFixed(0)} requests/s, ` +
        `median ${durations[Math.floor(durations.length / 2)].toFixed(2)} ms, p95 ${durations[Math.floor(durations.length * 0.95)].toFixed(2)} ms`,
    );
  } finally {
    await sandbox.close();
  }
}

/** Heap the sandbox holds after `requests` adjusts with a 4 KB note each, once garbage is collected. */
async function retained(options: SandboxOptions, requests: number): Promise<number> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const sandbox = await startSandbox(options);
  try {
    const refreshed = await fetch(`${sandbox.baseUrl}/refreshToken`, { method: 'POST', body: JSON.stringify({ refresh_token: sandbox.refreshToken }) });
    const { access_token: token } = (await refreshed.json()) as { access_token: string };
    const body = JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 1, note: 'n'.repeat(4_096) });
    const adjust = async (): Promise<void> => {
      const answer = await fetch(`${sandbox.baseUrl}/updateStockQuantity`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body });
      await answer.arrayBuffer();
    };
    // Once, so the sandbox's and fetch's own lazy start-up is not counted.
    await adjust();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < requests; i++) {
      await adjust();
    }
    gc();
    return process.memoryUsage().heapUsed - before;
  } finally {
    await sandbox.close();
  }
}

async function memory(requests: number): Promise<void> {
  const held = await retained({}, requests);
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
  console.log(`heap held after ${requests.toLocaleString('en')} adjusts with a 4 KB note: the traffic journal ${mb(held)} MB`);
}

/**
 * The control API's own cost, over a journal of 10,000 exchanges (filled through the capture path,
 * so each is linted as real traffic is): a plain call, a filtered journal read and a count by body
 * matcher, each a real HTTP round trip from this process (one at a time: latency, not throughput).
 */
async function controlCalls(exchanges: number): Promise<void> {
  const sandbox = await startSandbox({ traffic: { capacity: exchanges } });
  try {
    const skus = ['AJW-DATES-500', 'COF-SAU-250', 'TEA-KRK-100', 'OIL-OLV-1L'];
    for (let i = 0; i < exchanges; i++) {
      const write = i % 4 === 0;
      const body = write ? JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: skus[i % 4], qty: (i % 7) + 1 }) : '';
      sandbox.traffic.record(
        captureExchange({
          startedAt: Date.now() - (exchanges - i) * 50,
          source: { kind: 'sandbox' },
          remoteAddress: '127.0.0.1',
          remotePort: 40000 + (i % 20),
          method: write ? 'POST' : 'GET',
          target: write ? '/rest/v2/updateStockQuantity' : `/rest/v2/checkInventoryStock?sku=${skus[i % 4]}`,
          requestHeaders: { 'user-agent': `erp-worker/${i % 20}`, 'content-type': 'application/json' },
          requestBody: body,
          authenticated: true,
          parsedRequest: write ? JSON.parse(body) : undefined,
          status: 200,
          responseHeaders: {},
          responseBody: '{"success":true}',
          durationMs: 2,
        }),
      );
    }
    const root = sandbox.baseUrl.replace(/\/rest\/v2$/, '/__oto');
    const time = async (label: string, send: () => Promise<Response>): Promise<void> => {
      const durations: number[] = [];
      for (let i = 0; i < 60; i++) {
        const started = performance.now();
        const answer = await send();
        await answer.arrayBuffer();
        if (i >= 10) {
          durations.push(performance.now() - started);
        }
      }
      durations.sort((a, b) => a - b);
      const median = durations[Math.floor(durations.length / 2)];
      console.log(`control API, ${label}, journal of ${exchanges.toLocaleString('en')}: median ${median.toFixed(2)} ms, p95 ${durations[Math.floor(durations.length * 0.95)].toFixed(2)} ms (goal well under 10 ms)`);
    };
    await time('GET /__oto/health', () => fetch(`${root}/health`));
    await time('GET /__oto/requests?endpoint=updateStockQuantity&sku=TEA-KRK-100&limit=20', () => fetch(`${root}/requests?endpoint=updateStockQuantity&sku=TEA-KRK-100&limit=20`));
    await time('POST /__oto/requests/count (body subset)', () =>
      fetch(`${root}/requests/count`, { method: 'POST', body: JSON.stringify({ endpoint: 'updateStockQuantity', body: { sku: 'AJW-DATES-500', qty: 1 } }) }),
    );
  } finally {
    await sandbox.close();
  }
}

export async function run(): Promise<void> {
  await controlCalls(10_000);
  for (const products of [40, 10_000, 100_000]) {
    await timeStart(products);
  }
  await readThroughput(10_000, 500, 100, 1);
  await readThroughput(10_000, 500, 100, 8);
  await memory(3_000);
}
