import * as assert from 'node:assert';
import { formatNumber } from '../../../src/common/text/display';
import { skuTooltip, locationTooltip } from '../../../src/stock/tree/tooltip';
import { buildTree, type LocationNode, type SkuNode, type StockNode, type TreeModel, type TreeOptions } from '../../../src/stock/tree/treeModel';
import { withBundle } from '../l10nBundle';
import { lowBadge, lowHereText } from '../../../src/stock/tree/format';
import { LOW, TEA, stockFixture, type StockFixture } from './fixture';

const byLocation: TreeOptions = { grouping: 'location', lowOnly: false, text: '' };
const bySku: TreeOptions = { grouping: 'sku', lowOnly: false, text: '' };

function childOf(node: StockNode | undefined, label: string): StockNode {
  const found = node?.children?.find((child) => child.label === label);
  assert.ok(found, `no row ${label} under ${node?.label}`);
  return found;
}

/** Every row of the model by id; fails if two rows share one. */
function rowsById(model: TreeModel): Map<string, StockNode> {
  const rows = new Map<string, StockNode>();
  const walk = (nodes: StockNode[]): void =>
    nodes.forEach((node) => {
      assert.ok(!rows.has(node.id), `two rows have the id ${node.id}`);
      rows.set(node.id, node);
      walk(node.children ?? []);
    });
  walk(model.roots);
  assert.strictEqual(rows.size, model.rowCount);
  return rows;
}

function rootOf(model: TreeModel, label: string): StockNode {
  const found = model.roots.find((root) => root.label === label);
  assert.ok(found, `no root ${label}`);
  return found;
}

