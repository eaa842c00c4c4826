// The byte bound holds for real memory, parsed bodies included: measured on the heap, in a child
// Node with --expose-gc (so the other tests run as they always do).
import * as assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const out = path.resolve(__dirname, '..', '..', '..', 'src', 'traffic');

function fill(name: string): { kept: number; keptBytes: number; maxBytes: number; heapGrowth: number } {
  const script = `
    const { TrafficStore } = require(${JSON.stringify(path.join(out, 'store.js'))});
    const { captureExchange } = require(${JSON.stringify(path.join(out, 'capture.js'))});
    const maxBytes = 8 * 1024 * 1024;
    const body = (i) => JSON.stringify({ action: 'inbound', locationCode: 'RUH-WH1', items: Array.from({ length: 400 }, (_, k) => ({ sku: 'SKU-' + i + '-' + k, qty: k + 1, name: ${JSON.stringify(name)} + k })) });
    gc(); gc();
    const before = process.memoryUsage().heapUsed;
    const store = new TrafficStore({ maxBytes, capacity: 1000 });
    for (let i = 0; i < 1000; i++) {
      const text = body(i);
      store.record(captureExchange({ startedAt: i, source: { kind: 'sandbox' }, remoteAddress: '127.0.0.1', remotePort: 1, method: 'POST', target: '/rest/v2/createInventoryOrder',
        requestHeaders: {}, requestBody: Buffer.from(text), authenticated: true, parsedRequest: JSON.parse(text), status: 200, responseHeaders: {}, responseBody: Buffer.from(text), durationMs: 1 }));
    }
    for (const exchange of store.list()) { void exchange.requestBody.json; void exchange.responseBody.json; }
    gc(); gc();
    const heapGrowth = process.memoryUsage().heapUsed - before;
    process.stdout.write(JSON.stringify({ kept: store.size, keptBytes: store.keptBytes, maxBytes, heapGrowth }));
    store.dispose();
  `;
  return JSON.parse(execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 60_000 })) as ReturnType<typeof fill>;
}

describe('traffic store: the byte bound counts what is really kept', () => {
  for (const [label, name] of [['ASCII', 'dates '], ['Arabic', 'تمر مجدول ']] as const) {
    it(`keeps 1,000 large JSON exchanges (${label} text, parsed by the server and read again) within the bound on the heap`, function () {
      this.timeout(60_000);
      const { kept, keptBytes, maxBytes, heapGrowth } = fill(name);
      assert.ok(kept > 10 && kept < 1000, `the bytes bound, not the count, decides: ${kept} kept`);
      assert.ok(keptBytes <= maxBytes, `accounted ${keptBytes} of ${maxBytes}`);
      assert.ok(heapGrowth <= maxBytes, `the heap grew ${heapGrowth} bytes for a bound of ${maxBytes}`);
    });
  }
});
