// "Inject Sandbox Fault…" step by step, played by a scripted user: every step counted (the amount
// of a Retry-After or a delay included), Back on every step after the first, earlier answers kept.
import * as assert from 'node:assert';
import { askFault, wholeNumber } from '../../../src/sandboxHost/faultFlow';
import { back, escape, pick, rejected, ScriptedPrompter, type } from '../stockChange/scripted';

const ENDPOINTS = ['checkInventoryStock', 'updateStockQuantity'];

function steps(prompter: ScriptedPrompter): string[] {
  return prompter.shown.flatMap((shown) => (shown.kind === 'pick' || shown.kind === 'input' ? [`${shown.request.step}/${shown.request.totalSteps}${shown.request.canGoBack ? ' back' : ''}`] : []));
}

describe('Inject Sandbox Fault steps', () => {
  it('counts the Retry-After as a step of its own (3/6), every step after the first has Back, and the answers make the fault', async () => {
    const prompter = new ScriptedPrompter().play(pick('checkInventoryStock'), pick(/^Rate limit/), rejected('0', /A whole number from 1 to 3600/), type('7'), pick('For the next N requests'), type('2'), pick('Other clients only'));
    const choices = await askFault(prompter, ENDPOINTS);
    assert.deepStrictEqual(prompter.errors, []);
    assert.deepStrictEqual(choices, { endpoint: 'checkInventoryStock', kind: 'rateLimit', amount: 7, limit: { by: 'requests', count: 2 }, clients: 'others' });
    assert.deepStrictEqual(steps(prompter), ['1/5', '2/5 back', '3/6 back', '4/6 back', '5/6 back', '6/6 back']);
    assert.ok(prompter.shown.every((shown) => shown.kind !== 'pick' && shown.kind !== 'input' ? true : shown.request.title === 'Inject Sandbox Fault'));
    assert.ok(prompter.shown.every((shown) => shown.kind !== 'pick' && shown.kind !== 'input' ? true : shown.request.ignoreFocusOut === true), 'a look elsewhere keeps every step open');
  });

  it('counts five steps for a kind without an amount', async () => {
    const prompter = new ScriptedPrompter().play(pick('*'), pick('Server error 500'), pick('For N seconds'), type('60'), pick('Every client'));
    assert.deepStrictEqual(await askFault(prompter, ENDPOINTS), { endpoint: '*', kind: 'serverError500', amount: undefined, limit: { by: 'seconds', count: 60 }, clients: 'all' });
    assert.deepStrictEqual(steps(prompter), ['1/5', '2/5 back', '3/5 back', '4/5 back', '5/5 back']);
  });

  it('goes Back from the Retry-After to the kind, keeps the earlier choice highlighted, and recounts for a kind without an amount', async () => {
    const prompter = new ScriptedPrompter().play(pick('updateStockQuantity'), pick(/^Rate limit/), back, pick('Drop the connection'), pick('For the next N requests'), back, back, back, pick('checkInventoryStock'), pick('Drop the connection'), pick('For the next N requests'), type('3'), pick('Every client'));
    const choices = await askFault(prompter, ENDPOINTS);
    assert.deepStrictEqual(prompter.errors, []);
    assert.deepStrictEqual(choices, { endpoint: 'checkInventoryStock', kind: 'drop', amount: undefined, limit: { by: 'requests', count: 3 }, clients: 'all' });
    assert.deepStrictEqual(steps(prompter), ['1/5', '2/5 back', '3/6 back', '2/6 back', '3/5 back', '4/5 back', '3/5 back', '2/5 back', '1/5', '2/5 back', '3/5 back', '4/5 back', '5/5 back']);
    const picks = prompter.picks();
    // Back to the kind: Rate limit (the first kind) highlighted; back to the endpoint: the one chosen before.
    assert.strictEqual(picks[2].request.activeIndex, 0);
    assert.strictEqual(picks[2].labels[picks[2].request.activeIndex ?? -1], 'Rate limit (429 with Retry-After)');
    assert.strictEqual(picks[4].labels[picks[4].request.activeIndex ?? -1], 'For the next N requests');
    assert.strictEqual(picks[6].labels[picks[6].request.activeIndex ?? -1], 'updateStockQuantity');
  });

  it('counts the deliveries\' steps (4, or 5 with a delay), with Back, and keeps a typed amount when going back to it', async () => {
    const prompter = new ScriptedPrompter().play(pick(/Webhook deliveries$/), pick('Delay'), type('750'), pick('Every type'), back, back, type('900'), pick('orderStatus'), type('2'));
    assert.deepStrictEqual(await askFault(prompter, ENDPOINTS), { kind: 'delay', amount: 900, webhookType: 'orderStatus', times: 2 });
    assert.deepStrictEqual(prompter.errors, []);
    assert.deepStrictEqual(steps(prompter), ['1/5', '2/4 back', '3/5 back', '4/5 back', '5/5 back', '4/5 back', '3/5 back', '4/5 back', '5/5 back']);
    assert.strictEqual(prompter.inputs()[2].request.value, '750', 'back on the delay box, as typed');

    const again = new ScriptedPrompter().play(pick(/Webhook deliveries$/), pick('Wrong signature'), pick('orderStatus'), back, pick('Every type'), type('٣'));
    assert.deepStrictEqual(await askFault(again, ENDPOINTS), { kind: 'wrongSignature', amount: undefined, webhookType: undefined, times: 3 });
    assert.deepStrictEqual(again.errors, []);
    assert.deepStrictEqual(steps(again), ['1/5', '2/4 back', '3/4 back', '4/4 back', '3/4 back', '4/4 back']);
  });

  it('ends without a fault on Escape at any step', async () => {
    const prompter = new ScriptedPrompter().play(pick('*'), pick('Added latency'), escape);
    assert.strictEqual(await askFault(prompter, ENDPOINTS), undefined);
    assert.deepStrictEqual(steps(prompter), ['1/5', '2/5 back', '3/6 back']);
  });

  it('reads whole numbers in any digits, within their range', () => {
    assert.strictEqual(wholeNumber(' 12 ', 100), 12);
    assert.strictEqual(wholeNumber('١٢', 100), 12);
    assert.strictEqual(wholeNumber('0', 100), undefined);
    assert.strictEqual(wholeNumber('101', 100), undefined);
    assert.strictEqual(wholeNumber('1.5', 100), undefined);
    assert.strictEqual(wholeNumber('', 100), undefined);
  });
});
