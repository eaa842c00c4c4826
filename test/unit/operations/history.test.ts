import * as assert from 'node:assert';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { chartBox, chartGeometry, MIN_CHART_WIDTH, niceTicks, seriesFromRows } from '../../../src/operations/history/chart';
import type { LedgerEntry } from '../../../src/stockChange/ledgerEntry';
import { Ledger } from '../../../src/operations/history/ledger';
import { filterRows, parseHistoryHostMessage, parseHistoryPageMessage, type HistoryRow } from '../../../src/operations/history/protocol';
import { LedgerRecorder } from '../../../src/operations/history/recorder';

const T0 = Date.UTC(2026, 10, 27, 9, 0);

function entry(index: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return { time: new Date(T0 + index * 60_000).toISOString(), source: 'single', action: 'adjust', sku: 'SKU-1', locationCode: 'RUH-WH1', before: index, after: index + 1, qty: 1, ...overrides };
}

describe('operations: the stock ledger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'oto-ledger-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('keeps at most its limit of entries, dropping the oldest, and per environment', async () => {
    const ledger = Ledger.forEnvironment(dir, 'sandbox', 10);
    for (let index = 0; index < 25; index++) {
      await ledger.append([entry(index)]);
    }
    const kept = await ledger.entries();
    assert.strictEqual(kept.length, 10);
    assert.deepStrictEqual(kept.map((item) => item.before), [15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    const lines = (await fs.readFile(ledger.file, 'utf8')).split('\n').filter(Boolean).length;
    assert.ok(lines <= 11, `the file is compacted (${lines} lines)`);
    assert.deepStrictEqual(await Ledger.forEnvironment(dir, 'production', 10).entries(), []);
  });

  it('survives a torn line and ignores entries it does not understand', async () => {
    const ledger = Ledger.forEnvironment(dir, 'sandbox');
    await ledger.append([entry(1)]);
    await fs.appendFile(ledger.file, '{"time":"2026-11-27T09:0\n{"time":"2026-11-27T09:00:00Z","source":"elsewhere","action":"adjust","sku":"X","locationCode":"Y"}\n');
    await ledger.append([entry(2, { sku: 'SKU-2' })]);
    assert.deepStrictEqual((await ledger.entries()).map((item) => item.sku), ['SKU-1', 'SKU-2']);
    assert.deepStrictEqual((await ledger.forSku('SKU-2')).map((item) => item.before), [2]);
  });

  it('records changes a read finds that the extension did not make as "outside", and not its own', async () => {
    const ledger = Ledger.forEnvironment(dir, 'sandbox');
    const recorder = new LedgerRecorder(() => ledger, (error) => assert.fail(String(error)), () => new Date(T0));
    await recorder.record('sandbox', [entry(0, { before: 10, after: 7, qty: -3 })]);
    await recorder.observe('sandbox', [
      { sku: 'SKU-1', scope: 'location', locationCode: 'RUH-WH1', before: { onHand: 10, forecast: 10 }, after: { onHand: 7, forecast: 7 } },
      { sku: 'SKU-2', scope: 'location', locationCode: 'JED-WH1', before: { onHand: 4, forecast: 4 }, after: { onHand: 9, forecast: 9 } },
      { sku: 'SKU-3', scope: 'location', locationCode: 'JED-WH1', before: { onHand: 4, forecast: 4 }, after: { onHand: 4, forecast: 2 } },
      { sku: 'SKU-2', scope: 'global', before: { onHand: 4, forecast: 4 }, after: { onHand: 9, forecast: 9 } },
    ]);
    const outside = (await ledger.entries()).filter((item) => item.source === 'outside');
    assert.deepStrictEqual(outside, [{ time: new Date(T0).toISOString(), source: 'outside', action: 'observed', sku: 'SKU-2', locationCode: 'JED-WH1', before: 4, after: 9 }]);
    // Someone changed SKU-1 after our change: the next read shows it as outside, from our figure.
    await recorder.observe('sandbox', [{ sku: 'SKU-1', scope: 'location', locationCode: 'RUH-WH1', before: { onHand: 7, forecast: 7 }, after: { onHand: 2, forecast: 2 } }]);
    assert.deepStrictEqual((await ledger.entries()).filter((item) => item.source === 'outside').map((item) => [item.sku, item.before, item.after]), [['SKU-2', 4, 9], ['SKU-1', 7, 2]]);
  });
});

describe('operations: the history chart and page protocol', () => {
  const rows: HistoryRow[] = [
    { time: T0, source: 'single', action: 'adjust', locationCode: 'RUH-WH1', before: 10, after: 7, qty: -3 },
    { time: T0 + 3_600_000, source: 'outside', action: 'observed', locationCode: 'RUH-WH1', before: 7, after: 12 },
    { time: T0 + 1_800_000, source: 'transfer', action: 'adjust', locationCode: 'JED-WH1', before: 0, after: 5, qty: 5, note: 'from Riyadh' },
    { time: T0 + 1_900_000, source: 'order', action: 'inbound', locationCode: 'JED-WH1', qty: 4 },
  ];

  it('builds step series per location ending at the figure read now; an order (no figures) draws nothing', () => {
    const series = seriesFromRows(rows, [{ locationCode: 'RUH-WH1', onHand: 12 }, { locationCode: 'DMM-WH1', onHand: 3 }], T0 + 7_200_000);
    assert.deepStrictEqual(series, [
      { locationCode: 'JED-WH1', points: [{ t: T0 + 1_800_000, value: 0 }, { t: T0 + 1_800_000, value: 5 }] },
      // The change at T0 + 1 h starts from the 7 already drawn: only its new figure is a point.
      { locationCode: 'RUH-WH1', points: [{ t: T0, value: 10 }, { t: T0, value: 7 }, { t: T0 + 3_600_000, value: 12 }, { t: T0 + 7_200_000, value: 12 }] },
    ]);
  });

  it('scales into the plot, with time running right to left in RTL', () => {
    const series = seriesFromRows(rows, [{ locationCode: 'RUH-WH1', onHand: 12 }], T0 + 7_200_000);
    const box = { width: 400, height: 200, left: 40, right: 10, top: 10, bottom: 20, rtl: false };
    const ltr = chartGeometry(series, box);
    const ruh = ltr.paths.find((item) => item.locationCode === 'RUH-WH1');
    assert.ok(ruh?.d.startsWith('M40 '), ruh?.d);
    assert.deepStrictEqual(ruh?.last, { x: 390, y: ltr.yTicks.find((tick) => tick.value === 12)?.position ?? ruh?.last.y, value: 12 });
    const rtl = chartGeometry(series, { ...box, rtl: true });
    // Mirrored: the value axis' space is now on the right, so the earliest change sits at 400 − 40.
    assert.ok(rtl.paths.find((item) => item.locationCode === 'RUH-WH1')?.d.startsWith('M360 '));
    // Round steps that cover the figures: the highest and lowest lines stay inside labelled figures.
    assert.deepStrictEqual(niceTicks(0, 12, 5), [0, 5, 10, 15]);
    assert.deepStrictEqual(niceTicks(0, 94, 5), [0, 20, 40, 60, 80, 100]);
    assert.deepStrictEqual(niceTicks(-7, 10, 5), [-10, -5, 0, 5, 10]);
  });

  it('draws at the slot\'s own width, with room for labels that follows the font and not the width', () => {
    // Drawn at half width, then widened: the drawing widens (a unit stays a CSS pixel), the labels'
    // room and the height stay as they were, so nothing scales the text up with the panel.
    const half = chartBox(420.6, 13, false);
    const wide = chartBox(1280, 13, false);
    assert.strictEqual(half.width, 420);
    assert.strictEqual(wide.width, 1280);
    assert.deepStrictEqual({ ...wide, width: half.width }, half);
    const series = seriesFromRows(rows, [], T0 + 7_200_000);
    const labelsHalf = chartGeometry(series, half).xTicks.length;
    const labelsWide = chartGeometry(series, wide).xTicks.length;
    assert.ok(labelsWide > labelsHalf, `more time labels fit when wider (${labelsHalf} → ${labelsWide}), at the same size`);
    // A larger editor font gets more room for its labels at any width.
    assert.ok(chartBox(420, 20, false).left > half.left);
    assert.ok(chartBox(420, 20, false).bottom > half.bottom);
    assert.strictEqual(chartBox(100, 13, true).width, MIN_CHART_WIDTH, 'a narrow slot scrolls a chart of the least width');
    assert.strictEqual(chartBox(Number.NaN, Number.NaN, false).left, chartBox(500, 13, false).left, 'no width or font read yet: the defaults');
  });

  it('labels the time axis of a history only seconds long, at the whole minutes around it', () => {
    const start = T0 + 5_000;
    const short: HistoryRow[] = [{ time: start, source: 'outside', action: 'observed', locationCode: 'RUH-WH1', before: 91, after: 94 }];
    const box = { width: 800, height: 260, left: 56, right: 16, top: 12, bottom: 28, rtl: false };
    for (const readAt of [start + 30_000, start]) {
      const geometry = chartGeometry(seriesFromRows(short, [{ locationCode: 'RUH-WH1', onHand: 94 }], readAt), box);
      assert.deepStrictEqual(geometry.xTicks.map((tick) => tick.value), [T0, T0 + 60_000], `read ${readAt - start} ms after the change`);
      assert.deepStrictEqual(geometry.xTicks.map((tick) => tick.position), [geometry.plot.x0, geometry.plot.x1]);
    }
  });

  it('draws 10,000 changes with a path bounded by the plot width', () => {
    const many: HistoryRow[] = Array.from({ length: 10_000 }, (_, index) => ({ time: T0 + index * 60_000, source: 'outside', action: 'observed', locationCode: 'RUH-WH1', before: index % 97, after: (index + 1) % 97 }));
    const geometry = chartGeometry(seriesFromRows(many, [], T0), { width: 800, height: 260, left: 56, right: 16, top: 12, bottom: 28, rtl: false });
    const commands = geometry.paths[0].d.match(/[MHV]/g)?.length ?? 0;
    assert.ok(commands < 800 * 8, `${commands} path commands`);
  });

  it('draws a dense series by pixel column, each column reaching the same figures as every change in it would', () => {
    // 10,000 changes over a plot 350 px wide: about 29 changes to a pixel column.
    const many: HistoryRow[] = Array.from({ length: 10_000 }, (_, index) => ({ time: T0 + index * 60_000, source: 'outside', action: 'observed', locationCode: 'RUH-WH1', before: (index * 37) % 101, after: ((index + 1) * 37) % 101 }));
    const box = { width: 400, height: 200, left: 40, right: 10, top: 10, bottom: 20, rtl: false };
    const [line] = seriesFromRows(many, [], T0);
    const geometry = chartGeometry([line], box);
    const [low, high] = [geometry.yTicks[0], geometry.yTicks[geometry.yTicks.length - 1]];
    const yOf = (value: number): number => low.position + ((value - low.value) * (high.position - low.position)) / (high.value - low.value);
    const tMin = line.points[0].t;
    const pixelsPerMs = 350 / (line.points[line.points.length - 1].t - tMin);
    // What each column must show: the figure held into it, and every figure set inside it.
    const expected = new Map<number, [number, number]>();
    let held: number | undefined;
    for (const { t, value } of line.points) {
      const column = Math.floor((t - tMin) * pixelsPerMs);
      const [from, to] = expected.get(column) ?? [held ?? yOf(value), held ?? yOf(value)];
      expected.set(column, [Math.min(from, yOf(value)), Math.max(to, yOf(value))]);
      held = yOf(value);
    }
    // What the path shows: the vertical strokes in each column, from where the pen stood.
    const drawn = new Map<number, [number, number]>();
    let x = 0;
    let y = 0;
    for (const [, command, args] of geometry.paths[0].d.matchAll(/([MHV])([^MHV]+)/g)) {
      const numbers = args.trim().split(/\s+/).map(Number);
      if (command === 'M') {
        [x, y] = numbers;
      } else if (command === 'H') {
        x = numbers[0];
      }
      const column = Math.floor(x - 40);
      const to = command === 'V' ? numbers[0] : y;
      const [from, until] = drawn.get(column) ?? [y, y];
      drawn.set(column, [Math.min(from, y, to), Math.max(until, y, to)]);
      y = to;
    }
    assert.ok(geometry.paths[0].d.length < 40 * 350, `${geometry.paths[0].d.length} characters for ${line.points.length} points`);
    assert.deepStrictEqual([...drawn.keys()], [...expected.keys()], 'every column drawn, none added');
    for (const [column, [from, to]] of expected) {
      const [drawnFrom, drawnTo] = drawn.get(column) as [number, number];
      assert.ok(Math.abs(drawnFrom - from) < 0.25 && Math.abs(drawnTo - to) < 0.25, `column ${column}: drawn ${drawnFrom}–${drawnTo}, changes reach ${from.toFixed(2)}–${to.toFixed(2)}`);
    }
  });

  it('filters entries by source, location and text', () => {
    assert.deepStrictEqual(filterRows(rows, { text: 'riyadh', source: '', locationCode: '' }).map((row) => row.source), ['transfer']);
    assert.deepStrictEqual(filterRows(rows, { text: '', source: '', locationCode: 'JED-WH1' }).length, 2);
    assert.deepStrictEqual(filterRows(rows, { text: '', source: 'outside', locationCode: '' }).length, 1);
  });

  it('accepts only well-formed messages on both sides', () => {
    assert.ok(parseHistoryHostMessage({ type: 'history', sku: 'SKU-1', name: '', rows, now: [], readAt: T0 }));
    assert.strictEqual(parseHistoryHostMessage({ type: 'history', sku: 'SKU-1', name: '', rows: [{ ...rows[0], html: '<b>' }], now: [], readAt: T0 }), undefined);
    assert.strictEqual(parseHistoryHostMessage({ type: 'history', sku: 'SKU-1', name: '', rows: [{ ...rows[0], before: 1.5 }], now: [], readAt: T0 }), undefined);
    assert.strictEqual(parseHistoryHostMessage({ type: 'error' }), undefined);
    assert.deepStrictEqual(parseHistoryPageMessage({ type: 'exportCsv', filter: { text: 'x', source: 'bulk', locationCode: '' } }), { type: 'exportCsv', filter: { text: 'x', source: 'bulk', locationCode: '' } });
    assert.strictEqual(parseHistoryPageMessage({ type: 'exportCsv', filter: { text: 'x', source: 'hacked', locationCode: '' } }), undefined);
    assert.strictEqual(parseHistoryPageMessage({ type: 'ready', extra: 1 }), undefined);
    assert.strictEqual(parseHistoryPageMessage({ type: 'runCommand' }), undefined);
  });
});
