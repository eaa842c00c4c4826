// Giving up on a slow read in a real VS Code: a manual refresh of the Stock view under an injected
// latency offers Cancel in a notification; cancelling ends it at once, with no error and the tree
// as it was (the change an ERP made meanwhile is not half-shown).
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { collapseAll, expandOnly, rows, showStockView } from './support/stockView';
import { answerQuickInput, finished, notificationCenter, pageClick, uiAvailable, waitFor } from './support/ui';

const SKU = 'AJW-DATES-500';
const TITLE = 'Refreshing OTO stock';

if (uiAvailable()) {
  describe('cancelling a slow read', () => {
    before(async () => {
      await activateExtension();
    });

    after(async () => {
      await vscode.commands.executeCommand('oto.clearSandboxFaults');
      await vscode.commands.executeCommand('notifications.clearAll');
      // The ERP's change is read in, and the view collapsed, as the suites that follow expect to find it.
      await vscode.commands.executeCommand('oto.refresh');
      await collapseAll();
    });

    it('cancels a manual refresh from its notification: no error toast, the tree unchanged', async () => {
      const { client } = await sandbox();
      const [location] = await client.getPickupLocations();
      await showStockView();
      const before = await expandOnly(location.name || location.code);
      const row = before.find((found) => found.label === SKU);
      assert.ok(row, `${SKU} is shown under ${location.code}`);

      // An ERP changes the stock behind the view's back: a refresh that completed would show it.
      await client.updateStockQuantity({ actionType: 'adjust', locationCode: location.code, sku: SKU, qty: -3 });
      void vscode.commands.executeCommand('oto.injectSandboxFault');
      await answerQuickInput('(1/5)', 'checkInventoryStock');
      await answerQuickInput('(2/5)', 'Added latency');
      await answerQuickInput('(3/6)', '30000', false);
      await answerQuickInput('(4/6)', 'seconds');
      await answerQuickInput('(5/6)', '120', false);
      await answerQuickInput('(6/6)', 'Every client');
      await waitFor('the injected fault', notificationCenter, (shown) => shown.some((message) => message.includes('Sandbox fault injected')));
      await vscode.commands.executeCommand('notifications.clearAll');

      const started = Date.now();
      const refreshing = Promise.resolve(vscode.commands.executeCommand('oto.refresh'));
      await waitFor('the refresh notification', notificationCenter, (shown) => shown.some((message) => message.includes(TITLE)));
      await useTheme('light');
      await screenshot('cancel-refresh-notification-light');
      await useTheme('dark');
      await screenshot('cancel-refresh-notification-dark');
      await pageClick(`.notification-list-item:has-text("${TITLE}") .monaco-button:has-text("Cancel")`);
      await finished('the refresh to end with the cancel', refreshing, 20_000);
      assert.ok(Date.now() - started < 20_000, `the refresh ended with the cancel, ${Date.now() - started} ms after it started, not with the 30 s answer`);

      // The workbench takes the finished progress away a moment after the command has ended.
      const shown = await waitFor('the progress notification to go', notificationCenter, (messages) => !messages.some((message) => message.includes(TITLE)));
      assert.deepStrictEqual(shown, [], 'a cancel is not a failure: no toast');
      const after = await rows();
      assert.deepStrictEqual(after.map((found) => [found.label, found.description]), before.map((found) => [found.label, found.description]), 'the tree as it was');
      await vscode.commands.executeCommand('notifications.hideList');
      await screenshot('cancel-refresh-cancelled');
    });
  });
}
