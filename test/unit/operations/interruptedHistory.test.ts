import * as assert from 'node:assert';
import * as path from 'node:path';
import { buildPreview } from '../../../src/operations/bulk/preview';
import { sendRows } from '../../../src/operations/bulk/run';
import type { BulkChange } from '../../../src/operations/bulk/file/validate';
import { MAX_LEDGER_NOTE, type LedgerEntry } from '../../../src/stockChange/ledgerEntry';
import { interruptedBulkEntries, interruptedTransferEntries, journalWrite, recordMissing, transferLedgerEntry, type LedgerAccess } from '../../../src/operations/history/journalEntries';
import { Ledger } from '../../../src/operations/history/ledger';
import { LedgerRecorder } from '../../../src/operations/history/recorder';
import { Journal, readJournal, type ReadJournal } from '../../../src/operations/journal';
import { runTransfer, sendStep, type TransferPlan } from '../../../src/operations/transfer/transfer';
import { setupOperations, type OperationsFixture } from './support';

// What a transfer or a bulk apply had applied when VS Code stopped reaches the stock history when
// its journal is reviewed: once, marked as found on review, however often the review is shown.
describe('operations: the stock history of an interrupted transfer or apply', () => {
  let fx: OperationsFixture;
  let ledger: Ledger;
  let access: LedgerAccess;

  beforeEach(async () => {
    fx = await setupOperations({ timeoutMs: 1500 });
    ledger = Ledger.forEnvironment(path.join(fx.dir, 'ledger'), 'sandbox');
    const recorder = new LedgerRecorder(() => ledger, (error) => assert.fail(String(error)));
    access = { ledger: () => ledger, record: (environment, entries) => recorder.record(environment, entries) };
  });
  afterEach(() => fx.close());

  async function plan(overrides: Partial<TransferPlan> = {}): Promise<TransferPlan> {
    const stock = await fx.client.checkInventoryStock(['KHL-DATES-3KG']);
    const at = (code: string): number => stock['KHL-DATES-3KG']?.find((entry) => entry.pickupLocationCode === code)?.quantityOnHand ?? 0;
    return { id: 'transfer-1', sku: 'KHL-DATES-3KG', from: 'RUH-WH1', to: 'JED-WH1', qty: 5, method: 'immediate', fromBefore: at('RUH-WH1'), toBefore: at('JED-WH1'), toIsNew: false, reason: 'correction', note: 'shelf 4', ...overrides };
  }
  const transferJournal = (transfer: TransferPlan): Promise<Journal> => Journal.create(path.join(fx.dir, 'journals'), { environment: 'sandbox', source: 'transfer', rows: [], transfer });
  const readBack = async (journal: Journal): Promise<ReadJournal> => (await readJournal(journal.file))!;
  /** The review, as the extension runs it on start; twice when `times` says so (dismissed, shown again). */
  const review = async (journal: Journal, entriesOf: (read: ReadJournal) => LedgerEntry[], times = 1): Promise<void> => {
    for (let i = 0; i < times; i++) {
      await recordMissing(access, 'sandbox', entriesOf(await readBack(journal)));
    }
  };

  it('a transfer stopped between its writes: the applied first step is recorded on review, once, with its time and figures', async () => {
    const transfer = await plan();
    const journal = await transferJournal(transfer);
    const first = await sendStep(fx.client, transfer, 'first', journal);
    // VS Code stops here: the command records its steps only once both are answered.
    assert.deepStrictEqual(await ledger.entries(), []);
    await review(journal, interruptedTransferEntries, 2);
    const entries = await ledger.entries();
    const appliedAt = (await readBack(journal)).entries.find((entry) => entry.type === 'applied')?.at;
    assert.deepStrictEqual(entries, [{
      time: appliedAt, source: 'transfer', action: 'adjust', sku: 'KHL-DATES-3KG', locationCode: 'RUH-WH1', qty: -5, before: 98, after: 93,
      transactionId: first.reference, reason: 'correction', note: 'shelf 4 · recorded on review: VS Code stopped during this transfer', transferId: 'transfer-1', run: journalWrite(journal.start.runId, 0),
    }]);
    assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'RUH-WH1'), 93, 'the figures the entry gives are the sandbox\'s');
    assert.strictEqual(fx.writes().length, 1, 'the review sends nothing');
  });

  it('a transfer stopped after both answers but before the history: both steps are recorded; a second review adds nothing', async () => {
    const transfer = await plan({ note: undefined });
    const journal = await transferJournal(transfer);
    await runTransfer(fx.client, transfer, journal);
    await review(journal, interruptedTransferEntries);
    await review(journal, interruptedTransferEntries);
    const entries = await ledger.entries();
    assert.deepStrictEqual(entries.map((entry) => [entry.locationCode, entry.qty, entry.before, entry.after, entry.note]), [
      ['RUH-WH1', -5, 98, 93, 'recorded on review: VS Code stopped during this transfer'],
      ['JED-WH1', 5, 231, 236, 'recorded on review: VS Code stopped during this transfer'],
    ]);
    assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'JED-WH1'), 236);
  });

  it('a step the live transfer did record (with its journal write, or an older entry with only its transaction) is not recorded again', async () => {
    const transfer = await plan();
    const journal = await transferJournal(transfer);
    const first = await sendStep(fx.client, transfer, 'first', journal);
    await access.record('sandbox', [transferLedgerEntry(transfer, 'first', first, { run: journalWrite(journal.start.runId, 0) })]);
    await review(journal, interruptedTransferEntries);
    assert.strictEqual((await ledger.entries()).length, 1);

    const other = await plan({ id: 'transfer-2' });
    const second = await transferJournal(other);
    const applied = await sendStep(fx.client, other, 'first', second);
    await access.record('sandbox', [transferLedgerEntry(other, 'first', applied, {})]);
    await review(second, interruptedTransferEntries);
    assert.strictEqual((await ledger.entries()).length, 2);
  });

  it('a step in flight when VS Code stopped (may or may not have been applied) is not recorded', async () => {
    const transfer = await plan();
    const journal = await transferJournal(transfer);
    await sendStep(fx.client, transfer, 'first', journal);
    await journal.append({ type: 'send', row: 1 });
    await review(journal, interruptedTransferEntries);
    assert.deepStrictEqual((await ledger.entries()).map((entry) => entry.locationCode), ['RUH-WH1']);
  });

  it('through inventory orders: the outbound order applied before the stop is recorded with its otoId and no figures', async () => {
    const transfer = await plan({ method: 'orders', orderDate: '01/12/2026' });
    const journal = await transferJournal(transfer);
    const first = await sendStep(fx.client, transfer, 'first', journal);
    assert.strictEqual(first.state, 'applied');
    await review(journal, interruptedTransferEntries, 2);
    const [entry, ...more] = await ledger.entries();
    assert.deepStrictEqual(more, []);
    assert.deepStrictEqual([entry.action, entry.locationCode, entry.qty, entry.before, entry.after, entry.transactionId], ['outbound', 'RUH-WH1', 5, undefined, undefined, first.reference]);
  });

  it('a bulk apply stopped after some rows: the applied rows the history lacks are recorded on review, once; the rest are not', async () => {
    const changes: BulkChange[] = [
      { line: 2, sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', action: 'adjust', qty: -3, note: 'n'.repeat(MAX_LEDGER_NOTE) },
      { line: 3, sku: 'SKR-DATES-1KG', locationCode: 'RUH-WH1', action: 'set', qty: 50 },
      { line: 4, sku: 'KHL-DATES-3KG', locationCode: 'JED-WH1', action: 'adjust', qty: 7 },
    ];
    const rows = buildPreview(changes, await fx.client.checkInventoryStock(changes.map((change) => change.sku))).rows;
    const journal = await Journal.create(path.join(fx.dir, 'journals'), { environment: 'sandbox', source: 'changes.csv', rows });
    const cancel = new AbortController();
    // Two rows answered, the third never sent; VS Code stopped before either reached the history.
    let answered = 0;
    await sendRows({ client: fx.client, journal, rows, concurrency: 1, signal: cancel.signal, onRow: () => ++answered === 2 && cancel.abort() });
    await review(journal, interruptedBulkEntries, 2);
    const entries = await ledger.entries();
    assert.deepStrictEqual(entries.map((entry) => [entry.source, entry.sku, entry.action, entry.before, entry.after, entry.run]), [
      ['bulk', 'AJW-DATES-500', 'adjust', 91, 88, journalWrite(journal.start.runId, 0)],
      ['bulk', 'SKR-DATES-1KG', 'set', 122, 50, journalWrite(journal.start.runId, 1)],
    ]);
    // A long note of the operator's is cut to make room for the mark, so the ledger still keeps the entry.
    assert.strictEqual(entries[0].note?.length, MAX_LEDGER_NOTE);
    assert.match(entries[0].note ?? '', /^n+ · recorded on review: VS Code stopped during this apply$/);
    assert.strictEqual(entries[1].note, 'recorded on review: VS Code stopped during this apply');
    assert.strictEqual(fx.writes().length, 2);
  });
});
