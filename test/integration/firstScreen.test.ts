// What a new user sees first in the Stock view: every location, collapsed, since the sandbox's
// stock does not fit on one screen; a location the user expands stays expanded across a refresh.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot } from './support/screenshot';
import { figuresOf, rows, STOCK_VIEW } from './support/stockView';
import { clickTreeRow, uiAvailable, waitFor } from './support/ui';

if (uiAvailable()) {
  describe('the first screen of the Stock view', () => {
    before(async () => {
      await activateExtension();
    });

    it('shows every location, collapsed, and keeps what the user expands across a refresh', async () => {
      const locations = await (await sandbox()).client.getPickupLocations();
      await vscode.commands.executeCommand('workbench.view.extension.oto');
      const labels = [...locations.map((location) => location.name || location.code), '(no location)'];
      const shown = await waitFor('every location', rows, (found) => labels.every((label) => found.some((row) => row.label === label)));
      assert.deepStrictEqual(
        shown.map((row) => [row.label, row.level, row.expanded]),
        labels.map((label) => [label, 1, 'false']),
        'all locations on the first screen, none expanded',
      );
      await screenshot('stock-first-screen');

      const second = labels[1];
      await clickTreeRow(STOCK_VIEW, second);
      const expanded = await waitFor(`${second} expanded`, rows, (found) => found.some((row) => row.label === second && row.expanded === 'true') && found.some((row) => row.level === 2));
      // A change made outside the extension, which only the refresh can show: once the tree shows
      // it (or has folded ${second} away), the tree on screen is the refreshed one.
      const changed = expanded.find((row) => row.level === 2)!;
      const onHand = figuresOf(changed)?.onHand;
      assert.ok(onHand !== undefined, `figures in ${JSON.stringify(changed)}`);
      await (await sandbox()).client.updateStockQuantity({ actionType: 'adjust', locationCode: locations[1].code, sku: changed.label, qty: 1 });
      await vscode.commands.executeCommand('oto.refresh');
      const after = await waitFor(
        `the refreshed tree: ${changed.label} at ${onHand + 1}, or ${second} collapsed`,
        rows,
        (found) => found.some((row) => row.label === second && row.expanded === 'false') || found.some((row) => row.level === 2 && row.label === changed.label && figuresOf(row)?.onHand === onHand + 1),
      );
      assert.strictEqual(after.find((row) => row.label === second)?.expanded, 'true', 'still expanded after the refresh');
      assert.strictEqual(after.find((row) => row.label === labels[0])?.expanded, 'false');
      await vscode.commands.executeCommand('workbench.actions.treeView.oto.stock.collapseAll');
    });
  });
}
