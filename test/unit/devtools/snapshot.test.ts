import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { diffSnapshots, parseSnapshot, renderSnapshot, type StockSnapshot } from '../../../src/devtools/snapshots/snapshot';
import { SnapshotRepository } from '../../../src/devtools/snapshots/snapshotRepository';
import { readingFromStore } from '../../../src/devtools/stockReading';
import { useDevtools } from './support';

describe('devtools stock snapshots', () => {
  const h = useDevtools();

  async function snapshot(name: string): Promise<StockSnapshot> {
    const outcome = await h.store.refresh();
    assert.deepEqual(outcome.issues, []);
    return { name, takenAt: new Date().toISOString(), environment: 'sandbox', skus: [...h.store.skus()].map(readingFromStore) };
  }

  it('shows exactly what an integration changed, per location and SKU', async () => {
    const before = await snapshot('before');
    const [first, second] = (await h.client.getPickupLocations()).filter((location) => location.kind === 'warehouse');
    assert.ok(first && second);
    const figures = (sku: string, code: string) => before.skus.find((reading) => reading.sku === sku)?.locations.find((entry) => entry.locationCode === code);
    const ajwa = figures('AJW-DATES-500', first.code);
    assert.ok(ajwa);
    // What "my integration" did: an adjustment, a set, and an inbound order (forecast only).
    await h.client.updateStockQuantity({ actionType: 'adjust', locationCode: first.code, sku: 'AJW-DATES-500', qty: -4 });
    await h.client.updateStockQuantity({ actionType: 'set', locationCode: second.code, sku: 'HNY-SIDR-500', qty: 999 });
    await h.client.createInventoryOrder({ action: 'inbound', locationCode: first.code, items: [{ sku: 'COF-SAU-250', qty: 12 }] });
    const after = await snapshot('after');

    const changes = diffSnapshots(before, after);
    const keys = changes.map((change) => `${change.locationCode}/${change.sku}`).sort();
    assert.deepEqual(keys, [`${first.code}/AJW-DATES-500`, `${first.code}/COF-SAU-250`, `${second.code}/HNY-SIDR-500`].sort());
    const adjusted = changes.find((change) => change.sku === 'AJW-DATES-500');
    assert.deepEqual(adjusted?.before, { quantityOnHand: ajwa.quantityOnHand, quantityForecasted: ajwa.quantityForecasted });
    assert.equal(adjusted?.after?.quantityOnHand, ajwa.quantityOnHand - 4);
    assert.equal(changes.find((change) => change.sku === 'HNY-SIDR-500')?.after?.quantityOnHand, 999);
    const inbound = changes.find((change) => change.sku === 'COF-SAU-250');
    assert.equal((inbound?.after?.quantityForecasted ?? 0) - (inbound?.before?.quantityForecasted ?? 0), 12);
    assert.equal(inbound?.after?.quantityOnHand, inbound?.before?.quantityOnHand);

    // The two renderings differ in exactly those lines, so the diff editor shows just them.
    const left = renderSnapshot(before).split('\n');
    const right = renderSnapshot(after).split('\n');
    assert.equal(left.length, right.length);
    const differing = left.map((line, index) => [line, right[index]]).filter(([a, b]) => a !== b);
    assert.equal(differing.length, 3);
    assert.ok(differing.some(([, b]) => b === `  HNY-SIDR-500: on hand 999, forecasted ${changes.find((change) => change.sku === 'HNY-SIDR-500')?.after?.quantityForecasted}`));
  });

  it('lists the no-location entry last and reports SKUs that appear or disappear', () => {
    const base = { takenAt: '2026-11-27T09:00:00.000Z', environment: 'sandbox' };
    const a: StockSnapshot = {
      ...base,
      name: 'a',
      skus: [
        { sku: 'B', locations: [{ quantityOnHand: -2, quantityForecasted: -2 }, { locationCode: 'W1', quantityOnHand: 5, quantityForecasted: 5 }] },
        { sku: 'GONE', locations: [{ locationCode: 'W1', quantityOnHand: 1, quantityForecasted: 1 }] },
      ],
    };
    const b: StockSnapshot = {
      ...base,
      name: 'b',
      skus: [
        { sku: 'B', locations: [{ quantityOnHand: -2, quantityForecasted: -2 }, { locationCode: 'W1', quantityOnHand: 5, quantityForecasted: 5 }] },
        { sku: 'NEW', locations: [{ locationCode: 'W2', quantityOnHand: 3, quantityForecasted: 3 }] },
      ],
    };
    assert.equal(
      renderSnapshot(a),
      ['[W1]', '  B: on hand 5, forecasted 5', '  GONE: on hand 1, forecasted 1', '', '[(no location)]', '  B: on hand -2, forecasted -2', ''].join('\n'),
    );
    assert.deepEqual(diffSnapshots(a, b), [
      { locationCode: 'W1', sku: 'GONE', before: { quantityOnHand: 1, quantityForecasted: 1 } },
      { locationCode: 'W2', sku: 'NEW', after: { quantityOnHand: 3, quantityForecasted: 3 } },
    ]);
    assert.deepEqual(diffSnapshots(a, a), []);
  });

  it('a SKU or location code with a line break or a bidi control cannot forge or reorder a line of the comparison', () => {
    const snapshot: StockSnapshot = {
      name: 'hostile', takenAt: '2026-11-27T09:00:00.000Z', environment: 'sandbox',
      skus: [
        { sku: 'X\n  REAL-SKU: on hand 999, forecasted 999', locations: [{ locationCode: 'W1', quantityOnHand: 1, quantityForecasted: 1 }] },
        { sku: 'Y\u202e1', locations: [{ locationCode: 'W\r2', quantityOnHand: 2, quantityForecasted: 2 }] },
        { sku: 'تمر-1 *[x]*', locations: [{ locationCode: 'W1', quantityOnHand: 3, quantityForecasted: 3 }] },
      ],
    };
    assert.equal(
      renderSnapshot(snapshot),
      ['["W\\r2"]', '  "Y\\u202e1": on hand 2, forecasted 2', '', '[W1]', '  "X\\n  REAL-SKU: on hand 999, forecasted 999": on hand 1, forecasted 1', '  تمر-1 *[x]*: on hand 3, forecasted 3', ''].join('\n'),
    );
  });

  it('saves, lists newest first, loads and deletes snapshots on disk, skipping damaged files', async () => {
    const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'oto-snapshots-'));
    try {
      const repository = new SnapshotRepository(path.join(directory, 'snapshots'));
      assert.deepEqual(await repository.list(), []);
      const older = await repository.save({ name: 'older', takenAt: '2026-11-27T08:00:00.000Z', environment: 'sandbox', skus: [] });
      const newer = await repository.save(await snapshot('newer'));
      await fs.writeFile(path.join(directory, 'snapshots', '1700000000000-broken.json'), '{"name": 1}');
      assert.deepEqual((await repository.list()).map((entry) => entry.name), ['newer', 'older']);
      const loaded = await repository.load(newer.id);
      assert.ok(loaded && loaded.skus.length > 30);
      assert.equal(await repository.load('../../etc/passwd'), undefined);
      await repository.delete(older.id);
      assert.deepEqual((await repository.list()).map((entry) => entry.id), [newer.id]);
    } finally {
      await fs.rm(directory, { recursive: true, force: true });
    }
  });

  it('rejects a stored snapshot that is not one', () => {
    assert.equal(parseSnapshot(null), undefined);
    assert.equal(parseSnapshot({ name: 'x', takenAt: 't', environment: 'e', skus: [{ sku: 'A', locations: [{ quantityOnHand: 'lots' }] }] }), undefined);
    assert.ok(parseSnapshot({ name: 'x', takenAt: 't', environment: 'e', skus: [{ sku: 'A', locations: [{ quantityOnHand: 1, quantityForecasted: 2 }] }] }));
  });
});