describe('Stock tree model against the sandbox', () => {
  let fixture: StockFixture;

  const build = (options: TreeOptions, previous?: TreeModel) => buildTree({ locations: fixture.store.locations, skus: fixture.store.skus() }, options, previous);

  beforeEach(async () => {
    fixture = await stockFixture();
    await fixture.store.refresh();
  });

  afterEach(() => fixture.close());

  it('isolates each part and figure of a row in a right-to-left display language, and adds nothing in English', () => {
    const arabic = { '{0} on hand': 'المتوفر {0}', '{0} forecast': 'المتوقع {0}', 'low in total ({0})': 'منخفض إجمالًا ({0})' };
    const rtl = withBundle(arabic, () => buildTree({ locations: fixture.store.locations, skus: fixture.store.skus() }, { ...byLocation, rightToLeft: true }));
    const none = rtl.model.roots.find((root) => (root as LocationNode).group === 'none');
    const tea = childOf(none, TEA);
    const FSI = '\u2068';
    const LRI = '\u2066';
    const PDI = '\u2069';
    // On hand stays first and the minus stays before its number, whatever the bidi algorithm does around them.
    // Figures as Arabic writes them (Intl marks a negative one left to right, U+200E).
    const LRM = '\u200e';
    assert.strictEqual(tea.description, `${FSI}المتوفر ${LRI}${LRM}-7${PDI}${PDI} · ${FSI}المتوقع ${LRI}${LRM}-16${PDI}${PDI} · ${FSI}Green *Tea* | [500 g]${PDI}`);
    const riyadh = rootOf(rtl.model, 'Riyadh Central Warehouse');
    assert.ok(riyadh.description.includes(`${FSI}${LRI}RUH-WH1${PDI}${PDI}`), riyadh.description);

    const ltr = childOf(build(byLocation).model.roots.find((root) => (root as LocationNode).group === 'none'), TEA);
    assert.strictEqual(ltr.description, '-7 on hand · -16 forecast · Green *Tea* | [500 g]');
  });

  it('writes a row\'s figures with the display language\'s thousands separators, as its tooltip does', () => {
    const skus = Array.from(fixture.store.skus(), (stock) =>
      stock.sku === TEA ? { ...stock, locations: stock.locations.map((location) => ({ ...location, onHand: 12500, forecast: 12480, change: { onHand: -1200, forecast: 0 } })) } : stock,
    );
    const none = buildTree({ locations: fixture.store.locations, skus }, byLocation).model.roots.find((root) => (root as LocationNode).group === 'none');
    assert.strictEqual(childOf(none, TEA).description, `12,500 (\u22121,200) on hand · 12,480 forecast · Green *Tea* | [500 g]`);
  });

  it('groups SKUs under warehouses, branches and a "(no location)" group', () => {
    const { model } = build(byLocation);
    assert.deepStrictEqual(
      model.roots.map((root) => [root.label, root.contextValue]),
      [
        ['Riyadh Central Warehouse', 'oto.location.warehouse'],
        ['Jeddah Port Warehouse', 'oto.location.warehouse'],
        ['Dammam Eastern Warehouse', 'oto.location.warehouse'],
        ['Madinah Quba Branch', 'oto.location.branch'],
        ['(no location)', 'oto.location.none'],
      ],
    );
    const riyadh = model.roots[0] as LocationNode;
    assert.strictEqual(riyadh.kind, 'location');
    assert.strictEqual(riyadh.location.code, 'RUH-WH1');
    assert.strictEqual(riyadh.description, 'RUH-WH1', 'the low count is the badge; the city is in the tooltip');
    assert.ok(riyadh.lowCount > 0);
    const skus = riyadh.children?.map((child) => child.label) ?? [];
    assert.deepStrictEqual(skus, [...skus].sort(), 'SKUs in order');
    const expected = [...fixture.store.skus()].filter((stock) => stock.locations.some((entry) => entry.locationCode === 'RUH-WH1')).length;
    assert.strictEqual(skus.length, expected);
  });

  it('shows a SKU row with its name, on hand and forecast, as the node the commands receive', () => {
    const { model } = build(byLocation);
    const tea = childOf(model.roots[0], TEA) as SkuNode;
    assert.strictEqual(tea.description, '277 on hand · 261 forecast · Green *Tea* | [500 g]');
    assert.strictEqual(tea.contextValue, 'oto.sku');
    assert.deepStrictEqual({ kind: tea.kind, sku: tea.sku, name: tea.name, locationCode: tea.locationCode }, { kind: 'sku', sku: TEA, name: 'Green *Tea* | [500 g]', locationCode: 'RUH-WH1' });
    const noLocation = childOf(rootOf(model, '(no location)'), TEA) as SkuNode;
    assert.strictEqual(noLocation.locationCode, undefined);
    assert.strictEqual(noLocation.description, '-7 on hand · -16 forecast · Green *Tea* | [500 g]');
    assert.strictEqual(childOf(rootOf(model, 'Jeddah Port Warehouse'), LOW).contextValue, 'oto.sku.low');
    assert.strictEqual(childOf(rootOf(model, 'Madinah Quba Branch'), LOW).contextValue, 'oto.sku.low');
  });

  it('says where a number stands whether low is judged on it: a location\'s share of a SKU low in total carries no ⚠ but the total it is judged on', () => {
    const { model } = build(byLocation);
    // TST-LOW: 10 at Jeddah and 5 at Madinah, 15 in total against a minimum of 50.
    const jeddah = childOf(rootOf(model, 'Jeddah Port Warehouse'), LOW) as SkuNode;
    assert.strictEqual(jeddah.description, '10 on hand · low in total (15) · Low Widget');
    assert.strictEqual(jeddah.low, true);
    assert.strictEqual(jeddah.warns, false, 'the row\'s 10 is not what is judged low');
    const tea = childOf(model.roots[0], TEA) as SkuNode;
    assert.strictEqual(tea.warns, false);
    const totals = build(bySku).model;
    const total = rootOf(totals, LOW) as SkuNode;
    assert.strictEqual(total.warns, true, 'the SKU\'s total is the figure judged low');
    assert.strictEqual(total.description, '15 on hand · Low Widget');
    assert.deepStrictEqual(
      total.children?.map((row) => [row.description, (row as SkuNode).warns]),
      [
        ['10 on hand', false],
        ['5 on hand', false],
      ],
      'under its total a location row needs no repeat of it',
    );
  });

  it('counts a location\'s low SKUs (its badge) as part of the overall count the status bar shows, and says so', () => {
    const { model } = build(byLocation);
    const overall = fixture.store.lowStockCount();
    assert.ok(overall !== undefined && overall > 1);
    const groups = model.roots as LocationNode[];
    let sum = 0;
    for (const group of groups) {
      assert.strictEqual(group.lowOfAll, overall);
      const lowHere = (group.children ?? []).filter((row) => (row as SkuNode).low).length;
      assert.strictEqual(group.lowCount, lowHere);
      sum += lowHere;
      if (lowHere > 0) {
        assert.deepStrictEqual(lowBadge(group.lowCount, group.lowOfAll), { badge: String(lowHere), tooltip: lowHereText(lowHere, overall) });
        assert.ok(locationTooltip(group).includes(`${lowHere} SKU${lowHere === 1 ? ' stocked here is' : 's stocked here are'} low in total (${overall} across all locations)`), locationTooltip(group));
      }
    }
    assert.ok(sum > overall, 'a SKU low in total counts at each of its locations, so the locations add up to more: hence "of"');
    assert.deepStrictEqual(lowBadge(120, 300).badge, '99', 'a badge holds two characters');
  });

  it('marks figures changed through the API since the previous refresh', async () => {
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: TEA, qty: -5 });
    await fixture.store.refresh();
    const { model } = build(byLocation);
    assert.strictEqual(childOf(model.roots[0], TEA).description, '272 (\u22125) on hand · 256 (\u22125) forecast · Green *Tea* | [500 g]');
    assert.strictEqual(childOf(rootOf(model, '(no location)'), TEA).description, '-7 on hand · -16 forecast · Green *Tea* | [500 g]');
    const totals = build(bySku).model;
    assert.strictEqual(rootOf(totals, TEA).description, '265 (\u22125) on hand · 240 (\u22125) forecast · Green *Tea* | [500 g]');
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: TEA, qty: 8 });
    await fixture.store.refresh();
    assert.strictEqual(childOf(build(byLocation).model.roots[0], TEA).description, '280 (+8) on hand · 264 (+8) forecast · Green *Tea* | [500 g]');
  });

  it('groups by SKU with each SKU\'s global total and its locations below', () => {
    const { model } = build(bySku);
    const labels = model.roots.map((root) => root.label);
    assert.deepStrictEqual(labels, [...fixture.store.skus()].map((stock) => stock.sku).sort());
    const tea = rootOf(model, TEA) as SkuNode;
    assert.strictEqual(tea.scope, 'total');
    assert.strictEqual(tea.description, '270 on hand · 245 forecast · Green *Tea* | [500 g]');
    assert.deepStrictEqual(
      tea.children?.map((child) => [child.label, child.description, (child as SkuNode).locationCode]),
      [
        ['Riyadh Central Warehouse', '277 on hand · 261 forecast', 'RUH-WH1'],
        ['(no location)', '-7 on hand · -16 forecast', undefined],
      ],
    );
    const low = rootOf(model, LOW);
    assert.strictEqual(low.contextValue, 'oto.sku.low');
    const withoutForecast = [...fixture.store.skus()].find((stock) => stock.global !== undefined && stock.global.forecast === undefined);
    assert.ok(withoutForecast?.global);
    assert.strictEqual(rootOf(model, withoutForecast.sku).description, `${withoutForecast.global.onHand} on hand · ${withoutForecast.product?.name}`, 'no forecast when OTO gave none for the total');
  });

  it('leaves out a forecast equal to on hand, in both groupings alike, to keep rows short', () => {
    const same = [...fixture.store.skus()].find((stock) => stock.locations.some((entry) => entry.locationCode !== undefined && entry.forecast === entry.onHand));
    assert.ok(same, 'the sandbox has a SKU whose forecast equals its on hand somewhere');
    const entry = same.locations.find((candidate) => candidate.locationCode !== undefined && candidate.forecast === candidate.onHand);
    assert.ok(entry?.locationCode);
    const location = fixture.store.locations.find((candidate) => candidate.code === entry.locationCode);
    const atLocation = childOf(rootOf(build(byLocation).model, location?.name ?? entry.locationCode), same.sku);
    assert.strictEqual(atLocation.description, `${entry.onHand} on hand · ${same.product?.name}`);
    const underSku = childOf(rootOf(build(bySku).model, same.sku), location?.name ?? entry.locationCode);
    assert.strictEqual(underSku.description, `${entry.onHand} on hand`);
  });

  it('filters to low-stock SKUs, hiding groups left empty', () => {
    const { model } = build({ ...byLocation, lowOnly: true });
    const rows = model.roots.flatMap((root) => root.children ?? []);
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.contextValue === 'oto.sku.low'));
    assert.ok(model.roots.every((root) => (root.children?.length ?? 0) > 0));
    const lowSkus = new Set([...fixture.store.skus()].filter((stock) => stock.low).map((stock) => stock.sku));
    assert.deepStrictEqual(new Set(rows.map((row) => (row as SkuNode).sku)), lowSkus);
    assert.deepStrictEqual(new Set(build({ ...bySku, lowOnly: true }).model.roots.map((root) => root.label)), lowSkus);
  });

  it('filters by text in the SKU or the product name, ignoring case', () => {
    const byName = build({ ...bySku, text: 'WIDGET' }).model;
    assert.deepStrictEqual(byName.roots.map((root) => root.label), [LOW]);
    const bySkuText = build({ ...byLocation, text: 'tst-tea' }).model;
    assert.deepStrictEqual(
      bySkuText.roots.map((root) => [root.label, root.children?.map((child) => child.label)]),
      [
        ['Riyadh Central Warehouse', [TEA]],
        ['(no location)', [TEA]],
      ],
    );
    assert.deepStrictEqual(build({ ...byLocation, text: 'no such thing' }).model.roots, []);
  });

  it('gives every row a unique id that stays the same across refreshes', async () => {
    for (const options of [byLocation, bySku]) {
      const first = build(options).model;
      const firstRows = rowsById(first);
      await fixture.store.refresh();
      const second = build(options, first);
      const secondRows = rowsById(second.model);
      assert.deepStrictEqual([...secondRows.keys()], [...firstRows.keys()]);
      assert.strictEqual(second.rootsChanged, false);
      assert.ok([...secondRows.values()].every((node) => firstRows.get(node.id) === node), 'the same objects, updated');
    }
  });

  it('reports as changed only the rows of an invalidated SKU', async () => {
    const first = build(byLocation).model;
    const teaRow = childOf(first.roots[0], TEA);
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: 'MED-BR1', sku: LOW, qty: 2 });
    await fixture.store.invalidate([{ sku: LOW, locationCode: 'MED-BR1' }]);
    const { model, changed, rootsChanged } = build(byLocation, first);
    assert.strictEqual(rootsChanged, false);
    assert.deepStrictEqual(changed.map((node) => node.id).sort(), [`L7:JED-WH1/${LOW}`, `L7:MED-BR1/${LOW}`]);
    assert.strictEqual(childOf(rootOf(model, 'Madinah Quba Branch'), LOW).description, '7 (+2) on hand · 7 (+2) forecast · low in total (17) · Low Widget');
    assert.strictEqual(childOf(model.roots[0], TEA), teaRow);
  });

  it('reports the parent whose rows changed when a filter drops a SKU', async () => {
    const first = build({ ...byLocation, lowOnly: true }).model;
    await fixture.client.updateStockQuantity({ actionType: 'set', locationCode: 'MED-BR1', sku: LOW, qty: 500 });
    await fixture.store.invalidate([{ sku: LOW, locationCode: 'MED-BR1' }]);
    const { changed } = build({ ...byLocation, lowOnly: true }, first);
    assert.ok(changed.some((node) => node.id === 'L:JED-WH1'), 'Jeddah lost a row');
    assert.ok(!changed.some((node) => node.kind === 'sku' && node.sku !== LOW));
  });

  it('puts a code missing from the location list in its own group', () => {
    const stock = { sku: 'X1', locations: [{ locationCode: 'OLD-WH', onHand: 3, forecast: 3 }], low: false };
    const { model } = buildTree({ locations: [], skus: [stock] }, byLocation);
    const [group] = model.roots as LocationNode[];
    assert.deepStrictEqual([group.label, group.listed, group.description], ['OLD-WH', false, 'OLD-WH · not in the pickup location list']);
  });

  it('writes tooltip figures with the display language’s thousands separators', () => {
    const stock = { sku: 'BIG', locations: [{ locationCode: 'RUH-WH1', onHand: 12500, forecast: 1234567, change: { onHand: -1500, forecast: 0 } }], global: { onHand: 12500, minInventory: 20000 }, low: true };
    const tooltip = skuTooltip(stock, { locations: fixture.store.locations, formatNumber: (value) => formatNumber(value, 'en') });
    assert.match(tooltip, /\| &nbsp;&nbsp;&nbsp;12,500 \\\(−1,500\\\) \| &nbsp;&nbsp;&nbsp;1,234,567 \|/);
    assert.match(tooltip, /12,500 on hand in total, below the minimum inventory of 20,000/);
  });

  it('writes Markdown tooltips with the breakdown, minimum, barcode and read time, escaping names', () => {
    const context = { locations: fixture.store.locations, formatTime: (ms: number) => `t=${ms}` };
    const tea = fixture.store.getSku(TEA);
    assert.ok(tea);
    const tooltip = skuTooltip(tea, context, 'RUH-WH1');
    assert.strictEqual(
      tooltip,
      [
        '**TST\\-TEA** — Green \\*Tea\\* \\| \\[500 g\\]',
        '',
        'Barcode: 6281000999990',
        '',
        'Minimum inventory: 100',
        '',
        // The gaps: hovers and tooltips draw tables without cell padding.
        '| Location | &nbsp;&nbsp;&nbsp;On hand | &nbsp;&nbsp;&nbsp;Forecast |',
        '|:--|--:|--:|',
        '| **Riyadh Central Warehouse \\(RUH\\-WH1\\)** | &nbsp;&nbsp;&nbsp;277 | &nbsp;&nbsp;&nbsp;261 |',
        '| \\(no location\\) | &nbsp;&nbsp;&nbsp;\\-7 | &nbsp;&nbsp;&nbsp;\\-16 |',
        '| **Total \\(global stock\\)** | &nbsp;&nbsp;&nbsp;**270** | &nbsp;&nbsp;&nbsp;245 |',
        '',
        `Read at t=${tea.readAt}`,
      ].join('\n'),
    );
    const low = fixture.store.getSku(LOW);
    assert.ok(low);
    assert.match(skuTooltip(low, context), /\*\*Low stock\*\*: 15 on hand in total, below the minimum inventory of 50/);
    const branch = build(byLocation).model.roots[3] as LocationNode;
    assert.match(locationTooltip(branch), /^\*\*Madinah Quba Branch\*\* \(MED\\-BR1\)\n\nBranch\n\nMadinah\n\n\d+ SKUs\n\n\d+ SKUs? stocked here (is|are) low in total \(\d+ across all locations\)$/);
  });
});
