// The packing queue in a real VS Code, on the extension's own in-process sandbox: the command
// opens one panel per warehouse, the page shows the sandbox's orders, and an order marked packed
// leaves the queue after a refresh.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { OtoClient } from '../../src/client';
import { activateExtension } from './support/extension';
import { screenshot, useTheme } from './support/screenshot';
import { finished, press, quickInput, typeText, uiAvailable, waitFor, webviewAttributes, webviewClick, webviewTexts } from './support/ui';

function packingTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('oto.packing'));
}

async function sandboxClient(): Promise<OtoClient> {
  await vscode.commands.executeCommand('oto.copySandboxBaseUrl');
  const baseUrl = await vscode.env.clipboard.readText();
  await vscode.commands.executeCommand('oto.copySandboxRefreshToken');
  const refreshToken = await vscode.env.clipboard.readText();
  assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/rest\/v2$/);
  return new OtoClient({ baseUrl, refreshToken });
}

/** The texts in the visible webview, or none while no webview shows yet (it appears a moment after its tab). */
function texts(selector: string): Promise<string[]> {
  return webviewTexts(selector).catch(() => []);
}

describe('packing queue in a real VS Code', () => {
  let client: OtoClient;
  let warehouse: { kind: 'warehouse' | 'branch'; code: string; name: string };

  before(async () => {
    await activateExtension();
    assert.strictEqual(vscode.workspace.getConfiguration('oto').get('environment'), 'sandbox');
    client = await sandboxClient();
    const found = (await client.getPickupLocations()).find((location) => location.kind === 'warehouse');
    assert.ok(found);
    warehouse = found;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('opens one panel per warehouse from a Stock-tree row, and reveals it when opened again', async () => {
    const argument = { kind: 'location', location: warehouse };
    await vscode.commands.executeCommand('oto.openPackingQueue', argument);
    // The extension host's tab model follows the workbench's a moment later.
    await waitFor('the packing tab', async () => packingTabs(), (tabs) => tabs.length > 0);
    await vscode.commands.executeCommand('oto.openPackingQueue', argument);
    // A tab the second call opened would reach the tab model before one opened after it.
    await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
    await waitFor('the untitled tab opened after it', async () => vscode.window.tabGroups.all.flatMap((group) => group.tabs), (all) => all.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'untitled'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    const tabs = packingTabs();
    assert.strictEqual(tabs.length, 1, JSON.stringify(vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label))));
    assert.strictEqual(tabs[0].label, `Packing: ${warehouse.name}`);
  });

  if (uiAvailable()) {
    it('shows the warehouse’s orders, and a packed order leaves the queue after refresh', async () => {
      const listed = (await client.getPackingOrders(warehouse.code)).map((order) => order.orderId);
      assert.ok(listed.length > 1);
      const ids = (): Promise<string[]> => texts('.card:not([hidden]) .order-id span:last-child');
      await waitFor('the queue in the webview', ids, (shown) => shown.length === listed.length);
      assert.deepStrictEqual(await ids(), listed);
      assert.deepStrictEqual(await webviewTexts('.queue-header .code'), [warehouse.code]);
      for (const theme of ['dark', 'light', 'high-contrast'] as const) {
        await useTheme(theme);
        await waitFor(`the queue page in the ${theme} theme`, () => webviewAttributes('body', 'data-vscode-theme-kind').catch(() => []), (kinds) => kinds[0] === `vscode-${theme}`);
        await screenshot(`packing-${theme}`);
      }
      await useTheme('light');

      // Badges come from each order's packing history, before any Details is opened.
      const states: string[] = [];
      for (const orderId of listed) {
        const history = (await client.getOrderDetails(orderId)).packingStatusHistory.map((entry) => entry.packingStatus);
        states.push(history.find((status) => status === 'picked' || status === 'packed') ?? 'ready');
      }
      const words: Record<string, string> = { ready: 'Ready', picked: 'Picked', packed: 'Packed' };
      assert.ok(states.includes('picked'), 'the sandbox seeds orders picked elsewhere');
      await waitFor('badges from the history', () => texts('.card .badge'), (badges) => JSON.stringify(badges) === JSON.stringify(states.map((state) => words[state])));

      const target = listed[states.indexOf('ready')];
      const first = `.card[data-order-id="${target}"]`;
      await webviewClick(`${first} [data-action="pick"]`);
      await waitFor('the picked badge', () => texts(`${first} .badge`), (badge) => badge[0] === 'Picked');
      await webviewClick(`${first} [data-action="pack"]`);
      await waitFor('the packed badge', () => texts(`${first} .badge`), (badge) => badge[0] === 'Packed');
      const history = (await client.getOrderDetails(target)).packingStatusHistory.map((entry) => entry.packingStatus);
      assert.deepStrictEqual(history.slice(0, 2), ['packed', 'picked']);

      await webviewClick('.queue-header [data-action="refresh"]');
      await waitFor('the packed order to leave', ids, (shown) => shown.length === listed.length - 1);
      assert.deepStrictEqual(await ids(), listed.filter((orderId) => orderId !== target));
    });

    it('asks for the warehouse when run from the palette, and opens its queue', async () => {
      const warehouses = (await client.getPickupLocations()).filter((location) => location.kind === 'warehouse');
      const other = warehouses.find((candidate) => candidate.code !== warehouse.code);
      assert.ok(other, 'the sandbox has a second warehouse');
      const opening = vscode.commands.executeCommand('oto.openPackingQueue');
      const picker = await waitFor('the warehouse picker', quickInput, (state) => state.visible && state.items.length > 0);
      assert.ok(picker.visible);
      assert.deepStrictEqual(
        picker.items.map((item) => item.label),
        warehouses.map((candidate) => candidate.name),
      );
      await typeText(other.code);
      await press('Enter');
      await finished('the Open Packing Queue command to finish', opening);
      await waitFor('the second packing tab', async () => packingTabs().length, (count) => count === 2);
      await waitFor('the second queue', () => texts('.queue-header .code'), (codes) => codes[0] === other.code);
    });
  }
});
