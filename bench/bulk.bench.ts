// Bulk stock changes: validating a 1,000-row CSV (goal: under 200 ms, parse included), and
// applying it against the sandbox with its latency at concurrency 4 against one at a time
// (wall time; each write journalled and flushed before it is sent, as in the extension).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { OtoClient } from '../src/client';
import { parseCsv } from '../src/operations/bulk/file/csv';
import { Journal } from '../src/operations/journal';
import { buildPreview } from '../src/operations/bulk/preview';
import { sendRows } from '../src/operations/bulk/run';
import { validateTable } from '../src/operations/bulk/file/validate';
import { startSandbox } from '../src/sandbox';

const ROWS = 1_000;
const RUNS = 15;
const LATENCY_MS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  const sandbox = await startSandbox({ products: 400 });
  try {
    const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken });
    const products = await client.listProducts();
    const locations = (await client.getPickupLocations()).map((location) => location.code);
    const lines = ['sku,locationCode,action,qty,reason,note'];
    for (let index = 0; index < ROWS; index++) {
      const sku = products[index % products.length].sku;
      const location = locations[Math.floor(index / products.length) % locations.length];
      lines.push(index % 3 === 0 ? `${sku},${location},set,${40 + (index % 9)},cycle count,"count, aisle ${index % 12}"` : `${sku},${location},adjust,${(index % 7) - 3 || 2},,`);
    }
    const csv = lines.join('\r\n');
    const skus = new Set(products.map((product) => product.sku));
    const known = { hasSku: (sku: string) => skus.has(sku), hasLocation: (code: string) => locations.includes(code) };
    const times: number[] = [];
    let changes = validateTable(parseCsv(csv), known);
    for (let index = 0; index < RUNS; index++) {
      const start = performance.now();
      changes = validateTable(parseCsv(csv), known);
      times.push(performance.now() - start);
    }
    if (changes.problems.length > 0 || changes.changes.length !== ROWS) {
      throw new Error(`the bench file did not validate: ${changes.problems[0]?.message}`);
    }
    console.log(`validate a ${ROWS}-row CSV (parse + checks), ${RUNS} runs (goal: < 200 ms)`);
    console.log(`  median ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'oto-bulk-bench-'));
    try {
      sandbox.addFaults([{ endpoint: 'updateStockQuantity', latencyMs: LATENCY_MS, times: 10 * ROWS }]);
      const apply = async (concurrency: number): Promise<number> => {
        const stock = await client.checkInventoryStock([...new Set(changes.changes.map((change) => change.sku))]);
        const preview = buildPreview(changes.changes, stock);
        const journal = await Journal.create(dir, { environment: 'sandbox', source: 'bench.csv', rows: preview.rows });
        const start = performance.now();
        await sendRows({ client, journal, rows: preview.rows.filter((row) => !row.noop), concurrency });
        return performance.now() - start;
      };
      const serial = await apply(1);
      const parallel = await apply(4);
      console.log(`apply ${ROWS} rows against the sandbox (${LATENCY_MS} ms latency per write, journal flushed per write)`);
      console.log(`  one at a time: ${(serial / 1000).toFixed(2)} s; concurrency 4: ${(parallel / 1000).toFixed(2)} s (${(serial / parallel).toFixed(1)}× faster; load average ${os.loadavg()[0].toFixed(2)})`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  } finally {
    await sandbox.close();
  }
}
