// The stock commands through VS Code's real quick input: pick, type and press keys as a user
// would, then see the result in the Stock view and in the sandbox's own answer.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PickupLocation } from '../../src/client';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { expandOnly, figuresOf, rows, skuRows } from './support/stockView';
import { notificationCenter, pageAttributes, press, quickInput, typeText, uiAvailable, waitFor, type QuickInputState } from './support/ui';

type Shown = Extract<QuickInputState, { visible: true }>;

/** The optional reason step after the quantity, counted like the others (`counter`): Enter takes "No reason". */
async function skipReason(counter: string): Promise<void> {
  const shown = await waitFor('the reason pick', quickInput, (state) => visible(state) && state.placeholder.startsWith('Why does the stock change?'));
  assert.ok(visible(shown) && shown.title.includes(counter), shown.visible ? shown.title : 'hidden');
  await press('Enter');
}

function visible(state: QuickInputState): state is Shown {
  return state.visible;
}

async function onHandVia(location: PickupLocation, sku: string): Promise<number> {
  const stock = await (await sandbox()).client.checkInventoryStock([sku], { pickupLocationCode: location.code });
  return stock[sku]?.find((entry) => entry.pickupLocationCode === location.code)?.quantityOnHand ?? 0;
}

function treeShows(sku: string, onHand: number): Promise<unknown> {
  return waitFor(
    `the Stock view to show ${sku} at ${onHand}`,
    async () => skuRows(await rows()).find((row) => row.label === sku),
    (row) => row !== undefined && figuresOf(row)?.onHand === onHand,
  );
}

