// Switching from the sandbox to staging (not signed in) in a real VS Code: the open packing queue
// drops the sandbox's orders and its Mark buttons and asks to sign in, the Stock view empties, and
// the status bar still names the environment. Runs last (file order): switching back starts a new
// sandbox on another port, which the suites before it do not expect.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { startSandbox } from '../../src/sandbox';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { rows } from './support/stockView';
import { answerQuickInput, notificationCenter, pageClick, pageTexts, statusBarTexts, treeRows, uiAvailable, waitFor, webviewAttributes, webviewTexts } from './support/ui';

const texts = (selector: string): Promise<string[]> => webviewTexts(selector).catch(() => []);

if (uiAvailable()) {
  describe('switching environment', () => {
    const oto = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('oto');

    before(async () => {
      await activateExtension();
      assert.strictEqual(oto().get('environment'), 'sandbox');
    });

    after(async () => {
      // The suites after this one take screenshots: the outage notice must not be in them.
      await vscode.commands.executeCommand('notifications.clearAll');
      await oto().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await oto().update('environment', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('shows the new environment everywhere, never the old one’s data with live actions', async () => {
      const { client } = await sandbox();
      const warehouse = (await client.getPickupLocations()).find((location) => location.kind === 'warehouse');
      assert.ok(warehouse);
      await vscode.commands.executeCommand('workbench.view.extension.oto');
      await vscode.commands.executeCommand('oto.openPackingQueue', { kind: 'location', location: warehouse });
      await waitFor('the sandbox’s orders with Mark buttons', () => texts('.card [data-action="pick"]'), (buttons) => buttons.length > 0);
      await waitFor('the sandbox in the status bar', statusBarTexts, (items) => items.some((item) => item.includes('OTO sandbox')));

      await oto().update('environment', 'staging', vscode.ConfigurationTarget.Global);
      const error = await waitFor('the sign-in state in the packing page', () => texts('.state-message.error'), (shown) => shown.some((text) => /Not signed in to OTO staging/.test(text)));
      assert.ok(error.length === 1);
      assert.deepStrictEqual(await texts('.card'), [], 'no order of the sandbox stays on screen');
      assert.deepStrictEqual(await texts('[data-action="pick"], [data-action="pack"]'), [], 'and no Mark button');
      assert.strictEqual((await texts('.state-message.error [data-action="signIn"]')).length, 1);
      const bar = await waitFor('the environment in the status bar', statusBarTexts, (items) => items.some((item) => item.includes('OTO staging · not signed in')));
      assert.ok(!bar.some((item) => item.includes('OTO sandbox')), bar.join(' | '));
      await waitFor('the Stock view to drop the sandbox’s rows', rows, (shown) => shown.length === 0);
      await screenshot('switch-to-staging');
    });

    it('says once, in words, that staging cannot be reached, however many refreshes fail', async () => {
      // "Staging": a sandbox of the test's own on loopback, signed in to, then stopped.
      const staging = await startSandbox({ refreshToken: 'rt-integration-unreachable-0123456789abcdef' });
      await oto().update('baseUrl', staging.baseUrl, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('notifications.clearAll');
      void vscode.commands.executeCommand('oto.signIn', 'staging');
      // Enter only once the box shows the whole token, so a slow workbench cannot lose a key.
      await answerQuickInput('staging', staging.refreshToken, false);
      await waitFor('the sign-in', notificationCenter, (messages) => messages.some((message) => message.includes('Signed in to OTO staging')));
      await waitFor('the staging stock', rows, (shown) => shown.length > 0);
      await staging.close();

      await vscode.commands.executeCommand('notifications.clearAll');
      for (let i = 0; i < 3; i++) {
        await vscode.commands.executeCommand('oto.refresh');
      }
      const said = await waitFor('the outage notice', notificationCenter, (messages) => messages.some((message) => message.includes('cannot be reached')));
      assert.deepStrictEqual(said.filter((message) => message.includes('cannot be reached')), ['OTO staging cannot be reached — check your network or proxy.'], said.join('\n'));
      assert.ok(!said.some((message) => /ECONNREFUSED|ECONNRESET|getaddrinfo|Could not reach/.test(message)), said.join('\n'));
      const issue = await waitFor('the issue row', rows, (shown) => shown.some((row) => row.label.includes("Couldn't read stock")));
      assert.ok(issue.length > 0);
      // The packing tab still open from the test before: the same words, and its Mark buttons held.
      await waitFor('the packing tab’s notice', () => texts('.notice.unreachable .notice-title'), (shown) => shown.includes('OTO staging cannot be reached — check your network or proxy.'));
      const held = await webviewAttributes('.card [data-action="pick"], .card [data-action="pack"]', 'disabled').catch(() => []);
      assert.ok(held.every((disabled) => disabled !== null), `every Mark button disabled: ${JSON.stringify(held)}`);
      await useTheme('light');
      await screenshot('staging-unreachable');
      await useTheme('dark');
      await screenshot('staging-unreachable-dark');

      // The Requests view: the failed reads of those refreshes, each kind once, counted.
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('oto.requests.focus');
      const requests = await waitFor('a counted failed read', () => treeRows('Requests'), (found) => (found ?? []).some((row) => /^network · ×\d+ · /.test(row.description)));
      const failed = (requests ?? []).filter((row) => row.description.startsWith('network'));
      assert.strictEqual(new Set(failed.map((row) => row.label)).size, failed.length, `one row per failing call: ${JSON.stringify(failed)}`);
      await screenshot('requests-outage-dark');
    });

    it('says so when the first load is cancelled, and Refresh loads it', async () => {
      // "Staging" again, answering the sign-in but never the catalogue, until the fault is taken away.
      const staging = await startSandbox({ refreshToken: 'rt-integration-cancelled-0123456789abcdef', faults: [{ endpoint: 'productList', hang: true }] });
      try {
        await oto().update('baseUrl', staging.baseUrl, vscode.ConfigurationTarget.Global);
        await vscode.commands.executeCommand('notifications.clearAll');
        await vscode.commands.executeCommand('workbench.view.extension.oto');
        void vscode.commands.executeCommand('oto.signIn', 'staging');
        await answerQuickInput('staging', staging.refreshToken, false);
        const title = 'Refreshing OTO stock';
        await waitFor('the first load’s notification', notificationCenter, (shown) => shown.some((message) => message.includes(title)));
        await pageClick(`.notification-list-item:has-text("${title}") .monaco-button:has-text("Cancel")`);
        const welcome = await waitFor('the cancelled welcome', () => pageTexts('.pane .welcome-view-content'), (texts) => texts.some((text) => text.includes('Loading was cancelled')));
        assert.ok(welcome.some((text) => text.includes('Refresh')), welcome.join('\n'));
        assert.deepStrictEqual(await rows(), [], 'nothing was read');
        await vscode.commands.executeCommand('notifications.clearAll');
        await useTheme('light');
        await screenshot('stock-load-cancelled-light');
        await useTheme('dark');
        await screenshot('stock-load-cancelled-dark');

        staging.faults.clear();
        await pageClick('.pane .welcome-view-content a:has-text("Refresh")');
        await waitFor('the stock after Refresh', rows, (shown) => shown.length > 0);
        assert.ok(!(await pageTexts('.pane .welcome-view-content')).some((text) => text.includes('Loading was cancelled')));
      } finally {
        await staging.close();
      }
    });
  });
}
