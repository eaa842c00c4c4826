// The CLI words every exchange at an ERP's pace; under a flood, the notable ones and a count of the rest.
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TrafficExchange } from '../../../src/traffic/exchange';
import { ExchangeLines, isPlain, type LineSink } from '../../../src/sandboxCli/exchangeLines';
import { exchange as built } from '../traffic/build';

const READ = { target: '/rest/v2/checkGlobalStock?sku=A', method: 'GET' };

function sink(): LineSink & { lines: string[]; flushes: number } {
  const lines: string[] = [];
  const result = { lines, flushes: 0, write: (line: string) => void lines.push(line), flush: () => void result.flushes++ };
  return result;
}

/** A clock the test moves, starting 200 ms into a second. */
function clock(): { now: () => number; set(ms: number): void } {
  let at = Date.UTC(2026, 0, 15, 9, 0, 0, 200);
  return { now: () => at, set: (ms) => (at = Date.UTC(2026, 0, 15, 9, 0, 0, 0) + ms) };
}

function reads(count: number, from = 1): TrafficExchange[] {
  return Array.from({ length: count }, (_, index) => built(from + index, READ));
}

describe('sandbox CLI lines under a flood', () => {
  it('calls plain only an inbound exchange answered below 400 without a finding, fault or OTO code', () => {
    assert.equal(isPlain(built(1, READ)), true);
    assert.equal(isPlain(built(1, { ...READ, status: 404 })), false);
    assert.equal(isPlain(built(1, { ...READ, noAnswer: true })), false);
    assert.equal(isPlain({ ...built(1, READ), fault: 'hang' }), false);
    assert.equal(isPlain({ ...built(1, READ), otoCode: 'OTO1132' }), false);
    assert.equal(isPlain({ ...built(1, READ), findings: [{ rule: 'sku-comma', severity: 'error', message: 'm', exchangeIds: [1] }] }), false);
    assert.equal(isPlain({ ...built(1, READ), direction: 'outbound' }), false);
  });

  it('prints every exchange up to the limit in a second, in order, an added account marked', () => {
    const out = sink();
    const time = clock();
    const lines = new ExchangeLines(out, false, time.now, 5);
    reads(4).forEach((exchange) => lines.add(exchange));
    lines.add(built(5, READ), 'erp-b');
    assert.equal(out.lines.length, 5);
    assert.match(out.lines[0], /GET checkGlobalStock 200 \d+ ms$/);
    assert.match(out.lines[4], /^\[erp-b\] .*GET checkGlobalStock 200/);
    lines.flush();
    assert.equal(out.lines.length, 5, 'nothing was counted, so nothing is said');
    assert.equal(out.flushes, 1);
  });

  it('past the limit counts the plain ones, still prints the notable ones, and says the count when the next second starts', () => {
    const out = sink();
    const time = clock();
    const lines = new ExchangeLines(out, false, time.now, 5);
    reads(20).forEach((exchange) => lines.add(exchange));
    lines.add(built(21, { ...READ, status: 401 }));
    lines.add(built(22, { method: 'POST', body: { sku: 'A', qty: 1 }, status: 400, response: { success: false, otoErrorCode: 'OTO1132' } }));
    reads(3, 23).forEach((exchange) => lines.add(exchange));
    assert.equal(out.lines.length, 7, out.lines.join('\n'));
    assert.match(out.lines[5], /GET checkGlobalStock 401/);
    assert.match(out.lines[6], /POST updateStockQuantity 400 OTO1132/);
    time.set(1_100);
    lines.add(built(26, READ));
    assert.equal(out.lines.length, 9);
    assert.match(out.lines[7], /^\d\d:\d\d:00 \+18 more answered without a finding \(past 5 lines a second.*--every-line prints each, --log keeps each\)$/);
    assert.match(out.lines[8], /GET checkGlobalStock 200/, 'a new second prints again');
    reads(10, 27).forEach((exchange) => lines.add(exchange));
    lines.flush();
    assert.match(out.lines.at(-1) ?? '', /^\d\d:\d\d:01 \+6 more answered without a finding$/, 'why is said once');
  });

  it('says the count at the end of the second when no exchange follows, and on flush', async () => {
    const out = sink();
    const time = clock();
    time.set(990);
    const lines = new ExchangeLines(out, false, time.now, 2);
    reads(5).forEach((exchange) => lines.add(exchange));
    assert.equal(out.lines.length, 2);
    await sleep(60);
    assert.match(out.lines[2], /\+3 more answered/);
    reads(4).forEach((exchange) => lines.add(exchange));
    lines.flush();
    assert.match(out.lines.at(-1) ?? '', /\+4 more answered/);
    assert.equal(out.lines.length, 4);
  });

  it('groups a large count by thousands', () => {
    const out = sink();
    const time = clock();
    const lines = new ExchangeLines(out, false, time.now, 5);
    const read = built(1, READ);
    for (let count = 0; count < 1_234_572; count++) {
      lines.add(read);
    }
    lines.flush();
    assert.match(out.lines.at(-1) ?? '', / \+1,234,567 more answered/);
  });

  it('--every-line prints each, however many', () => {
    const out = sink();
    const time = clock();
    const lines = new ExchangeLines(out, true, time.now, 5);
    reads(50).forEach((exchange) => lines.add(exchange));
    lines.flush();
    assert.equal(out.lines.length, 50);
    assert.ok(out.lines.every((line) => /GET checkGlobalStock 200/.test(line)));
  });
});
