// The Stock view's controller in plain Node: a real store reading the sandbox over HTTP, the tree
// built by the real tree model, and a plain object standing in for VS Code's tree view.
import * as assert from 'node:assert';
import { CONTEXT_KEYS } from '../../../src/common/ids';
import { MemoryMemento } from '../fakes/memento';
import { savedTreeOptions, StockViewController, type StockTreeData, type StockTreeView, type StockViewHost, type StockViewRow } from '../../../src/stock/controller';
import { buildTree, type TreeOptions } from '../../../src/stock/tree/treeModel';
import { LOW, TEA, stockFixture, type StockFixture } from './fixture';

interface Harness {
  controller: StockViewController;
  view: StockTreeView & { reveals: Array<{ row: StockViewRow; options: object }>; visible: boolean };
  tree: StockTreeData;
  contexts: Map<string, unknown>;
  saved: Map<string, unknown>;
  infos: string[];
  progress: number;
  /** The Cancel of the next refresh's progress notification, as the user would press it. */
  cancel?: AbortController;
  describeAnswers: Array<(description: string | undefined) => void>;
}

function harness(fixture: StockFixture, initial: TreeOptions = { grouping: 'location', lowOnly: false, text: '' }): Harness {
  let options = initial;
  const tree: StockTreeData = {
    get treeOptions() {
      return options;
    },
    setOptions: (change) => (options = { ...options, ...change }),
    getChildren: () => buildTree({ locations: fixture.store.locations, skus: fixture.store.skus() }, options).model.roots,
  };
  const reveals: Harness['view']['reveals'] = [];
  const view: Harness['view'] = { visible: true, reveals, reveal: async (row, revealOptions) => void reveals.push({ row, options: revealOptions }) };
  const contexts = new Map<string, unknown>();
  const state = new MemoryMemento();
  const saved = state.values;
  const h = { view, tree, contexts, saved, infos: [] as string[], progress: 0, describeAnswers: [] as Harness['describeAnswers'] } as Omit<Harness, 'controller'>;
  const host: StockViewHost = {
    state,
    setContext: (key, value) => contexts.set(key, value),
    withProgress: (task) => {
      (h as Harness).progress++;
      return task((h as Harness).cancel?.signal);
    },
    showInformation: (message) => h.infos.push(message),
    describeView: () => new Promise((resolve) => h.describeAnswers.push(resolve)),
  };
  return Object.assign(h, { controller: new StockViewController(fixture.store, tree, view, host) });
}

