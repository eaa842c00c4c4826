// The CLI's readers of the store: the per-exchange line, the JSONL log and the summary by rule.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonlWriter } from '../../../src/traffic/jsonl';
import { formatTrafficLine, TrafficSummary } from '../../../src/traffic/report';
import { TrafficStore } from '../../../src/traffic/store';
import { ADJUST, exchange } from './build';

function judged(): ReturnType<TrafficStore['list']> {
  const store = new TrafficStore();
  store.record(exchange(0, { body: { ...ADJUST, qty: '40.5' }, status: 400, response: { success: false, otoErrorCode: 'OTO1132' } }));
  store.record(exchange(0, { body: ADJUST, at: 10 }));
  store.record(exchange(0, { body: ADJUST, at: 20 }));
  store.record(exchange(0, { target: '/rest/v2/createInventoryOrder', body: { action: 'inbound', locationCode: 'RUH-WH1', items: [{ sku: 'A', qty: 1 }], orderDate: '2024-03-31' }, at: 30 }));
  return store.history().slice();
}

describe('traffic reports', () => {
  it('prints one line per exchange: method, endpoint, status, OTO code, duration and finding ids', () => {
    const [first, , third] = judged();
    assert.match(formatTrafficLine(first), /^\d\d:\d\d:\d\d\.\d{3} POST updateStockQuantity 400 OTO1132 5 ms qty-not-integer$/);
    assert.match(formatTrafficLine(third), / POST updateStockQuantity 200 5 ms duplicate-write$/);
  });

  it('keeps control characters a client put in the path out of the terminal', () => {
    const line = formatTrafficLine(exchange(1, { target: '/rest/v2/x\u001b[31mred' }));
    assert.ok(!line.includes('\u001b'), line);
  });

  it('summarises by rule, most severe first, and exits 1 only at the --fail-on severity', () => {
    const summary = new TrafficSummary();
    judged().forEach((one) => summary.add(one));
    const text = summary.format('error');
    assert.match(text, /^4 exchanges, 3 findings$/m);
    assert.ok(text.indexOf('qty-not-integer') < text.indexOf('date-format'), text);
    assert.match(text, /error +duplicate-write +1/);
    assert.match(text, /warning +date-format +1/);
    assert.match(text, /FAILED/);
    assert.strictEqual(summary.exitCode('error'), 1);
    assert.strictEqual(summary.exitCode('warning'), 1);
    assert.strictEqual(summary.exitCode(undefined), 0);

    const warningsOnly = new TrafficSummary();
    warningsOnly.add(judged()[3]);
    assert.strictEqual(warningsOnly.exitCode('error'), 0);
    assert.strictEqual(warningsOnly.exitCode('warning'), 1);
    assert.match(warningsOnly.format('error'), /passed/);
  });

  it('writes each exchange with its findings as one JSON line, and stops at its size bound', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oto-jsonl-'));
    try {
      const file = path.join(dir, 'traffic.jsonl');
      const warnings: string[] = [];
      const writer = new JsonlWriter(file, 2_000, (message) => warnings.push(message));
      judged().forEach((one) => writer.write(one));
      await writer.close();
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
      assert.ok(lines.length >= 1 && lines.length < 4, `${lines.length} lines`);
      const first = JSON.parse(lines[0]);
      assert.strictEqual(first.endpoint, 'updateStockQuantity');
      assert.strictEqual(first.findings[0].rule, 'qty-not-integer');
      assert.deepStrictEqual(first.requestBody.json, { ...ADJUST, qty: '40.5' });
      assert.ok(fs.statSync(file).size <= 2_000);
      assert.strictEqual(warnings.length, 1);
      assert.match(warnings[0], /reached 2000 bytes/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
