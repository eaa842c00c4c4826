// The inventory-order wizard through the scripted prompter against the sandbox over real HTTP.
import * as assert from 'node:assert';
import { createInventoryOrder } from '../../../src/orders/inventory/inventoryOrder';
import { Answer, back, confirm, escape, pick, pickRefused, pickTyped, rejected, respond, type, typedRefused } from '../stockChange/scripted';
import { closeAfterEach, Fixture, setup, stockedSku } from './fixture';
import { settled } from '../fakes/journal';

const RUH = 'RUH-WH1';
const RUH_LABEL = 'Riyadh Central Warehouse';
const ADD = '$(add) Add another item';
const DONE = '$(check) Done';
const REVIEW = '$(arrow-right) Continue to review';
const SUBMIT = '$(check) Create the order';

function twoSkus(fixture: Fixture): [string, string, string] {
  const skus = [...fixture.store.skus()].map((figures) => figures.sku);
  return [skus[0], skus[1], skus[2]];
}

/** Inbound into Riyadh with one item, up to the optional details. */
function inboundOne(sku: string): Answer[] {
  return [pick('Inbound'), pick(RUH_LABEL), pick(sku), type('5'), pick(DONE)];
}

function sentOrders(fixture: Fixture): Array<Record<string, unknown>> {
  return fixture.sent('createInventoryOrder').map((request) => request.body as Record<string, unknown>);
}

