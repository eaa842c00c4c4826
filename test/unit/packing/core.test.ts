// Plain-Node tests of the packing modules that need neither a browser nor the sandbox.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { latestPackingStatus, toDetailsView } from '../../../src/packing/details';
import { contentSecurityPolicy, pageHtml, textDirection } from '../../../src/common/webview/html';
import { mementoKnownStates } from '../../../src/packing/knownStates';
import { parseHostMessage, parsePageMessage, parsePanelState, PAGE_PLURAL_KEYS, PAGE_STRING_KEYS } from '../../../src/packing/protocol';
import { refusal } from '../../../src/packing/queue';
import { readableStatus, withReadableStatuses, wordsOf } from '../../../src/packing/statusWords';
import { warehouseFromArgument } from '../../../src/packing/target';
import { STRINGS } from './pageHarness';
import { arabicBundle, withBundle } from '../l10nBundle';
import { MemoryMemento } from '../fakes/memento';

function exampleResponse(endpoint: string): unknown {
  const file = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'oto-api-examples.json');
  const examples = JSON.parse(fs.readFileSync(file, 'utf8')) as { endpoints: Array<{ url: string; examples: Array<{ status: number | null; responseBody: string }> }> };
  const entry = examples.endpoints.find((candidate) => candidate.url.includes(endpoint));
  const ok = entry?.examples.find((example) => example.status === 200);
  assert.ok(ok, `OTO has a 200 example for ${endpoint}`);
  return JSON.parse(ok.responseBody);
}

