// Giving up on a read of the StockStore: the caller stops waiting at once, the read stops only
// when no one else waits on it, and a read given up changes nothing the view shows.
import * as assert from 'node:assert/strict';
import { until } from '../until';
import type { StockChangeEvent } from '../../../src/stock/store/store';
import { TEA, stockFixture, type StockFixture } from './fixture';
import { faultTaken } from '../fakes/journal';

describe('StockStore cancellation against the sandbox', () => {
  let fixture: StockFixture;
  let events: StockChangeEvent[];

  beforeEach(async () => {
    fixture = await stockFixture();
    await fixture.store.refresh();
    events = [];
    fixture.store.onDidChange((event) => events.push(event));
    fixture.mark();
  });

  afterEach(() => fixture.close());

  const onHandAtRiyadh = (): number | undefined => fixture.store.getSku(TEA)?.locations.find((entry) => entry.locationCode === 'RUH-WH1')?.onHand;

  it('a refresh given up mid-read ends at once, sends nothing more and leaves the figures, issues and events as they were', async () => {
    await fixture.client.updateStockQuantity({ actionType: 'set', locationCode: 'RUH-WH1', sku: TEA, qty: 5 });
    fixture.mark();
    fixture.sandbox.addFaults([{ endpoint: 'checkInventoryStock', latencyMs: 10_000, times: 1 }]);
    const before = fixture.store.lastResult;
    const controller = new AbortController();
    const refreshing = fixture.store.refresh({ reloadCatalogue: true, signal: controller.signal });
    await until('the figures requested', () => faultTaken(fixture.sandbox, 'checkInventoryStock'));
    const aborted = Date.now();
    controller.abort();
    const result = await refreshing;
    // Within half the read's 10 s: it ended with the abort, with room for a loaded machine.
    assert.ok(Date.now() - aborted < 5_000, `ended ${Date.now() - aborted} ms after the abort`);
    assert.equal(result.cancelled, true);
    assert.deepEqual(result.issues, []);
    // The read itself stopped too (no one else waited): the store is idle again, nothing fired.
    await until('the store idle', () => !fixture.store.busy);
    assert.deepEqual(events, []);
    assert.equal(fixture.store.lastResult, before);
    assert.equal(onHandAtRiyadh(), 277, 'still the figure shown before the refresh');
    assert.equal(fixture.sent('checkInventoryStock').length, 1, 'no further request after the abort');
  });

  it('keeps reading for a caller that cannot give up when another caller of the same read does', async () => {
    await fixture.client.updateStockQuantity({ actionType: 'set', locationCode: 'RUH-WH1', sku: TEA, qty: 5 });
    fixture.sandbox.addFaults([{ endpoint: 'checkInventoryStock', latencyMs: 400, times: 1 }]);
    const controller = new AbortController();
    const givenUp = fixture.store.refresh({ signal: controller.signal });
    const kept = fixture.store.refresh();
    await until('the figures requested', () => faultTaken(fixture.sandbox, 'checkInventoryStock'));
    controller.abort();
    assert.equal((await givenUp).cancelled, true);
    const result = await kept;
    assert.equal(result.cancelled, undefined);
    assert.equal(onHandAtRiyadh(), 5, 'the shared read finished for the other caller');
    assert.deepEqual(events.map((event) => event.reason), ['refresh']);
  });

  it('reads for a caller that joins a queued read every earlier caller has given up on', async () => {
    // A hover queues a re-read behind a running refresh, then hides (its caller gives up); a snapshot
    // asked for next must get the figures, not a silent "cancelled" inherited from the hover.
    await fixture.client.updateStockQuantity({ actionType: 'set', locationCode: 'RUH-WH1', sku: TEA, qty: 5 });
    fixture.sandbox.addFaults([{ endpoint: 'checkInventoryStock', latencyMs: 400, times: 1 }]);
    const running = fixture.store.refresh();
    await until('the figures requested', () => faultTaken(fixture.sandbox, 'checkInventoryStock'));
    const hover = new AbortController();
    const hovering = fixture.store.invalidate([{ sku: TEA }], { signal: hover.signal });
    hover.abort();
    assert.equal((await hovering).cancelled, true);
    const snapshot = await fixture.store.refresh({ signal: new AbortController().signal });
    assert.equal(snapshot.cancelled, undefined, 'the later caller is read for');
    assert.deepEqual(snapshot.issues, []);
    assert.equal((await running).cancelled, undefined);
    assert.equal(onHandAtRiyadh(), 5);
  });

  it('sends nothing for a signal that has already fired', async () => {
    const result = await fixture.store.invalidate([{ sku: TEA }], { signal: AbortSignal.abort() });
    assert.equal(result.cancelled, true);
    // A later exchange marks the point by which a request of the invalidation would have arrived.
    await fixture.client.healthCheck();
    assert.deepEqual(fixture.sent().map((request) => request.endpoint), ['healthCheck']);
    assert.deepEqual(events, []);
  });
});
