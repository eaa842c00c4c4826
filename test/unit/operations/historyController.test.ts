// The history page's controller in plain Node: what the page is sent for each of its messages,
// and that an answer overtaken by a newer read (another SKU, a refresh) is never drawn.
import * as assert from 'node:assert/strict';
import { HistoryController, type SkuHistory } from '../../../src/operations/history/controller';
import { parseHistoryHostMessage, type HistoryHostMessage, type HistoryRow } from '../../../src/operations/history/protocol';
import { historyStrings } from '../../../src/operations/history/strings';
import { OtoError } from '../../../src/client';

const AT = Date.UTC(2026, 11, 7, 9);
const row = (qty: number, note?: string): HistoryRow => ({ time: AT, source: 'single', action: 'adjust', locationCode: 'RUH-WH1', qty, before: 91, after: 91 + qty, ...(note ? { note } : {}) });

function controller(read: (sku: string) => Promise<SkuHistory>, sku = 'AJW-DATES-500') {
  const posted: HistoryHostMessage[] = [];
  const warned: string[] = [];
  const saved: Array<{ sku: string; rows: HistoryRow[] }> = [];
  const c = new HistoryController({
    post: (message) => posted.push(message),
    strings: historyStrings,
    locale: 'en',
    read,
    saveCsv: async (shown, rows) => void saved.push({ sku: shown, rows }),
    warn: (text) => warned.push(text),
    now: () => AT,
  }, sku);
  return { c, posted, warned, saved };
}

describe('history controller', () => {
  it('answers ready with the strings, then the history, each a message the page accepts', async () => {
    const { c, posted } = controller(async () => ({ name: 'Ajwa dates', rows: [row(5)], now: [{ locationCode: 'RUH-WH1', onHand: 96 }] }));
    await c.receive({ type: 'ready' });
    assert.deepEqual(posted.map((message) => message.type), ['init', 'history']);
    for (const message of posted) {
      assert.ok(parseHistoryHostMessage(JSON.parse(JSON.stringify(message))), message.type);
    }
    assert.deepEqual(posted[1], { type: 'history', sku: 'AJW-DATES-500', name: 'Ajwa dates', rows: [row(5)], now: [{ locationCode: 'RUH-WH1', onHand: 96 }], readAt: AT });
  });

  it('draws only the newest read: a slow answer for the SKU shown before is dropped', async () => {
    let release: (history: SkuHistory) => void = () => undefined;
    const slow = new Promise<SkuHistory>((resolve) => (release = resolve));
    const { c, posted } = controller((sku) => (sku === 'AJW-DATES-500' ? slow : Promise.resolve({ name: 'Sidr honey', rows: [row(-2)], now: [] })));
    const first = c.receive({ type: 'refresh' });
    await c.show('HNY-SIDR-500');
    release({ name: 'Ajwa dates', rows: [row(5)], now: [] });
    await first;
    assert.deepEqual(posted.map((message) => message.type === 'history' && message.sku), ['HNY-SIDR-500']);
    assert.equal(c.sku, 'HNY-SIDR-500');
  });

  it('says why a read failed in the common words, and exports what the page\'s filter keeps', async () => {
    let fail = true;
    const { c, posted, saved } = controller(async () => {
      if (fail) {
        throw new OtoError({ kind: 'api', code: 'OTO1133', message: 'Location Code is missing or invalid', status: 400 });
      }
      return { name: '', rows: [row(5, 'recount'), row(-1)], now: [] };
    });
    await c.receive({ type: 'refresh' });
    assert.deepEqual(posted.at(-1), { type: 'error', message: 'Could not read the history of AJW-DATES-500: OTO1133 Location Code is missing or invalid' });
    fail = false;
    await c.receive({ type: 'refresh' });
    await c.receive({ type: 'exportCsv', filter: { text: 'recount', source: '', locationCode: '' } });
    assert.deepEqual(saved, [{ sku: 'AJW-DATES-500', rows: [row(5, 'recount')] }]);
  });

  it('drops a malformed message with a word in the log, and posts nothing once closed', async () => {
    const { c, posted, warned } = controller(async () => ({ name: '', rows: [], now: [] }));
    await c.receive({ type: 'exportCsv', filter: { text: 'x' } });
    await c.receive('ready');
    assert.deepEqual(warned, ['History: dropped a malformed message of type "exportCsv" from the page', 'History: dropped a malformed message of kind string from the page']);
    c.dispose();
    await c.receive({ type: 'ready' });
    assert.deepEqual(posted, []);
  });
});