describe('packing protocol', () => {
  it('accepts each well-formed page message, exactly', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'showLog' },
      { type: 'getOrderDetails', orderId: 'OID-50919-4346-C-C' },
      { type: 'updatePackingStatus', requestId: 0, orderId: '11022', packingStatus: 'picked', skipPicked: false },
      { type: 'updatePackingStatus', requestId: 12, orderId: '11022', packingStatus: 'packed', skipPicked: true, confirmed: true },
      { type: 'updatePackingStatus', requestId: 13, orderId: '11022', packingStatus: 'packed', skipPicked: false, confirmed: true },
    ]) {
      assert.deepEqual(parsePageMessage(message), message);
    }
  });

  it('rejects page messages that are malformed, unknown or carry extra fields', () => {
    for (const message of [
      null,
      [],
      42,
      { type: 'toString' },
      { type: 'constructor' },
      { type: 'ready', html: '<b>' },
      { type: 'updatePackingStatus', requestId: 1.5, orderId: 'a', packingStatus: 'picked', skipPicked: false },
      { type: 'updatePackingStatus', requestId: 1, orderId: 'x'.repeat(201), packingStatus: 'picked', skipPicked: false },
      { type: 'updatePackingStatus', requestId: 1, orderId: 'a', packingStatus: 'PICKED', skipPicked: false },
      { type: 'updatePackingStatus', requestId: 1, orderId: 'a', packingStatus: 'packed', skipPicked: 'yes', confirmed: true },
      // Packed cannot be undone: only a change the user confirmed is well-formed.
      { type: 'updatePackingStatus', requestId: 1, orderId: 'a', packingStatus: 'packed', skipPicked: false },
      { type: 'updatePackingStatus', requestId: 1, orderId: 'a', packingStatus: 'packed', skipPicked: false, confirmed: false },
      { type: 'updatePackingStatus', requestId: 1, orderId: 'a', packingStatus: 'packed', skipPicked: false, confirmed: 'true' },
      { type: 'updatePackingStatus', requestId: 1, orderId: 'a', packingStatus: 'picked', skipPicked: false, confirmed: true },
      { type: 'getOrderDetails' },
    ]) {
      assert.equal(parsePageMessage(message), undefined, JSON.stringify(message));
    }
  });

  it('checks host messages down to every order, item and string', () => {
    const init = { type: 'init', warehouse: { code: 'WH1', name: 'Riyadh' }, strings: STRINGS, locale: 'ar' };
    assert.deepEqual(parseHostMessage(init), init);
    const missing: Partial<typeof STRINGS> = { ...STRINGS };
    delete missing.markPacked;
    assert.equal(parseHostMessage({ ...init, strings: missing }), undefined);
    assert.equal(parseHostMessage({ ...init, strings: { ...STRINGS, markPacked: 3 } }), undefined);
    assert.equal(PAGE_STRING_KEYS.length + PAGE_PLURAL_KEYS.length, Object.keys(STRINGS).length);
    // A counted message is its plural forms: a plain string, an unknown category or no `other` is refused.
    for (const orderCount of ['{0} orders', { language: 'ar', forms: { other: '{0}', several: '{0}' } }, { language: 'ar', forms: { one: '{0}' } }, { forms: { other: '{0}' } }]) {
      assert.equal(parseHostMessage({ ...init, strings: { ...STRINGS, orderCount } }), undefined, JSON.stringify(orderCount));
    }

    const queue = { type: 'queue', readAt: 1, orders: [{ orderId: '1', state: 'picked', items: [{ sku: 'a', name: 'b', quantity: 2 }] }] };
    assert.deepEqual(parseHostMessage(queue), queue);
    assert.equal(parseHostMessage({ ...queue, orders: [{ orderId: '1', state: 'shipped', items: [] }] }), undefined);
    assert.equal(parseHostMessage({ ...queue, orders: [{ orderId: '1', state: 'ready', items: [{ sku: 'a', name: 'b', quantity: 'two' }] }] }), undefined);
    assert.equal(parseHostMessage({ ...queue, orders: [{ orderId: '1', state: 'ready', items: [{ sku: 'a', name: null, quantity: 1 }] }] }), undefined);

    assert.ok(parseHostMessage({ type: 'statusResult', requestId: 1, orderId: '1', ok: true, state: 'packed' }));
    assert.ok(parseHostMessage({ type: 'statusResult', requestId: 1, orderId: '1', ok: false, error: 'no' }));
    assert.equal(parseHostMessage({ type: 'statusResult', requestId: 1, orderId: '1', ok: true, error: 'no' }), undefined);
    assert.equal(parseHostMessage({ type: 'statusResult', requestId: 1, orderId: '1', ok: false, state: 'packed' }), undefined);
  });

  it('refuses sparse lists and values that make no sense, in host and page messages alike', () => {
    const item = { sku: 'a', name: 'b', quantity: 2 };
    const order = { orderId: '1', state: 'ready', items: [item] };
    const queue = (orders: unknown[]) => ({ type: 'queue', readAt: 1, orders });
    const sparse: unknown[] = [order];
    sparse[2] = order;
    const sparseItems: unknown[] = [];
    sparseItems[1] = item;
    for (const orders of [
      sparse,
      [{ ...order, items: sparseItems }],
      ...[-1, -1e308, 0.5, 0, Number.MAX_SAFE_INTEGER + 2].map((quantity) => [{ ...order, items: [{ ...item, quantity }] }]),
      [{ ...order, items: [{ ...item, sku: '' }] }],
      [{ ...order, items: [{ ...item, sku: '  ' }] }],
      [{ ...order, items: [{ ...item, name: '' }] }],
      [{ ...order, orderId: '   ' }],
    ]) {
      assert.equal(parseHostMessage(queue(orders)), undefined, JSON.stringify(orders));
    }
    assert.ok(parseHostMessage(queue([order, { ...order, orderId: '2', items: [] }])));
    for (const message of [
      { type: 'getOrderDetails', orderId: '   ' },
      { type: 'updatePackingStatus', requestId: 1, orderId: ' \t ', packingStatus: 'picked', skipPicked: false },
      { type: 'updatePackingStatus', requestId: -1, orderId: '1', packingStatus: 'picked', skipPicked: false },
    ]) {
      assert.equal(parsePageMessage(message), undefined, JSON.stringify(message));
    }
    const expanded: unknown[] = [];
    expanded[3] = '1';
    assert.equal(parsePanelState({ warehouse: { code: 'WH1', name: '' }, search: '', expanded }), undefined);
  });

  it('accepts only a well-formed saved panel state', () => {
    const state = { warehouse: { code: 'WH1', name: '' }, search: 'x', expanded: ['1'] };
    assert.deepEqual(parsePanelState(state), state);
    assert.equal(parsePanelState(undefined), undefined);
    assert.equal(parsePanelState({ ...state, warehouse: { code: '', name: '' } }), undefined);
    assert.equal(parsePanelState({ ...state, expanded: [1] }), undefined);
  });
});

