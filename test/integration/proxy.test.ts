// The recording proxy in a real VS Code: started from the palette through its two quick picks,
// in front of a sandbox on loopback standing in for staging (the oto.baseUrl override points
// there), then used by plain Node as an ERP would; the Sandbox Traffic view and the status bar follow its traffic.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { activateExtension } from './support/extension';
import { screenshot } from './support/screenshot';
import { finished, notificationCenter, press, quickInput, statusBarTexts, treeRows, typeText, uiAvailable, waitFor } from './support/ui';
import { received } from '../unit/fakes/journal';

async function pick(title: RegExp, item: string): Promise<void> {
  await waitFor(`the quick pick ${title}`, quickInput, (state) => state.visible && title.test(state.title));
  await typeText(item);
  await waitFor(`"${item}" in ${title}`, quickInput, (state) => state.visible && state.items.some((entry) => entry.focused && entry.label.includes(item)));
  await press('Enter');
}

// Drives quick picks: registered only with the UI bridge (index.ts says loudly when it is missing).
if (uiAvailable()) {
  describe('recording proxy in a real VS Code', function () {
    this.timeout(120_000);
    let staging: RunningSandbox;
    const config = () => vscode.workspace.getConfiguration('oto');

    before(async () => {
      await activateExtension();
      staging = await startSandbox({ refreshToken: 'rt-integration-staging-0123456789abcdef' });
      await config().update('baseUrl', staging.baseUrl, vscode.ConfigurationTarget.Global);
      // Tests never bind fixed ports: 0 picks a free one.
      await config().update('proxy.port', 0, vscode.ConfigurationTarget.Global);
    });

    after(async () => {
      await vscode.commands.executeCommand('oto.stopRecordingProxy');
      await config().update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await config().update('proxy.port', undefined, vscode.ConfigurationTarget.Global);
      await staging?.close();
    });

    it('starts from the palette, forwards an ERP’s request with its own token, counts it and stops', async () => {
      await vscode.commands.executeCommand('notifications.clearAll');
      const started = vscode.commands.executeCommand('oto.startRecordingProxy');
      await pick(/forward to which OTO/, 'Staging');
      await pick(/what happens to writes/, 'writes simulated');
      await finished('the Start Recording Proxy command to finish', started);
      const messages = await waitFor('the proxy’s start message', notificationCenter, (texts) => texts.some((text) => /Recording proxy on http:\/\/127\.0\.0\.1:\d+\/rest\/v2/.test(text)));
      const baseUrl = /(http:\/\/127\.0\.0\.1:\d+\/rest\/v2)/.exec(messages.find((text) => text.includes('Recording proxy on'))!)![1];

      // The ERP: plain Node, its own refresh token for "staging", nothing from the extension.
      const refreshed = await fetch(`${baseUrl}/refreshToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: staging.refreshToken }) });
      const { access_token: token } = (await refreshed.json()) as { access_token: string };
      const stock = await fetch(`${baseUrl}/checkInventoryStock?sku=AJW-DATES-500`, { headers: { Authorization: `Bearer ${token}`, 'User-Agent': 'erp-under-test/1.0' } });
      assert.strictEqual(stock.status, 200);
      const adjust = await fetch(`${baseUrl}/updateStockQuantity`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'User-Agent': 'erp-under-test/1.0' },
        body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: 'AJW-DATES-500', qty: 3 }),
      });
      assert.strictEqual(adjust.status, 200);
      assert.ok(!received(staging).some((request) => request.endpoint === 'updateStockQuantity'), 'a simulated write never reaches staging');
      // The simulation read the locations and the SKU's stock from staging with the ERP's token.
      assert.deepStrictEqual(received(staging).map((request) => request.endpoint), ['refreshToken', 'checkInventoryStock', 'getPickupLocationList', 'checkInventoryStock']);
      assert.ok(received(staging).slice(1).every((request) => request.authorized), 'the ERP’s token, passed through untouched');

      // The same Sandbox Traffic view shows the proxied exchanges, with where they went.
      await vscode.commands.executeCommand('oto.sandboxTraffic.focus');
      const rows = await waitFor('the proxied exchanges in the Sandbox Traffic view', () => treeRows('Sandbox Traffic'), (found) => (found ?? []).some((row) => row.label.includes('POST updateStockQuantity') && row.description.includes('proxy → staging')));
      assert.ok(rows?.some((row) => row.label.includes('GET checkInventoryStock') && row.description.includes('erp-under-test/1.0')));
      await screenshot('proxy-traffic-view');

      const bar = await waitFor('the proxy in the status bar', statusBarTexts, (texts) => texts.some((text) => /OTO proxy → staging · writes simulated · 3/.test(text)));
      assert.ok(bar.some((text) => text.includes('OTO proxy → staging')));
      await screenshot('proxy-status-bar');

      await vscode.commands.executeCommand('oto.stopRecordingProxy');
      await waitFor('the proxy gone from the status bar', statusBarTexts, (texts) => !texts.some((text) => text.includes('OTO proxy')));
      await assert.rejects(fetch(`${baseUrl}/healthCheck`), 'nothing listens once stopped');
    });
  });
}
