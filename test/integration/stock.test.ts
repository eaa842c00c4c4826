// The Stock view's groups, filters and SKU grouping in a real VS Code, checked against what the
// in-process sandbox's API says. (Figures and change marks: stockMatchesApi.test.ts.)
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot } from './support/screenshot';
import { figuresOf, rows, showStockView } from './support/stockView';
import { finished, pageAttributes, pageTexts, press, quickInput, typeText, uiAvailable, waitFor } from './support/ui';

const SKU = 'AJW-DATES-500';

if (uiAvailable()) {
  describe("the Stock view's groups and filters", () => {
    before(async () => {
      await activateExtension();
      await vscode.commands.executeCommand('oto.clearFilter');
      await vscode.commands.executeCommand('oto.groupByLocation');
      await showStockView();
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('oto.clearFilter');
      await vscode.commands.executeCommand('oto.groupByLocation');
    });

    it('shows each location with its code (low count first), and the no-location group last', async () => {
      const locations = await (await sandbox()).client.getPickupLocations();
      await vscode.commands.executeCommand('workbench.actions.treeView.oto.stock.collapseAll');
      const shown = await waitFor('collapsed locations', rows, (found) => found.some((row) => row.label === '(no location)') && found.every((row) => row.level === 1));
      assert.deepStrictEqual(
        shown.map((row) => [row.label, row.description.replace(/^\d+ low · /, '')]),
        [...locations.map((location) => [location.name, location.code]), ['(no location)', 'entries without a location code']],
      );
    });

    it('narrows to the SKU typed in the filter box, under every location that holds it', async () => {
      const { client } = await sandbox();
      const locations = await client.getPickupLocations();
      const entries = (await client.checkInventoryStock([SKU]))[SKU];
      const expected = locations.flatMap((location) => entries.filter((entry) => entry.pickupLocationCode === location.code).map((entry) => [location.name, entry.quantityOnHand]));
      assert.ok(expected.length > 1, `${SKU} is held in several locations`);

      await waitFor('no quick input left open by an earlier test', quickInput, (state) => !state.visible);
      const filtering = vscode.commands.executeCommand('oto.filter');
      await waitFor('the filter box', quickInput, (state) => state.visible && state.title === 'Filter stock');
      await typeText(SKU);
      // Live: the rows narrow while the box is still open.
      const shown = await waitFor(`only ${SKU}`, rows, (found) => found.filter((row) => row.level === 2).length === expected.length && found.every((row) => row.level === 1 || row.label === SKU));
      assert.ok((await quickInput()).visible, 'the filter box is still open');
      await press('Enter');
      await finished('the Filter Stock command to finish', filtering);
      const pairs = shown.flatMap((row, index) => (row.level === 1 ? [[row.label, figuresOf(shown[index + 1])?.onHand]] : []));
      assert.deepStrictEqual(pairs, expected);
      assert.match(shown[1].description, / · Ajwa Dates 500 g$/);
      // The SKU row's inline actions, as the README lists them.
      const actions = await pageAttributes(`.pane:has(> .pane-header[aria-label*="Stock" i]) .monaco-list-row[aria-level="2"] .actions .action-label`, 'aria-label');
      assert.deepStrictEqual(actions.slice(0, 3), ['Adjust Stock…', 'Set Stock…', 'Copy SKU']);
    });

    it('says when the filter matches nothing, with a Clear Filter button, and Escape puts the last filter back', async () => {
      await waitFor('no quick input left open by an earlier test', quickInput, (state) => !state.visible);
      const filtering = vscode.commands.executeCommand('oto.filter');
      await waitFor('the filter box', quickInput, (state) => state.visible && state.title === 'Filter stock');
      await typeText('NO-SUCH-SKU-ANYWHERE');
      const welcome = await waitFor('the no-match welcome', () => pageTexts('.pane .welcome-view-content'), (texts) => texts.some((text) => text.includes('No SKU matches the filter.')));
      assert.ok(welcome.some((text) => text.includes('Clear Filter')), welcome.join('\n'));
      await screenshot('stock-filter-no-match');
      await press('Escape');
      await filtering;
      await waitFor('every location back', rows, (found) => found.some((row) => row.label === '(no location)'));
      await waitFor('the welcome gone', () => pageTexts('.pane .welcome-view-content'), (texts) => !texts.some((text) => text.includes('No SKU matches')));
    });

    it('groups by SKU with global totals and filters to the low-stock SKUs', async () => {
      const { client } = await sandbox();
      const totals = await client.checkGlobalStock((await client.listProducts()).map((product) => product.sku));
      const low = Object.values(totals)
        .filter((total) => total.minInventory !== undefined && total.quantityOnHand < total.minInventory)
        .map((total) => total.sku)
        .sort();
      assert.ok(low.length > 0, 'the sandbox has low-stock SKUs');

      await vscode.commands.executeCommand('oto.groupBySku');
      await vscode.commands.executeCommand('oto.filterLowStock');
      const shown = await waitFor('the low-stock SKUs', rows, (found) => JSON.stringify(found.filter((row) => row.level === 1).map((row) => row.label)) === JSON.stringify(low));
      for (const row of shown.filter((found) => found.level === 1)) {
        assert.strictEqual(figuresOf(row)?.onHand, totals[row.label].quantityOnHand, `${row.label} shows its global total: ${row.description}`);
      }
      await screenshot('stock-low-by-sku');
    });

    it('reveals a SKU the low-stock filter hides: the filter goes and its row under the first location holding it is selected', async () => {
      const { client } = await sandbox();
      const total = (await client.checkGlobalStock([SKU]))[SKU];
      assert.ok(total.minInventory === undefined || total.quantityOnHand >= total.minInventory, `${SKU} is not low, so the filter hides it`);
      const locations = await client.getPickupLocations();
      const entries = (await client.checkInventoryStock([SKU]))[SKU];
      const first = locations.map((location) => entries.find((entry) => entry.pickupLocationCode === location.code)).find((entry) => entry !== undefined);
      assert.ok(first, `${SKU} is held at a listed location`);

      await vscode.commands.executeCommand('oto.filterLowStock');
      await waitFor(`${SKU} hidden`, rows, (found) => found.length > 0 && !found.some((row) => row.label === SKU));
      await vscode.commands.executeCommand('oto.revealSku', { kind: 'sku', sku: SKU, name: 'Ajwa Dates 500 g' });
      const shown = await waitFor(`${SKU} selected`, rows, (found) => found.some((row) => row.selected && row.label === SKU));
      const selected = shown.filter((row) => row.selected);
      assert.strictEqual(selected.length, 1);
      assert.strictEqual(figuresOf(selected[0])?.onHand, first.quantityOnHand, `the row at ${first.pickupLocationCode}: ${selected[0].description}`);
    });
  });
}