describe('packing transitions', () => {
  it('allows ready → picked → packed, and packed from ready only when confirmed', () => {
    assert.equal(refusal('ready', 'picked', false), undefined);
    assert.equal(refusal('picked', 'packed', false), undefined);
    assert.equal(refusal('ready', 'packed', false), 'notPicked');
    assert.equal(refusal('ready', 'packed', true), undefined);
    assert.equal(refusal('picked', 'picked', false), 'alreadyPicked');
    assert.equal(refusal('packed', 'picked', true), 'alreadyPacked');
    assert.equal(refusal('packed', 'packed', true), 'alreadyPacked');
  });
});

describe('packing order details', () => {
  it("reads OTO's own orderDetails example", () => {
    const raw = exampleResponse('orderDetails?orderId=');
    assert.deepEqual(toDetailsView(raw), {
      status: 'shipmentCreated',
      customerCity: 'Madinah',
      packingHistory: [
        { date: '2026-04-07T11:09', status: 'shipped', description: 'Order is shipped  within dispatching unit 193 by picker3' },
        { date: '2026-02-18T12:19:16', status: 'packed', description: 'Order is packed by m.pisgin enter' },
      ],
      trackingUrl: 'https://qa.tryoto.com/otoflex-tracking?enc=dXpMZTVNZCtMQStiOENERS83aVBYdHkwMFVPUDNnT21rM3VFbzRZbVREUGpRb3JZVXdpU1B3PT0=',
      packageWeight: 1,
      packageCount: 1,
      paymentMethod: 'paid',
      amountDue: 0,
      currency: 'SAR',
    });
    assert.equal(latestPackingStatus(raw), 'packed');
  });

  it('reads the delivery slot, the region and figures sent as strings (numeric-codes, through the client)', () => {
    const view = toDetailsView({
      status: 'new', customer: { city: 'Riyadh', region: 'Riyadh' }, deliverySlotDate: '2026-02-19', deliverySlotFrom: '16:00', deliverySlotTo: '20:00',
      packageWeight: '2.5', packageCount: 'two', amountDue: '115', paymentMethod: 'cod',
    });
    assert.deepEqual(view, {
      status: 'new', customerCity: 'Riyadh', packingHistory: [], customerRegion: 'Riyadh', deliverySlotDate: '2026-02-19', deliverySlotFrom: '16:00', deliverySlotTo: '20:00',
      packageWeight: 2.5, amountDue: 115, paymentMethod: 'cod',
    });
    assert.ok(parseHostMessage({ type: 'orderDetails', orderId: 'A', details: view }));
    assert.equal(parseHostMessage({ type: 'orderDetails', orderId: 'A', details: { ...view, packageWeight: '2.5' } }), undefined);
    assert.equal(parseHostMessage({ type: 'orderDetails', orderId: 'A', details: { ...view, trackingUrl: 5 } }), undefined);
  });

  it('survives missing and mistyped fields', () => {
    assert.deepEqual(toDetailsView(null), { status: '', customerCity: '', packingHistory: [] });
    assert.deepEqual(toDetailsView({ status: 3, customer: 'x', destinationCity: 'Jeddah', packingStatusHistory: [{ packingStatus: 'picked' }, 'junk', { date: 5 }] }), {
      status: '',
      customerCity: 'Jeddah',
      packingHistory: [{ date: '', status: 'picked', description: '' }],
    });
    assert.equal(latestPackingStatus({ packingStatusHistory: [{ date: '2026-01-01T10:00:00', packingStatus: 'picked' }, { date: '2026-01-01T09:00:00', packingStatus: 'packed' }] }), 'picked');
    assert.equal(latestPackingStatus({}), undefined);
  });
});