// Drives the real quick input through the UI bridge, which only the code-server launcher has.
if (uiAvailable()) {
  describe('stock commands in the real quick input', () => {
    let location: PickupLocation;
    let label: string;

    before(async () => {
      await activateExtension();
      // Earlier suites may leave every location collapsed; expandOnly opens the one each test uses.
      await vscode.commands.executeCommand('workbench.view.extension.oto');
      // Not the first location, which the Stock view's own tests watch.
      location = (await (await sandbox()).client.getPickupLocations())[1];
      label = location.name || location.code;
    });

    // Leave the tree as the other suites expect it: every location collapsed.
    after(() => vscode.commands.executeCommand('workbench.actions.treeView.oto.stock.collapseAll'));

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('notifications.hideList');
    });

    it('adjusts from the palette: picks the location and SKU by typing, previews the result, and the tree shows it', async () => {
      const [target] = skuRows(await expandOnly(label));
      const before = await onHandVia(location, target.label);
      void vscode.commands.executeCommand('oto.adjustStock');

      await waitFor('the location pick', quickInput, (state) => visible(state) && state.placeholder === 'Pick a pickup location');
      await typeText(label);
      await waitFor(`${label} first in the pick`, quickInput, (state) => visible(state) && state.items[0]?.label === label);
      await press('Enter');

      const skus = await waitFor('the SKU pick', quickInput, (state) => visible(state) && state.placeholder.startsWith('Pick a SKU'));
      assert.ok(visible(skus) && skus.title.includes('(2/4)'), skus.visible ? skus.title : 'hidden');
      await typeText(target.label);
      const filtered = await waitFor(`${target.label} first in the pick`, quickInput, (state) => visible(state) && state.items[0]?.label === target.label);
      assert.ok(visible(filtered) && filtered.items[0].description === `${before} on hand`, JSON.stringify(filtered));
      await press('Enter');

      const quantity = await waitFor('the quantity box', quickInput, (state) => visible(state) && state.message.startsWith(`On hand of ${target.label}`));
      assert.ok(visible(quantity) && quantity.title.includes('(3/4)'), quantity.visible ? quantity.title : 'hidden');
      await typeText('-4');
      await waitFor(`the preview ${before} → ${before - 4}`, quickInput, (state) => visible(state) && state.message.includes(`${before} → ${before - 4}`));
      await screenshot('adjust-quick-input');
      await press('Enter');
      await skipReason('(4/4)');

      await treeShows(target.label, before - 4);
      await waitFor('the success message with its transaction', notificationCenter, (shown) =>
        shown.some((text) => text.startsWith(`Adjusted ${target.label} at ${label} (${location.code}) by -4: ${before} → ${before - 4}. Transaction `)),
      );
      assert.strictEqual(await onHandVia(location, target.label), before - 4);
      await screenshot('adjust-done');
    });

    it('sets from a SKU row: only the quantity is asked, a bad one is refused with its message, Escape changes nothing', async () => {
      const target = skuRows(await expandOnly(label))[1];
      const before = await onHandVia(location, target.label);
      void vscode.commands.executeCommand('oto.setStock', { kind: 'sku', sku: target.label, locationCode: location.code });

      await waitFor('the quantity box', quickInput, (state) => visible(state) && state.message.startsWith(`On hand of ${target.label}`));
      await typeText('-3');
      await waitFor('the refusal', quickInput, (state) => visible(state) && state.message === 'Stock cannot be set below 0.');
      await press('Enter');
      await press('Escape');
      await waitFor('the box to close', quickInput, (state) => !state.visible);
      assert.strictEqual(await onHandVia(location, target.label), before);

      void vscode.commands.executeCommand('oto.setStock', { kind: 'sku', sku: target.label, locationCode: location.code });
      await waitFor('the quantity box', quickInput, (state) => visible(state) && state.message.startsWith(`On hand of ${target.label}`));
      await typeText(String(before + 2));
      await waitFor('the preview', quickInput, (state) => visible(state) && state.message.includes(`${before} → ${before + 2}`));
      await press('Enter');
      await skipReason('(2/2)');
      await treeShows(target.label, before + 2);
      assert.strictEqual(await onHandVia(location, target.label), before + 2);
    });

    it('lists recent changes each with its icon, the undo too, so the rows line up', async () => {
      const target = skuRows(await expandOnly(label))[1];
      const before = await onHandVia(location, target.label);
      void vscode.commands.executeCommand('oto.adjustStock', { kind: 'sku', sku: target.label, locationCode: location.code });
      await waitFor('the quantity box', quickInput, (state) => visible(state) && state.message.startsWith(`On hand of ${target.label}`));
      await typeText('3');
      await waitFor('the preview', quickInput, (state) => visible(state) && state.message.includes(`${before} → ${before + 3}`));
      await press('Enter');
      await skipReason('(2/2)');
      await treeShows(target.label, before + 3);

      void vscode.commands.executeCommand('oto.showRecentChanges');
      await waitFor('the recent changes', quickInput, (state) => visible(state) && state.title.startsWith('Recent Changes') && state.items.length > 0);
      await press('Enter');
      await waitFor('the actions', quickInput, (state) => visible(state) && state.items.some((item) => item.label.includes('Undo this change')));
      await press('Enter');
      await treeShows(target.label, before);

      await vscode.commands.executeCommand('notifications.clearAll');
      void vscode.commands.executeCommand('oto.showRecentChanges');
      const list = await waitFor('the list with the undo first', quickInput, (state) => visible(state) && state.title.startsWith('Recent Changes') && (state.items[0]?.description.includes('(undo)') ?? false));
      assert.ok(visible(list));
      const icons = await pageAttributes('.quick-input-list .monaco-list-row .label-name .codicon', 'class');
      const rowsShown = await pageAttributes('.quick-input-list .monaco-list-row', 'aria-label');
      assert.strictEqual(icons.length, rowsShown.length, `an icon on every row: ${icons.join(' | ')}`);
      assert.ok(icons[0]?.includes('codicon-discard'), `the undo's icon: ${icons[0]}`);
      for (const theme of ['light', 'dark'] as const) {
        await useTheme(theme);
        await screenshot(`recent-changes-${theme}`);
      }
      await useTheme('light');
      await press('Escape');
    });
  });
}
