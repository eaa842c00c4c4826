// The sandbox as an integration workbench, in a real VS Code: a 429 injected through "OTO: Inject
// Sandbox Fault…" for other clients reaches a plain-Node "ERP" with its Retry-After while the
// extension's own refresh is spared; and the stock an ERP changed survives a switch to staging
// and back, on the same port and with the same refresh token.
import * as assert from 'node:assert';
import * as net from 'node:net';
import * as vscode from 'vscode';
import { activateExtension } from './support/extension';
import { forgetSandbox, sandbox } from './support/sandbox';
import { screenshot, useTheme } from './support/screenshot';
import { showStockView } from './support/stockView';
import { answerQuickInput as answer, notificationCenter, pageTexts, press, quickInput, statusBarTexts, uiAvailable, waitFor, type QuickInputState } from './support/ui';

const SKU = 'AJW-DATES-500';

/** The ERP: plain fetch, its own User-Agent, none of the extension's code. */
async function erp(baseUrl: string, refreshToken: string) {
  const tokenAnswer = await fetch(`${baseUrl}/refreshToken`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'User-Agent': 'acme-erp/4.2' },
    body: JSON.stringify({ refresh_token: refreshToken }),
    signal: AbortSignal.timeout(5000),
  });
  assert.strictEqual(tokenAnswer.status, 200);
  const { access_token: token } = (await tokenAnswer.json()) as { access_token: string };
  const headers = { Authorization: `Bearer ${token}`, 'User-Agent': 'acme-erp/4.2', 'Content-Type': 'application/json' };
  return {
    stock: () => fetch(`${baseUrl}/checkInventoryStock?sku=${SKU}&pickupLocationCode=RUH-WH1`, { headers, signal: AbortSignal.timeout(5000) }),
    adjust: (qty: number) =>
      fetch(`${baseUrl}/updateStockQuantity`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ actionType: 'adjust', locationCode: 'RUH-WH1', sku: SKU, qty: String(qty) }),
        signal: AbortSignal.timeout(5000),
      }),
  };
}

async function onHand(answer: Response): Promise<number> {
  assert.strictEqual(answer.status, 200);
  return ((await answer.json()) as { stock: Record<string, Array<{ quantityOnHand: number }>> }).stock[SKU][0].quantityOnHand;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

if (uiAvailable()) {
  describe('sandbox workbench: faults and a state that stays', () => {
    const oto = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('oto');

    before(async () => {
      await activateExtension();
      forgetSandbox();
      assert.strictEqual(oto().get('environment'), 'sandbox');
    });

    after(async () => {
      await vscode.commands.executeCommand('oto.clearSandboxFaults');
      await vscode.commands.executeCommand('notifications.clearAll');
      await oto().update('environment', undefined, vscode.ConfigurationTarget.Global);
      await oto().update('sandbox.port', 0, vscode.ConfigurationTarget.Global);
      forgetSandbox();
    });

    it('injects a 429 for other clients: the ERP gets it with its Retry-After, the extension’s refresh does not', async () => {
      const { baseUrl, refreshToken } = await sandbox();
      await showStockView();
      const client = await erp(baseUrl, refreshToken);
      await vscode.commands.executeCommand('notifications.clearAll');

      void vscode.commands.executeCommand('oto.injectSandboxFault');
      await answer('(1/5)', 'checkInventoryStock');
      await answer('(2/5)', 'Rate limit');
      // A kind with an amount (the Retry-After) makes it a step of its own: six in all.
      await waitFor('the Retry-After box', quickInput, (state: QuickInputState) => state.visible && state.items.length === 0 && state.value === '30');
      await answer('(3/6)', '7', false);
      await answer('(4/6)', 'next');
      await answer('(5/6)', '2', false);
      await answer('(6/6)', 'Other clients');
      const injected = await waitFor('the injected fault', notificationCenter, (shown) => shown.some((message) => message.includes('Sandbox fault injected')));
      assert.ok(
        injected.some((message) => message.includes('429 Retry-After 7 s · checkInventoryStock · 2 requests left · other clients only')),
        injected.join('\n'),
      );
      await vscode.commands.executeCommand('notifications.clearAll');
      await waitFor('the fault in the status bar', statusBarTexts, (items) => items.some((item) => item.includes('1 sandbox fault')));
      await vscode.commands.executeCommand('oto.sandboxTraffic.focus');
      await waitFor('the fault in the Sandbox Traffic view\'s header', () => pageTexts('.pane:has(> .pane-header[aria-label*="Sandbox Traffic"]) .message'),
        (texts) => texts.some((text) => text.includes('429 Retry-After 7 s · checkInventoryStock')));
      await screenshot('sandbox-faults-traffic-view');

      const limited = await client.stock();
      assert.strictEqual(limited.status, 429);
      assert.strictEqual(limited.headers.get('retry-after'), '7');
      assert.deepStrictEqual(await limited.json(), { success: false, otoErrorCode: 'OTO1143', otoErrorMessage: 'Too many request!' });

      // The extension's own refresh reads the same endpoint and is answered: the fault's use is left.
      await vscode.commands.executeCommand('oto.refresh');
      await showStockView();
      void vscode.commands.executeCommand('oto.showSandboxFaults');
      const list = await waitFor('the faults list', quickInput, (state) => state.visible && state.title === 'Active Sandbox Faults' && state.items.length > 0);
      assert.ok(list.visible && list.items[0].label.includes('1 request left'), JSON.stringify(list));
      await useTheme('light');
      await screenshot('sandbox-faults-light');
      await useTheme('dark');
      await screenshot('sandbox-faults-dark');
      await press('Escape');

      assert.strictEqual((await client.stock()).status, 429);
      assert.strictEqual((await client.stock()).status, 200, 'two requests, then the fault is over');
      await waitFor('the status bar item to go', statusBarTexts, (items) => !items.some((item) => item.includes('sandbox fault')));
    });

    it('keeps the stock an ERP changed across a switch to staging and back, on the same port and token', async () => {
      const port = await freePort();
      await oto().update('sandbox.port', port, vscode.ConfigurationTarget.Global);
      // The running sandbox moves to the port when it restarts: after a switch and back.
      await oto().update('environment', 'staging', vscode.ConfigurationTarget.Global);
      await oto().update('environment', 'sandbox', vscode.ConfigurationTarget.Global);
      forgetSandbox();
      const first = await sandbox();
      assert.strictEqual(new URL(first.baseUrl).port, String(port));
      const client = await erp(first.baseUrl, first.refreshToken);
      const before = await onHand(await client.stock());
      assert.strictEqual((await client.adjust(-13)).status, 200);

      await oto().update('environment', 'staging', vscode.ConfigurationTarget.Global);
      await waitFor('the sandbox to stop', () => fetch(`${first.baseUrl}/healthCheck`).then(() => 'up', () => 'down'), (state) => state === 'down');
      await oto().update('environment', 'sandbox', vscode.ConfigurationTarget.Global);
      forgetSandbox();
      const second = await sandbox();
      assert.deepStrictEqual([second.baseUrl, second.refreshToken], [first.baseUrl, first.refreshToken], 'the ERP keeps its configuration');
      assert.strictEqual(await onHand(await (await erp(second.baseUrl, second.refreshToken)).stock()), before - 13);
    });
  });
}