describe('packing statuses in words', () => {
  /** Every translated message marked, to tell the translated words from the split ones. */
  const marked = Object.fromEntries(Object.keys(arabicBundle()).map((message) => [message, `«${message}»`]));
  it('translates the statuses OTO shows most and splits any other value into words', () =>
    withBundle(marked, () => {
      assert.equal(readableStatus('searchingDriver'), '«Searching for a driver»');
      assert.equal(readableStatus('picked'), '«Picked»');
      assert.equal(readableStatus('shipmentCreated'), 'Shipment created');
      assert.equal(readableStatus(''), '');
      assert.equal(wordsOf('ready_for-pickup'), 'Ready for pickup');
      assert.equal(readableStatus('constructor'), 'Constructor', 'no prototype key is taken for a status');
      const raw = exampleResponse('orderDetails?orderId=');
      assert.deepEqual(
        withReadableStatuses(toDetailsView(raw)).packingHistory.map((entry) => entry.status),
        ['«Shipped»', '«Packed»'],
      );
    }));
});

describe('packing page HTML', () => {
  const options = { cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/packing.js', styleUri: 'https://x/packing.css', codiconsUri: 'https://x/codicon.css', language: 'en', title: 'Packing: <Riyadh & "Co">' };

  it('allows only nonce scripts and styles and fonts from the webview source', () => {
    assert.equal(contentSecurityPolicy('https://x.vscode-cdn.net', 'abc123'), "default-src 'none'; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; script-src 'nonce-abc123'");
    const html = pageHtml(options);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src https:\/\/x\.vscode-cdn\.net; font-src https:\/\/x\.vscode-cdn\.net; script-src &#39;nonce-abc123&#39;">/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/packing\.js"><\/script>/);
    assert.match(html, /<title>Packing: &lt;Riyadh &amp; &quot;Co&quot;&gt;<\/title>/);
    assert.doesNotMatch(html, /style=/);
  });

  it('lays Arabic out right to left', () => {
    assert.match(pageHtml({ ...options, language: 'ar' }), /<html lang="ar" dir="rtl">/);
    assert.match(pageHtml(options), /<html lang="en" dir="ltr">/);
    assert.equal(textDirection('ar-sa'), 'rtl');
    assert.equal(textDirection('arn'), 'ltr');
    assert.equal(textDirection('zh-cn'), 'ltr');
  });
});

describe('packing command argument', () => {
  it('takes the warehouse of a Stock-tree location row, and nothing else', () => {
    assert.deepEqual(warehouseFromArgument({ kind: 'location', location: { kind: 'warehouse', code: 'WH1', name: 'Riyadh' } }), { code: 'WH1', name: 'Riyadh' });
    assert.deepEqual(warehouseFromArgument({ kind: 'location', location: { code: 'WH1' } }), { code: 'WH1', name: '' });
    assert.equal(warehouseFromArgument({ kind: 'location', location: { kind: 'branch', code: 'BR1', name: 'Branch' } }), undefined);
    assert.equal(warehouseFromArgument({ kind: 'sku', sku: 'A' }), undefined);
    assert.equal(warehouseFromArgument(undefined), undefined);
    assert.equal(warehouseFromArgument({ kind: 'location', location: { code: '' } }), undefined);
  });
});

describe('packing known states in a Memento', () => {
  it('keeps states per environment and warehouse, drops empty records and junk', async () => {
    const memento = new MemoryMemento();
    const data = memento.values;
    let environment = 'sandbox';
    const states = mementoKnownStates(memento, () => environment, (error) => assert.fail(String(error)));
    states.set('WH1', { '11': 'picked' });
    assert.deepEqual(states.get('WH1'), { '11': 'picked' });
    environment = 'production';
    assert.deepEqual(states.get('WH1'), {});
    environment = 'sandbox';
    states.set('WH1', {});
    assert.deepEqual(data.get('oto.packing.knownStates'), {});
    data.set('oto.packing.knownStates', { 'sandbox\u0000WH1': { '1': 'packed', '2': 'shipped', '3': 7 }, other: 'junk' });
    assert.deepEqual(states.get('WH1'), { '1': 'packed' });
  });
});
