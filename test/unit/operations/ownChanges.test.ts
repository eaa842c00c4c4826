// The ledger as the extension wires it (the flows' recorded changes in, the store's reads in as
// "outside"), over a real sandbox: the extension's own changes appear once, other writers'
// changes once as outside, and the history's reconciliation explains a figure nothing recorded.
import * as assert from 'node:assert';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { changeStock } from '../../../src/orders/change/stockChange';
import { RecentChanges } from '../../../src/orders/recent/recentChanges';
import { ledgerEntriesOf } from '../../../src/operations/history/fromRecent';
import { Ledger } from '../../../src/operations/history/ledger';
import { LedgerRecorder } from '../../../src/operations/history/recorder';
import { closeAfterEach, setup, stockedSku, type Fixture } from '../orders/fixture';
import { MemoryMemento } from '../fakes/memento';
import { respond, type } from '../stockChange/scripted';
import { buildPreview } from '../../../src/operations/bulk/preview';
import { sendRows } from '../../../src/operations/bulk/run';
import { Journal } from '../../../src/operations/journal';
import { bulkLedgerEntry, journalWrite } from '../../../src/operations/history/journalEntries';

const RUH = 'RUH-WH1';

/** Workspace state that takes a while to write, as VS Code's may (it resolves once stored). */
class SlowMemento extends MemoryMemento {
  override async update(key: string, value: unknown): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    await super.update(key, value);
  }
}

function settled(fixture: Fixture): Promise<void> {
  return new Promise((resolve) => {
    const listener = fixture.store.onDidChange((event) => {
      if (event.reason === 'invalidate') {
        listener.dispose();
        resolve();
      }
    });
  });
}

