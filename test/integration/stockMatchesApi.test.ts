// The Stock view against the sandbox the extension runs: what it shows is what the API says.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import type { PickupLocation } from '../../src/client';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { collapseAll, expandOnly, figuresOf, rows, showStockView, skuRows } from './support/stockView';
import { uiAvailable, waitFor } from './support/ui';

/** Every SKU of the catalogue with its figures at `location`, sorted by SKU as the tree sorts them. */
async function stockAt(location: PickupLocation): Promise<Array<{ sku: string; onHand: number; forecast: number }>> {
  const { client } = await sandbox();
  const skus = (await client.listProducts()).map((product) => product.sku);
  const stock = await client.checkInventoryStock(skus, { pickupLocationCode: location.code });
  return Object.values(stock)
    .flat()
    .filter((entry) => entry.pickupLocationCode === location.code)
    .map(({ sku, quantityOnHand, quantityForecasted }) => ({ sku, onHand: quantityOnHand, forecast: quantityForecasted }))
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

// Drives the workbench through the UI bridge, which only the code-server launcher provides.
if (uiAvailable()) {
  describe('the Stock view', () => {
    let locations: PickupLocation[];

    before(async () => {
      await activateExtension();
      await showStockView();
      locations = await (await sandbox()).client.getPickupLocations();
      assert.ok(locations.length > 1, 'the sandbox has several pickup locations');
    });

    after(collapseAll);

    it("shows the sandbox's locations, in the API's order", async () => {
      await vscode.commands.executeCommand('workbench.actions.treeView.oto.stock.collapseAll');
      const shown = await waitFor('one row per location', rows, (all) => all.length >= locations.length && all.every((row) => row.level === 1));
      assert.deepStrictEqual(
        shown.slice(0, locations.length).map((row) => row.label),
        locations.map((location) => location.name || location.code),
      );
    });

    it("shows each SKU of a location with the API's quantities, in light and dark", async () => {
      const location = locations[0];
      const expected = await stockAt(location);
      assert.ok(expected.length > 3, `${location.code} holds stock`);
      const shown = skuRows(await expandOnly(location.name || location.code));
      assert.ok(shown.length > 3, 'several SKU rows are rendered');
      // The tree is virtual: the rendered rows are the first ones of the location, in SKU order.
      assert.deepStrictEqual(
        shown.map((row) => ({ sku: row.label, onHand: figuresOf(row)?.onHand, forecast: figuresOf(row)?.forecast ?? figuresOf(row)?.onHand })),
        // A forecast equal to on hand is left out of the row (it is in the tooltip).
        expected.slice(0, shown.length),
      );
      await useTheme('light');
      await screenshot('stock-tree-light');
      await useTheme('dark');
      await screenshot('stock-tree-dark');
    });

    it('shows a change made outside the extension after a refresh, with its change mark', async () => {
      const location = locations[0];
      const { client } = await sandbox();
      const [, target, other] = skuRows(await expandOnly(location.name || location.code));
      const before = figuresOf(target);
      assert.ok(before, `figures in ${JSON.stringify(target)}`);
      const otherBefore = figuresOf(other);
      assert.ok(otherBefore, `figures in ${JSON.stringify(other)}`);
      await client.updateStockQuantity({ actionType: 'adjust', locationCode: location.code, sku: target.label, qty: -3 });
      await vscode.commands.executeCommand('oto.refresh');
      const after = await waitFor(
        `${target.label} to show ${before.onHand - 3} with its −3 mark`,
        async () => skuRows(await rows()).find((row) => row.label === target.label),
        (row) => row !== undefined && figuresOf(row)?.onHand === before.onHand - 3,
      );
      assert.strictEqual(figuresOf(after!)?.onHandChange, -3, after!.description);
      // The next (auto-)refresh keeps the mark: it lasts oto.changeMarkMinutes (10) after the change was seen.
      // A change to another row, which only that refresh can show, tells when the tree on screen is the refreshed one.
      await client.updateStockQuantity({ actionType: 'adjust', locationCode: location.code, sku: other.label, qty: -1 });
      await vscode.commands.executeCommand('oto.refresh');
      const refreshed = await waitFor(
        `the next refresh to show ${other.label} at ${otherBefore.onHand - 1}`,
        async () => skuRows(await rows()),
        (shown) => shown.some((row) => row.label === other.label && figuresOf(row)?.onHand === otherBefore.onHand - 1),
      );
      const kept = refreshed.find((row) => row.label === target.label);
      assert.strictEqual(kept && figuresOf(kept)?.onHandChange, -3, `still marked after another refresh: ${kept?.description}`);
      await screenshot('stock-change-mark');
    });
  });
}
