// The rows whose answer was lost, decided in two counted steps with Back, played by the scripted
// prompter as VS Code's quick input would show them.
import * as assert from 'node:assert/strict';
import { askLostRows } from '../../../src/operations/bulk/lostRows';
import type { RowStatus } from '../../../src/operations/bulk/state';
import { back, escape, pick, ScriptedPrompter, tick } from '../stockChange/scripted';

function lost(index: number, sku: string, action: 'adjust' | 'set', qty: number, before: number, now?: number): RowStatus {
  const after = action === 'adjust' ? before + qty : qty;
  return { row: { index, line: index + 2, sku, locationCode: 'RUH-WH1', action, qty, before, after, noop: false }, status: { state: 'check', now } };
}

const CHECKS = [lost(0, 'SKU-1', 'adjust', -2, 10, 8), lost(1, 'SKU-2', 'set', 40, 12), lost(2, 'SKU-3', 'adjust', 5, 0, 0)];

describe('operations: deciding the rows whose answer was lost', () => {
  it('ticks every row first, counts its two steps, and records the decision for the rows left ticked', async () => {
    const prompter = new ScriptedPrompter().play(tick('SKU-1 at RUH-WH1: adjust -2', 'SKU-3 at RUH-WH1: adjust +5'), pick('They were applied'));
    const answer = await askLostRows(prompter, CHECKS);
    assert.deepEqual(prompter.errors, []);
    const [rows] = prompter.pickManys();
    assert.deepEqual(rows.ticked, rows.labels, 'all are chosen to begin with');
    assert.equal(rows.labels[1], 'SKU-2 at RUH-WH1: set 40');
    assert.deepEqual([rows.request.step, rows.request.totalSteps, rows.request.canGoBack], [1, 2, false]);
    const [decision] = prompter.picks();
    assert.deepEqual([decision.request.step, decision.request.totalSteps, decision.request.canGoBack], [2, 2, true]);
    assert.equal(decision.request.placeholder, '2 rows whose answer was lost: What happened to them?');
    assert.equal(answer?.as, 'applied');
    assert.deepEqual(answer?.rows.map(({ row }) => row.sku), ['SKU-1', 'SKU-3']);
  });

  it('goes Back from the decision to the rows, with the rows chosen still ticked', async () => {
    const prompter = new ScriptedPrompter().play(tick('SKU-2 at RUH-WH1: set 40'), back, tick('SKU-2 at RUH-WH1: set 40', 'SKU-1 at RUH-WH1: adjust -2'), pick('Send them again'));
    const answer = await askLostRows(prompter, CHECKS);
    assert.deepEqual(prompter.errors, []);
    assert.deepEqual(prompter.pickManys()[1].ticked, ['SKU-2 at RUH-WH1: set 40']);
    assert.equal(answer?.as, 'resend');
    assert.deepEqual(answer?.rows.map(({ row }) => row.sku), ['SKU-1', 'SKU-2']);
  });

  it('decides nothing when none is ticked, or on Escape at either step', async () => {
    for (const script of [[tick()], [escape], [tick('SKU-1 at RUH-WH1: adjust -2'), escape]]) {
      const prompter = new ScriptedPrompter().play(...script);
      assert.equal(await askLostRows(prompter, CHECKS), undefined);
      assert.deepEqual(prompter.errors, []);
      assert.deepEqual(prompter.remaining, []);
    }
  });
});
