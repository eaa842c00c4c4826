import * as assert from 'node:assert';
import { ExpansionMemory, ONE_SCREEN_ROWS, rowId } from '../../../src/stock/tree/expansion';
import { MemoryMemento } from '../fakes/memento';


describe('Stock view expansion', () => {
  it('expands everything only when it fits on about one screen, and every match of a filter', () => {
    const memory = new ExpansionMemory(new MemoryMemento());
    assert.strictEqual(memory.expands('L1', ONE_SCREEN_ROWS, false), true);
    assert.strictEqual(memory.expands('L1', ONE_SCREEN_ROWS + 1, false), false);
    assert.strictEqual(memory.expands('L1', 5000, true), true);
  });

  it('keeps what the user expanded or collapsed, across a reload, bounded', async () => {
    const memento = new MemoryMemento();
    const first = new ExpansionMemory(memento);
    first.remember('big', true);
    first.remember('small', false);
    await new Promise((resolve) => setImmediate(resolve));
    const reloaded = new ExpansionMemory(memento);
    assert.strictEqual(reloaded.expands('big', 5000, false), true);
    assert.strictEqual(reloaded.expands('small', 3, false), false);
    for (let index = 0; index < 600; index++) {
      reloaded.remember(`id${index}`, true);
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok((memento.values.get('oto.stock.expanded') as unknown[]).length <= 500);
    assert.strictEqual(new ExpansionMemory(memento).expands('id599', 5000, false), true);
  });

  it("gives a filter's locations ids of their own, and only those, so VS Code opens them however they were", () => {
    assert.notStrictEqual(rowId('location:RUH-WH1', 'location', true), rowId('location:RUH-WH1', 'location', false));
    assert.strictEqual(rowId('location:RUH-WH1', 'location', false), 'location:RUH-WH1', 'unfiltered, the id the user expanded or collapsed');
    assert.strictEqual(rowId('sku:RUH-WH1:TEA', 'sku', true), 'sku:RUH-WH1:TEA');
  });

  it('ignores junk found in storage', () => {
    const memento = new MemoryMemento();
    memento.values.set('oto.stock.expanded', [['ok', true], ['bad', 'yes'], 7, null]);
    const memory = new ExpansionMemory(memento);
    assert.strictEqual(memory.expands('ok', 5000, false), true);
    assert.strictEqual(memory.expands('bad', 5000, false), false);
  });
});
