// The stock history page in headless Chromium, as VS Code would load it (the real HTML shell
// and CSP): the chart and entries, text kept as text, bad messages dropped, right to left in
// Arabic with the Arabic bundle's strings, and the export request it posts.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeHistory } from '../../../bench/history.bench';
import { historyStrings } from '../../../src/operations/history/strings';
import { arabicBundle, withBundle } from '../l10nBundle';
import { launchBrowser, openPackingPage, type Browser } from '../packing/pageHarness';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('stock history page (Chromium)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser.close());

  for (const language of ['en', 'ar'] as const) {
    it(`draws a line per location and lists the entries as text (${language})`, async () => {
      const handle = await openPackingPage(browser, { bundle: 'history', language });
      await handle.page.setViewportSize({ width: 900, height: 640 });
      const strings = withBundle(language === 'ar' ? arabicBundle() : {}, () => historyStrings());
      await handle.send({ type: 'init', strings, locale: language });
      // While the host reads the ledger, the page says so (a status, for screen readers too).
      assert.strictEqual(await handle.page.innerText('[role="status"].loading'), strings.loading);
      assert.strictEqual(await handle.page.getAttribute('#app', 'aria-busy'), 'true');
      await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: '<b>تمر عجوة</b>', rows: [], now: [], readAt: 0, extra: true });
      const rows = makeHistory(90, Date.UTC(2026, 10, 20));
      rows[89] = { ...rows[89], action: 'adjust', qty: -9, reason: 'damaged', note: '<img src=x onerror=alert(1)> pallet' };
      // An observed difference carries no quantity.
      rows[88] = { time: rows[88].time, locationCode: rows[88].locationCode, source: 'outside', action: 'observed', before: 1250, after: 1245 };
      // Our change whose answer was lost, found applied by a later read: no transaction id, and the cell says why.
      rows[87] = { time: rows[87].time, locationCode: rows[87].locationCode, source: 'single', action: 'adjust', qty: 2, before: 1248, after: 1250, answer: 'lost' };
      await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: '<b>تمر عجوة</b>', rows, now: [{ locationCode: 'RUH-WH1', onHand: 390 }], readAt: rows[89].time + 3_600_000 });
      await handle.page.waitForSelector('.table tbody tr');
      const shown = await handle.page.evaluate(() => ({
        dir: document.documentElement.dir,
        lines: document.querySelectorAll('path.line').length,
        subtitle: document.querySelector('.subtitle')?.textContent,
        images: document.querySelectorAll('img').length,
        rows: document.querySelectorAll('.table tbody tr').length,
        first: document.querySelector<HTMLElement>('.table tbody tr')?.innerText ?? '',
        // Without the marks Intl puts around a figure in Arabic (they stay on the page).
        changes: Array.from(document.querySelectorAll<HTMLTableRowElement>('.table tbody tr')).slice(0, 2).map((row) => [row.cells[3].innerText, row.cells[4].innerText].map((text) => text.replace(/[\u200e\u200f\u061c]/g, ''))),
        headers: Array.from(document.querySelectorAll('.table th')).map((th) => th.getAttribute('scope')),
        transactions: Array.from(document.querySelectorAll<HTMLTableRowElement>('.table tbody tr')).slice(1, 3).map((row) => row.cells[6].innerText),
      }));
      // Where each character of an element's text is drawn, left to right on the screen.
      const charLefts = (selector: string): Promise<number[]> =>
        handle.page.evaluate((found) => {
          const text = document.querySelector(found)?.firstChild as Text;
          return [...(text.textContent ?? '')].map((_, index) => {
            const range = document.createRange();
            range.setStart(text, index);
            range.setEnd(text, index + 1);
            return range.getBoundingClientRect().left;
          });
        }, selector);
      const increasing = (lefts: number[]): boolean => lefts.every((left, index) => index === 0 || left > lefts[index - 1]);
      assert.strictEqual(await handle.page.locator('.loading').count(), 0, 'the history took the loading line\'s place');
      assert.strictEqual(shown.dir, language === 'ar' ? 'rtl' : 'ltr');
      assert.strictEqual(shown.lines, 3);
      assert.strictEqual(shown.subtitle, '<b>تمر عجوة</b>');
      assert.strictEqual(shown.images, 0, 'a note is text, never markup');
      assert.strictEqual(shown.rows, 90);
      assert.deepStrictEqual(shown.transactions, ['', strings.answerLost], 'an observed difference has no transaction; a lost answer says why it has none');
      assert.match(shown.first, new RegExp(`${language === 'ar' ? 'تالف' : 'Damaged'} · <img src=x onerror=alert\\(1\\)> pallet`));
      // The action in the page's language, figures in the locale's format.
      assert.deepStrictEqual(shown.changes, language === 'ar'
        ? [['تعديل -9', shown.changes[0][1]], ['رُصد عند التحديث', '1,250 ← 1,245']]
        : [['adjust -9', shown.changes[0][1]], ['observed', '1,250 → 1,245']]);
      assert.deepStrictEqual(new Set(shown.headers), new Set(['col']), 'each column header is one for a screen reader');
      // A note and a product name read in their own direction: in the Arabic page a Latin note is
      // not turned inside out ("img src=x onerror=alert(1)>< pallet").
      const note = await charLefts('.table tbody tr .note');
      // "<img" and "onerror=alert(1)>", each on one line (the narrow cell wraps between words).
      assert.ok(increasing(note.slice(0, 4)) && increasing(note.slice(11, 28)), `the note reads left to right: ${note.join(', ')}`);
      const figure = await charLefts('.table tbody tr .figure');
      assert.ok(figure[figure.length - 1] > figure[figure.length - 2], `"-9", its sign on the left: ${figure.join(', ')}`);
      // Before, then after, the way the page reads: in Arabic the before figure is on the right.
      const [beforeAt, afterAt] = await handle.page.evaluate(() => {
        const cell = document.querySelectorAll<HTMLTableRowElement>('.table tbody tr')[1].cells[4];
        const text = cell.firstChild as Text;
        const at = (index: number): number => {
          const range = document.createRange();
          range.setStart(text, index);
          range.setEnd(text, index + 1);
          return range.getBoundingClientRect().left;
        };
        return [at(0), at(text.length - 1)];
      });
      assert.ok(language === 'ar' ? beforeAt > afterAt : beforeAt < afterAt, `before at ${beforeAt}, after at ${afterAt}`);
      const name = await charLefts('.subtitle');
      assert.ok(increasing(name.slice(0, 3)) && increasing(name.slice(-4)) && name[0] < name[name.length - 4], `"<b>" then "</b>", in order: ${name.join(', ')}`);
      // On the title's side of the header: next to it, not across the page by the Refresh button.
      const gap = await handle.page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('.subtitle') as Element);
        const name = range.getBoundingClientRect();
        const title = (document.querySelector('.title') as Element).getBoundingClientRect();
        return document.documentElement.dir === 'rtl' ? title.left - name.right : name.left - title.right;
      });
      assert.ok(gap >= 0 && gap < 40, `the name ${gap} px from the title`);
      // The value axis stands beside the plot (on the right in Arabic), never over its lines.
      const axis = await handle.page.evaluate(() => {
        const grid = (document.querySelector('line.grid') as SVGLineElement).getBoundingClientRect();
        return { left: grid.left, right: grid.right, labels: Array.from(document.querySelectorAll('.value-label')).map((label) => { const box = label.getBoundingClientRect(); return [box.left, box.right]; }) };
      });
      assert.ok(axis.labels.length > 2);
      for (const [left, right] of axis.labels) {
        assert.ok(language === 'ar' ? left >= axis.right : right <= axis.left, `a value label (${left}–${right}) clear of the plot (${axis.left}–${axis.right})`);
      }
      if (language === 'ar') {
        assert.match(await handle.page.innerText('.title'), /^سجل مخزون AJW-DATES-500$/);
        // 11–99 entries take the singular accusative in Arabic.
        assert.match(await handle.page.innerText('.tools .count'), /^(90|٩٠) قيدًا$/);
      } else {
        assert.strictEqual(await handle.page.innerText('.tools .count'), '90 entries');
      }
      fs.mkdirSync(path.join(ROOT, 'test-output', 'screenshots'), { recursive: true });
      await handle.page.screenshot({ path: path.join(ROOT, 'test-output', 'screenshots', `history-page-${language}.png`) });

      await handle.page.fill('.search', 'pallet');
      await handle.page.waitForFunction(() => document.querySelectorAll('.table tbody tr').length === 1);
      assert.strictEqual(await handle.page.innerText('.tools .count'), language === 'ar' ? 'قيد واحد' : '1 entry');
      await handle.page.fill('.search', 'no such entry');
      await handle.page.waitForFunction(() => document.querySelectorAll('.table tbody tr').length === 0);
      assert.strictEqual(await handle.page.innerText('.tools .count'), language === 'ar' ? 'لا قيود' : '0 entries');
      await handle.page.fill('.search', 'pallet');
      await handle.page.waitForFunction(() => document.querySelectorAll('.table tbody tr').length === 1);
      const before = (await handle.posted()).length;
      await handle.page.click('.tools .button');
      assert.deepStrictEqual(await handle.waitForPosted((message) => (message as { type: string }).type === 'exportCsv', before), { type: 'exportCsv', filter: { text: 'pallet', source: '', locationCode: '' } });
      assert.deepStrictEqual(await handle.problems(), []);
      await handle.page.close();
    });
  }
  it('says what an empty history or one of inventory orders only has, without an empty table or a false "nothing recorded"', async () => {
    const handle = await openPackingPage(browser, { bundle: 'history' });
    const strings = historyStrings();
    await handle.send({ type: 'init', strings, locale: 'en' });
    await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: '', rows: [], now: [], readAt: 0 });
    await handle.page.waitForSelector('.chart .empty');
    assert.strictEqual(await handle.page.innerText('.chart .empty'), strings.noHistory);
    assert.strictEqual(await handle.page.locator('.table, .tools').count(), 0, 'no table, filter or export of nothing');
    const order = { time: Date.UTC(2026, 10, 20), source: 'order' as const, action: 'inbound', locationCode: 'RUH-WH1', qty: 4, transactionId: 'INV-1' };
    await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: '', rows: [order], now: [{ locationCode: 'RUH-WH1', onHand: 88 }], readAt: order.time + 60_000 });
    await handle.page.waitForSelector('.table tbody tr');
    assert.strictEqual(await handle.page.innerText('.chart .empty'), strings.noOnHandChanges);
    assert.deepStrictEqual(await handle.page.locator('.table tbody tr').count(), 1);
    assert.match(await handle.page.innerText('.table tbody tr'), /inbound\s+4/);
    assert.deepStrictEqual(await handle.problems(), []);
    await handle.page.close();
  });
  for (const language of ['en', 'ar'] as const) {
    it(`keeps every column of the entries within reach in a narrow panel, the page itself not widened (${language})`, async () => {
      const handle = await openPackingPage(browser, { bundle: 'history', language });
      await handle.page.setViewportSize({ width: 620, height: 640 });
      await handle.send({ type: 'init', strings: withBundle(language === 'ar' ? arabicBundle() : {}, () => historyStrings()), locale: language });
      const rows = makeHistory(20, Date.UTC(2026, 10, 20)).map((row) => ({ ...row, reason: 'cycle-count' as const, note: 'Counted at the end of the night shift', transactionId: 'TX-20261120-000123' }));
      await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: 'Ajwa Dates 500 g', rows, now: [], readAt: rows[19].time });
      await handle.page.waitForSelector('.table tbody tr');
      const layout = await handle.page.evaluate(() => {
        const holder = document.querySelector('.table-holder') as HTMLElement;
        return { page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth, holder: holder.clientWidth, table: (document.querySelector('.table') as HTMLElement).scrollWidth };
      });
      assert.ok(layout.page <= layout.view, `the page is not wider than the panel: ${JSON.stringify(layout)}`);
      // The last column is reached by scrolling the table's own box.
      const last = handle.page.locator('.table thead th').last();
      await last.scrollIntoViewIfNeeded();
      assert.ok(await last.isVisible());
      const box = await last.evaluate((th) => { const rect = th.getBoundingClientRect(); return [rect.left, rect.right]; });
      assert.ok(box[0] >= 0 && box[1] <= layout.view + 1, `the Transaction column scrolled into view: ${box.join('–')} of ${layout.view}`);
      assert.deepStrictEqual(await handle.problems(), []);
      await handle.page.close();
    });
  }
  for (const language of ['en', 'ar'] as const) {
    it(`keeps the time labels at the ends of the axis inside the chart (${language})`, async () => {
      const handle = await openPackingPage(browser, { bundle: 'history', language });
      await handle.page.setViewportSize({ width: 700, height: 640 });
      await handle.send({ type: 'init', strings: withBundle(language === 'ar' ? arabicBundle() : {}, () => historyStrings()), locale: language });
      // Seconds long: its axis runs from one whole minute to the next, a label at each end.
      const time = Date.UTC(2026, 10, 20, 9, 0, 5);
      const rows = [{ time, source: 'outside' as const, action: 'observed', locationCode: 'RUH-WH1', before: 91, after: 94 }];
      await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: '', rows, now: [{ locationCode: 'RUH-WH1', onHand: 94 }], readAt: time + 30_000 });
      await handle.page.waitForSelector('.time-label');
      const shown = await handle.page.evaluate(() => {
        const chart = (document.querySelector('.chart') as HTMLElement).getBoundingClientRect();
        return { chart: [chart.left, chart.right], labels: Array.from(document.querySelectorAll('.time-label'), (label) => { const box = label.getBoundingClientRect(); return [box.left, box.right]; }) };
      });
      assert.strictEqual(shown.labels.length, 2, JSON.stringify(shown));
      for (const [left, right] of shown.labels) {
        assert.ok(left >= shown.chart[0] - 0.5 && right <= shown.chart[1] + 0.5, `a time label (${left}–${right}) inside the chart (${shown.chart.join('–')})`);
      }
      assert.deepStrictEqual(await handle.problems(), []);
      await handle.page.close();
    });
  }
  it('names the button that shows the entries past the first 200, and shows them', async () => {
    const handle = await openPackingPage(browser, { bundle: 'history' });
    await handle.send({ type: 'init', strings: historyStrings(), locale: 'en' });
    const rows = makeHistory(1450, Date.UTC(2026, 10, 20));
    await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: '', rows, now: [], readAt: rows[1449].time });
    const more = handle.page.locator('.table-holder .button.more');
    await more.waitFor();
    assert.strictEqual(await more.innerText(), 'Show more (1,250 not shown)', 'a screen reader hears what the button does, not "+1250"');
    await more.click();
    await handle.page.waitForFunction(() => document.querySelectorAll('.table tbody tr').length === 400);
    assert.strictEqual(await more.innerText(), 'Show more (1,050 not shown)');
    assert.deepStrictEqual(await handle.problems(), []);
    await handle.page.close();
  });
  it('keeps the axis labels at the page\'s font size when the chart, first drawn at half width, is widened', async () => {
    const handle = await openPackingPage(browser, { bundle: 'history' });
    await handle.page.setViewportSize({ width: 460, height: 640 });
    await handle.send({ type: 'init', strings: historyStrings(), locale: 'en' });
    const rows = makeHistory(300, Date.UTC(2026, 10, 20));
    await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: '', rows, now: [], readAt: rows[299].time });
    await handle.page.waitForSelector('.axis-label');
    const measure = (): Promise<{ slot: number; drawn: number; labelPx: number; fontPx: number; labels: number }> =>
      handle.page.evaluate(() => {
        const label = document.querySelector('.axis-label') as SVGTextElement;
        return {
          slot: (document.querySelector('.chart') as HTMLElement).clientWidth,
          drawn: (document.querySelector('.chart-svg') as SVGSVGElement).getBoundingClientRect().width,
          labelPx: label.getBoundingClientRect().height,
          fontPx: parseFloat(getComputedStyle(document.body).fontSize),
          labels: document.querySelectorAll('.axis-label').length,
        };
      });
    const half = await measure();
    await handle.page.setViewportSize({ width: 1280, height: 640 });
    await handle.page.waitForFunction((slot) => Math.round((document.querySelector('.chart-svg') as SVGSVGElement).getBoundingClientRect().width) !== slot, Math.round(half.drawn));
    const wide = await measure();
    assert.ok(wide.slot > 2 * half.slot, `the slot widened (${half.slot} → ${wide.slot})`);
    assert.strictEqual(Math.round(half.drawn), half.slot, 'drawn at the slot\'s width, not stretched');
    assert.strictEqual(Math.round(wide.drawn), wide.slot, 'redrawn at the new width, not stretched');
    assert.ok(Math.abs(wide.labelPx - half.labelPx) < 1, `labels ${half.labelPx.toFixed(1)} px high, then ${wide.labelPx.toFixed(1)} px`);
    assert.ok(half.labelPx < 2 * half.fontPx, `labels about the page's font size (${half.fontPx} px), not scaled (${half.labelPx.toFixed(1)} px)`);
    assert.ok(wide.labels > half.labels, 'the wider chart has room for more time labels instead');
    fs.mkdirSync(path.join(ROOT, 'test-output', 'screenshots'), { recursive: true });
    await handle.page.screenshot({ path: path.join(ROOT, 'test-output', 'screenshots', 'history-page-widened.png') });
    assert.deepStrictEqual(await handle.problems(), []);
    await handle.page.close();
  });
});
