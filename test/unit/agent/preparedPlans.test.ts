// The plans VS Code's confirmation showed, kept until the tool is invoked: what the user confirmed
// is what is sent, however long the confirmation stayed open; a plan let go is made again and asked.
import * as assert from 'node:assert';
import { applyPlan, findTool, planWrite, type WriteTool } from '../../../src/agent/core';
import { MAX_PLANS, PLAN_TTL_MS, PreparedPlans } from '../../../src/agent/vscode/preparedPlans';
import { setupAgent, type AgentFixture } from './support';

describe('agent tools in VS Code: the plans a confirmation showed', () => {
  let fx: AgentFixture;
  let now = 0;
  beforeEach(async () => {
    fx = await setupAgent();
    now = 1_000_000;
  });
  afterEach(() => fx.close());

  it('a confirmation left open past the keeping time still sends the plan it showed, which refuses once the figure moved (never a new plan unseen)', async () => {
    const tool = findTool('oto_set_stock') as WriteTool;
    const plans = new PreparedPlans(() => now);
    const shown = await planWrite(fx.ctx, tool, { location: 'RUH-WH1', sku: 'KHL-DATES-3KG', qty: 40, reason: 'cycle count' });
    assert.ok('plan' in shown);
    plans.remember('set', { plan: shown.plan });
    // The user reads the confirmation for six minutes; meanwhile another writer changes the stock.
    now += PLAN_TTL_MS + 60_000;
    await fx.client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'KHL-DATES-3KG', qty: 4 });
    const taken = plans.take('set');
    assert.ok(taken && 'plan' in taken, 'the shown plan is still there');
    assert.strictEqual(taken.plan, shown.plan);
    const answer = await applyPlan(fx.ctx, tool, taken.plan);
    assert.strictEqual(answer.isError, true);
    assert.match(answer.text, /RUH-WH1 · KHL-DATES-3KG is \d+ now, not the \d+ the change was prepared from, so nothing was sent/);
    assert.strictEqual(fx.sent('updateStockQuantity'), 1, 'only the other writer\'s change');
    assert.strictEqual(plans.take('set'), undefined, 'taken once');
  });

  it('lets go of old plans only when new ones come, and keeps at most MAX_PLANS', () => {
    const plans = new PreparedPlans(() => now);
    plans.remember('old', { error: 'x' });
    now += PLAN_TTL_MS + 1;
    assert.strictEqual(plans.size, 1, 'nothing is let go on its own');
    plans.remember('new', { error: 'y' });
    assert.strictEqual(plans.take('old'), undefined, 'let go once a new plan came: the caller plans again and asks');
    assert.deepStrictEqual(plans.take('new'), { error: 'y' });
    for (let index = 0; index < MAX_PLANS * 3; index += 1) {
      plans.remember(`k${index}`, { error: String(index) });
    }
    assert.ok(plans.size <= MAX_PLANS, String(plans.size));
    assert.deepStrictEqual(plans.take(`k${MAX_PLANS * 3 - 1}`), { error: String(MAX_PLANS * 3 - 1) });
  });
});
