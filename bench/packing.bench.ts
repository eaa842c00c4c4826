// Time for the packing page to render a queue of 500 orders × 5 items in headless Chromium
// (goal: under 100 ms), measured inside the page from the message's arrival to a laid-out DOM,
// and to the next painted frame. Each run uses a fresh page, so every render is a first render.
import { launchBrowser, makeOrders, openPackingPage, STRINGS } from '../test/unit/packing/pageHarness';

const ORDERS = 500;
const ITEMS = 5;
const RUNS = 7;
/** About as many elements as the queue renders: the machine's own speed, to read the figures against. */
const REFERENCE_ELEMENTS = 25_000;

interface Timing {
  layoutMs: number;
  frameMs: number;
  cards: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  const browser = await launchBrowser();
  try {
    const orders = makeOrders(ORDERS, ITEMS);
    const timings: Timing[] = [];
    let filterMs = 0;
    const referenceMs: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      const handle = await openPackingPage(browser);
      await handle.send({ type: 'init', warehouse: { code: 'WH-RUH', name: 'Riyadh Central' }, strings: STRINGS, locale: 'en' });
      timings.push(
        await handle.page.evaluate(async (data) => {
          const start = performance.now();
          window.dispatchEvent(new MessageEvent('message', { data }));
          void document.body.offsetHeight;
          const layoutMs = performance.now() - start;
          await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
          return { layoutMs, frameMs: performance.now() - start, cards: document.querySelectorAll('.card').length };
        }, { type: 'queue', orders, readAt: Date.now() }),
      );
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
    const layout = timings.map((timing) => timing.layoutMs);
    const frame = timings.map((timing) => timing.frameMs);
    console.log(`packing page, ${ORDERS} orders × ${ITEMS} items, ${RUNS} runs (goal: render < 100 ms)`);
    console.log(`  render to laid-out DOM: median ${median(layout).toFixed(1)} ms (min ${Math.min(...layout).toFixed(1)}, max ${Math.max(...layout).toFixed(1)})`);
    console.log(`  render to next frame:   median ${median(frame).toFixed(1)} ms (min ${Math.min(...frame).toFixed(1)}, max ${Math.max(...frame).toFixed(1)})`);
    console.log(`  search over the queue:  mean ${(filterMs / RUNS).toFixed(1)} ms per keystroke`);
    console.log(`  reference: ${REFERENCE_ELEMENTS} bare elements created in median ${median(referenceMs).toFixed(1)} ms on this machine`);
  } finally {
    await browser.close();
  }
}