describe('orders: create inventory order', () => {
  let fixture: Fixture;
  closeAfterEach(() => fixture);

  it('walks action → location → items (add, change, remove) → details → review, and submits once', async () => {
    fixture = await setup();
    const [a, b, c] = twoSkus(fixture);
    fixture.prompter.play(
      pick('Inbound'),
      pick(RUH_LABEL),
      pick(a),
      type('10'),
      pick(ADD),
      pick(b),
      type('3'),
      pick(`${a} × 10`),
      pick('Change quantity'),
      type('12'),
      pick(`${b} × 3`),
      pick(`Remove ${b} from the order`),
      pick(ADD),
      pick(c),
      rejected('0', /at least 1/),
      rejected('-2', /at least 1/),
      rejected('four', /not a whole number/),
      type('4'),
      pick(DONE),
      pick('Bin location name'),
      type('A-01'),
      pick('Delivery date'),
      pick('Type a date…'),
      rejected('31/02/2026', /31\/02\/2026 is not a real date/),
      rejected('2026-12-01', /DD\/MM\/YYYY/),
      type('1/12/2026'),
      pick('Waybill number'),
      type('WB-1'),
      pick(REVIEW),
      pick(SUBMIT),
      respond('Copy order JSON'),
    );
    await createInventoryOrder(fixture.ctx, {});
    assert.strictEqual(fixture.prompter.remaining.length, 0);

    const expected = {
      action: 'inbound',
      locationCode: RUH,
      items: [
        { sku: a, qty: 12 },
        { sku: c, qty: 4 },
      ],
      orderDate: '27/11/2026',
      binLocationName: 'A-01',
      deliveryDate: '01/12/2026',
      waybillNumber: 'WB-1',
    };
    const [sent] = sentOrders(fixture);
    assert.strictEqual(sentOrders(fixture).length, 1);
    assert.deepStrictEqual(
      { ...sent, items: (sent.items as Array<{ sku: string; qty: unknown }>).map((item) => ({ sku: item.sku, qty: Number(item.qty) })) },
      expected,
    );
    assert.deepStrictEqual(JSON.parse(fixture.copied[0]), expected);

    const picks = fixture.prompter.picks();
    assert.deepStrictEqual([picks[0].request.step, picks[0].request.totalSteps], [1, 5]);
    assert.deepStrictEqual([picks[1].request.step, picks[1].request.totalSteps], [2, 5]);
    const hubs = picks.filter((shown) => shown.labels.includes(ADD));
    assert.ok(hubs.every((shown) => shown.request.step === 3 && shown.request.canGoBack));
    assert.ok(!picks[4].labels.includes(a), 'a SKU already in the order is not offered again');
    const review = picks.at(-1) as (typeof picks)[number];
    assert.deepStrictEqual([review.request.step, review.request.totalSteps], [5, 5]);
    assert.deepStrictEqual(review.labels, [SUBMIT, `Inbound order at ${RUH_LABEL} (${RUH})`, `${a} × 12`, `${c} × 4`, 'Bin location name', 'Order date', 'Delivery date', 'Waybill number']);

    const [done] = fixture.prompter.messages();
    assert.strictEqual(done.level, 'info');
    const [record] = fixture.ctx.recent.list();
    assert.ok(record.type === 'order');
    assert.match(done.text, new RegExp(`^Created inventory order ${record.otoId} \\(Inbound\\) at ${RUH_LABEL} \\(${RUH}\\) with 2 items\\.$`));
    assert.deepStrictEqual(record.items, expected.items);
  });

  it('goes back out of the items loop to the location and keeps the items', async () => {
    fixture = await setup();
    const [a, b] = twoSkus(fixture);
    fixture.prompter.play(
      pick('Outbound'),
      pick(RUH_LABEL),
      back,
      pick(RUH_LABEL),
      pick(a),
      back,
      pick(a),
      type('2'),
      back,
      pick('Jeddah Port Warehouse'),
      pick(ADD),
      pick(b),
      back,
      back,
      escape,
    );
    await createInventoryOrder(fixture.ctx, {});
    assert.strictEqual(fixture.prompter.remaining.length, 0);
    const picks = fixture.prompter.picks();
    assert.deepStrictEqual(
      picks.map((shown) => shown.request.step),
      [1, 2, 3, 2, 3, 3, 3, 2, 3, 3, 3, 3],
    );
    const skuAgain = picks[5].request;
    assert.strictEqual(skuAgain.items[skuAgain.activeIndex ?? -1]?.label, a, 'the SKU pick keeps the earlier choice');
    const locationAgain = picks[7].request;
    assert.strictEqual(locationAgain.items[locationAgain.activeIndex ?? -1]?.label, RUH_LABEL);
    assert.deepStrictEqual(picks[8].labels.slice(0, 1), [`${a} × 2`], 'the item list survived going back to the location');
    assert.match(picks[8].request.placeholder, /Jeddah Port Warehouse/);
    assert.deepStrictEqual(picks[11].labels.slice(0, 1), [`${a} × 2`], 'Back from the SKU pick returns to the item list');
    assert.strictEqual(sentOrders(fixture).length, 0);
  });

  it('starts with the quantity of the SKU row it was invoked on', async () => {
    fixture = await setup();
    const { sku, onHand } = stockedSku(fixture, RUH);
    fixture.prompter.play(pick('Outbound'), type('1'), pick(DONE), pick(REVIEW), pick(SUBMIT));
    await createInventoryOrder(fixture.ctx, { sku, locationCode: RUH });
    const [action, hub] = fixture.prompter.picks();
    assert.deepStrictEqual([action.request.step, action.request.totalSteps], [1, 4]);
    assert.deepStrictEqual(hub.labels[0], `${sku} × 1`);
    assert.match(fixture.prompter.inputs()[0].prompts[0], new RegExp(`How many of ${sku} to dispose of from ${RUH_LABEL}\\? \\(${onHand} on hand\\)$`));
    const [sent] = sentOrders(fixture);
    assert.deepStrictEqual([sent.action, sent.locationCode], ['outbound', RUH]);
  });

  it('skips the location from a location row', async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    fixture.prompter.play(pick('Inbound'), pick(a), type('5'), pick(DONE), pick(REVIEW), pick(SUBMIT));
    await createInventoryOrder(fixture.ctx, { locationCode: 'DMM-WH1' });
    const [, skus] = fixture.prompter.picks();
    assert.deepStrictEqual([skus.request.step, skus.request.totalSteps], [2, 4]);
    assert.strictEqual(sentOrders(fixture)[0].locationCode, 'DMM-WH1');
  });

  it('takes dates as today, tomorrow or typed, and can leave them out', async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    fixture.prompter.play(
      ...inboundOne(a),
      pick('Order date'),
      pick('No order date'),
      pick('Delivery date'),
      pick('Tomorrow'),
      pick(REVIEW),
      pick('Delivery date'),
      pick('Delivery date'),
      pick('Type a date…'),
      type('today'),
      pick(REVIEW),
      pick(SUBMIT),
    );
    await createInventoryOrder(fixture.ctx, {});
    const [sent] = sentOrders(fixture);
    assert.strictEqual(sent.orderDate, undefined);
    assert.strictEqual(sent.deliveryDate, '27/11/2026');
    const tomorrowShown = fixture.prompter.picks().find((shown) => shown.labels.includes('Tomorrow'));
    assert.strictEqual(tomorrowShown?.request.items.find((item) => item.label === 'Tomorrow')?.description, 'Nov 28, 2026', 'the display language’s format, not OTO’s');
  });

  it('takes a date typed straight into the date pick, in any digits, shown in the display format', async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    fixture.prompter.play(
      ...inboundOne(a),
      pick('Delivery date'),
      typedRefused('15/12', /DD\/MM\/YYYY/),
      typedRefused('31/02/2026', /not a real date/),
      pickTyped('15/12/2026'),
      pick('Order date'),
      pickTyped('١/١٢/٢٠٢٦'),
      pick(REVIEW),
      pick(SUBMIT),
    );
    await createInventoryOrder(fixture.ctx, {});
    assert.deepStrictEqual(fixture.prompter.errors, []);
    const [sent] = sentOrders(fixture);
    assert.strictEqual(sent.deliveryDate, '15/12/2026');
    assert.strictEqual(sent.orderDate, '01/12/2026');
    const review = fixture.prompter.picks().at(-1);
    assert.deepStrictEqual(review?.request.items.filter((item) => /date/.test(item.label)).map((item) => `${item.label}: ${item.description}`), ['Order date: Dec 1, 2026', 'Delivery date: Dec 15, 2026']);
    assert.strictEqual(review?.request.items[0].description, '1 item, 5 units', 'a real singular, not "1 item(s)"');
    const datePick = fixture.prompter.picks().find((shown) => shown.labels.includes('Type a date…'));
    assert.strictEqual((datePick?.request.typed?.('15/12/2026') as { item: { label: string } }).item.label, '$(calendar) Dec 15, 2026');
  });

  it('refuses a delivery date before the order date, and an order date after the delivery date, staying on the step', async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    fixture.prompter.play(
      ...inboundOne(a),
      pick('Order date'),
      pick('Tomorrow'),
      pick('Delivery date'),
      pickRefused('Today', /The delivery date \(Nov 27, 2026\) cannot be before the order date \(Nov 28, 2026\)\./),
      typedRefused('20/11/2026', /cannot be before the order date/),
      pick('Type a date…'),
      rejected('26/11/2026', /cannot be before the order date/),
      type('28/11/2026'),
      pick('Order date'),
      typedRefused('1/12/2026', /The order date \(Dec 1, 2026\) cannot be after the delivery date \(Nov 28, 2026\)\./),
      pick('No order date'),
      pick(REVIEW),
      pick(SUBMIT),
    );
    await createInventoryOrder(fixture.ctx, {});
    assert.deepStrictEqual(fixture.prompter.errors, []);
    const [sent] = sentOrders(fixture);
    assert.strictEqual(sent.deliveryDate, '28/11/2026');
    assert.strictEqual(sent.orderDate, undefined);
  });

  it('returns from the review to the items or the details and back to the review', async () => {
    fixture = await setup();
    const [a, b] = twoSkus(fixture);
    fixture.prompter.play(
      ...inboundOne(a),
      pick(REVIEW),
      pick(`${a} × 5`),
      pick(ADD),
      pick(b),
      type('1'),
      pick(DONE),
      pick(REVIEW),
      pick('Order date'),
      pick('Order date'),
      pick('Tomorrow'),
      pick(REVIEW),
      pick(SUBMIT),
    );
    await createInventoryOrder(fixture.ctx, {});
    const [sent] = sentOrders(fixture);
    assert.deepStrictEqual((sent.items as Array<{ sku: string }>).map((item) => item.sku), [a, b]);
    assert.strictEqual(sent.orderDate, '28/11/2026');
  });

  it('cancels with Escape at every step and sends nothing', async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    const path = [...inboundOne(a), pick('Order date'), pick('Today'), pick(REVIEW)];
    for (let stop = 0; stop <= path.length; stop++) {
      fixture.prompter.play(...path.slice(0, stop), escape);
      await createInventoryOrder(fixture.ctx, {});
      assert.strictEqual(fixture.prompter.remaining.length, 0);
    }
    assert.strictEqual(sentOrders(fixture).length, 0);
    assert.strictEqual(fixture.prompter.messages().length, 0);
  });

  it('asks before an order of more than oto.confirmAboveUnits units', async () => {
    fixture = await setup({ confirmAboveUnits: 5 });
    const [a] = twoSkus(fixture);
    fixture.prompter.play(...inboundOne(a), pick(REVIEW), pick(SUBMIT));
    await createInventoryOrder(fixture.ctx, {});
    assert.strictEqual(fixture.prompter.confirms().length, 0, 'five units are not more than five');
    fixture.prompter.play(pick('Inbound'), pick(RUH_LABEL), pick(a), type('6'), pick(DONE), pick(REVIEW), pick(SUBMIT), confirm(false));
    await createInventoryOrder(fixture.ctx, {});
    assert.match(fixture.prompter.confirms()[0].request.message, new RegExp(`^Create an inventory order of 6 units at ${RUH_LABEL} \\(${RUH}\\)\\?$`));
    assert.strictEqual(sentOrders(fixture).length, 1);
  });

  it("shows OTO's error code and message, offers the JSON and the log, and records nothing", async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    fixture.prompter.play(...inboundOne(a), pick('Bin location name'), type('Z-99'), pick(REVIEW), pick(SUBMIT), respond('Copy order JSON'));
    await createInventoryOrder(fixture.ctx, {});
    const [failure] = fixture.prompter.messages();
    assert.strictEqual(failure.level, 'error');
    assert.match(failure.text, /^The order was not created: OTO1137 /);
    assert.deepStrictEqual(failure.actions, ['Copy order JSON', 'Show log']);
    assert.strictEqual(JSON.parse(fixture.copied[0]).binLocationName, 'Z-99');
    assert.strictEqual(fixture.ctx.recent.list().length, 0);
  });

  it("shows OTO's warnings with the result", async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    const warning = 'deliveryDate is in an invalid format, order inserted without order date. Please provide dates as DD/MM/YYYY';
    fixture.sandbox.addFaults([{ endpoint: 'createInventoryOrder', times: 1, status: 200, body: JSON.stringify({ success: true, otoId: 4038, warnings: [warning] }) }]);
    fixture.prompter.play(...inboundOne(a), pick(REVIEW), pick(SUBMIT));
    await createInventoryOrder(fixture.ctx, {});
    const [done] = fixture.prompter.messages();
    assert.strictEqual(done.level, 'warning');
    assert.ok(done.text.startsWith('Created inventory order 4038 (Inbound)'));
    assert.ok(done.text.endsWith(`OTO says: ${warning}`));
  });

  it('after a timeout says the order may exist and never resends it', async () => {
    fixture = await setup({ timeoutMs: 300 });
    const [a] = twoSkus(fixture);
    fixture.sandbox.addFaults([{ endpoint: 'createInventoryOrder', times: 1, hang: true, afterEffect: true }]);
    fixture.prompter.play(...inboundOne(a), pick(REVIEW), pick(SUBMIT), respond('Copy order JSON'));
    await createInventoryOrder(fixture.ctx, {});
    await settled(fixture.sandbox);
    assert.strictEqual(sentOrders(fixture).length, 1);
    const [lost] = fixture.prompter.messages();
    assert.strictEqual(lost.level, 'warning');
    assert.match(lost.text, /The order may exist in OTO; nothing was resent/);
    assert.strictEqual(JSON.parse(fixture.copied[0]).items[0].sku, a);
    assert.strictEqual(fixture.ctx.recent.list().length, 0);
  });

  it('after a server error with an OTO code says OTO answered with it (not "no answer"), the order may exist, and never resends', async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    fixture.sandbox.addFaults([{ endpoint: 'createInventoryOrder', times: 1, status: 500, body: '{"success":false,"otoErrorCode":"OTO5000","otoErrorMessage":"Internal error"}', afterEffect: true }]);
    fixture.prompter.play(...inboundOne(a), pick(REVIEW), pick(SUBMIT), respond('Copy order JSON'));
    await createInventoryOrder(fixture.ctx, {});
    assert.strictEqual(sentOrders(fixture).length, 1);
    const [lost] = fixture.prompter.messages();
    assert.strictEqual(lost.level, 'warning');
    assert.match(lost.text, /^OTO answered the order at .* with a server error \(OTO5000 Internal error\)\. The order may exist in OTO; nothing was resent/);
  });

  it('after a 200 whose body is not in the documented shape says the order may exist (not "not created"), and never resends', async () => {
    fixture = await setup();
    const [a] = twoSkus(fixture);
    fixture.sandbox.addFaults([{ endpoint: 'createInventoryOrder', times: 1, status: 200, body: '{"success":true}', afterEffect: true }]);
    fixture.prompter.play(...inboundOne(a), pick(REVIEW), pick(SUBMIT), respond('Copy order JSON'));
    await createInventoryOrder(fixture.ctx, {});
    assert.strictEqual(sentOrders(fixture).length, 1);
    const [lost] = fixture.prompter.messages();
    assert.strictEqual(lost.level, 'warning');
    assert.match(lost.text, /^OTO answered the order at .*, but its answer could not be read \(OTO's answer to createInventoryOrder is not in the documented shape: .*\)\. The order may exist in OTO; nothing was resent/);
  });

  it('says so when not signed in, before asking anything', async () => {
    fixture = await setup();
    fixture.ctx.getClient = () => Promise.reject(new Error('Sign in to OTO first.'));
    await createInventoryOrder(fixture.ctx, { locationCode: RUH });
    assert.strictEqual(fixture.prompter.picks().length, 0);
    const [failure] = fixture.prompter.messages();
    assert.strictEqual(failure.level, 'error');
    assert.strictEqual(failure.text, 'Create Inventory Order: Sign in to OTO first.');
    assert.deepStrictEqual(failure.actions, ['Show log']);
    assert.strictEqual(sentOrders(fixture).length, 0);
  });
});
