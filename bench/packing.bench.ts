// Time for the packing page to render a queue of 500 orders × 5 items in headless Chromium
// (goal: painted under 60 ms), measured inside the page from the message's arrival: to the first screen
// laid out, to all 500 cards in the DOM laid out and then painted (the page builds the cards on
// screen at once and puts a shell for each of the others, built in idle time after the first frame),
// and, beside it, to the last card built (the list's `aria-busy` gone). Each run uses a fresh page,
// so every render is a first render.
// Wall times swing with the machine's load, so the CPU time Chromium's renderers spent on the
// whole render is printed too, with a bare-DOM reference to read the figures against, and the
// number of nodes the cards are made of, which does not swing at all.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { launchBrowser, makeOrders, openPackingPage, STRINGS, type Browser, type PackingPageHandle } from '../test/unit/packing/pageHarness';
import { formatBreakdown, traceBreakdown, TRACE_END, TRACE_START } from './support/pageTrace';

const ORDERS = 500;
const ITEMS = 5;
const RUNS = 9;
/** About as many elements as the queue renders: the machine's own speed, to read the figures against. */
const REFERENCE_ELEMENTS = 25_000;
const CLOCK_TICKS_PER_SECOND = 100;

interface Timing {
  firstLayoutMs: number;
  allLayoutMs: number;
  allFrameMs: number;
  /** Until the page had built every card (the shells too), which it does after the first frame. */
  allBuiltMs: number;
  cards: number;
  /** Elements and text nodes in the card list once it is whole, counted after the timings. */
  nodes: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** User + system CPU time of this browser's renderer processes so far, in ms (Linux /proc; NaN elsewhere). */
function rendererCpuMs(userDataDir: string): number {
  if (!fs.existsSync('/proc/self/stat')) {
    return Number.NaN;
  }
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (commandLine.includes('--type=renderer') && commandLine.includes(userDataDir)) {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      // The process ended between listing and reading: it did no work for this render.
    }
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Runs in the page: delivers the queue and waits until every card is in, laid out, then painted. */
async function renderQueue({ total, marks }: { total: number; marks?: readonly string[] }): Promise<Timing> {
  const cards = (): number => document.querySelector('.cards')?.childElementCount ?? 0;
  const nextFrame = (): Promise<unknown> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const list = document.querySelector('.cards') as HTMLElement;
  let allBuiltMs: number | undefined;
  const observer = new MutationObserver(() => {
    if (allBuiltMs === undefined && !list.hasAttribute('aria-busy')) {
      allBuiltMs = performance.now() - start;
    }
  });
  observer.observe(list, { attributes: true, attributeFilter: ['aria-busy'] });
  if (marks) {
    performance.mark(marks[0]);
  }
  const start = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: (window as unknown as { benchQueue: unknown }).benchQueue }));
  void document.body.offsetHeight;
  const firstLayoutMs = performance.now() - start;
  while (cards() < total) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  void document.body.offsetHeight;
  const allLayoutMs = performance.now() - start;
  await nextFrame();
  const allFrameMs = performance.now() - start;
  if (marks) {
    performance.mark(marks[1]);
  }
  // Built in the message's task: the list was never busy.
  allBuiltMs ??= list.hasAttribute('aria-busy') ? undefined : firstLayoutMs;
  while (allBuiltMs === undefined) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  observer.disconnect();
  const walker = document.createTreeWalker(document.querySelector('.cards') as Node, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let nodes = 0;
  while (walker.nextNode()) {
    nodes += 1;
  }
  return { firstLayoutMs, allLayoutMs, allFrameMs, allBuiltMs, cards: cards(), nodes };
}

/** A page with the warehouse shown and the queue ready to be delivered. */
async function queuePage(browser: Browser, orders: unknown): Promise<PackingPageHandle> {
  const handle = await openPackingPage(browser);
  await handle.send({ type: 'init', warehouse: { code: 'WH-RUH', name: 'Riyadh Central' }, strings: STRINGS, locale: 'en' });
  await handle.page.evaluate((data) => Object.assign(window, { benchQueue: data }), { type: 'queue', orders, readAt: Date.now() });
  return handle;
}

export async function run(): Promise<void> {
  const browser = await launchBrowser();
  try {
    const orders = makeOrders(ORDERS, ITEMS);
    const timings: Timing[] = [];
    const referenceMs: number[] = [];
    let cpuMs = 0;
    let filterMs = 0;
    for (let index = 0; index < RUNS; index++) {
      const handle = await queuePage(browser, orders);
      const cpuBefore = rendererCpuMs(browser.userDataDir);
      timings.push(await handle.page.evaluate(renderQueue, { total: ORDERS }));
      cpuMs += rendererCpuMs(browser.userDataDir) - cpuBefore;
      referenceMs.push(
        await handle.page.evaluate((count) => {
          const start = performance.now();
          const holder = document.createElement('div');
          for (let index = 0; index < count; index++) {
            const node = document.createElement('span');
            node.textContent = String(index);
            holder.append(node);
          }
          return performance.now() - start;
        }, REFERENCE_ELEMENTS),
      );
      filterMs += await handle.page.evaluate(() => {
        const input = document.querySelector('input[type="search"]') as HTMLInputElement;
        const start = performance.now();
        input.value = 'SKU-250-';
        input.dispatchEvent(new Event('input', { bubbles: true }));
        void document.body.offsetHeight;
        return performance.now() - start;
      });
      await handle.page.close();
    }
    if (timings.some((timing) => timing.cards !== ORDERS)) {
      throw new Error('the page did not render every order');
    }
    const traced = await queuePage(browser, orders);
    const breakdown = await traceBreakdown(traced.page, () => traced.page.evaluate(renderQueue, { total: ORDERS, marks: [TRACE_START, TRACE_END] }));
    await traced.page.close();
    const line = (label: string, key: Exclude<keyof Timing, 'cards' | 'nodes'>): string => {
      const values = timings.map((timing) => timing[key]);
      return `  ${label.padEnd(38)} median ${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;
    };
    console.log(`packing page, ${ORDERS} orders × ${ITEMS} items, ${RUNS} runs (goal: all cards painted < 60 ms)`);
    console.log(line('first screen, laid out:', 'firstLayoutMs'));
    console.log(line(`all ${ORDERS} cards in the DOM, laid out:`, 'allLayoutMs'));
    console.log(line(`all ${ORDERS} cards, painted:`, 'allFrameMs'));
    console.log(line(`all ${ORDERS} cards built (after the paint):`, 'allBuiltMs'));
    console.log(`  ${'renderer CPU time for the whole render:'.padEnd(38)} mean ${(cpuMs / RUNS).toFixed(1)} ms`);
    console.log(`  ${'main thread, all 500 cards painted:'.padEnd(38)} ${formatBreakdown(breakdown)}`);
    // The one figure the machine's load does not move: what the page builds and copies per card.
    console.log(`  ${'nodes in the card list:'.padEnd(38)} ${timings[0].nodes} (${(timings[0].nodes / ORDERS).toFixed(1)} per card)`);
    console.log(`  ${'search over the queue:'.padEnd(38)} mean ${(filterMs / RUNS).toFixed(1)} ms per keystroke`);
    console.log(`  reference: ${REFERENCE_ELEMENTS} bare elements created in median ${median(referenceMs).toFixed(1)} ms on this machine (load average ${os.loadavg()[0].toFixed(2)})`);
  } finally {
    await browser.close();
  }
}
