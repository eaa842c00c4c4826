// Stock view figures: how long building the tree model takes for a large catalogue (goal: under
// 50 ms median for 10,000 SKUs × 5 locations), and what one full refresh of that catalogue costs
// in requests against the sandbox.
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { OtoClient } from '../src/client';
import { startSandbox } from '../src/sandbox';
import { bySku, type SkuStock } from '../src/stock/store/figures';
import type { PickupLocation } from '../src/stock/store/source';
import { StockStore } from '../src/stock/store/store';
import { buildTree, type TreeOptions } from '../src/stock/tree/treeModel';
import { mark, since } from '../test/unit/fakes/journal';

const SKUS = 10_000;
const RUNS = 25;
const WARM_UP = 5;

function syntheticStock(readAt: number): { locations: PickupLocation[]; skus: SkuStock[] } {
  const locations: PickupLocation[] = Array.from({ length: 5 }, (_, index) => ({
    code: `LOC-${index + 1}`,
    name: `Location ${index + 1}`,
    city: 'Riyadh',
    kind: index === 4 ? 'branch' : 'warehouse',
  }));
  const skus = Array.from({ length: SKUS }, (_, index): SkuStock => {
    const sku = `SKU-${String((index * 7919) % SKUS).padStart(5, '0')}`;
    const entries = locations.map((location, at) => ({ locationCode: location.code, onHand: (index * 31 + at * 17) % 400, forecast: (index * 29 + at * 13) % 400, change: index % 10 === 0 ? { onHand: -5, forecast: 0 } : undefined }));
    const onHand = entries.reduce((sum, entry) => sum + entry.onHand, 0);
    const global = { onHand, forecast: onHand - 3, minInventory: index % 7 === 0 ? onHand + 1 : 50 };
    return { sku, product: { sku, name: `Product ${index} — some descriptive name`, barcode: String(6281000000000 + index) }, locations: entries, global, low: global.onHand < global.minInventory, readAt };
  });
  // In SKU order, as the store keeps them.
  return { locations, skus: skus.sort(bySku) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `work` a few times to warm up, then RUNS times, and prints the median and the worst. */
function time(label: string, work: () => void): void {
  const times: number[] = [];
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    const started = performance.now();
    work();
    if (run >= WARM_UP) {
      times.push(performance.now() - started);
    }
  }
  console.log(`${label}: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${RUNS} runs)`);
}

function modelTimes(): void {
  const input = syntheticStock(1);
  // The store after invalidating one SKU: that SKU re-read (new figures), every other one as it was.
  const touched = 1234;
  const invalidated = {
    locations: input.locations,
    skus: input.skus.map((stock, index): SkuStock => {
      if (index !== touched) {
        return stock;
      }
      const change = { onHand: -5, forecast: -5 };
      return { ...stock, locations: stock.locations.map((entry) => ({ ...entry, onHand: entry.onHand - 5, forecast: entry.forecast - 5, change })), readAt: 2 };
    }),
  };
  const states = [input, invalidated];
  const options: Array<[string, TreeOptions]> = [
    ['location → SKU', { grouping: 'location', lowOnly: false, text: '' }],
    ['SKU → location', { grouping: 'sku', lowOnly: false, text: '' }],
    ['location → SKU, low stock only', { grouping: 'location', lowOnly: true, text: '' }],
    ['location → SKU, text filter', { grouping: 'location', lowOnly: false, text: 'product 12' }],
  ];
  console.log(`tree model, ${SKUS.toLocaleString('en')} SKUs × ${input.locations.length} locations (goal: median under 50 ms)`);
  for (const [label, treeOptions] of options) {
    const rows = buildTree(input, treeOptions).model.rowCount;
    // What the view does after a refresh, a reset or a filter change.
    time(`  ${label}, whole build (${rows.toLocaleString('en')} rows)`, () => buildTree(input, treeOptions));
    // What it does after an invalidation: reuse the rows, find the changed ones.
    let previous = buildTree(input, treeOptions).model;
    let turn = 0;
    time(`  ${label}, rebuild after invalidating one SKU`, () => (previous = buildTree(states[++turn % 2], treeOptions, previous).model));
  }
}

async function refreshCost(): Promise<void> {
  const sandbox = await startSandbox({ products: SKUS });
  try {
    const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken });
    const store = new StockStore({ getSource: async () => client });
    const count = (from: number): string => {
      const byEndpoint = new Map<string, number>();
      const sent = since(sandbox, from);
      for (const request of sent) {
        byEndpoint.set(request.endpoint, (byEndpoint.get(request.endpoint) ?? 0) + 1);
      }
      const total = sent.length;
      return `${total} requests (${[...byEndpoint].map(([endpoint, n]) => `${endpoint} ${n}`).join(', ')})`;
    };
    let from = mark(sandbox);
    let started = performance.now();
    const first = await store.refresh({ reloadCatalogue: true });
    console.log(`first refresh of a ${SKUS.toLocaleString('en')}-product sandbox catalogue: ${count(from)}, ${(performance.now() - started).toFixed(0)} ms${first.issues.length ? `, issues: ${first.issues.map((issue) => issue.message).join('; ')}` : ''}`);
    from = mark(sandbox);
    started = performance.now();
    await store.refresh();
    console.log(`scheduled refresh (catalogue cached): ${count(from)}, ${(performance.now() - started).toFixed(0)} ms`);
    const sku = [...store.skus()][0].sku;
    from = mark(sandbox);
    started = performance.now();
    await store.invalidate([{ sku }]);
    console.log(`invalidating one SKU: ${count(from)}, ${(performance.now() - started).toFixed(0)} ms`);
    const treeOptions: TreeOptions = { grouping: 'location', lowOnly: false, text: '' };
    const stock = { locations: store.locations, skus: [...store.skus()] };
    time(`tree model of that sandbox store (${buildTree(stock, treeOptions).model.rowCount.toLocaleString('en')} rows), fresh build`, () => buildTree(stock, treeOptions));
  } finally {
    await sandbox.close();
  }
}

export async function run(): Promise<void> {
  // Timings on a busy machine run long; say how busy it was, and time a fixed reference workload.
  console.log(`machine: ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
  time('reference: 50,000 small objects in an array (to compare machines)', () => Array.from({ length: 50_000 }, (_, index) => ({ kind: 'sku', index })));
  modelTimes();
  await refreshCost();
}
