import * as assert from 'node:assert';
import * as fs from 'node:fs/promises';
import { Journal, openJournals, readJournal } from '../../../src/operations/journal';
import { choiceLabels, describeHeld, describeTransfer, figuresNow, isComplete, outcomeOfJournal, sendReverse, sendSecond, runTransfer, sendStep, type TransferPlan } from '../../../src/operations/transfer/transfer';
import { setupOperations, type OperationsFixture } from './support';
import { until } from '../until';
import { faultTaken, received } from '../fakes/journal';

describe('operations: transfers between locations', () => {
  let fx: OperationsFixture;
  beforeEach(async () => {
    fx = await setupOperations({ timeoutMs: 1500 });
  });
  afterEach(() => fx.close());

  async function plan(overrides: Partial<TransferPlan> = {}): Promise<TransferPlan> {
    const sku = overrides.sku ?? 'KHL-DATES-3KG';
    const from = overrides.from ?? 'RUH-WH1';
    const to = overrides.to ?? 'JED-WH1';
    const stock = await fx.client.checkInventoryStock([sku]);
    const at = (code: string) => stock[sku]?.find((entry) => entry.pickupLocationCode === code);
    return { id: 'transfer-1', sku, from, to, qty: 5, method: 'immediate', fromBefore: at(from)?.quantityOnHand ?? 0, toBefore: at(to)?.quantityOnHand ?? 0, toIsNew: at(to) === undefined, ...overrides };
  }

  it('moves stock at once: −n at the source, then +n at the destination', async () => {
    const transfer = await plan();
    const outcome = await runTransfer(fx.client, transfer);
    assert.ok(isComplete(outcome));
    assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'RUH-WH1'), 93);
    assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'JED-WH1'), 236);
    assert.match(describeTransfer(transfer, outcome), /^−5 at RUH-WH1 applied \(\S+\); \+5 at JED-WH1 applied \(\S+\)$/);
  });

  it('sets the destination when it has no inventory of the SKU yet (OTO refuses an adjust there)', async () => {
    const transfer = await plan({ sku: 'MDJ-DATES-1KG', to: 'DMM-WH1' });
    assert.strictEqual(transfer.toIsNew, true);
    await runTransfer(fx.client, transfer);
    assert.deepStrictEqual(fx.writes().map((write) => [write.actionType, write.locationCode, write.qty]), [['adjust', 'RUH-WH1', -5], ['set', 'DMM-WH1', 5]]);
    assert.strictEqual(await fx.onHand('MDJ-DATES-1KG', 'DMM-WH1'), 5);
  });

  it('a refused first step sends nothing more', async () => {
    fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 400, body: '{"success":false,"otoErrorCode":"OTO1132","otoErrorMessage":"Quantity is missing or invalid"}', times: 1 }]);
    const transfer = await plan();
    const outcome = await runTransfer(fx.client, transfer);
    assert.strictEqual(fx.writes().length, 1);
    assert.strictEqual(describeTransfer(transfer, outcome), '−5 at RUH-WH1 not applied (OTO1132 Quantity is missing or invalid); +5 at JED-WH1 not sent');
  });

  it('a refused second step: says exactly what happened, and the operator can retry it', async () => {
    const transfer = await plan();
    const first = await sendStep(fx.client, transfer, 'first');
    fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', status: 400, body: '{"success":false,"otoErrorCode":"OTO1133","otoErrorMessage":"Location Code is missing or invalid"}', times: 1 }]);
    const second = await sendStep(fx.client, transfer, 'second');
    const outcome = { first, second };
    assert.strictEqual(isComplete(outcome), false);
    assert.match(describeTransfer(transfer, outcome), /^−5 at RUH-WH1 applied \(\S+\); \+5 at JED-WH1 not applied \(OTO1133 Location Code is missing or invalid\)$/);
    assert.strictEqual(fx.writes().length, 2, 'nothing was retried on its own');
    assert.strictEqual(choiceLabels(transfer, outcome).second, 'Retry +5 at JED-WH1');
    const retried = await sendStep(fx.client, transfer, 'second');
    assert.strictEqual(retried.state, 'applied');
    assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'JED-WH1'), 236);
  });

  it('a second step whose answer is lost is reported as such; reversing the first puts the source back', async () => {
    const transfer = await plan();
    const first = await sendStep(fx.client, transfer, 'first');
    fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, times: 1 }]);
    const second = await sendStep(fx.client, transfer, 'second');
    assert.strictEqual(second.state, 'lost');
    assert.match(describeTransfer(transfer, { first, second }), /; \+5 at JED-WH1: outcome unknown \(.+\), may or may not have been applied$/);
    assert.strictEqual(fx.writes().length, 2, 'the lost step was not resent');
    assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'JED-WH1'), 236, 'it had in fact been applied');
    assert.strictEqual(await figuresNow(fx.client, transfer), 'On hand now: 93 at RUH-WH1 (98 before the transfer), 236 at JED-WH1 (231 before).', 'the figures that show it, for the operator');
    assert.strictEqual(await figuresNow(fx.client, { ...transfer, method: 'orders' }), undefined, 'an order moves nothing on hand');
    const reverse = await sendStep(fx.client, transfer, 'reverse');
    assert.strictEqual(reverse.state, 'applied');
    assert.ok(isComplete({ first, second, reverse }));
    assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'RUH-WH1'), 98);
  });

  describe('sending a step again after a lost answer (at once: the figures tell whether it landed)', () => {
    it('a second step (an adjust) whose answer was lost is not sent again once the destination shows it landed', async () => {
      const transfer = await plan();
      const first = await sendStep(fx.client, transfer, 'first');
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, times: 1 }]);
      const second = await sendStep(fx.client, transfer, 'second');
      assert.strictEqual(second.state, 'lost');
      const retried = await sendSecond(fx.client, transfer, undefined, { first, second });
      assert.deepStrictEqual(retried, { held: { onHand: 236, locationCode: 'JED-WH1', expected: 231 } });
      assert.strictEqual(fx.writes().length, 2, 'the +5 was not sent twice');
      assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'JED-WH1'), 236);
      assert.strictEqual(describeHeld(transfer, 236, true, { locationCode: 'JED-WH1', expected: 231 }), 'JED-WH1 now has 236 of KHL-DATES-3KG, not the 231 this step must start from, so nothing was sent: a step without an answer may have been applied, or the stock changed there since. Check the figures; Leave as it is and adjust the stock yourself if needed.');
    });

    it('a second step whose answer was lost and that did not land is sent again', async () => {
      const transfer = await plan();
      const first = await sendStep(fx.client, transfer, 'first');
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', reset: true, times: 1 }]);
      const second = await sendStep(fx.client, transfer, 'second');
      assert.strictEqual(second.state, 'lost');
      const retried = await sendSecond(fx.client, transfer, undefined, { first, second });
      assert.strictEqual('sent' in retried && retried.sent.state, 'applied');
      assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'JED-WH1'), 236);
    });

    it('a reverse whose answer was lost is not sent again once the source shows it landed', async () => {
      const transfer = await plan();
      const first = await sendStep(fx.client, transfer, 'first');
      const second = { state: 'failed' as const, message: 'refused' };
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, times: 1 }]);
      const reverse = await sendStep(fx.client, transfer, 'reverse');
      assert.strictEqual(reverse.state, 'lost');
      assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'RUH-WH1'), 98, 'the reverse landed');
      const again = await sendReverse(fx.client, transfer, undefined, { first, second, reverse });
      assert.deepStrictEqual(again, { held: { onHand: 98, locationCode: 'RUH-WH1', expected: 93 } });
      assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'RUH-WH1'), 98, 'not reversed twice');
    });

    it('a first step whose answer was lost and that did not land is neither reversed nor followed by the second', async () => {
      const transfer = await plan();
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', reset: true, times: 1 }]);
      const first = await sendStep(fx.client, transfer, 'first');
      assert.strictEqual(first.state, 'lost');
      const outcome = { first, second: { state: 'not-sent' as const } };
      assert.deepStrictEqual(await sendReverse(fx.client, transfer, undefined, outcome), { held: { onHand: 98, locationCode: 'RUH-WH1', expected: 93 } });
      assert.deepStrictEqual(await sendSecond(fx.client, transfer, undefined, outcome), { held: { onHand: 98, locationCode: 'RUH-WH1', expected: 93 } });
      assert.strictEqual(fx.writes().length, 1, 'nothing more sent');
      assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'RUH-WH1'), 98);
      assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'JED-WH1'), 231, 'no units made up at the destination');
    });
  });

  describe('retrying the second step when it is a set (the destination had no inventory of the SKU)', () => {
    const newAtDestination = (): Promise<TransferPlan> => plan({ sku: 'MDJ-DATES-1KG', to: 'DMM-WH1' });

    it('a set whose answer was lost is not sent again: it had landed, and the destination\'s figure is told instead', async () => {
      const transfer = await newAtDestination();
      await sendStep(fx.client, transfer, 'first');
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', afterEffect: true, times: 1 }]);
      assert.strictEqual((await sendStep(fx.client, transfer, 'second')).state, 'lost');
      const retried = await sendSecond(fx.client, transfer);
      assert.deepStrictEqual(retried, { held: { onHand: 5 } });
      assert.strictEqual(fx.writes().length, 2, 'the set was not resent');
      assert.strictEqual(describeHeld(transfer, 5, true), 'DMM-WH1 now has 5 of MDJ-DATES-1KG, so the set to 5 was not sent again: it may have been applied, or the stock changed there since. Check the figure; Leave as it is and adjust it yourself if units are missing.');
    });

    it('a set never sent is held back too once another writer stocked the destination, whose figure it would overwrite', async () => {
      const transfer = await newAtDestination();
      await sendStep(fx.client, transfer, 'first');
      await fx.client.updateStockQuantity({ actionType: 'set', sku: 'MDJ-DATES-1KG', locationCode: 'DMM-WH1', qty: 2 });
      assert.deepStrictEqual(await sendSecond(fx.client, transfer), { held: { onHand: 2 } });
      assert.strictEqual(await fx.onHand('MDJ-DATES-1KG', 'DMM-WH1'), 2, 'the other writer\'s figure stands');
    });

    it('the transfer itself holds the set back when another writer stocked the destination after it was prepared', async () => {
      const transfer = await newAtDestination();
      await fx.client.updateStockQuantity({ actionType: 'set', sku: 'MDJ-DATES-1KG', locationCode: 'DMM-WH1', qty: 2 });
      const outcome = await runTransfer(fx.client, transfer);
      assert.strictEqual(outcome.first.state, 'applied');
      assert.deepStrictEqual([outcome.second, outcome.held], [{ state: 'not-sent' }, { onHand: 2 }]);
      assert.strictEqual(isComplete(outcome), false, 'the operator is asked: reverse the first step, or leave it');
      assert.deepStrictEqual(fx.writes().map((write) => [write.actionType, write.locationCode]), [['set', 'DMM-WH1'], ['adjust', 'RUH-WH1']], 'no set over the other writer\'s figure');
      assert.strictEqual(await fx.onHand('MDJ-DATES-1KG', 'DMM-WH1'), 2);
      assert.strictEqual(describeHeld(transfer, 2, false), 'DMM-WH1 now has 2 of MDJ-DATES-1KG (it had none when the transfer was prepared), so the set to 5 was not sent: it would overwrite that figure. Reverse the first step and transfer again, or Leave as it is.');
    });

    it('a set that provably did not land (the destination still has no inventory) is sent; an adjust is sent without a read', async () => {
      const transfer = await newAtDestination();
      await sendStep(fx.client, transfer, 'first');
      const retried = await sendSecond(fx.client, transfer);
      assert.strictEqual('sent' in retried && retried.sent.state, 'applied');
      assert.strictEqual(await fx.onHand('MDJ-DATES-1KG', 'DMM-WH1'), 5);
      const adjust = await plan({ id: 'transfer-2' });
      const reads = received(fx.sandbox).filter((request) => request.endpoint === 'checkInventoryStock').length;
      assert.ok('sent' in (await sendSecond(fx.client, adjust)));
      assert.strictEqual(received(fx.sandbox).filter((request) => request.endpoint === 'checkInventoryStock').length, reads);
    });
  });

  it('through inventory orders: an outbound order at the source, then an inbound one at the destination, with dates', async () => {
    const transfer = await plan({ method: 'orders', orderDate: '27/11/2026', deliveryDate: '30/11/2026' });
    const outcome = await runTransfer(fx.client, transfer);
    assert.ok(isComplete(outcome));
    const orders = received(fx.sandbox).filter((request) => request.endpoint === 'createInventoryOrder').map((request) => request.body as Record<string, unknown>);
    assert.deepStrictEqual(orders.map((order) => [order.action, order.locationCode, order.orderDate, order.deliveryDate]), [
      ['outbound', 'RUH-WH1', '27/11/2026', '30/11/2026'],
      ['inbound', 'JED-WH1', '27/11/2026', '30/11/2026'],
    ]);
    assert.match(describeTransfer(transfer, outcome), /^an outbound order of 5 at RUH-WH1 applied \(\S+\); an inbound order of 5 at JED-WH1 applied \(\S+\)$/);
  });

  describe('the journal: a transfer VS Code stopped in the middle of is told on the next start', () => {
    const journalOf = (transfer: TransferPlan): Promise<Journal> => Journal.create(fx.dir, { environment: 'sandbox', source: `${transfer.sku} ${transfer.from} → ${transfer.to}`, rows: [], transfer });
    const openTransfers = () => openJournals(fx.dir, 'sandbox', 'transfer');

    it('puts each step on disk before its write is sent, and its answer after', async () => {
      const transfer = await plan();
      const journal = await journalOf(transfer);
      await runTransfer(fx.client, transfer, journal);
      const read = await readJournal(journal.file);
      assert.deepStrictEqual(read?.entries.map((entry) => [entry.type, 'row' in entry ? entry.row : undefined]), [['start', undefined], ['send', 0], ['applied', 0], ['send', 1], ['applied', 1]]);
      assert.deepStrictEqual(read?.start.transfer, transfer);
    });

    it('stopped between the two writes: found on start, saying the first applied and the second not sent, and nothing is resent', async () => {
      const transfer = await plan();
      const journal = await journalOf(transfer);
      // VS Code stops here: the first step went, the second never did.
      await sendStep(fx.client, transfer, 'first', journal);
      const [open, ...others] = await openTransfers();
      assert.strictEqual(others.length, 0);
      assert.strictEqual(open.file, journal.file);
      assert.deepStrictEqual(await openJournals(fx.dir, 'sandbox', 'bulk'), [], 'a transfer is not offered as a bulk apply');
      const outcome = outcomeOfJournal(open.entries);
      assert.strictEqual(isComplete(outcome), false);
      assert.match(describeTransfer(open.start.transfer!, outcome), /^−5 at RUH-WH1 applied \(\S+\); \+5 at JED-WH1 not sent$/);
      assert.deepStrictEqual(choiceLabels(transfer, outcome), { second: 'Send +5 at JED-WH1', reverse: 'Reverse −5 at RUH-WH1', leave: 'Leave as it is' }, 'a step never sent is sent, not retried');
      assert.strictEqual(fx.writes().length, 1, 'reading the journal back sends nothing');
      assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'RUH-WH1'), 93);
      assert.strictEqual(await fx.onHand('KHL-DATES-3KG', 'JED-WH1'), 231);
    });

    it('stopped with the second write in flight: "may or may not have been applied", never resent on its own', async () => {
      const transfer = await plan();
      const journal = await journalOf(transfer);
      await sendStep(fx.client, transfer, 'first', journal);
      // The send line is on disk and the write left; VS Code stopped before its answer.
      fx.sandbox.addFaults([{ endpoint: 'updateStockQuantity', hang: true, times: 1 }]);
      const inFlight = sendStep(fx.client, transfer, 'second', journal);
      await until('the second write at the sandbox', () => faultTaken(fx.sandbox, 'updateStockQuantity'));
      // The sandbox holds the write: its send line is already on disk, and no answer is.
      const [open] = await openTransfers();
      assert.deepStrictEqual(open.entries.at(-1), { ...open.entries.at(-1), type: 'send', row: 1 });
      const outcome = outcomeOfJournal(open.entries);
      assert.strictEqual(outcome.second.state, 'lost');
      assert.match(describeTransfer(transfer, outcome), /; \+5 at JED-WH1: outcome unknown, may or may not have been applied$/);
      assert.strictEqual(isComplete(outcome), false);
      await inFlight;
    });

    it('is closed once whole, and then no longer offered; a journal with a broken plan is not offered either', async () => {
      const transfer = await plan();
      const journal = await journalOf(transfer);
      await runTransfer(fx.client, transfer, journal);
      await journal.append({ type: 'closed' });
      assert.deepStrictEqual(await openTransfers(), []);
      const broken = await journalOf({ ...transfer, id: 'transfer-2' });
      const text = await fs.readFile(broken.file, 'utf8');
      await fs.writeFile(broken.file, text.replace('"qty":5', '"qty":"5"'));
      assert.deepStrictEqual(await openTransfers(), []);
    });
  });
});
