// The packing queue in a real VS Code, on the extension's own in-process sandbox: the command
// opens one panel per warehouse, the page shows the sandbox's orders, one primary action per card,
// the keyboard's way through it, Packed asked for first (it cannot be undone), and an order marked
// packed leaves the queue after a refresh.
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
      // While a change is in flight the card shows its target state already, with its buttons busy
      // (a click on them is ignored): the next click waits for the card to be settled.
      const settled = `${first}:not(.pending)`;
      await webviewClick(`${first} [data-action="pick"]`);
      await waitFor('the picked badge, the change done', () => texts(`${settled} .badge`), (badge) => badge[0] === 'Picked');
      const picked = (await client.getOrderDetails(target)).packingStatusHistory.map((entry) => entry.packingStatus);
      assert.strictEqual(picked[0], 'picked');

      // Packed cannot be undone: the card says so first, and Cancel changes nothing, here or in OTO.
      await webviewClick(`${first} [data-action="pack"]`);
      const question = await waitFor('the packed confirmation', () => texts(`${first} .confirm .confirm-question`), (shown) => shown.length === 1);
      assert.strictEqual(question[0], 'Mark packed? This cannot be undone.');
      await webviewClick(`${first} [data-action="cancelPack"]`);
      await waitFor('the confirmation to go', () => texts(`${first} .confirm`), (shown) => shown.length === 0);
      assert.deepStrictEqual(await texts(`${first} .badge`), ['Picked']);
      assert.deepStrictEqual(await texts(`${first} [data-action="pack"]`), ['Mark packed']);
      assert.deepStrictEqual((await client.getOrderDetails(target)).packingStatusHistory.map((entry) => entry.packingStatus), picked);

      await webviewClick(`${first} [data-action="pack"]`);
      await webviewClick(`${first} [data-action="confirmPack"]`);
      await waitFor('the packed badge, the change done', () => texts(`${settled} .badge`), (badge) => badge[0] === 'Packed');
      const history = (await client.getOrderDetails(target)).packingStatusHistory.map((entry) => entry.packingStatus);
      assert.deepStrictEqual(history.slice(0, 2), ['packed', 'picked']);

      await webviewClick('.queue-header [data-action="refresh"]');
      await waitFor('the packed order to leave', ids, (shown) => shown.length === listed.length - 1);
      assert.deepStrictEqual(await ids(), listed.filter((orderId) => orderId !== target));
    });

    it('has one primary action per card, ArrowDown from the search box to the first card, Tab to the Mark buttons before Details', async () => {
      const listed = await client.getPackingOrders(warehouse.code);
      const ids = listed.map((order) => order.orderId);
      // Whatever an earlier test left on screen, the page shows the queue as it is now.
      await webviewClick('.queue-header [data-action="refresh"]');
      await waitFor('the queue in the webview', () => texts('.card:not([hidden]) .order-id span:last-child'), (shown) => JSON.stringify(shown) === JSON.stringify(ids));
      const badges = await waitFor('every badge known', () => texts('.card .badge'), (shown) => shown.length === ids.length && !shown.includes('State unknown'));
      // The one primary button of each card is its next step: picking, then packing; a packed card has none.
      const next: Record<string, string[]> = { Ready: ['pick'], Picked: ['pack'], Packed: [] };
      for (const [index, orderId] of ids.entries()) {
        const primaries = await webviewAttributes(`.card[data-order-id="${orderId}"] .button:not(.secondary)`, 'data-action');
        assert.deepStrictEqual(primaries, next[badges[index]], `order ${orderId} (${badges[index]})`);
      }
      const focus = async (): Promise<string> => {
        const [card] = await webviewAttributes('.card:focus-within', 'data-order-id');
        const [action] = await webviewAttributes(':focus', 'data-action');
        const [type] = await webviewAttributes(':focus', 'type');
        return card ? `${card}/${action}` : `${type}`;
      };
      await webviewClick('input[type="search"]');
      await waitFor('focus in the search box', focus, (where) => where === 'search');
      await press('ArrowDown');
      await waitFor('focus on the first card’s next step', focus, (where) => where === `${ids[0]}/${next[badges[0]][0] ?? 'toggleDetails'}`);
      await press('ArrowUp');
      await waitFor('focus back in the search box', focus, (where) => where === 'search');

      // Tab from the search box: each card's Mark buttons, then (the sandbox) Advance status…, then its Details.
      const stops: Record<string, string[]> = { Ready: ['pick', 'pack', 'advance', 'toggleDetails'], Picked: ['pack', 'advance', 'toggleDetails'], Packed: ['advance', 'toggleDetails'] };
      const expected = ids.flatMap((orderId, index) => stops[badges[index]].map((action) => `${orderId}/${action}`)).slice(0, 6);
      const seen: string[] = [];
      for (const stop of expected) {
        await press('Tab');
        seen.push(await waitFor(`focus on ${stop}`, focus, (where) => where === stop));
      }
      assert.deepStrictEqual(seen, expected);

      // The keyboard's way to pack: Enter asks first, with a visible focus on the question's button, and Escape takes it back.
      const pickedIndex = badges.indexOf('Picked');
      assert.ok(pickedIndex >= 0, 'the sandbox seeds a picked order');
      const pickedId = ids[pickedIndex];
      const card = `.card[data-order-id="${pickedId}"]`;
      await webviewClick('input[type="search"]');
      await typeText(pickedId);
      await waitFor('the search to show that order first', () => texts('.card:not([hidden]) .order-id span:last-child'), (shown) => shown[0] === pickedId);
      await press('ArrowDown');
      await waitFor('focus on its Mark packed', focus, (where) => where === `${pickedId}/pack`);
      await press('Enter');
      await waitFor('focus on the confirmation’s Mark packed', focus, (where) => where === `${pickedId}/confirmPack`);
      assert.deepStrictEqual(await texts(`${card} .confirm-question`), ['Mark packed? This cannot be undone.']);
      const outline = await webviewAttributes(`${card} [data-action="confirmPack"]:focus-visible`, 'data-action');
      assert.deepStrictEqual(outline, ['confirmPack'], 'the focused button shows its focus');
      await press('Escape');
      await waitFor('the confirmation to go', () => texts(`${card} .confirm`), (shown) => shown.length === 0);
      await waitFor('focus back on Mark packed', focus, (where) => where === `${pickedId}/pack`);
      assert.deepStrictEqual(await texts(`${card} .badge`), ['Picked']);
      assert.strictEqual((await client.getOrderDetails(pickedId)).packingStatusHistory[0]?.packingStatus, 'picked');

      // Pictures of the question with keyboard focus, in each kind of theme, over the whole queue: Escape
      // in the search box clears it, and ArrowDown goes card by card (to Mark packed on a picked one).
      await webviewClick('input[type="search"]');
      await press('Escape');
      await waitFor('the whole queue again', () => texts('.card:not([hidden])'), (shown) => shown.length === ids.length);
      for (let index = 0; index <= pickedIndex; index++) {
        await press('ArrowDown');
      }
      await waitFor('focus on its Mark packed', focus, (where) => where === `${pickedId}/pack`);
      await press('Enter');
      await waitFor('the question with focus', focus, (where) => where === `${pickedId}/confirmPack`);
      for (const theme of ['light', 'dark', 'high-contrast'] as const) {
        await useTheme(theme);
        await waitFor(`the page in the ${theme} theme`, () => webviewAttributes('body', 'data-vscode-theme-kind').catch(() => []), (kinds) => kinds[0] === `vscode-${theme}`);
        await screenshot(`packing-confirm-${theme}`);
      }
      await useTheme('light');
      await press('Escape');
      await waitFor('the confirmation to go', () => texts(`${card} .confirm`), (shown) => shown.length === 0);
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
