// Recent changes: kept in workspace state (capped), listed, undone under the same rules, copied.
import * as assert from 'node:assert';
import { createInventoryOrder } from '../../../src/orders/inventory/inventoryOrder';
import { RECENT_CHANGES_KEY, RecentChanges, StockChangeRecord } from '../../../src/orders/recent/recentChanges';
import { showRecentChanges } from '../../../src/orders/recent/recentView';
import { changeStock } from '../../../src/orders/change/stockChange';
import { closeAfterEach, Fixture, setup, stockedSku } from './fixture';
import { MemoryMemento } from '../fakes/memento';
import { escape, pick, type } from './scripted';
import type { LedgerEntry } from '../../../src/operations/history/entry';

const RUH = 'RUH-WH1';
const RUH_LABEL = 'Riyadh Central Warehouse';
const UNDO = '$(discard) Undo this change';

function change(index: number): Omit<StockChangeRecord, 'id' | 'time'> {
  return { type: 'stock', environment: 'sandbox', action: 'adjust', locationCode: RUH, sku: `SKU-${index}`, qty: 1, before: index, after: index + 1, transactionId: String(index) };
}

describe('orders: recent changes', () => {
  it('keeps the newest 200 and ignores entries it does not understand', async () => {
    const memento = new MemoryMemento();
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

      fixture.prompter.play(pick(`$(diff) ${sku} · ${RUH_LABEL} (${RUH})`), pick('$(copy) Copy details'), pick(new RegExp(`^\\$\\(package\\) ${sku}`)), pick('$(json) Copy order JSON'));
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
      fixture.prompter.play(type('-3'), pick(`$(diff) ${sku} · ${RUH_LABEL} (${RUH})`), pick(UNDO));
      await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
      await showRecentChanges(fixture.ctx);
      assert.strictEqual(await fixture.onHand(sku, RUH), onHand);

      fixture.prompter.play(pick(`$(diff) ${sku} · ${RUH_LABEL} (${RUH})`), escape);
      await showRecentChanges(fixture.ctx);
      const [list, actions] = fixture.prompter.picks().slice(-2);
      assert.ok(actions && !actions.labels.includes(UNDO));
      // Each row starts with what it was, the undo's too, so the labels line up.
      assert.deepStrictEqual(list.labels, [`$(discard) ${sku} · ${RUH_LABEL} (${RUH})`, `$(diff) ${sku} · ${RUH_LABEL} (${RUH})`]);
      assert.match(list.request.items[1].detail ?? '', / · undone$/);
      assert.strictEqual(fixture.sent('updateStockQuantity').length, 2);
    });

    it('refuses to undo a set once the stock has moved since, and sends nothing', async () => {
      fixture = await setup();
      const { sku, onHand } = stockedSku(fixture, RUH);
      fixture.prompter.play(type(String(onHand + 1)), pick(`$(edit) ${sku} · ${RUH_LABEL} (${RUH})`), pick(UNDO));
      await changeStock(fixture.ctx, 'set', { sku, locationCode: RUH });
      await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: RUH, sku, qty: 2 });
      await showRecentChanges(fixture.ctx);
      const refusal = fixture.prompter.messages().at(-1);
      assert.strictEqual(refusal?.level, 'warning');
      assert.match(refusal?.text ?? '', new RegExp(`is now ${onHand + 3}, not the ${onHand + 1} the set left: .* not undone`));
      assert.strictEqual(fixture.sent('updateStockQuantity').length, 2);
      assert.strictEqual(await fixture.onHand(sku, RUH), onHand + 3);
    });

    it('lists the ledger\'s bulk rows and transfers with the workspace\'s changes, newest first, and undoes a bulk row once', async () => {
      fixture = await setup();
      const { sku, onHand } = stockedSku(fixture, RUH);
      // A bulk row as the bulk apply writes it to the ledger, for a write the sandbox really made.
      const written = await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: RUH, sku, qty: -4 });
      await fixture.store.invalidate([{ sku, locationCode: RUH }]);
      const bulk: LedgerEntry = { time: '2026-03-01T09:00:00.000Z', source: 'bulk', action: 'adjust', sku, locationCode: RUH, before: onHand, after: onHand - 4, qty: -4, transactionId: String(written.transactionID), run: 'run-1#0' };
      const transfer: LedgerEntry[] = [
        { time: '2026-03-01T10:00:00.000Z', source: 'transfer', action: 'adjust', sku, locationCode: RUH, before: onHand - 4, after: onHand - 6, qty: -2, transactionId: 'T1', transferId: 'tr-1' },
        { time: '2026-03-01T10:00:00.000Z', source: 'transfer', action: 'adjust', sku, locationCode: 'JED-WH1', before: 0, after: 2, qty: 2, transactionId: 'T2', transferId: 'tr-1' },
      ];
      const outside: LedgerEntry = { time: '2026-03-01T11:00:00.000Z', source: 'outside', action: 'observed', sku, locationCode: RUH, before: 1, after: 2 };
      const asked: string[] = [];
      fixture.ctx.operatorChanges = async (environment) => {
        asked.push(environment);
        return [bulk, ...transfer, outside];
      };
      const bulkLabel = `$(checklist) ${sku} · ${RUH_LABEL} (${RUH})`;
      fixture.prompter.play(pick(bulkLabel), pick(UNDO));
      await showRecentChanges(fixture.ctx);
      assert.deepStrictEqual(asked, ['sandbox']);
      const [list] = fixture.prompter.picks().slice(-2);
      assert.deepStrictEqual(list.labels, [`$(arrow-swap) ${sku} · ${RUH_LABEL} (${RUH}) → Jeddah Port Warehouse (JED-WH1)`, bulkLabel], 'the transfer once, then the bulk row; what others did is not listed');
      assert.strictEqual(list.request.items[0].description, 'transfer of 2 units · transactions T1, T2');
      assert.strictEqual(list.request.items[1].description, `${onHand} → ${onHand - 4} (bulk adjust) · transaction ${String(written.transactionID)}`);
      assert.strictEqual(await fixture.onHand(sku, RUH), onHand, 'the bulk row was undone');
      const [undo] = fixture.ctx.recent.list();
      assert.ok(undo.type === 'stock' && undo.undoOf === 'bulk:run-1#0');

      fixture.prompter.play(pick(bulkLabel), escape);
      await showRecentChanges(fixture.ctx);
      const [again, actions] = fixture.prompter.picks().slice(-2);
      assert.ok(!actions.labels.includes(UNDO), 'an undone bulk row is not offered again');
      assert.deepStrictEqual(again.labels.slice(0, 1), [`$(discard) ${sku} · ${RUH_LABEL} (${RUH})`]);
      assert.match(again.request.items[2].detail ?? '', / · undone$/);
      assert.strictEqual(fixture.sent('updateStockQuantity').length, 2, 'the bulk row\'s write and its one undo');
    });

    it('refuses to undo a change made in another environment', async () => {
      fixture = await setup();
      const { sku } = stockedSku(fixture, RUH);
      fixture.prompter.play(type('1'), pick(`$(diff) ${sku} · ${RUH_LABEL} (${RUH})`), pick(UNDO));
      await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
      fixture.environment = 'staging';
      await showRecentChanges(fixture.ctx);
      assert.match(fixture.prompter.messages().at(-1)?.text ?? '', /made in the sandbox environment; switch to it/);
      assert.strictEqual(fixture.sent('updateStockQuantity').length, 1);
    });
  });
});
