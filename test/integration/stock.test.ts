// The Stock view in a real VS Code, on the in-process sandbox: the locations and quantities it
// renders, and a change made to the sandbox from outside showing after a refresh with its mark.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { OtoClient } from '../../src/client';
import { activateExtension } from './support/extension';
import { screenshot } from './support/screenshot';
import { press, quickInput, treeRows, typeText, uiAvailable, waitFor, type TreeRow } from './support/ui';

const VIEW = 'Stock';
const SKU = 'AJW-DATES-500';

async function copied(command: string): Promise<string> {
  await vscode.commands.executeCommand(command);
  return vscode.env.clipboard.readText();
}

function onHandOf(row: TreeRow | undefined): number | undefined {
  const match = row && /(-?\d+)(?: \([+\u2212]\d+\))? on hand/.exec(row.description);
  return match ? Number(match[1]) : undefined;
}

/** The SKU's row under the location group labelled `location`. */
function rowAt(rows: TreeRow[] | undefined, location: string): TreeRow | undefined {
  const at = rows?.findIndex((row) => row.level === 1 && row.label === location) ?? -1;
  return at < 0 ? undefined : rows?.slice(at + 1).find((row) => row.level === 2 && row.label === SKU);
}

if (uiAvailable()) {
  describe('the Stock view in a real VS Code', () => {
    before(async () => {
      await activateExtension();
      await vscode.commands.executeCommand('oto.clearFilter');
      await vscode.commands.executeCommand('oto.groupByLocation');
      await vscode.commands.executeCommand('oto.stock.focus');
    });

    after(() => vscode.commands.executeCommand('oto.clearFilter'));

    it("shows the sandbox's warehouses, branch and no-location group", async () => {
      const rows = await waitFor('the locations', () => treeRows(VIEW), (found) => (found ?? []).some((row) => row.label === '(no location)'));
      const groups = (rows ?? []).filter((row) => row.level === 1).map((row) => [row.label, row.description.replace(/ · \d+ low$/, '')]);
      assert.deepStrictEqual(groups, [
        ['Riyadh Central Warehouse', 'RUH-WH1 · Riyadh'],
        ['Jeddah Port Warehouse', 'JED-WH1 · Jeddah'],
        ['Dammam Eastern Warehouse', 'DMM-WH1 · Dammam'],
        ['Madinah Quba Branch', 'MED-BR1 · Madinah'],
        ['(no location)', 'entries without a location code'],
      ]);
    });

    it('shows a change made to the sandbox from outside after a refresh, with its mark', async () => {
      const filtering = vscode.commands.executeCommand('oto.filter');
      await waitFor('the filter box', quickInput, (state) => state.visible);
      await typeText(SKU);
      await press('Enter');
      await filtering;
      const before = await waitFor(`${SKU} in Riyadh`, () => treeRows(VIEW), (rows) => onHandOf(rowAt(rows, 'Riyadh Central Warehouse')) !== undefined);
      const row = rowAt(before, 'Riyadh Central Warehouse');
      assert.match(row?.description ?? '', /^-?\d+ on hand · -?\d+ forecast · Ajwa Dates 500 g$/);
      const onHand = onHandOf(row) as number;

      const client = new OtoClient({ baseUrl: await copied('oto.copySandboxBaseUrl'), refreshToken: await copied('oto.copySandboxRefreshToken') });
      await client.updateStockQuantity({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty: -5 });
      await vscode.commands.executeCommand('oto.refresh');

      const after = await waitFor('the changed figure', () => treeRows(VIEW), (rows) => onHandOf(rowAt(rows, 'Riyadh Central Warehouse')) === onHand - 5);
      assert.match(rowAt(after, 'Riyadh Central Warehouse')?.description ?? '', new RegExp(`^${onHand - 5} \\(\u22125\\) on hand · .* · Ajwa Dates 500 g$`));
      assert.doesNotMatch(rowAt(after, 'Jeddah Port Warehouse')?.description ?? '', /\(/, 'the other location did not change');
      await screenshot('stock-change-mark');
    });

    it('groups by SKU with global totals and filters to the low-stock SKUs', async () => {
      const client = new OtoClient({ baseUrl: await copied('oto.copySandboxBaseUrl'), refreshToken: await copied('oto.copySandboxRefreshToken') });
      const skus = (await client.listProducts()).map((product) => product.sku);
      const totals = await client.checkGlobalStock(skus);
      const low = Object.values(totals)
        .filter((total) => total.minInventory !== undefined && total.quantityOnHand < total.minInventory)
        .map((total) => total.sku)
        .sort();
      assert.ok(low.length > 0, 'the sandbox has low-stock SKUs');
      await vscode.commands.executeCommand('oto.clearFilter');
      await vscode.commands.executeCommand('oto.groupBySku');
      await vscode.commands.executeCommand('oto.filterLowStock');
      const rows = await waitFor('the low-stock SKUs', () => treeRows(VIEW), (found) => JSON.stringify((found ?? []).filter((row) => row.level === 1).map((row) => row.label)) === JSON.stringify(low));
      for (const row of (rows ?? []).filter((found) => found.level === 1)) {
        assert.match(row.description, new RegExp(`^${totals[row.label].quantityOnHand}(?: \\([+\u2212]\\d+\\))? on hand`), `${row.label} shows its global total`);
      }
      await screenshot('stock-low-by-sku');
      await vscode.commands.executeCommand('oto.groupByLocation');
    });
  });
}
