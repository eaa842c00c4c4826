// Signing in with a wrong refresh token, through the real input box: refused, nothing stored.
// `oto.baseUrl` points staging at the extension's own sandbox, so the check stays on loopback.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { sandbox } from './support/sandbox';
import { screenshot } from './support/screenshot';
import { notificationCenter, press, quickInput, typeText, uiAvailable, waitFor } from './support/ui';

// Drives the workbench through the UI bridge, which only the code-server launcher provides.
if (uiAvailable()) {
  describe('signing in', () => {
    const oto = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('oto');

    before(async () => {
      await activateExtension();
      const { baseUrl } = await sandbox();
      await oto().update('baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
      assert.strictEqual(oto().get('baseUrl'), baseUrl);
    });

    after(async () => {
      await vscode.commands.executeCommand('notifications.clearAll');
      await oto().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    });

    it('refuses a wrong token, says nothing was stored, and stays on the sandbox', async () => {
      const { refreshToken } = await sandbox();
      const wrong = `${refreshToken}-wrong`;
      void vscode.commands.executeCommand('oto.signIn', 'staging');
      const box = await waitFor('the token input box', quickInput, (state) => state.visible && state.title.includes('staging'));
      assert.ok(box.visible && box.items.length === 0);
      await typeText(wrong);
      await press('Enter');
      // "refused" (not "could not reach") proves the sandbox answered the check.
      const shown = await waitFor('the refusal', notificationCenter, (messages) => messages.some((message) => message.includes('refused this refresh token')));
      assert.ok(shown.some((message) => message.includes('nothing was stored')), shown.join('\n'));
      assert.ok(!shown.some((message) => message.includes(wrong)), 'the token is never shown');
      await screenshot('sign-in-refused');
      assert.strictEqual(oto().get('environment'), 'sandbox');
    });

    it('lists staging as not signed in afterwards, by readable names, the current one marked', async () => {
      await vscode.commands.executeCommand('notifications.clearAll');
      void vscode.commands.executeCommand('oto.selectEnvironment');
      const picker = await waitFor('the environment quick pick', quickInput, (state) => state.visible && state.items.some((item) => item.label.includes('Staging')));
      assert.ok(picker.visible);
      assert.deepStrictEqual(picker.items.map((item) => item.label.trim()), ['Sandbox', 'Staging', 'Production'], 'names, not the setting ids');
      const [sandboxItem, staging] = picker.items;
      assert.strictEqual(staging.description, 'not signed in');
      assert.match(sandboxItem.description, /^current · /);
      assert.ok(sandboxItem.focused, 'the current environment is highlighted when the picker opens');
      await screenshot('environment-picker');
      await press('Escape');
      // The next suite opens quick inputs of its own: this one must be gone first.
      await waitFor('the environment quick pick to close', quickInput, (state) => !state.visible);
    });
  });
}
