// Time for the stock history page to draw its chart of 10,000 changes (goal: painted under 60 ms), in
// headless Chromium, measured inside the page from the message's arrival to the chart laid out
// and then painted; a bare-DOM reference is printed beside it to read the figures against.
import * as os from 'node:os';
import { historyStrings } from '../src/operations/history/strings';
import type { HistoryRow } from '../src/operations/history/protocol';
import { launchBrowser, openPackingPage, type Browser, type PackingPageHandle } from '../test/unit/packing/pageHarness';
import { formatBreakdown, traceBreakdown, TRACE_END, TRACE_START } from './support/pageTrace';

const POINTS = 10_000;
const RUNS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** `count` changes spread over three locations, one a minute. */
export function makeHistory(count: number, start = Date.UTC(2026, 9, 1)): HistoryRow[] {
  const locations = ['RUH-WH1', 'JED-WH1', 'DMM-WH1'];
  const level = [400, 250, 120];
  return Array.from({ length: count }, (_, index): HistoryRow => {
    const at = index % 3;
    const before = level[at];
    level[at] = Math.max(0, before + ((index * 7919) % 23) - 11);
    return { time: start + index * 60_000, source: index % 5 === 0 ? 'outside' : 'single', action: 'adjust', locationCode: locations[at], before, after: level[at], qty: level[at] - before || 1 };
  });
}

/** Runs in the page: delivers the history and waits until the chart is laid out, then painted. */
async function drawHistory(marks?: readonly string[]): Promise<{ laidOut: number; painted: number; paths: number }> {
  if (marks) {
    performance.mark(marks[0]);
  }
  const start = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: (window as unknown as { benchHistory: unknown }).benchHistory }));
  void document.body.offsetHeight;
  const laidOut = performance.now() - start;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const painted = performance.now() - start;
  if (marks) {
    performance.mark(marks[1]);
  }
  return { laidOut, painted, paths: document.querySelectorAll('path.line').length };
}

/** A page given its strings, with the history ready to be delivered. */
async function historyPage(browser: Browser, rows: HistoryRow[]): Promise<PackingPageHandle> {
  const handle = await openPackingPage(browser, { bundle: 'history' });
  await handle.send({ type: 'init', strings: historyStrings(), locale: 'en' });
  await handle.page.evaluate((data) => Object.assign(window, { benchHistory: data }), { type: 'history', sku: 'AJW-DATES-500', name: 'Ajwa dates 500 g', rows, now: [], readAt: rows[rows.length - 1].time });
  return handle;
}

export async function run(): Promise<void> {
  const browser = await launchBrowser();
  try {
    const rows = makeHistory(POINTS);
    const layout: number[] = [];
    const painted: number[] = [];
    const reference: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      const handle = await historyPage(browser, rows);
      const timing = await handle.page.evaluate(drawHistory, undefined);
      if (timing.paths !== 3) {
        throw new Error(`the chart drew ${timing.paths} lines, not 3`);
      }
      layout.push(timing.laidOut);
      painted.push(timing.painted);
      reference.push(await handle.page.evaluate(() => {
        const start = performance.now();
        const holder = document.createElement('div');
        for (let count = 0; count < 10_000; count++) {
          holder.append(document.createElement('span'));
        }
        return performance.now() - start;
      }));
      await handle.page.close();
    }
    const traced = await historyPage(browser, rows);
    const breakdown = await traceBreakdown(traced.page, () => traced.page.evaluate(drawHistory, [TRACE_START, TRACE_END]));
    await traced.page.close();
    console.log(`history chart, ${POINTS} changes over 3 locations ${RUNS} runs (goal: painted < 60 ms)`);
    console.log(`  chart laid out:            median ${median(layout).toFixed(1)} ms (min ${Math.min(...layout).toFixed(1)}, max ${Math.max(...layout).toFixed(1)})`);
    console.log(`  painted:                    median ${median(painted).toFixed(1)} ms`);
    console.log(`  main thread, painted:       ${formatBreakdown(breakdown)}`);
    console.log(`  reference: 10,000 bare elements in median ${median(reference).toFixed(1)} ms (load average ${os.loadavg()[0].toFixed(2)})`);
  } finally {
    await browser.close();
  }
}