describe('Stock view controller', () => {
  let fixture: StockFixture;

  beforeEach(async () => {
    fixture = await stockFixture();
  });

  afterEach(() => fixture.close());

  it('loads once when the view shows, with progress, and not while hidden or loaded', async () => {
    const h = harness(fixture);
    h.view.visible = false;
    h.controller.loadIfNeeded();
    assert.strictEqual(h.progress, 0);
    h.view.visible = true;
    h.controller.loadIfNeeded();
    assert.strictEqual(h.progress, 1);
    h.controller.loadIfNeeded();
    assert.strictEqual(h.progress, 1, 'a read in flight is not started twice');
    await new Promise<void>((resolve) => fixture.store.onDidChange(() => resolve()));
    h.controller.loadIfNeeded();
    assert.strictEqual(h.progress, 1, 'loaded: nothing to do');
  });

  it('sets the context keys, the low-stock badge and the filter message, and keeps the options', async () => {
    const h = harness(fixture);
    await h.controller.refresh(true);
    h.controller.showState();
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockGrouping), 'location');
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockFiltered), false);
    const low = fixture.store.lowStockCount();
    assert.ok(low && low > 0);
    assert.deepStrictEqual(h.view.badge, { value: low, tooltip: `${low} SKUs below their minimum inventory. Low is judged on each SKU's total across its locations: OTO keeps one minimum inventory per SKU.` });
    assert.strictEqual(h.view.message, undefined);

    h.controller.setOptions({ lowOnly: true, grouping: 'sku' });
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockLowOnly), true);
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockFiltered), true);
    assert.strictEqual(h.view.message, 'Filtered: low-stock SKUs only');
    assert.deepStrictEqual(savedTreeOptions({ get: (key) => h.saved.get(key), update: async () => undefined }, false), { grouping: 'sku', lowOnly: true, text: '', rightToLeft: false });
  });

  it('sets a filter without revealing rows (its locations open through their own ids), and says what it filters', async () => {
    const h = harness(fixture);
    await h.controller.refresh(true);
    h.controller.setOptions({ text: 'tea' });
    // A reveal per key raced the live rebuilds and now and then left the matches collapsed.
    assert.deepStrictEqual(h.view.reveals, []);
    assert.strictEqual(h.view.message, 'Filtered: matching “tea”');
  });

  it('says a filter matches nothing (the welcome then offers to clear it), and not before the stock is read', async () => {
    const h = harness(fixture);
    h.controller.setOptions({ text: 'no-such-sku-anywhere' });
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockFilterEmpty), false, 'nothing read yet: not "no match"');
    await h.controller.refresh(true);
    h.controller.showState();
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockFilterEmpty), true);
    assert.strictEqual(h.view.message, undefined, 'VS Code hides the welcome while a view has a message');
    h.controller.setOptions({ text: 'tea' });
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockFilterEmpty), false);
    h.controller.setOptions({ text: '' });
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockFilterEmpty), false, 'no filter: an empty view is not a filter matching nothing');
  });

  it('reveals a SKU: reads first when nothing is loaded, clears a filter that hides it, says so for an unknown one', async () => {
    const h = harness(fixture, { grouping: 'location', lowOnly: true, text: '' });
    await h.controller.reveal(TEA);
    assert.strictEqual(h.progress, 1, 'read before revealing');
    assert.strictEqual(h.tree.treeOptions.lowOnly, false, `${TEA} is not low: the low-stock filter is cleared`);
    const last = h.view.reveals[h.view.reveals.length - 1];
    assert.ok(last.row.kind === 'sku' && last.row.sku === TEA);
    assert.deepStrictEqual(last.options, { select: true, focus: true });

    await h.controller.reveal(LOW);
    assert.strictEqual(h.progress, 1, 'loaded: no second read');
    await h.controller.reveal('NO-SUCH-SKU');
    assert.deepStrictEqual(h.infos, ['SKU NO-SUCH-SKU is not in the Stock view.']);
  });

  it('shows only the latest description when an older answer arrives late', async () => {
    const h = harness(fixture);
    h.controller.describe();
    h.controller.describe();
    const [first, second] = h.describeAnswers;
    second('Sandbox · account B');
    await new Promise((resolve) => setImmediate(resolve));
    first('account A');
    await new Promise((resolve) => setImmediate(resolve));
    assert.strictEqual(h.view.description, 'Sandbox · account B');
  });

  it('says the first load was cancelled (the welcome then offers Refresh), and forgets it once a read starts', async () => {
    const h = harness(fixture);
    h.cancel = new AbortController();
    const loading = h.controller.refresh(true);
    h.cancel.abort();
    assert.strictEqual((await loading).cancelled, true);
    assert.strictEqual(fixture.store.loaded, false);
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockLoadCancelled), true);
    assert.strictEqual(h.view.message, undefined, 'VS Code hides the welcome while a view has a message');

    h.cancel = undefined;
    const again = h.controller.refresh(true);
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockLoadCancelled), false, 'refreshing: the words go at once');
    await again;
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockLoadCancelled), false);

    h.cancel = new AbortController();
    const later = h.controller.refresh(true);
    h.cancel.abort();
    assert.strictEqual((await later).cancelled, true);
    assert.strictEqual(h.contexts.get(CONTEXT_KEYS.stockLoadCancelled), false, 'a cancelled refresh of a loaded view keeps its rows and says nothing');
  });
});