describe('operations: the ledger counts the extension’s own changes once', () => {
  let fixture: Fixture;
  let dir: string;
  let ledger: Ledger;
  let recorder: LedgerRecorder;
  closeAfterEach(() => fixture);
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  async function wire(): Promise<void> {
    fixture = await setup();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'oto-own-'));
    ledger = Ledger.forEnvironment(dir, 'sandbox');
    recorder = new LedgerRecorder(() => ledger, (error) => assert.fail(String(error)));
    // As src/operations wires it: each recorded change to the ledger, each read's changes observed.
    fixture.ctx.recent = new RecentChanges(
      new SlowMemento(),
      undefined,
      (record) => void recorder.record(record.environment, ledgerEntriesOf(record)),
      (change) => recorder.expectLost(change.environment, ledgerEntriesOf(change)),
    );
    fixture.store.onDidChange((event) => void recorder.observe('sandbox', event.changes));
  }

  const summary = async (sku: string): Promise<string[]> => (await ledger.forSku(sku)).map((entry) => `${entry.source} ${entry.before} → ${entry.after}`);

  it('an adjust, a set and its undo each give one entry, and none as made outside', async () => {
    await wire();
    const { sku, onHand } = stockedSku(fixture, RUH);
    let read = settled(fixture);
    fixture.prompter.play(type('+5'));
    await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
    await read;
    // The set, and its Undo from the notification while the store reads what the set left.
    fixture.prompter.play(type(String(onHand + 20)), respond('Undo'));
    await changeStock(fixture.ctx, 'set', { sku, locationCode: RUH });
    read = settled(fixture);
    await fixture.store.refresh();
    await fixture.store.invalidate([{ sku, locationCode: RUH }]);
    await read;
    assert.deepStrictEqual(await summary(sku), [`single ${onHand} → ${onHand + 5}`, `single ${onHand + 5} → ${onHand + 20}`, `undo ${onHand + 20} → ${onHand + 5}`]);
  });

  it('a change by another client is outside, once; one made just before ours is outside too, before ours', async () => {
    await wire();
    const { sku, onHand } = stockedSku(fixture, RUH);
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: RUH, sku, qty: 2 });
    await fixture.store.refresh();
    // Another writer, unseen by the store; then our change, which starts from a fresh read.
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: RUH, sku, qty: 3 });
    const read = settled(fixture);
    fixture.prompter.play(type('-1'));
    await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
    await read;
    const entries = await ledger.forSku(sku);
    assert.deepStrictEqual(entries.map((entry) => `${entry.source} ${entry.before} → ${entry.after}`), [`outside ${onHand} → ${onHand + 2}`, `single ${onHand + 5} → ${onHand + 4}`, `outside ${onHand + 2} → ${onHand + 5}`]);
    const [, ours, between] = entries;
    assert.ok(Date.parse(between.time) < Date.parse(ours.time), 'the move before ours is dated before it');
  });

  it('a bulk row whose answer was lost and which landed is not "outside" when read or when the history opens, and is entered once when the operator says it was applied', async () => {
    await wire();
    const { sku, onHand } = stockedSku(fixture, RUH);
    const journal = await Journal.create(dir, { environment: 'sandbox', source: 'changes.csv', rows: [] });
    const [row] = buildPreview([{ line: 2, sku, locationCode: RUH, action: 'adjust', qty: -3 }], await fixture.client.checkInventoryStock([sku])).rows;
    fixture.sandbox.addFaults([{ endpoint: 'updateStockQuantity', times: 1, status: 502, afterEffect: true }]);
    // As the bulk command wires it: an applied row recorded, a row to check expected but not recorded.
    await sendRows({
      client: fixture.client, journal, rows: [row],
      onRow: (sent, state) => {
        if (state.state === 'check') {
          recorder.expectUnconfirmed('sandbox', [bulkLedgerEntry(sent, { run: journalWrite(journal.start.runId, sent.index) })]);
        }
      },
    });
    const read = settled(fixture);
    await fixture.store.invalidate([{ sku, locationCode: RUH }]);
    await read;
    assert.deepStrictEqual(await summary(sku), [], 'not another writer\'s change, and not ours until decided');
    // The history opens before the operator decides: the ledger's last figure is older, and the difference is the undecided row's.
    await ledger.append([{ time: new Date(Date.now() - 60_000).toISOString(), source: 'outside', action: 'observed', sku, locationCode: RUH, before: onHand - 1, after: onHand }]);
    assert.deepStrictEqual(await recorder.reconcile('sandbox', sku, await ledger.forSku(sku), [{ locationCode: RUH, onHand: onHand - 3 }], Date.now()), [], 'not outside while undecided');
    // The operator: "They were applied".
    await recorder.record('sandbox', [bulkLedgerEntry(row, { after: onHand - 3, run: journalWrite(journal.start.runId, row.index) })]);
    assert.deepStrictEqual(await summary(sku), [`outside ${onHand - 1} → ${onHand}`, `bulk ${onHand} → ${onHand - 3}`]);
  });

  it('a single adjust whose answer was lost and which landed is entered once as ours, marked "answer lost", when a read shows it', async () => {
    await wire();
    const { sku, onHand } = stockedSku(fixture, RUH);
    fixture.sandbox.addFaults([{ endpoint: 'updateStockQuantity', times: 1, status: 502, afterEffect: true }]);
    const read = settled(fixture);
    fixture.prompter.play(type('+3'));
    await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
    await read;
    const entries = await ledger.forSku(sku);
    assert.deepStrictEqual(entries.map((entry) => `${entry.source} ${entry.action} ${entry.qty} ${entry.before} → ${entry.after} ${entry.answer}`), [`single adjust 3 ${onHand} → ${onHand + 3} lost`]);
    assert.strictEqual(fixture.ctx.recent.list().length, 0, 'not in Recent Changes: nothing to undo from an answer never read');
  });

  it('a single set whose answer was lost and which did not land leaves no entry; another writer\'s change after it is outside from the figure read, not from the one it would have left', async () => {
    await wire();
    const { sku, onHand } = stockedSku(fixture, RUH);
    fixture.sandbox.addFaults([{ endpoint: 'updateStockQuantity', times: 1, status: 502 }]);
    fixture.prompter.play(type(String(onHand + 50)));
    await changeStock(fixture.ctx, 'set', { sku, locationCode: RUH });
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: RUH, sku, qty: 2 });
    const read = settled(fixture);
    await fixture.store.invalidate([{ sku, locationCode: RUH }]);
    await read;
    assert.deepStrictEqual(await summary(sku), [`outside ${onHand} → ${onHand + 2}`]);
  });

  it('the history\'s reconciliation records a lost answer\'s change that landed as ours, not as outside', async () => {
    await wire();
    const { sku, onHand } = stockedSku(fixture, RUH);
    let read = settled(fixture);
    fixture.prompter.play(type('+1'));
    await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
    await read;
    // A lost answer whose change landed, and no read of the store since (as when the operator opens the history at once).
    recorder.expectLost('sandbox', [{ time: new Date().toISOString(), source: 'single', action: 'adjust', sku, locationCode: RUH, qty: 4, before: onHand + 1, after: onHand + 5 }]);
    await fixture.client.updateStockQuantity({ actionType: 'adjust', locationCode: RUH, sku, qty: 4 });
    const found = await recorder.reconcile('sandbox', sku, await ledger.forSku(sku), [{ locationCode: RUH, onHand: onHand + 5 }], Date.now());
    assert.deepStrictEqual(found.map((entry) => [entry.source, entry.before, entry.after, entry.answer]), [['single', onHand + 1, onHand + 5, 'lost']]);
    read = settled(fixture);
    await fixture.store.invalidate([{ sku, locationCode: RUH }]);
    await read;
    assert.deepStrictEqual(await summary(sku), [`single ${onHand} → ${onHand + 1}`, `single ${onHand + 1} → ${onHand + 5}`], 'the store\'s read of it is not a second entry');
  });

  it('the history reconciles: a figure the ledger never saw becomes one observed entry, not again from the store', async () => {
    await wire();
    const { sku, onHand } = stockedSku(fixture, RUH);
    const read = settled(fixture);
    fixture.prompter.play(type('+5'));
    await changeStock(fixture.ctx, 'adjust', { sku, locationCode: RUH });
    await read;
    // The stock goes back behind the store's and the ledger's back (as a sandbox restarted from older state).
    await fixture.client.updateStockQuantity({ actionType: 'set', locationCode: RUH, sku, qty: onHand });
    const since = Date.now();
    const found = await recorder.reconcile('sandbox', sku, await ledger.forSku(sku), [{ locationCode: RUH, onHand }], since);
    assert.deepStrictEqual(found.map((entry) => [entry.source, entry.before, entry.after]), [['outside', onHand + 5, onHand]]);
    assert.deepStrictEqual(await recorder.reconcile('sandbox', sku, await ledger.forSku(sku), [{ locationCode: RUH, onHand }], Date.now()), [], 'agreeing now');
    await fixture.store.invalidate([{ sku, locationCode: RUH }]);
    await fixture.store.refresh();
    assert.deepStrictEqual(await summary(sku), [`single ${onHand} → ${onHand + 5}`, `outside ${onHand + 5} → ${onHand}`]);
  });
});
