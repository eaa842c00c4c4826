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
      rows[89] = { ...rows[89], reason: 'damaged', note: '<img src=x onerror=alert(1)> pallet' };
      await handle.send({ type: 'history', sku: 'AJW-DATES-500', name: '<b>تمر عجوة</b>', rows, now: [{ locationCode: 'RUH-WH1', onHand: 390 }], readAt: rows[89].time + 3_600_000 });
      await handle.page.waitForSelector('.table tbody tr');
      const shown = await handle.page.evaluate(() => ({
        dir: document.documentElement.dir,
        lines: document.querySelectorAll('path.line').length,
        subtitle: document.querySelector('.subtitle')?.textContent,
        images: document.querySelectorAll('img').length,
        rows: document.querySelectorAll('.table tbody tr').length,
        first: document.querySelector<HTMLElement>('.table tbody tr')?.innerText ?? '',
        yLabelAnchor: document.querySelector('.axis-label')?.getAttribute('text-anchor'),
      }));
      assert.strictEqual(await handle.page.locator('.loading').count(), 0, 'the history took the loading line\'s place');
      assert.strictEqual(shown.dir, language === 'ar' ? 'rtl' : 'ltr');
      assert.strictEqual(shown.lines, 3);
      assert.strictEqual(shown.subtitle, '<b>تمر عجوة</b>');
      assert.strictEqual(shown.images, 0, 'a note is text, never markup');
      assert.strictEqual(shown.rows, 90);
      assert.match(shown.first, new RegExp(`${language === 'ar' ? 'تالف' : 'Damaged'} · <img src=x onerror=alert\\(1\\)> pallet`));
      assert.strictEqual(shown.yLabelAnchor, language === 'ar' ? 'start' : 'end', 'the value axis stands on the right in Arabic');
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
