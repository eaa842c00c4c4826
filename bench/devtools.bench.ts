// Devtools figures against a 10,000-product sandbox: what export, snapshots and the hover cost at
// catalogue scale, and how many requests a burst of hovers really sends.
import { OtoClient } from '../src/client';
import { ExchangeLog } from '../src/devtools/requests/log/exchangeLog';
import { toCsv, toJson } from '../src/devtools/export/exportFormat';
import { renderSkuHover } from '../src/devtools/hover/hoverMarkdown';
import { HoverStock, hoverStoreOf } from '../src/devtools/hover/hoverStock';
import { formatExchangeDocument } from '../src/devtools/requests/log/logFormat';
import { RequestLogger } from '../src/devtools/requests/log/requestLogger';
import { diffSnapshots, renderSnapshot, type StockSnapshot } from '../src/devtools/snapshots/snapshot';
import { readingFromStore } from '../src/devtools/stockReading';
import { startSandbox } from '../src/sandbox';
import { StockStore } from '../src/stock/store/store';
import { mark, since } from '../test/unit/fakes/journal';

function time<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label}: ${(performance.now() - started).toFixed(1)} ms`);
  return result;
}

export async function run(): Promise<void> {
  const sandbox = await startSandbox({ products: 10_000 });
  try {
    const exchanges = new ExchangeLog(200);
    const quiet = { info() {}, warn() {}, error() {}, trace() {}, isTraceEnabled: () => false };
    const logger = new RequestLogger(exchanges, quiet);
    let skew = 0;
    const clock = (): number => Date.now() + skew;
    const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, onRequest: (event) => logger.record(event) });
    const store = new StockStore({ getSource: async () => client, now: clock });
    await store.refresh();
    const readings = time('store → readings (10,000 SKUs)', () => [...store.skus()].map(readingFromStore));
    const csv = time('CSV export', () => toCsv(readings));
    const json = time('JSON export', () => toJson(readings, { environment: 'sandbox', exportedAt: new Date().toISOString() }));
    console.log(`export size: CSV ${(csv.length / 1e6).toFixed(2)} MB, JSON ${(json.length / 1e6).toFixed(2)} MB`);
    const before: StockSnapshot = { name: 'before', takenAt: new Date().toISOString(), environment: 'sandbox', skus: readings };
    const after: StockSnapshot = { ...before, name: 'after', skus: readings.map((reading, index) => (index % 100 === 0 ? { ...reading, locations: reading.locations.map((entry) => ({ ...entry, quantityOnHand: entry.quantityOnHand + 1 })) } : reading)) };
    time('snapshot rendering', () => renderSnapshot(before));
    const changes = time('snapshot diff', () => diffSnapshots(before, after));
    console.log(`snapshot diff found ${changes.length} changed location/SKU figures`);
    const [sample] = store.skus();
    if (sample) {
      const rounds = 10_000;
      const started = performance.now();
      for (let i = 0; i < rounds; i++) {
        renderSkuHover(sample);
      }
      console.log(`hover markdown: ${(((performance.now() - started) / rounds) * 1000).toFixed(1)} µs per hover`);
    }
    const biggest = exchanges.list().reduce((max, exchange) => ((exchange.responseBody?.length ?? 0) > (max?.responseBody?.length ?? 0) ? exchange : max), exchanges.list()[0]);
    if (biggest) {
      time(`request document of the largest response (${((biggest.responseBody?.length ?? 0) / 1e3).toFixed(0)} kB)`, () => formatExchangeDocument(biggest));
    }

    // A burst: 300 hovers over 200 different stale SKUs within ~3 s.
    skew = 60_000;
    const hover = new HoverStock(hoverStoreOf(store, clock));
    const sentBefore = mark(sandbox);
    const started = Date.now();
    const pending: Array<Promise<unknown>> = [];
    for (let i = 0; i < 300; i++) {
      pending.push(hover.get(readings[i % 200]?.sku ?? '', { maxWaitMs: 10_000 }));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all(pending);
    hover.dispose();
    console.log(`300 hovers over ${Date.now() - started} ms sent ${since(sandbox, sentBefore).length} requests`);
    store.dispose();
  } finally {
    await sandbox.close();
  }
}
