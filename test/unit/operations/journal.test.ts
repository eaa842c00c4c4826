import * as assert from 'node:assert';
import * as fs from 'node:fs/promises';
import { Journal, journalsOf, openJournals, readJournal } from '../../../src/operations/journal';
import { findEarlierApply, rerunPlan } from '../../../src/operations/bulk/rerun';
import { outcomeLabel } from '../../../src/operations/bulk/report';
import { buildPreview, type PlannedRow } from '../../../src/operations/bulk/preview';
import { checkRows, sendRows } from '../../../src/operations/bulk/run';
import { countStates, foldRows, statusOf } from '../../../src/operations/bulk/state';
import type { BulkChange } from '../../../src/operations/bulk/file/validate';
import { setupOperations, type OperationsFixture } from './support';

const CHANGES: BulkChange[] = [
  { line: 2, sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', action: 'adjust', qty: -3 },
  { line: 3, sku: 'SKR-DATES-1KG', locationCode: 'RUH-WH1', action: 'set', qty: 50 },
  { line: 4, sku: 'KHL-DATES-3KG', locationCode: 'JED-WH1', action: 'adjust', qty: 7 },
  { line: 5, sku: 'MDJ-DATES-1KG', locationCode: 'RUH-WH1', action: 'set', qty: 222 },
];

describe('operations: the bulk journal and its recovery', () => {
  let fx: OperationsFixture;
  let rows: PlannedRow[];

  beforeEach(async () => {
    fx = await setupOperations({ timeoutMs: 1500 });
    rows = buildPreview(CHANGES, await fx.client.checkInventoryStock(CHANGES.map((change) => change.sku))).rows;
  });
  afterEach(() => fx.close());

  const journal = (resumes?: string): Promise<Journal> => Journal.create(fx.dir, { environment: 'sandbox', source: 'changes.csv', rows, resumes });
  const sendable = (list: PlannedRow[]): PlannedRow[] => list.filter((row) => !row.noop);

  it('plans before → after from fresh reads, with a set to the current figure as a row that changes nothing', () => {
    assert.deepStrictEqual(rows.map((row) => [row.before, row.after, row.noop]), [[91, 88, false], [122, 50, false], [231, 238, false], [222, 222, true]]);
  });

  it('applies every row and records each answer with its transaction ID; nothing is left to resume', async () => {
    const run = await journal();
    await sendRows({ client: fx.client, journal: run, rows: sendable(rows) });
    const read = await readJournal(run.file);
    const statuses = statusOf(read!);
    assert.deepStrictEqual(statuses.map(({ status }) => status.state), ['applied', 'applied', 'applied', 'noop']);
    assert.ok(statuses.every(({ status }) => status.state !== 'applied' || /\S/.test(status.transactionId ?? '')));
    assert.strictEqual(await fx.onHand('SKR-DATES-1KG', 'RUH-WH1'), 50);
    assert.strictEqual(fx.writes().length, 3, 'the unchanged row is not sent');
  });

  it('a set whose figure another writer changed since the preview is not sent: it is "not sent", with the figure now, for a fresh preview', async () => {
    // Between the preview and the confirmation, someone else moves SKR-DATES-1KG (previewed at 122).
    await fx.client.updateStockQuantity({ actionType: 'adjust', sku: 'SKR-DATES-1KG', locationCode: 'RUH-WH1', qty: 4 });
    const run = await journal();
    await sendRows({ client: fx.client, journal: run, rows: sendable(rows) });
    const statuses = statusOf((await readJournal(run.file))!);
    assert.deepStrictEqual(statuses[1].status, { state: 'not-sent', now: 126 });
    assert.deepStrictEqual(statuses.map(({ status }) => status.state), ['applied', 'not-sent', 'applied', 'noop']);
    assert.strictEqual(await fx.onHand('SKR-DATES-1KG', 'RUH-WH1'), 126, 'the other writer\'s change stands');
    assert.deepStrictEqual(fx.writes().map((write) => write.sku).sort(), ['AJW-DATES-500', 'KHL-DATES-3KG', 'SKR-DATES-1KG'], 'only the other writer\'s write to it');
    assert.match(outcomeLabel(statuses[1].status), /^not sent: the stock changed since the preview \(126 now\)$/);
  });

  it('a row OTO refuses for its rate limit is "not applied", to send again from Review, never resent; the next row waits as OTO asked', async () => {
    fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 429, headers: { 'Retry-After': '1' }, times: 1 }]);
    const run = await journal();
    await sendRows({ client: fx.client, journal: run, rows: sendable(rows), concurrency: 1 });
    const read = (await readJournal(run.file))!;
    const statuses = statusOf(read);
    assert.deepStrictEqual(statuses.map(({ status }) => status.state), ['not-sent', 'applied', 'applied', 'noop']);
    assert.strictEqual(outcomeLabel(statuses[0].status), 'not applied: OTO asked to slow down; send it again from Review');
    assert.deepStrictEqual(countStates(statuses), { applied: 2, failed: 0, check: 0, notSent: 1, noop: 1, resolved: 0 }, 'offered by Review, as rows never sent are');
    assert.deepStrictEqual(fx.writes().map((write) => write.sku), ['AJW-DATES-500', 'SKR-DATES-1KG', 'KHL-DATES-3KG'], 'the refused row was sent once, not resent');
    const at = (type: string, row: number): number => Date.parse(read.entries.find((entry) => entry.type === type && 'row' in entry && entry.row === row)!.at);
    assert.ok(at('send', 1) - at('held', 0) >= 900, 'the next row waited for the Retry-After');
  });

  it('interrupted before any send: every row is "not sent", and resuming sends each exactly once', async () => {
    const run = await journal();
    const read = (await openJournals(fx.dir, 'sandbox', 'bulk'))[0];
    assert.strictEqual(read.start.runId, run.start.runId);
    const statuses = statusOf(read);
    assert.deepStrictEqual(countStates(statuses), { applied: 0, failed: 0, check: 0, notSent: 3, noop: 1, resolved: 0 });
    const resumed = await journal(run.start.runId);
    await sendRows({ client: fx.client, journal: resumed, rows: statuses.filter(({ status }) => status.state === 'not-sent').map(({ row }) => row) });
    assert.strictEqual(fx.writes().length, 3);
    assert.deepStrictEqual((await openJournals(fx.dir, 'sandbox', 'bulk')).map((open) => open.start.runId), [resumed.start.runId], 'the resumed run is offered no more');
  });

  it('interrupted in flight (the send is on disk, its answer is not): the row is "check" and is never sent again', async () => {
    const run = await journal();
    await run.append({ type: 'send', row: 0 });
    await fx.client.updateStockQuantity({ actionType: 'adjust', sku: 'AJW-DATES-500', locationCode: 'RUH-WH1', qty: -3 });
    // VS Code stops here, and the last line of the journal is torn.
    await fs.appendFile(run.file, '{"type":"applied","row":0,"at":"2026-');
    const statuses = statusOf((await readJournal(run.file))!);
    assert.deepStrictEqual(statuses.map(({ status }) => status.state), ['check', 'not-sent', 'not-sent', 'noop']);
    const resumed = await journal(run.start.runId);
    await sendRows({ client: fx.client, journal: resumed, rows: statuses.filter(({ status }) => status.state === 'not-sent').map(({ row }) => row) });
    assert.deepStrictEqual(fx.writes().map((write) => write.sku).sort(), ['AJW-DATES-500', 'KHL-DATES-3KG', 'SKR-DATES-1KG'], 'row 0 was sent once, by the run before the stop');
    const now = await checkRows(fx.client, Journal.reopen(run.file, run.start), [rows[0]]);
    assert.strictEqual(now.get(0), 88, 'the re-read shows the adjust did land');
    assert.deepStrictEqual(statusOf((await readJournal(run.file))!)[0].status, { state: 'check', now: 88 });
  });

  it('interrupted after the answer: the applied rows stay applied with their transaction IDs on resume', async () => {
    const run = await journal();
    const cancel = new AbortController();
    await sendRows({ client: fx.client, journal: run, rows: sendable(rows), concurrency: 1, signal: cancel.signal, onRow: () => cancel.abort() });
    const statuses = statusOf((await readJournal(run.file))!);
    assert.deepStrictEqual(statuses.map(({ status }) => status.state), ['applied', 'not-sent', 'not-sent', 'noop']);
    assert.strictEqual(fx.writes().length, 1, 'cancel stops new sends');
  });

  const lostAnswers: Array<[string, { status?: number; hang?: boolean }]> = [
    ['the connection dropped after the change', {}],
    ['a 500 after the change', { status: 500 }],
    ['no answer within the timeout after the change', { hang: true }],
  ];
  for (const [what, fault] of lostAnswers) {
    it(`an adjust whose answer is lost (${what}) is "check", re-read, and never resent`, async () => {
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, times: 1, ...fault }]);
      const run = await journal();
      await sendRows({ client: fx.client, journal: run, rows: [rows[0]] });
      assert.strictEqual(fx.writes().length, 1, 'sent once, not resent');
      const checked = await checkRows(fx.client, run, [rows[0]]);
      const status = statusOf((await readJournal(run.file))!)[0].status;
      assert.strictEqual(status.state, 'check');
      assert.strictEqual(checked.get(0), 88, 'the figure now shows the change was made');
      assert.strictEqual(status.state === 'check' && status.now, 88);
    });
  }

  // An answer with a success status that cannot be read came from a server that took the request:
  // the change was probably made, and "OTO refused it" would invite the operator to make it again.
  const unreadable: Array<[string, string]> = [
    ['not JSON', '<html>OK</html>'],
    ['JSON not in the documented shape', '{"ok":1}'],
  ];
  for (const [what, body] of unreadable) {
    it(`an adjust answered 200 with a body that is ${what} is "check", not "not applied", and never resent`, async () => {
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, status: 200, body, times: 1 }]);
      const run = await journal();
      await sendRows({ client: fx.client, journal: run, rows: [rows[0]] });
      assert.strictEqual(fx.writes().length, 1, 'sent once, not resent');
      assert.strictEqual(statusOf((await readJournal(run.file))!)[0].status.state, 'check');
      assert.strictEqual(await fx.onHand('AJW-DATES-500', 'RUH-WH1'), 88, 'the change was made');
    });
  }

  it('a set whose answer is lost is "check" as well: it is not counted as applied, and no new row is sent for it', async () => {
    // Enough faults that even a client that retried sets would see only lost answers.
    fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, status: 502, times: 10 }]);
    const run = await journal();
    await sendRows({ client: fx.client, journal: run, rows: [rows[1]] });
    const status = statusOf((await readJournal(run.file))!)[1].status;
    assert.strictEqual(status.state, 'check');
    assert.strictEqual(await fx.onHand('SKR-DATES-1KG', 'RUH-WH1'), 50);
  });

  it('a refusal from OTO is "not applied" with its code, and the other rows go on', async () => {
    fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 400, body: '{"success":false,"otoErrorCode":"OTO1132","otoErrorMessage":"Quantity is missing or invalid"}', times: 1 }]);
    const run = await journal();
    await sendRows({ client: fx.client, journal: run, rows: sendable(rows), concurrency: 1 });
    const statuses = statusOf((await readJournal(run.file))!);
    assert.deepStrictEqual(statuses[0].status, { state: 'failed', code: 'OTO1132', message: 'Quantity is missing or invalid' });
    assert.deepStrictEqual(statuses.slice(1).map(({ status }) => status.state), ['applied', 'applied', 'noop']);
  });

  it('the operator\'s decisions on "check" rows: applied, not applied, or send again (which makes the row sendable)', () => {
    const at = '2026-11-27T10:00:00.000Z';
    const statuses = foldRows(rows, [
      { type: 'send', row: 0, at }, { type: 'lost', row: 0, at, message: 'x' },
      { type: 'send', row: 1, at }, { type: 'lost', row: 1, at, message: 'x' },
      { type: 'send', row: 2, at }, { type: 'checked', row: 2, at, now: 5 },
      { type: 'resolved', row: 0, at, as: 'applied' }, { type: 'resolved', row: 1, at, as: 'not-applied' }, { type: 'resolved', row: 2, at, as: 'resend' },
    ]);
    assert.deepStrictEqual(statuses.map(({ status }) => status), [
      { state: 'resolved', as: 'applied', now: undefined },
      { state: 'resolved', as: 'not-applied', now: undefined },
      { state: 'not-sent' },
      { state: 'noop' },
    ]);
  });

  // Applying a file again: the command looks for an earlier apply of the same file in the journals,
  // so the rows it applied are not sent twice.
  describe('applying a file that was applied before', () => {
    const earlier = async (changes: readonly BulkChange[] = CHANGES, source = 'changes.csv') => findEarlierApply(source, changes, await journalsOf(fx.dir, 'sandbox', 'bulk'));

    it('finds a finished apply of the same file, with what it applied', async () => {
      assert.strictEqual(await earlier(), undefined, 'never applied');
      const run = await journal();
      await sendRows({ client: fx.client, journal: run, rows: sendable(rows) });
      await run.append({ type: 'closed' });
      const found = await earlier();
      assert.strictEqual(found?.journal.start.runId, run.start.runId);
      assert.strictEqual(found?.open, false);
      assert.deepStrictEqual(found?.counts, { applied: 3, failed: 0, check: 0, notSent: 0, noop: 1, resolved: 0 });
      assert.strictEqual(found?.common, 4);
      assert.strictEqual(await earlier(CHANGES.map((change) => ({ ...change, qty: change.qty + 7 }))), undefined, 'other changes');
      assert.strictEqual(await earlier(CHANGES.slice(0, 1), 'other.csv'), undefined, 'another file that shares a row with it');
      assert.strictEqual(await earlier(CHANGES.slice(0, 1)), undefined, 'the same name, but less than half of its rows');
      assert.strictEqual((await earlier([...CHANGES, { line: 6, sku: 'AJW-DATES-500', locationCode: 'JED-WH1', action: 'adjust', qty: 1 }]))?.common, 4, 'the same rows and a new one');
    });

    it('finds it when a row was fixed in the file since, or the file is a copy under another name: the other rows would be applied twice', async () => {
      const run = await journal();
      await sendRows({ client: fx.client, journal: run, rows: sendable(rows) });
      await run.append({ type: 'closed' });
      const fixed = await earlier([{ ...CHANGES[0], qty: CHANGES[0].qty - 4 }, ...CHANGES.slice(1)]);
      assert.strictEqual(fixed?.journal.start.runId, run.start.runId);
      assert.strictEqual(fixed?.common, 3);
      const copy = await earlier([...CHANGES].reverse(), 'changes (1).csv');
      assert.strictEqual(copy?.journal.start.source, 'changes.csv');
      assert.strictEqual(copy?.common, 4);
    });

    it('the whole file sent again over an apply still open takes that apply over: its unsent rows are offered for review no more', async () => {
      const stopped = await journal();
      await sendRows({ client: fx.client, journal: stopped, rows: sendable(rows).slice(0, 1) });
      const found = await earlier();
      assert.strictEqual(found?.open, true);
      assert.deepStrictEqual(rerunPlan(found, false), { send: false });
      assert.ok((await openJournals(fx.dir, 'sandbox', 'bulk')).some((open) => open.start.runId === stopped.start.runId), 'offered for review until taken over');
      const plan = rerunPlan(found, true);
      assert.strictEqual(plan.resumes?.start.runId, stopped.start.runId);
      // As planAndApply does with it: the new run names the one it takes over.
      await Journal.create(fx.dir, { environment: 'sandbox', source: 'changes.csv', rows, resumes: plan.resumes?.start.runId });
      assert.ok(!(await openJournals(fx.dir, 'sandbox', 'bulk')).some((open) => open.start.runId === stopped.start.runId), 'the stopped apply is not offered for review');
      assert.deepStrictEqual(rerunPlan(undefined, false), { send: true }, 'never applied: sent');
      assert.ok(found);
      assert.deepStrictEqual(rerunPlan({ ...found, open: false }, true), { send: true, resumes: undefined }, 'a finished apply is not taken over');
    });

    it('finds an apply stopped mid-way as still open (applied, to check, not sent), so it is reviewed rather than sent again', async () => {
      const run = await journal();
      const cancel = new AbortController();
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', times: 1, latencyMs: 0 }, { endpoint: 'updateStockQuantity', afterEffect: true, status: 502, times: 1 }]);
      await sendRows({ client: fx.client, journal: run, rows: sendable(rows), concurrency: 1, signal: cancel.signal, onRow: (row) => row.index === 1 && cancel.abort() });
      const found = await earlier();
      assert.strictEqual(found?.open, true);
      assert.deepStrictEqual(found?.counts, { applied: 1, failed: 0, check: 1, notSent: 1, noop: 1, resolved: 0 });
    });

    it('a run that resumed another is the one found; one that sent nothing that landed is not', async () => {
      const first = await journal();
      await sendRows({ client: fx.client, journal: first, rows: [rows[0]] });
      const resumed = await Journal.create(fx.dir, { environment: 'sandbox', source: 'changes.csv', rows: rows.slice(1), resumes: first.start.runId });
      const found = await earlier();
      assert.strictEqual(found?.journal.start.runId, resumed.start.runId);
      assert.strictEqual(found?.open, true, 'its rows were never sent');
      await resumed.append({ type: 'closed' });
      assert.strictEqual((await earlier())?.journal.start.runId, first.start.runId, 'the run before it applied a row');
      assert.strictEqual((await earlier())?.open, false, 'resumed, so no longer open');

      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 400, body: '{"success":false,"otoErrorCode":"OTO1132","otoErrorMessage":"Quantity is missing or invalid"}' }]);
      const refused = await Journal.create(fx.dir, { environment: 'sandbox', source: 'refused.csv', rows });
      await sendRows({ client: fx.client, journal: refused, rows: sendable(rows) });
      await refused.append({ type: 'closed' });
      // Every row refused: that run applied nothing to send twice; the same rows applied as changes.csv are what is found.
      assert.strictEqual((await earlier(CHANGES, 'refused.csv'))?.journal.start.source, 'changes.csv');
    });
  });
});
