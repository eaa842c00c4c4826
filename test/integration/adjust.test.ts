// "OTO: Adjust Stock…" driven through its real quick picks and input box, from the palette.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot } from './support/screenshot';
import { collapseAll, expandOnly, figuresOf, rows, showStockView, skuRows } from './support/stockView';
import { press, quickInput, typeText, waitFor, type QuickInputState } from './support/ui';

type Shown = Extract<QuickInputState, { visible: true }>;

/** At quick pick step `step` (e.g. `1/3`), types `label` to filter, checks it is the focused item, and accepts it. */
async function choose(step: string, label: string, screenshotName?: string): Promise<void> {
  // The list is virtual: an item further down is only rendered once the filter brings it up.
  await waitFor(`quick pick step ${step}`, quickInput, (state) => state.visible && state.title.includes(`(${step})`) && state.items.length > 0);
  await typeText(label);
  const state = (await waitFor(`${label} to be the focused item`, quickInput, (shown) => shown.visible && shown.items[0]?.label === label && shown.items[0].focused)) as Shown;
  assert.strictEqual(state.items[0].label, label);
  if (screenshotName) {
    await screenshot(screenshotName, 300);
  }
  await press('Enter');
}

describe('adjusting stock through the quick pick', () => {
  before(async () => {
    await activateExtension();
    await showStockView();
  });

  after(collapseAll);

  it('changes the quantity the Stock view shows and the API reports', async () => {
    const { client } = await sandbox();
    const location = (await client.getPickupLocations())[0];
    const locationLabel = location.name || location.code;
    const target = skuRows(await expandOnly(locationLabel))[2];
    const before = figuresOf(target)?.onHand;
    assert.strictEqual(typeof before, 'number', target.description);

    const done = vscode.commands.executeCommand('oto.adjustStock');
    await choose('1/3', locationLabel);
    await choose('2/3', target.label, 'adjust-quick-pick-sku');
    await waitFor('the quantity input box', quickInput, (state) => state.visible && state.items.length === 0 && state.title.includes('(3/3)'));
    await typeText('7');
    await screenshot('adjust-quantity-input', 300);
    await press('Enter');

    const shown = await waitFor(
      `${target.label} to show ${before! + 7} on hand`,
      async () => skuRows(await rows()).find((row) => row.label === target.label),
      (row) => row !== undefined && figuresOf(row)?.onHand === before! + 7,
    );
    assert.strictEqual(figuresOf(shown!)?.onHandChange, 7, shown!.description);
    const stock = await client.checkInventoryStock([target.label], { pickupLocationCode: location.code });
    const entry = Object.values(stock).flat().find((candidate) => candidate.pickupLocationCode === location.code && candidate.sku === target.label);
    assert.strictEqual(entry?.quantityOnHand, before! + 7);
    await screenshot('adjust-done');
    // The flow ends when its "Undo" notification is closed.
    await vscode.commands.executeCommand('notifications.clearAll');
    await done;
  });
});
