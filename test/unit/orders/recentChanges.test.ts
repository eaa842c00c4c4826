// Recent changes: kept in workspace state (capped), listed, undone under the same rules, copied.
import * as assert from 'node:assert';
import { createInventoryOrder } from '../../../src/orders/inventoryOrder';
import { RECENT_CHANGES_KEY, RecentChanges, StockChangeRecord } from '../../../src/orders/recentChanges';
import { showRecentChanges } from '../../../src/orders/recentView';
import { changeStock } from '../../../src/orders/stockChange';
import { closeAfterEach, Fixture, MapMemento, setup, stockedSku } from './fixture';
import { escape, pick, type } from './scripted';

const RUH = 'RUH-WH1';
const RUH_LABEL = 'Riyadh Central Warehouse';
const UNDO = '$(discard) Undo this change';

function change(index: number): Omit<StockChangeRecord, 'id' | 'time'> {
  return { type: 'stock', environment: 'sandbox', action: 'adjust', locationCode: RUH, sku: `SKU-${index}`, qty: 1, before: index, after: index + 1, transactionId: String(index) };
}

describe('orders: recent changes', () => {
  it('keeps the newest 200 and ignores entries it does not understand', async () => {
    const memento = new MapMemento();
    await memento.update(RECENT_CHANGES_KEY, [{ type: 'stock', id: 'x' }, 'junk']);
    const recent = new RecentChanges(memento);
    assert.deepStrictEqual(recent.list(), []);
    await Promise.all(Array.from({ length: 205 }, (_, index) => recent.add(change(index))));
    const list = recent.list();
    assert.strictEqual(list.length, 200);
    assert.deepStrictEqual([list[0].type === 'stock' && list[0].sku, list[199].type === 'stock' && list[199].sku], ['SKU-204', 'SKU-5']);
  });

  describe('the command', () => {
    let fixture: Fixture;
    closeAfterEach(() => fixture);

    it('says when there is nothing yet', async () => {
      fixture = await setup();
      await showRecentChanges(fixture.ctx);
      assert.match(fixture.prompter.messages()[0].text, /No stock changes or inventory orders/);
    });

    it('lists changes and orders with before → after, ids, time and environment, and copies them', async () => {
      fixture = await setup();
      const { sku, onHand } = stockedSku(fixture, RUH);
      fixture.prompter.play(type('-1'), pick('Inbound'), type('2'), pick('$(check) Done'), pick('$(arrow-right) Continue to review'), pick('$(check) Create the order'));
      await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
      await createInventoryOrder(fixture.ctx, { sku, locationCode: RUH });
      const [order, adjust] = fixture.ctx.recent.list();
      assert.ok(order.type === 'order' && adjust.type === 'stock');

      fixture.prompter.play(pick(`${sku} · ${RUH_LABEL} (${RUH})`), pick('$(copy) Copy details'), pick(new RegExp(`^\\$\\(package\\) ${sku}`)), pick('$(json) Copy order JSON'));
      await showRecentChanges(fixture.ctx);
      await showRecentChanges(fixture.ctx);
      const [list] = fixture.prompter.picks().slice(-4);
      const [orderItem, adjustItem] = list.request.items;
      assert.strictEqual(adjustItem.description, `${onHand} → ${onHand - 1} (adjust) · transaction ${adjust.transactionId}`);
      assert.match(adjustItem.detail ?? '', / · sandbox$/);
      assert.match(orderItem.description ?? '', new RegExp(`^Inbound order, 2 units · OTO id ${order.otoId}$`));
      assert.deepStrictEqual(JSON.parse(fixture.copied[0]), adjust);
      assert.deepStrictEqual(JSON.parse(fixture.copied[1]), order.request);
    });

    it('undoes a change once, and no longer offers it', async () => {
      fixture = await setup();
      const { sku, onHand } = stockedSku(fixture, RUH);
      fixture.prompter.play(type('-3'), pick(`${sku} · ${RUH_LABEL} (${RUH})`), pick(UNDO));
      await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
      await showRecentChanges(fixture.ctx);
      assert.strictEqual(await fixture.onHand(sku, RUH), onHand);

      fixture.prompter.play(pick(`$(discard) ${sku} · ${RUH_LABEL} (${RUH})`), escape);
      await showRecentChanges(fixture.ctx);
      const actions = fixture.prompter.picks().at(-1);
      assert.ok(actions && !actions.labels.includes(UNDO));
      assert.strictEqual(fixture.sent('updateStockQuantity').length, 2);
    });

    it('refuses to undo a set once the stock has moved since, and sends nothing', async () => {
      fixture = await setup();
      const { sku, onHand } = stockedSku(fixture, RUH);
      fixture.prompter.play(type(String(onHand + 1)), pick(`${sku} · ${RUH_LABEL} (${RUH})`), pick(UNDO));
      await changeStock(fixture.ctx, 'set', { sku, locationCode: RUH });
      await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: RUH, sku, qty: 2 });
      await showRecentChanges(fixture.ctx);
      const refusal = fixture.prompter.messages().at(-1);
      assert.strictEqual(refusal?.level, 'warning');
      assert.match(refusal?.text ?? '', new RegExp(`is now ${onHand + 3}, not the ${onHand + 1} the set left: .* not undone`));
      assert.strictEqual(fixture.sent('updateStockQuantity').length, 2);
      assert.strictEqual(await fixture.onHand(sku, RUH), onHand + 3);
    });

    it('refuses to undo a change made in another environment', async () => {
      fixture = await setup();
      const { sku } = stockedSku(fixture, RUH);
      fixture.prompter.play(type('1'), pick(`${sku} · ${RUH_LABEL} (${RUH})`), pick(UNDO));
      await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
      fixture.environment = 'staging';
      await showRecentChanges(fixture.ctx);
      assert.match(fixture.prompter.messages().at(-1)?.text ?? '', /made in the sandbox environment; switch to it/);
      assert.strictEqual(fixture.sent('updateStockQuantity').length, 1);
    });
  });
});
