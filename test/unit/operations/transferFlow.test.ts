// Transfer Stock's questions through the scripted prompter, against the sandbox over real HTTP:
// every step counted (the reason, the note, the dates and the confirmation included), Back from
// each, the one quantity reader (Arabic-Indic digits), and nothing sent before the confirmation.
import * as assert from 'node:assert';
import { askTransfer, type TransferFlowContext } from '../../../src/operations/transfer/flow';
import { isComplete, runTransfer } from '../../../src/operations/transfer/transfer';
import { closeAfterEach, NOW, setup, stockedSku, type Fixture } from '../orders/fixture';
import { back, escape, pick, rejected, type, type Answer } from '../stockChange/scripted';

const RUH = 'RUH-WH1';
const RUH_LABEL = 'Riyadh Central Warehouse';
const JED = 'JED-WH1';

describe('operations: the Transfer Stock flow on the step runner', () => {
  let fixture: Fixture;
  closeAfterEach(() => fixture);

  function context(asksReason = true): TransferFlowContext {
    return { prompter: fixture.prompter, stock: fixture.store, getClient: async () => fixture.client, environment: () => 'sandbox', now: () => NOW, asksReason: () => asksReason };
  }

  /** Every quick input shown, as "placeholder-or-prompt (step/total)", with whether it had Back. */
  function steps(): Array<[number, number, boolean]> {
    return fixture.prompter.shown.flatMap((shown) => (shown.kind === 'pick' || shown.kind === 'input' ? [[shown.request.step, shown.request.totalSteps, shown.request.canGoBack] as [number, number, boolean]] : []));
  }

  it('from the palette: seven counted steps with Back after the first, "٥" read as 5, and nothing sent until the transfer runs', async () => {
    fixture = await setup();
    const { sku, onHand } = stockedSku(fixture, RUH);
    const toBefore = await fixture.onHand(sku, JED);
    fixture.prompter.play(pick(RUH_LABEL), pick(sku), pick(/^Jeddah/), type('٥'), pick('Immediately'), pick('No reason'), pick(/Transfer$/));
    const asked = await askTransfer(context(), {});
    assert.ok(asked);
    assert.deepStrictEqual(steps(), [[1, 7, false], [2, 7, true], [3, 7, true], [4, 7, true], [5, 7, true], [6, 7, true], [7, 7, true]]);
    assert.deepStrictEqual([asked.plan.sku, asked.plan.from, asked.plan.to, asked.plan.qty, asked.plan.method, asked.plan.fromBefore, asked.plan.toBefore, asked.plan.reason], [sku, RUH, JED, 5, 'immediate', onHand, toBefore, undefined]);
    const [quantity] = fixture.prompter.inputs();
    assert.strictEqual(quantity.prompts[0], `${sku}: ${onHand} on hand at ${RUH}, ${toBefore} at ${JED}. How many units to move?`);
    const confirm = fixture.prompter.picks().at(-1);
    assert.strictEqual(confirm?.request.title, `Transfer 5 × ${sku} from ${RUH} to ${JED}?`);
    assert.strictEqual(confirm?.request.items[0].detail, `${RUH}: ${onHand} → ${onHand - 5}. ${JED}: ${toBefore} → ${toBefore + 5}.`);
    assert.strictEqual(fixture.sent('updateStockQuantity').length, 0, 'the flow itself sends nothing');

    assert.ok(isComplete(await runTransfer(asked.client, asked.plan)));
    assert.deepStrictEqual([await fixture.onHand(sku, RUH), await fixture.onHand(sku, JED)], [onHand - 5, toBefore + 5]);
  });

  it('refuses a quantity beyond the source\'s stock or below 1 in its box, in any digits', async () => {
    fixture = await setup();
    const { sku, onHand } = stockedSku(fixture, RUH);
    fixture.prompter.play(
      pick(sku), pick(/^Jeddah/),
      rejected('', /^Type how many units to move: a whole number of at least 1\.$/),
      rejected('۰', /^Type how many units to move/),
      rejected('2.5', /^Type how many units to move/),
      rejected(String(onHand + 1), new RegExp(`^Only ${onHand} on hand at the source: at most ${onHand} can be moved\\.$`)),
      escape,
    );
    assert.strictEqual(await askTransfer(context(), { locationCode: RUH }), undefined);
    assert.deepStrictEqual(steps(), [[1, 6, false], [2, 6, true], [3, 6, true]], 'the source given by the row is not a step');
  });

  it('Back from every step, the confirmation to the first, each opening on the earlier choice; the total follows the answers', async () => {
    fixture = await setup();
    const { sku } = stockedSku(fixture, RUH);
    const forward: Answer[] = [pick(RUH_LABEL), pick(sku), pick(/^Jeddah/), type('3'), pick('Through inventory orders'), type('today'), type('tomorrow'), pick('Damaged'), type('delivery 7')];
    fixture.prompter.play(...forward, back, back, back, back, back, back, back, back, back, escape);
    assert.strictEqual(await askTransfer(context(), {}), undefined);
    const shown = steps();
    // Forward: the dates and the note join the count as they are chosen; the confirmation is 10/10.
    assert.deepStrictEqual(shown.slice(0, 10), [[1, 7, false], [2, 7, true], [3, 7, true], [4, 7, true], [5, 7, true], [6, 9, true], [7, 9, true], [8, 9, true], [9, 10, true], [10, 10, true]]);
    // Back: 9, 8, … 1.
    assert.deepStrictEqual(shown.slice(10).map(([step]) => step), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const inputs = fixture.prompter.inputs();
    assert.deepStrictEqual(inputs.slice(-4).map((input) => input.request.value), ['delivery 7', 'tomorrow', 'today', '3'], 'each box opens on what was typed');
    const picks = fixture.prompter.picks();
    const reopened = (placeholder: RegExp) => picks.filter((entry) => placeholder.test(entry.request.placeholder)).at(-1);
    const reason = reopened(/^Why does the stock change/);
    assert.strictEqual(reason?.labels[reason.request.activeIndex ?? -1], 'Damaged');
    const method = reopened(/^How should the stock move/);
    assert.strictEqual(method?.labels[method.request.activeIndex ?? -1], 'Through inventory orders');
    assert.strictEqual(fixture.sent('updateStockQuantity').length + fixture.sent('createInventoryOrder').length, 0);
  });

  it('through inventory orders: the dates read in their boxes (a delivery before the order refused), the reason and note kept in the plan', async () => {
    fixture = await setup();
    const { sku } = stockedSku(fixture, RUH);
    fixture.prompter.play(
      pick(/^Jeddah/), type('2'), pick('Through inventory orders'), type('today'),
      rejected('01/01/2020', /^The delivery date \(.+\) cannot be before the order date \(.+\)\.$/),
      type('tomorrow'), pick('Received'), type('  GRN 55  '), pick(/Transfer$/),
    );
    const asked = await askTransfer(context(), { sku, locationCode: RUH });
    assert.ok(asked);
    assert.deepStrictEqual([asked.plan.method, asked.plan.orderDate, asked.plan.deliveryDate, asked.plan.reason, asked.plan.note], ['orders', '27/11/2026', '28/11/2026', 'received', 'GRN 55']);
    const [, orderDate] = fixture.prompter.inputs();
    assert.match(orderDate.prompts[0], /^Order date as DD\/MM\/YYYY, or "today" or "tomorrow": .*27.*2026$/, 'the date as read, from the first key on');
    assert.deepStrictEqual(steps().map(([step, total]) => `${step}/${total}`), ['1/5', '2/5', '3/5', '4/7', '5/7', '6/7', '7/8', '8/8']);
  });

  it('Cancel at the confirmation, or oto.askReason off (no reason step), sends nothing or asks one step less', async () => {
    fixture = await setup();
    const { sku } = stockedSku(fixture, RUH);
    fixture.prompter.play(pick(/^Jeddah/), type('1'), pick('Immediately'), pick(/Cancel$/));
    assert.strictEqual(await askTransfer(context(false), { sku, locationCode: RUH }), undefined);
    assert.deepStrictEqual(steps().map(([step, total]) => `${step}/${total}`), ['1/4', '2/4', '3/4', '4/4']);
    assert.strictEqual(fixture.sent('updateStockQuantity').length, 0);
  });
});
