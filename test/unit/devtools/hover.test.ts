import * as assert from 'node:assert/strict';
import type { DevtoolsStock } from '../../../src/devtools/deps';
import { escapeMarkdown } from '../../../src/common/text/markdown';
import { renderNotInCatalogue, renderSkuHover } from '../../../src/devtools/hover/hoverMarkdown';
import { HoverStock, hoverStoreOf } from '../../../src/devtools/hover/hoverStock';
import { skuTooltip } from '../../../src/stock/tree/tooltip';

const GAP = '&nbsp;&nbsp;&nbsp;';
import { until } from '../until';
import { ManualTimer } from './manualTimer';
import { useDevtools } from './support';
import { faultTaken, received } from '../fakes/journal';

describe('devtools SKU hover against the sandbox', () => {
  let skew = 0;
  const clock = (): number => Date.now() + skew;
  const h = useDevtools({ now: clock });
  let hover: HoverStock;

  beforeEach(() => {
    skew = 0;
    const stock: DevtoolsStock = h.store;
    hover = new HoverStock(hoverStoreOf(stock, clock));
  });

  afterEach(() => hover.dispose());

  it('shows nothing for a string that is not a catalogue SKU, and the cached figures for one that is', async () => {
    await h.store.refresh();
    const before = received(h.sandbox).length;
    assert.equal(await hover.get('not-a-sku'), undefined);
    const result = await hover.get('AJW-DATES-500');
    assert.equal(received(h.sandbox).length, before, 'fresh cache: hovering sends nothing');
    assert.ok(result && !result.stale);

    const truth = (await h.client.checkInventoryStock(['AJW-DATES-500']))['AJW-DATES-500'] ?? [];
    const global = (await h.client.checkGlobalStock(['AJW-DATES-500']))['AJW-DATES-500'];
    assert.ok(truth.length > 0 && global);
    const markdown = renderSkuHover(result.stock, { locationName: (code) => h.store.locations.find((location) => location.code === code)?.name });
    assert.match(markdown, /^\*\*AJW\\-DATES\\-500\*\* — Ajwa Dates 500 g/);
    for (const entry of truth) {
      const code = entry.pickupLocationCode;
      const label = escapeMarkdown(code ? `(${code})` : '(no location)');
      const row = markdown.split('\n').find((line) => line.includes(label));
      assert.ok(row, `a row for ${code ?? '(no location)'}`);
      assert.ok(row.endsWith(`| ${GAP}${escapeMarkdown(String(entry.quantityOnHand))} | ${GAP}${escapeMarkdown(String(entry.quantityForecasted))} |`), row);
    }
    const forecastTotal = global.quantityForecasted ?? truth.reduce((sum, entry) => sum + entry.quantityForecasted, 0);
    assert.ok(markdown.includes(`| ${GAP}**${global.quantityOnHand}** | ${GAP}${forecastTotal} |`), 'global totals, the forecast summed where OTO gives none');
    if (global.minInventory !== undefined) {
      assert.ok(markdown.includes(`Minimum inventory: ${global.minInventory}`));
    }
    const args = encodeURIComponent(JSON.stringify([{ kind: 'sku', sku: 'AJW-DATES-500', name: 'Ajwa Dates 500 g' }]));
    for (const command of ['oto.adjustStock', 'oto.revealSku', 'oto.createInventoryOrder']) {
      assert.ok(markdown.includes(`(command:${command}?${args})`), command);
    }
    const withoutReveal = renderSkuHover(result.stock, { isRegistered: (command) => command !== 'oto.revealSku' });
    assert.ok(!withoutReveal.includes('oto.revealSku'), 'no link to a command nobody registered');
    assert.ok(withoutReveal.includes('(command:oto.adjustStock?'));
  });

  it('shows a SKU exactly as the Stock view\'s tooltip does (one card: order, labels, fields), with room between On hand and Forecast', async () => {
    await h.store.refresh();
    const low = [...h.store.skus()].find((entry) => entry.low && entry.locations.length > 1 && entry.product?.barcode);
    assert.ok(low, 'a low SKU at several locations, with a barcode');
    const formats = { formatNumber: (value: number) => value.toLocaleString('en'), formatTime: (ms: number) => `t=${ms}` };
    const tooltip = skuTooltip(low, { locations: h.store.locations, ...formats });
    const hovered = renderSkuHover(low, { locationName: (code) => h.store.locations.find((location) => location.code === code)?.name, ...formats, isRegistered: () => false });
    assert.strictEqual(hovered, tooltip);
    const linked = renderSkuHover(low, { locationName: (code) => h.store.locations.find((location) => location.code === code)?.name, ...formats });
    assert.ok(linked.startsWith(`${tooltip}\n\n[`), 'the hover is the card, then its command links');
    const lines = tooltip.split('\n');
    assert.ok(lines.includes(`| Location | ${GAP}On hand | ${GAP}Forecast |`), 'the headers do not run together');
    assert.ok(lines.indexOf(lines.find((line) => line.startsWith('$(warning) **Low stock**'))!) < lines.findIndex((line) => line.startsWith('| Location')), 'what it is judged on, then the figures');
    assert.ok(lines.some((line) => line.startsWith('Barcode: ')), 'the barcode in both');
    assert.strictEqual(lines.at(-1), `Read at t=${low.readAt}`, 'the read time in both');
    const codes = lines.filter((line) => line.startsWith('| ') && !line.startsWith('| Location') && !line.startsWith('| **Total')).map((line) => /\(([A-Z]+\\-[A-Z]+\d)\\\)/.exec(line)?.[1] ?? 'none');
    assert.deepStrictEqual(codes, [...codes].sort((a, b) => (a === 'none' ? 1 : b === 'none' ? -1 : a < b ? -1 : 1)), 'by location code, the entry without one last');
  });

  it('re-reads only stale SKUs, in batches, at most one batch per second however fast the hovers come', async () => {
    await h.store.refresh();
    const skus = [...h.store.skus()].map((entry) => entry.sku).slice(0, 30);
    skew = 60_000;
    const startCount = h.sent('checkInventoryStock').length;
    const startGlobal = h.sent('checkGlobalStock').length;
    // The batcher runs on a manual clock, so its one-per-second is checked in its own time, not
    // in whatever time a loaded machine takes; the reads themselves are real, against the sandbox.
    const timer = new ManualTimer();
    const store = hoverStoreOf(h.store, clock);
    const batchStarts: number[] = [];
    hover.dispose();
    hover = new HoverStock({ lookup: (sku) => store.lookup(sku), knownMissing: (sku) => store.knownMissing(sku), refresh: (batch) => (batchStarts.push(timer.now()), store.refresh(batch)) }, { timer });
    const hovers: Array<Promise<unknown>> = [];
    // 60 hovers, one each 40 ms: each SKU twice, the second time after it may have been refreshed.
    for (let i = 0; i < 60; i++) {
      await timer.advance(i === 0 ? 0 : 40);
      hovers.push(hover.get(skus[i % skus.length], { maxWaitMs: 15_000 }).then((result) => assert.ok(result && !result.stale, `hover ${i} fresh`)));
    }
    let settled = false;
    const all = Promise.all(hovers).finally(() => (settled = true));
    // Then time moves on only as far as each batch the batcher schedules, until every hover has its answer.
    while (!settled) {
      const wait = await Promise.race([timer.untilNextTimer(), all.then(() => undefined)]);
      if (wait !== undefined) {
        await timer.advance(wait);
      }
    }
    await all;

    const inventory = h.sent('checkInventoryStock').slice(startCount);
    const global = h.sent('checkGlobalStock').slice(startGlobal);
    assert.ok(inventory.length >= 2, 'hovers did cause re-reads');
    assert.equal(inventory.length, batchStarts.length, 'one inventory read per batch');
    assert.ok(global.length <= batchStarts.length, `${global.length} global reads in ${batchStarts.length} batches`);
    for (let i = 1; i < batchStarts.length; i++) {
      assert.ok((batchStarts[i]) - (batchStarts[i - 1]) >= 1000, `batches ${i - 1} and ${i} start at ${batchStarts[i - 1]} and ${batchStarts[i]} ms`);
    }
    const reread = new Set(inventory.flatMap((request) => (request.query.sku ?? '').split(',')));
    assert.deepEqual([...reread].sort(), [...skus].sort(), 'every hovered SKU re-read exactly in the batches');
    const requestedTotal = inventory.reduce((sum, request) => sum + (request.query.sku ?? '').split(',').length, 0);
    assert.equal(requestedTotal, skus.length, 'no SKU re-read twice: the second hover found it fresh');
  });

  it('says a SKU-shaped string is not in the OTO catalogue once the catalogue is read, and only then', async () => {
    assert.equal(hover.notInCatalogue('NOT-IN-CATALOGUE'), false, 'unknown until the catalogue is read');
    await h.store.refresh();
    assert.equal(await hover.get('NOT-IN-CATALOGUE'), undefined, 'no stock for it');
    assert.equal(hover.notInCatalogue('NOT-IN-CATALOGUE'), true);
    assert.equal(hover.notInCatalogue('AJW-DATES-500'), false, 'a catalogue SKU');
    assert.equal(hover.notInCatalogue('function'), false, 'an ordinary word stays silent');
    assert.equal(renderNotInCatalogue('NOT-IN-CATALOGUE'), '**NOT\\-IN\\-CATALOGUE** — Not in the OTO catalogue \\(as last read; refresh the Stock view if it was just added\\)\\.');
    assert.ok(!renderNotInCatalogue('A-*B*').includes('*B*'), 'the string is escaped, not emphasis');
  });

  it('falls back to the cached figures marked stale when the refresh fails', async () => {
    await h.store.refresh();
    skew = 60_000;
    h.sandbox.addFaults([
      { endpoint: 'checkInventoryStock', status: 400, body: '{"success":false,"otoErrorCode":"OTO1002","otoErrorMessage":"Bad request"}' },
      { endpoint: 'checkGlobalStock', status: 400, body: '{"success":false,"otoErrorCode":"OTO1002","otoErrorMessage":"Bad request"}' },
    ]);
    const result = await hover.get('AJW-DATES-500', { maxWaitMs: 5_000 });
    assert.ok(result);
    assert.equal(result.stale, true);
    assert.ok(result.stock.locations.length > 0, 'the cached figures are still shown');
    assert.match(renderSkuHover(result.stock, { stale: true }), /refresh failed/);
  });

  it('a cancelled hover stops waiting at once, and its read stops with no further request', async () => {
    await h.store.refresh();
    skew = 60_000;
    h.sandbox.addFaults([{ endpoint: 'checkInventoryStock', latencyMs: 10_000, times: 1 }]);
    const before = received(h.sandbox).length;
    const controller = new AbortController();
    const pending = hover.get('AJW-DATES-500', { signal: controller.signal });
    await until('the hover’s read at the sandbox', () => faultTaken(h.sandbox, 'checkInventoryStock'));
    const aborted = Date.now();
    controller.abort();
    assert.equal(await pending, undefined);
    // Within half the read's 10 s: it ended with the cancel, with room for a loaded machine.
    assert.ok(Date.now() - aborted < 5_000, `ended ${Date.now() - aborted} ms after the cancel`);
    await until('the store idle', () => !h.store.busy);
    // The cancelled read joins the journal once the sandbox sees its client gone.
    await until('both reads in the journal', () => received(h.sandbox).length - before >= 2);
    assert.deepEqual(received(h.sandbox).slice(before).map((request) => request.endpoint).sort(), ['checkGlobalStock', 'checkInventoryStock'], 'nothing sent after the cancel');
  });

  it('loads the catalogue on the first hover when the Stock view never did', async () => {
    assert.equal(h.store.loaded, false);
    assert.equal(await hover.get('AJW-DATES-500'), undefined, 'nothing until the catalogue is in');
    await new Promise<void>((resolve) => {
      const subscription = h.store.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });
    assert.equal(h.store.loaded, true);
    assert.equal((await hover.get('AJW-DATES-500'))?.stock.sku, 'AJW-DATES-500');
  });
});
